/** The protocol's request types as tests name them; shared by unit and e2e tests. */

/** Every request type of lib/messaging/protocol.ts `REQUESTS` (a unit test keeps this list in step). */
export const REQUEST_TYPES = [
  'getConnections',
  'connectWithApiKey',
  'connectWithOAuth',
  'testConnection',
  'updateConnection',
  'moveConnection',
  'signOut',
  'lookupEmail',
  'lookupPhone',
  'searchCustomers',
  'getCustomer',
  'getCustomerActivity',
  'getCompany',
  'listConversations',
  'getConversation',
  'listUsers',
  'listSubStatuses',
  'listKObjects',
  'getCustomerHistory',
  'listKlassForms',
  'getPageCustomers',
  'runDetectionOnTab',
  'enableSite',
  'disableSite',
  'enqueueWrite',
  'getOutbox',
  'retryWrite',
  'discardWrite',
  'getSettings',
  'updateSettings',
  'clearCache',
  'takePanelIntent',
  'getDiagnostics',
  'clearDiagnostics',
  'detectionOptions',
  'pageEmailsDetected',
  'showCustomerFromPage',
] as const;

/** The only requests a content script may send. */
export const CONTENT_SCRIPT_REQUESTS: readonly string[] = [
  'detectionOptions',
  'pageEmailsDetected',
  'showCustomerFromPage',
];
