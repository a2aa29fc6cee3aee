/** The tab a context-menu click or a keyboard command happened in (`tabs.Tab`, reduced to what we read). */
export interface GestureTab {
  id?: number;
  url?: string;
  title?: string;
}
