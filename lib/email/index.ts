export { type EmailMatch, findEmails } from './find-emails';
export { emailsFromMailto } from './mailto';
