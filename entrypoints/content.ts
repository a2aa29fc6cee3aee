export default defineContentScript({
  // Registered at runtime (scripting.registerContentScripts) only for sites the agent enabled.
  registration: 'runtime',
  matches: [],
  main() {},
});
