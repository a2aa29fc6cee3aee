import { browser } from 'wxt/browser';

export default defineBackground(() => {
  // The toolbar button opens the panel instead of a popup: agents keep it open beside their work.
  browser.sidePanel.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => undefined);
});
