import { GasObject } from '../../core/gas-object';
import type { AccountKind } from '../../core/quotas';
import { Blob } from '../blob';
import type { StoredAttachment } from './store';

/**
 * Turns the arguments of `MailApp.sendEmail` (any of its four signatures) into one checked
 * message, throwing Apps Script's own messages for what the real service refuses.
 * Reference: developers.google.com/apps-script/reference/mail/mail-app and the per-message
 * limits on developers.google.com/apps-script/guides/services/quotas.
 */
export interface OutgoingMail {
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo?: string;
  subject: string;
  body: string;
  htmlBody?: string;
  name?: string;
  noReply: boolean;
  attachments: StoredAttachment[];
  inlineImages: Record<string, StoredAttachment>;
}

/** The limits the quotas page lists "per message" (the same for consumer and Workspace, except body size). */
export const MAIL_LIMITS = {
  recipientsPerMessage: 50,
  attachmentsPerMessage: 250,
  totalAttachmentsBytes: 25 * 1024 * 1024,
  bodyBytes: { consumer: 200 * 1024, workspace: 400 * 1024 } as Record<AccountKind, number>,
  subjectChars: 250,
};

export const MAIL_ERRORS = {
  noRecipient: 'Failed to send email: no recipient',
  tooManyRecipients: 'Limit Exceeded: Email Recipients Per Message.',
  tooManyAttachments: 'Limit Exceeded: Email Attachments Per Message.',
  attachmentsTooLarge: 'Limit Exceeded: Email Total Attachments Size.',
  bodyTooLarge: 'Limit Exceeded: Email Body Size.',
  subjectTooLong: 'Argument too large: subject',
  invalidEmail: (raw: string) => `Invalid email: ${raw}`,
};

interface MessageFields {
  to?: unknown;
  cc?: unknown;
  bcc?: unknown;
  replyTo?: unknown;
  subject?: unknown;
  body?: unknown;
  htmlBody?: unknown;
  name?: unknown;
  noReply?: unknown;
  attachments?: unknown;
  inlineImages?: unknown;
}

export function parseSendEmailArgs(args: unknown[], account: AccountKind): OutgoingMail {
  const fields = fieldsFromArgs(args);
  const to = parseRecipients(fields.to);
  const cc = parseRecipients(fields.cc);
  const bcc = parseRecipients(fields.bcc);
  if (to.length + cc.length + bcc.length === 0) throw new Error(MAIL_ERRORS.noRecipient);
  if (to.length + cc.length + bcc.length > MAIL_LIMITS.recipientsPerMessage) throw new Error(MAIL_ERRORS.tooManyRecipients);

  let replyTo: string | undefined;
  if (fields.replyTo !== undefined && fields.replyTo !== null && String(fields.replyTo).trim() !== '') {
    const list = parseRecipients(fields.replyTo);
    replyTo = list.join(',');
  }

  const subject = fields.subject === undefined || fields.subject === null ? '' : String(fields.subject);
  if (subject.length > MAIL_LIMITS.subjectChars) throw new Error(MAIL_ERRORS.subjectTooLong);
  const body = fields.body === undefined || fields.body === null ? '' : String(fields.body);
  const htmlBody = fields.htmlBody === undefined || fields.htmlBody === null ? undefined : String(fields.htmlBody);
  const bodyBytes = Buffer.byteLength(body, 'utf8') + (htmlBody ? Buffer.byteLength(htmlBody, 'utf8') : 0);
  if (bodyBytes > MAIL_LIMITS.bodyBytes[account]) throw new Error(MAIL_ERRORS.bodyTooLarge);

  const attachments = toList(fields.attachments).map((a) => storeAttachment(a));
  const inlineImages: Record<string, StoredAttachment> = {};
  if (fields.inlineImages && typeof fields.inlineImages === 'object') {
    for (const [key, blob] of Object.entries(fields.inlineImages as Record<string, unknown>)) {
      inlineImages[key] = storeAttachment(blob, key);
    }
  }
  if (attachments.length > MAIL_LIMITS.attachmentsPerMessage) throw new Error(MAIL_ERRORS.tooManyAttachments);
  const totalBytes = [...attachments, ...Object.values(inlineImages)].reduce((n, a) => n + Buffer.from(a.base64, 'base64').length, 0);
  if (totalBytes > MAIL_LIMITS.totalAttachmentsBytes) throw new Error(MAIL_ERRORS.attachmentsTooLarge);

  return {
    to,
    cc,
    bcc,
    replyTo,
    subject,
    body,
    htmlBody,
    name: fields.name === undefined || fields.name === null ? undefined : String(fields.name),
    noReply: fields.noReply === true,
    attachments,
    inlineImages,
  };
}

