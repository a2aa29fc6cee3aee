export { errorInfoOf, isErrorInfo, MessageError } from './errors';
export { MAX_EMAIL_LENGTH, MAX_EMAILS_PER_REPORT, MAX_NOTE_LENGTH } from './limits';
export * from './protocol';
export { classifySender, type ExtensionIdentity } from './sender';
