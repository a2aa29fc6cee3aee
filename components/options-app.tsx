/** Root of the options page. */
export function OptionsApp() {
  return (
    <>
      <header class="app-header">
        <img src="/icon/32.png" alt="" width={20} height={20} />
        <h1>Kustomer Sidebar options</h1>
      </header>
      <main class="app-main">
        <section aria-labelledby="connection-title">
          <h2 id="connection-title">Connection</h2>
          <p>Not connected to Kustomer.</p>
        </section>
      </main>
    </>
  );
}
