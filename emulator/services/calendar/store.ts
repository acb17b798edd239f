import { registerStore, type Store, type WorkspaceState } from '../../core/state';
import { zonedTimeToMs } from '../../core/zones';

/** An event resource as the Calendar API v3 returns it (developers.google.com/calendar/api/v3/reference/events). */
export interface EventResource {
  kind: 'calendar#event';
  etag: string;
  id: string;
  status: 'confirmed' | 'tentative' | 'cancelled';
  htmlLink: string;
  created: string;
  updated: string;
  summary?: string;
  description?: string;
  location?: string;
  creator: { email: string; self?: boolean };
  organizer: { email: string; self?: boolean };
  start: EventDateTime;
  end: EventDateTime;
  iCalUID: string;
  sequence: number;
  attendees?: Attendee[];
  hangoutLink?: string;
  conferenceData?: ConferenceData;
  reminders?: { useDefault: boolean; overrides?: { method: string; minutes: number }[] };
  eventType?: string;
  [field: string]: unknown;
}

export interface EventDateTime {
  dateTime?: string;
  date?: string;
  timeZone?: string;
}

export interface Attendee {
  email: string;
  displayName?: string;
  optional?: boolean;
  organizer?: boolean;
  self?: boolean;
  responseStatus: 'needsAction' | 'declined' | 'tentative' | 'accepted';
  [field: string]: unknown;
}

export interface ConferenceData {
  createRequest?: { requestId: string; conferenceSolutionKey: { type: string }; status: { statusCode: 'pending' | 'success' | 'failure' } };
  entryPoints?: { entryPointType: string; uri: string; label?: string }[];
  conferenceSolution?: { key: { type: string }; name: string; iconUri?: string };
  conferenceId?: string;
  [field: string]: unknown;
}

export type SendUpdates = 'all' | 'externalOnly' | 'none';

/** A notification Calendar emailed to a guest (invitation, update or cancellation). */
export interface GuestNotification {
  kind: 'invitation' | 'update' | 'cancellation';
  calendarId: string;
  eventId: string;
  summary?: string;
  to: string;
  at: number;
}

export interface StoredEvent {
  resource: EventResource;
  /** Revision counter, part of the etag so two writes in the same millisecond differ. */
  rev: number;
  /** The `sendUpdates` of the last write (undefined when the caller gave none). */
  sendUpdates?: SendUpdates;
}

interface CalendarJSON {
  calendars: Record<string, Record<string, StoredEvent>>;
  notifications: GuestNotification[];
}

/**
 * Every user's calendar (keyed by owner email = calendar ID) with its events by ID. Deleted
 * events stay, with status "cancelled", as in the real API (their IDs cannot be reused).
 */
export class CalendarStore implements Store {
  calendars: Record<string, Record<string, StoredEvent>> = {};
  notifications: GuestNotification[] = [];

  calendar(owner: string): Record<string, StoredEvent> {
    return (this.calendars[owner] ??= {});
  }

  hasCalendar(id: string): boolean {
    return id in this.calendars;
  }

  /** Host side (Workspace API, browser UI): every live event of every calendar, by start time. */
  allEvents(opts: { includeCancelled?: boolean } = {}): (EventResource & { calendarId: string })[] {
    const out: (EventResource & { calendarId: string })[] = [];
    for (const [calendarId, events] of Object.entries(this.calendars)) {
      for (const e of Object.values(events)) {
        if (!opts.includeCancelled && e.resource.status === 'cancelled') continue;
        out.push({ ...structuredClone(e.resource), calendarId });
      }
    }
    return out.sort((a, b) => startMs(a) - startMs(b));
  }

  /** Notifications sent to one guest (case-insensitive), oldest first. */
  notificationsTo(email: string): GuestNotification[] {
    const e = email.toLowerCase();
    return this.notifications.filter((n) => n.to.toLowerCase() === e);
  }

  toJSON(): CalendarJSON {
    return { calendars: this.calendars, notifications: this.notifications };
  }

