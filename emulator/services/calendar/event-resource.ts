import type { Random } from '../../core/random';
import { isValidAddress } from '../mail/message';
import { CALENDAR_API_ERRORS as E, apiError } from './errors';
import { hasOffset, RESPONSE_STATUSES, timeMs, type Attendee, type ConferenceData, type EventDateTime, type EventResource, type SendUpdates } from './store';

/**
 * The rules of the Calendar API v3 event resource the emulator enforces
 * (developers.google.com/calendar/api/v3/reference/events, …/events/insert, …/events/patch).
 */

/** Event IDs: "characters allowed … are those used in base32hex encoding, i.e. lowercase letters a-v and digits 0-9"; length 5–1024. */
const EVENT_ID = /^[a-v0-9]{5,1024}$/;

export function checkEventId(method: string, id: unknown): string {
  if (typeof id !== 'string' || !EVENT_ID.test(id)) throw apiError(method, E.invalidId);
  return id;
}

/** A generated ID looks like the API's own: 26 base32hex characters. */
export function generateEventId(random: Random, taken: (id: string) => boolean): string {
  for (;;) {
    const id = random.chars('0123456789abcdefghijklmnopqrstuv', 26);
    if (!taken(id)) return id;
  }
}

/** Fields the server sets; whatever a client sends for them is ignored. */
const READ_ONLY = ['kind', 'etag', 'htmlLink', 'created', 'updated', 'creator', 'organizer', 'hangoutLink'] as const;

export function stripReadOnly(resource: Record<string, unknown>): Record<string, unknown> {
  const out = { ...resource };
  for (const k of READ_ONLY) delete out[k];
  return out;
}

/** start/end: both present, each readable (an offset-less dateTime needs a timeZone), end after start. */
export function checkTimes(method: string, start: EventDateTime | undefined, end: EventDateTime | undefined): void {
  if (!start || (!start.dateTime && !start.date)) throw apiError(method, E.missingStart);
  if (!end || (!end.dateTime && !end.date)) throw apiError(method, E.missingEnd);
  if (start.dateTime && !hasOffset(start.dateTime) && !start.timeZone) throw apiError(method, E.startZone);
  if (end.dateTime && !hasOffset(end.dateTime) && !end.timeZone) throw apiError(method, E.endZone);
  const s = timeMs(start);
  const e = timeMs(end);
  if (Number.isNaN(s) || Number.isNaN(e)) throw apiError(method, E.badRequest);
  if (e < s) throw apiError(method, E.emptyRange);
}

/**
 * Guests need a valid email; the API adds `responseStatus: "needsAction"` and marks the organizer.
 * `previous`: the event's guests before a patch; one listed again without a responseStatus keeps
 * the answer they gave. A responseStatus outside the four values is refused (400).
 */
export function normaliseAttendees(method: string, attendees: unknown, organizer: string, previous: Attendee[] = []): Attendee[] | undefined {
  if (attendees === undefined || attendees === null) return undefined;
  if (!Array.isArray(attendees)) throw apiError(method, E.badRequest);
  return attendees.map((a) => {
    const raw = (a ?? {}) as Record<string, unknown>;
    const email = typeof raw.email === 'string' ? raw.email.trim() : '';
    if (!isValidAddress(email)) throw apiError(method, E.invalidAttendee);
    const isOrganizer = email.toLowerCase() === organizer.toLowerCase();
    if (raw.responseStatus !== undefined && !RESPONSE_STATUSES.includes(raw.responseStatus as Attendee['responseStatus'])) {
      throw apiError(method, E.badRequest);
    }
    const before = previous.find((p) => p.email.toLowerCase() === email.toLowerCase());
    return {
      ...raw,
      email,
      responseStatus:
        (raw.responseStatus as Attendee['responseStatus']) ?? before?.responseStatus ?? (isOrganizer ? 'accepted' : 'needsAction'),
      ...(isOrganizer ? { organizer: true, self: true } : {}),
    } as Attendee;
  });
}

/**
 * `conferenceData.createRequest` → a Google Meet conference, as the API answers with
 * conferenceDataVersion=1 (developers.google.com/calendar/api/guides/create-events#conferencing).
 * Only "hangoutsMeet" is offered to Workspace calendars.
 */
export function createConference(method: string, request: unknown, random: Random): { conferenceData: ConferenceData; hangoutLink: string } {
  const r = (request ?? {}) as { requestId?: unknown; conferenceSolutionKey?: { type?: unknown } };
  const type = r.conferenceSolutionKey?.type;
  if (type !== 'hangoutsMeet') throw apiError(method, E.invalidConferenceType);
  if (typeof r.requestId !== 'string' || r.requestId === '') throw apiError(method, E.badRequest);
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const code = `${random.chars(letters, 3)}-${random.chars(letters, 4)}-${random.chars(letters, 3)}`;
  const uri = `https://meet.google.com/${code}`;
  return {
    hangoutLink: uri,
    conferenceData: {
      createRequest: { requestId: r.requestId, conferenceSolutionKey: { type }, status: { statusCode: 'success' } },
      entryPoints: [{ entryPointType: 'video', uri, label: `meet.google.com/${code}` }],
      conferenceSolution: {
        key: { type },
        name: 'Google Meet',
        iconUri: 'https://fonts.gstatic.com/s/i/productlogos/meet_2020q4/v6/web-512dp/logo_meet_2020q4_color_2x_web_512dp.png',
      },
      conferenceId: code,
    },
  };
}

/** Patch semantics of Google APIs: objects merge field by field, arrays and scalars replace, null clears. */
export function mergePatch(target: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...target };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else if (isPlainObject(v) && isPlainObject(out[k])) out[k] = mergePatch(out[k] as Record<string, unknown>, v as Record<string, unknown>);
    else out[k] = structuredClone(v);
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** sendUpdates, or the deprecated sendNotifications=true meaning "all". */
export function sendUpdatesOf(method: string, args: Record<string, unknown> | undefined): SendUpdates | undefined {
  const v = args?.sendUpdates;
  if (v === 'all' || v === 'externalOnly' || v === 'none') return v;
  if (v !== undefined) throw apiError(method, E.badRequest);
  if (args?.sendNotifications === true) return 'all';
  if (args?.sendNotifications === false) return 'none';
  return undefined;
}

/** Guests Calendar emails for a given sendUpdates: never the organizer; "externalOnly" = other domains. */
export function guestsToNotify(event: Pick<EventResource, 'attendees' | 'organizer'>, mode: SendUpdates | undefined): string[] {
  if (mode !== 'all' && mode !== 'externalOnly') return [];
  const organizer = event.organizer.email.toLowerCase();
  const domain = organizer.split('@')[1];
  return (event.attendees ?? [])
    .map((a) => a.email)
    .filter((email) => email.toLowerCase() !== organizer)
    .filter((email) => mode === 'all' || email.toLowerCase().split('@')[1] !== domain);
}
