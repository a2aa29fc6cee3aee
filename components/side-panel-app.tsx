import { browser } from 'wxt/browser';

/** Root of the side panel: header and, until a connection exists, the "not connected" state. */
export function SidePanelApp() {
  return (
    <>
      <header class="app-header">
        <img src="/icon/32.png" alt="" width={20} height={20} />
        <h1>Kustomer Sidebar</h1>
      </header>
      <main class="app-main">
        <section class="empty-state" aria-labelledby="not-connected-title">
          <h2 id="not-connected-title">Not connected to Kustomer</h2>
          <p>Connect with an API key or sign in to see who your customers are.</p>
          <button type="button" class="primary" onClick={() => browser.runtime.openOptionsPage()}>
            Connect to Kustomer
          </button>
        </section>
      </main>
    </>
  );
}