/** The four documented signatures; anything else is the platform's signature error. */
function fieldsFromArgs(args: unknown[]): MessageFields {
  if (args.length === 1 && isPlainObject(args[0])) return args[0] as MessageFields;
  if (args.length === 3 && args.every(isTextLike)) {
    return { to: args[0], subject: args[1], body: args[2] };
  }
  if (args.length === 4 && args.every(isTextLike)) {
    // sendEmail(to, replyTo, subject, body)
    return { to: args[0], replyTo: args[1], subject: args[2], body: args[3] };
  }
  if (args.length === 4 && args.slice(0, 3).every(isTextLike) && (isPlainObject(args[3]) || args[3] == null)) {
    return { ...((args[3] as MessageFields | null) ?? {}), to: args[0], subject: args[1], body: args[2] };
  }
  throw new Error(`The parameters (${args.map(typeName).join(',')}) don't match the method signature for MailApp.sendEmail.`);
}

/** "a@x.org, Ana Pérez <b@y.org>" → ["a@x.org", "b@y.org"]; an invalid entry throws "Invalid email: …". */
export function parseRecipients(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const out: string[] = [];
  for (const raw of String(value).split(',')) {
    const entry = raw.trim();
    if (entry === '') continue;
    const angle = /<([^<>]*)>\s*$/.exec(entry);
    const address = (angle ? angle[1] : entry).trim();
    if (!isValidAddress(address)) throw new Error(MAIL_ERRORS.invalidEmail(entry));
    out.push(address);
  }
  return out;
}

const ADDRESS = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$/;

export function isValidAddress(address: string): boolean {
  return address.length <= 254 && ADDRESS.test(address);
}

/** Blob, BlobSource (anything with getBlob: a Drive File, a Spreadsheet …) or an object with getBytes. */
function storeAttachment(value: unknown, fallbackName = 'attachment'): StoredAttachment {
  const blob = asBlob(value);
  return {
    name: blob.getName() ?? fallbackName,
    contentType: blob.getContentType() ?? 'application/octet-stream',
    base64: Buffer.from(blob._bytes).toString('base64'),
  };
}

function asBlob(value: unknown): Blob {
  if (value instanceof Blob) return value;
  const v = value as Record<string, unknown> | null;
  if (v && typeof v.getBlob === 'function') {
    const b = (v.getBlob as () => unknown).call(v);
    if (b instanceof Blob) return b;
    return asBlob(b);
  }
  if (v && typeof v.getBytes === 'function') {
    const bytes = (v.getBytes as () => unknown).call(v);
    const type = typeof v.getContentType === 'function' ? (v.getContentType as () => string | null).call(v) : null;
    const name = typeof v.getName === 'function' ? (v.getName as () => string | null).call(v) : null;
    return Blob.fromAny(bytes, type, name);
  }
  throw new Error('Invalid argument: attachments');
}

function toList(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

function isPlainObject(v: unknown): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof GasObject);
}

/** Apps Script coerces numbers to strings for String parameters. */
function isTextLike(v: unknown): boolean {
  return typeof v === 'string' || typeof v === 'number';
}

function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'Boolean';
  if (Array.isArray(v)) return 'Array';
  return 'Object';
}
