export { placeHostEarly } from './address-overlay';
export { type PageDetection, type PageDetectionOptions, startPageDetection } from './detection';
export { type ActivationKind, type AddressStatus, createHighlighter, type Highlighter } from './highlighter';
export {
  createOccurrenceIndex,
  type EmailChange,
  type Occurrence,
  type OccurrenceDelta,
  type OccurrenceIndex,
} from './occurrence-index';
export { isOwnUi, OWN_UI_ATTRIBUTE } from './own-ui';
export { type PageScan, type PageScanOptions, type ScanStats, startPageScan } from './page-scanner';
export type { ScanReporter } from './reporter';
