import { registerStore, type Store, type WorkspaceState } from '../../core/state';

/** An attachment or inline image as the outbox keeps it (bytes in base64 so it survives JSON). */
export interface StoredAttachment {
  name: string;
  contentType: string;
  base64: string;
}

/** One message MailApp sent, as the emulator's outbox shows it. */
export interface SentMail {
  id: string;
  /** The execution user: MailApp always sends as the user the script runs as. */
  from: string;
  /** The `name` option (sender display name), if given. */
  name?: string;
  /** `noReply: true` (Workspace accounts): sent from a generic no-reply address. */
  noReply: boolean;
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo?: string;
  subject: string;
  body: string;
  htmlBody?: string;
  attachments: StoredAttachment[];
  /** `inlineImages` by the key the HTML body cites as `cid:key`. */
  inlineImages: Record<string, StoredAttachment>;
  /** Virtual time of the send (epoch ms). */
  at: number;
  executionId: string;
}

/** The outbox: every message any script sent, in order. */
export class MailStore implements Store {
  sent: SentMail[] = [];

  add(mail: SentMail): void {
    this.sent.push(mail);
  }

  /** Messages that reached `address` as to, cc or bcc (case-insensitive). */
  to(address: string): SentMail[] {
    const a = address.toLowerCase();
    return this.sent.filter((m) => [...m.to, ...m.cc, ...m.bcc].some((r) => r.toLowerCase() === a));
  }

  toJSON(): unknown {
    return { sent: this.sent };
  }

  static fromJSON(json: unknown): MailStore {
    const s = new MailStore();
    const j = json as { sent?: SentMail[] } | null;
    s.sent = Array.isArray(j?.sent) ? j.sent : [];
    return s;
  }
}

registerStore('mail', { create: () => new MailStore(), fromJSON: MailStore.fromJSON });

export function mailStore(state: WorkspaceState): MailStore {
  return state.store<MailStore>('mail');
}