  static fromJSON(json: unknown): CalendarStore {
    const s = new CalendarStore();
    const j = (json ?? {}) as Partial<CalendarJSON>;
    s.calendars = j.calendars ?? {};
    s.notifications = j.notifications ?? [];
    return s;
  }
}

/** Start of an event in epoch ms. */
export function startMs(e: { start: EventDateTime }): number {
  return timeMs(e.start);
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/i;

/**
 * The instant of an EventDateTime: an RFC 3339 dateTime with an offset stands alone; one
 * without an offset is read in `timeZone`; an all-day `date` starts at midnight of `timeZone`
 * (UTC when none). NaN when it cannot be read.
 */
export function timeMs(t: EventDateTime | undefined): number {
  if (!t) return NaN;
  if (t.dateTime) {
    const m = RFC3339.exec(t.dateTime);
    if (!m) return NaN;
    if (m[7]) return Date.parse(t.dateTime);
    if (!t.timeZone) return NaN;
    return zonedTimeToMs(t.timeZone, +m[1], +m[2], +m[3], +m[4], +m[5], +(m[6] ?? 0));
  }
  if (t.date) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t.date);
    if (!m) return NaN;
    return t.timeZone ? zonedTimeToMs(t.timeZone, +m[1], +m[2], +m[3]) : Date.UTC(+m[1], +m[2] - 1, +m[3]);
  }
  return NaN;
}

/** True when a dateTime carries its own offset ("…Z" or "…-05:00"). */
export function hasOffset(dateTime: string): boolean {
  return /(Z|[+-]\d{2}:\d{2})$/i.test(dateTime);
}

export type GuestResponse = 'accepted' | 'declined' | 'tentative';
export const RESPONSE_STATUSES: readonly Attendee['responseStatus'][] = ['needsAction', 'declined', 'tentative', 'accepted'];

/** A new etag and `updated` after a change (the revision keeps two writes in one millisecond apart). */
export function stampEvent(stored: StoredEvent, now: number): void {
  stored.rev += 1;
  stored.resource.updated = new Date(now).toISOString();
  stored.resource.etag = `"${now}${String(stored.rev).padStart(3, '0')}"`;
}

/**
 * A guest answers the invitation (host side: a test or the browser UI stands in for the guest's
 * Calendar): their `responseStatus` changes and the event gets a new etag and `updated`.
 */
export function respondToEvent(
  store: CalendarStore,
  ref: string | { calendarId: string; eventId: string },
  email: string,
  response: GuestResponse,
  now: number,
): EventResource {
  if (response !== 'accepted' && response !== 'declined' && response !== 'tentative') {
    throw new Error(`a guest answers accepted, declined or tentative, not ${String(response)}`);
  }
  const found: StoredEvent[] = [];
  if (typeof ref === 'string') {
    for (const events of Object.values(store.calendars)) if (events[ref]) found.push(events[ref]);
  } else {
    const e = store.calendars[ref.calendarId]?.[ref.eventId];
    if (e) found.push(e);
  }
  const id = typeof ref === 'string' ? ref : ref.eventId;
  if (found.length === 0) throw new Error(`no event ${id}`);
  if (found.length > 1) throw new Error(`event ${id} is in ${found.length} calendars: name the calendar ({ calendarId, eventId })`);
  const stored = found[0];
  if (stored.resource.status === 'cancelled') throw new Error(`event ${id} was deleted`);
  const guest = (stored.resource.attendees ?? []).find((a) => a.email.toLowerCase() === email.trim().toLowerCase());
  if (!guest) throw new Error(`${email} is not a guest of event ${id}`);
  guest.responseStatus = response;
  stampEvent(stored, now);
  return structuredClone(stored.resource);
}

registerStore('calendar', { create: () => new CalendarStore(), fromJSON: CalendarStore.fromJSON });

export function calendarStore(state: WorkspaceState): CalendarStore {
  return state.store<CalendarStore>('calendar');
}
