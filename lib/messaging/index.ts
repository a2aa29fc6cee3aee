export { errorInfoOf, isErrorInfo, MessageError } from './errors';
export * from './protocol';
export { MAX_EMAIL_LENGTH, MAX_EMAILS_PER_REPORT, MAX_NOTE_LENGTH } from './schemas';
export { classifySender, type ExtensionIdentity } from './sender';
