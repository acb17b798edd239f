/**
 * Daily quotas, per user, as the Apps Script quotas page states them: "Quotas are per user
 * and reset 24 hours after the first request" (developers.google.com/apps-script/guides/services/quotas).
 */
export type AccountKind = 'consumer' | 'workspace';
export type QuotaKind =
  | 'emailRecipients'
  | 'calendarEventsCreated'
  | 'triggerRuntimeMs'
  | 'propertiesReadWrite'
  | 'documentsCreated'
  | 'spreadsheetsCreated'
  | 'presentationsCreated';

export const DAILY_QUOTAS: Record<AccountKind, Record<QuotaKind, number>> = {
  consumer: {
    emailRecipients: 100,
    calendarEventsCreated: 5000,
    triggerRuntimeMs: 90 * 60_000,
    propertiesReadWrite: 50_000,
    documentsCreated: 250,
    spreadsheetsCreated: 250,
    presentationsCreated: 250,
  },
  workspace: {
    emailRecipients: 1500,
    calendarEventsCreated: 10_000,
    triggerRuntimeMs: 6 * 3600_000,
    propertiesReadWrite: 500_000,
    documentsCreated: 1500,
    spreadsheetsCreated: 3200,
    presentationsCreated: 1500,
  },
};

/** The message Apps Script throws when a daily quota is gone (e.g. "…for one day: email."). */
const QUOTA_MESSAGES: Record<QuotaKind, string> = {
  emailRecipients: 'Service invoked too many times for one day: email.',
  calendarEventsCreated: 'Service invoked too many times for one day: calendar.',
  triggerRuntimeMs: 'Service using too much computer time for one day',
  propertiesReadWrite: 'Service invoked too many times for one day: properties.',
  documentsCreated: 'Service invoked too many times for one day: docs create.',
  spreadsheetsCreated: 'Service invoked too many times for one day: spreadsheets create.',
  // "Presentations created: 250 / day (consumer), 1,500 / day (Workspace)"; the message follows the pattern of the others.
  presentationsCreated: 'Service invoked too many times for one day: presentations create.',
};

interface Window {
  firstRequestAt: number;
  used: Partial<Record<QuotaKind, number>>;
}

export interface QuotasJSON {
  account: AccountKind;
  overrides: Partial<Record<QuotaKind, number>>;
  windows: Record<string, Window>;
}

export class Quotas {
  private windows = new Map<string, Window>();
  constructor(
    public account: AccountKind,
    /** Lower limits for a scenario (e.g. 10 mails a day to test the waiting queue). */
    public overrides: Partial<Record<QuotaKind, number>> = {},
  ) {}

  limit(kind: QuotaKind): number {
    return this.overrides[kind] ?? DAILY_QUOTAS[this.account][kind];
  }

  private window(user: string, now: number): Window {
    let w = this.windows.get(user);
    if (!w || now >= w.firstRequestAt + 24 * 3600_000) {
      w = { firstRequestAt: now, used: {} };
      this.windows.set(user, w);
    }
    return w;
  }

  used(user: string, kind: QuotaKind, now: number): number {
    const w = this.windows.get(user);
    if (!w || now >= w.firstRequestAt + 24 * 3600_000) return 0;
    return w.used[kind] ?? 0;
  }

  remaining(user: string, kind: QuotaKind, now: number): number {
    return Math.max(0, this.limit(kind) - this.used(user, kind, now));
  }

  /** Takes n units or throws the platform's message, taking nothing. */
  consume(user: string, kind: QuotaKind, n: number, now: number): void {
    const w = this.window(user, now);
    const used = w.used[kind] ?? 0;
    if (used + n > this.limit(kind)) throw new Error(QUOTA_MESSAGES[kind]);
    w.used[kind] = used + n;
  }

  toJSON(): QuotasJSON {
    return { account: this.account, overrides: this.overrides, windows: Object.fromEntries(this.windows) };
  }

  static fromJSON(j: QuotasJSON): Quotas {
    const q = new Quotas(j.account, j.overrides);
    for (const [k, v] of Object.entries(j.windows)) q.windows.set(k, v);
    return q;
  }
}
