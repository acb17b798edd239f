import type { ServiceEnv } from '../../core/env';
import { GasObject } from '../../core/gas-object';
import { CALENDAR_API_ERRORS as E, apiError } from './errors';
import {
  checkEventId,
  checkTimes,
  createConference,
  generateEventId,
  guestsToNotify,
  mergePatch,
  normaliseAttendees,
  sendUpdatesOf,
  stripReadOnly,
} from './event-resource';
import { calendarStore, hasOffset, stampEvent, startMs, timeMs, type EventResource, type StoredEvent } from './store';

type Args = Record<string, unknown> | undefined;

/**
 * `Calendar.Events` of the advanced Calendar service: the Calendar API v3 events collection
 * (developers.google.com/calendar/api/v3/reference/events) with Apps Script's signatures —
 * the request body first, then path parameters, then optional query parameters; `remove`
 * stands for the API's `delete`.
 */
export class CalendarEvents extends GasObject {
  readonly _service = 'Calendar' as const;
  readonly _class = 'Calendar.Events';

  constructor(private readonly _env: ServiceEnv) {
    super();
  }

  insert(resource: Record<string, unknown>, calendarId: string, optionalArgs?: Args): EventResource {
    const method = 'insert';
    const { state, exec } = this._env;
    const calId = this._calendarId(method, calendarId);
    const events = calendarStore(state).calendar(calId);
    const input = stripReadOnly({ ...(resource ?? {}) });

    const id = input.id === undefined || input.id === null || input.id === '' ? generateEventId(state.random, (x) => x in events) : checkEventId(method, input.id);
    checkTimes(method, input.start as EventResource['start'], input.end as EventResource['end']);
    const attendees = normaliseAttendees(method, input.attendees, calId);
    const sendUpdates = sendUpdatesOf(method, optionalArgs);
    // Deleted events keep their ID: reusing it is a conflict too.
    if (id in events) throw apiError(method, E.duplicate);

    const conference = this._conference(method, input, optionalArgs, undefined);
    try {
      state.quotas.consume(exec.user, 'calendarEventsCreated', 1, state.now());
    } catch {
      throw apiError(method, E.usageLimits);
    }

    const now = new Date(state.now()).toISOString();
    delete input.conferenceData;
    const event: EventResource = {
      ...(structuredClone(input) as Partial<EventResource>),
      kind: 'calendar#event',
      etag: '',
      id,
      status: (input.status as EventResource['status']) ?? 'confirmed',
      htmlLink: `https://www.google.com/calendar/event?eid=${Buffer.from(`${id} ${calId}`).toString('base64url')}`,
      created: now,
      updated: now,
      creator: { email: exec.user, self: true },
      organizer: { email: calId, self: true },
      start: structuredClone(input.start) as EventResource['start'],
      end: structuredClone(input.end) as EventResource['end'],
      iCalUID: typeof input.iCalUID === 'string' ? input.iCalUID : `${id}@google.com`,
      sequence: typeof input.sequence === 'number' ? input.sequence : 0,
      reminders: (input.reminders as EventResource['reminders']) ?? { useDefault: true },
      eventType: typeof input.eventType === 'string' ? input.eventType : 'default',
    };
    if (attendees) event.attendees = attendees;
    else delete event.attendees;
    if (conference) Object.assign(event, conference);

    const stored: StoredEvent = { resource: event, rev: 0, sendUpdates };
    this._stamp(stored);
    events[id] = stored;
    this._notify(calId, event, guestsToNotify(event, sendUpdates), 'invitation');
    return structuredClone(event);
  }

  get(calendarId: string, eventId: string, _optionalArgs?: Args): EventResource {
    const stored = this._find('get', calendarId, eventId);
    return structuredClone(stored.resource);
  }

  patch(resource: Record<string, unknown>, calendarId: string, eventId: string, optionalArgs?: Args): EventResource {
    const method = 'patch';
    const calId = this._calendarId(method, calendarId);
    const stored = this._find(method, calId, eventId);
    const before = stored.resource;
    const body = stripReadOnly({ ...(resource ?? {}) });
    delete body.id; // the path names the event; an ID in the body cannot rename it
    const sendUpdates = sendUpdatesOf(method, optionalArgs);

    const conference = this._conference(method, body, optionalArgs, before);
    const clearConference = Number(optionalArgs?.conferenceDataVersion) === 1 && body.conferenceData === null;
    delete body.conferenceData;

    const merged = mergePatch(before as unknown as Record<string, unknown>, body) as unknown as EventResource;
    checkTimes(method, merged.start, merged.end);
    if (body.attendees !== undefined) {
      // A guest already invited keeps their answer unless the patch gives one.
      const attendees = normaliseAttendees(method, merged.attendees, calId, before.attendees);
      if (attendees) merged.attendees = attendees;
      else delete merged.attendees;
    }
    if (conference) Object.assign(merged, conference);
    if (clearConference) {
      delete merged.conferenceData;
      delete merged.hangoutLink;
    }
    if (timeMs(merged.start) !== timeMs(before.start) || timeMs(merged.end) !== timeMs(before.end)) {
      merged.sequence = (before.sequence ?? 0) + 1;
    }

    stored.resource = merged;
    stored.sendUpdates = sendUpdates;
    this._stamp(stored);
    const known = new Set((before.attendees ?? []).map((a) => a.email.toLowerCase()));
    const guests = guestsToNotify(merged, sendUpdates);
    this._notify(calId, merged, guests.filter((g) => known.has(g.toLowerCase())), 'update');
    this._notify(calId, merged, guests.filter((g) => !known.has(g.toLowerCase())), 'invitation');
    return structuredClone(merged);
  }

  list(calendarId: string, optionalArgs?: Args): Record<string, unknown> {
    const method = 'list';
    const { state, project } = this._env;
    const calId = this._calendarId(method, calendarId);
    const args = optionalArgs ?? {};
    const timeMin = args.timeMin === undefined ? undefined : this._instant(method, args.timeMin);
    const timeMax = args.timeMax === undefined ? undefined : this._instant(method, args.timeMax);
    const q = typeof args.q === 'string' ? args.q.toLowerCase() : undefined;
    const props = ([] as unknown[]).concat(args.privateExtendedProperty ?? []).map(String);

    const all = Object.values(calendarStore(state).calendar(calId)).map((s) => s.resource);
    const matching = all
      .filter((e) => args.showDeleted === true || e.status !== 'cancelled')
      .filter((e) => timeMin === undefined || timeMs(e.end) > timeMin)
      .filter((e) => timeMax === undefined || timeMs(e.start) < timeMax)
      .filter((e) => args.iCalUID === undefined || e.iCalUID === args.iCalUID)
      .filter((e) => !q || searchText(e).includes(q))
      .filter((e) => props.every((p) => hasPrivateProperty(e, p)))
      .sort((a, b) => startMs(a) - startMs(b) || a.id.localeCompare(b.id));

    const maxResults = Math.min(2500, Math.max(1, Number(args.maxResults ?? 250) || 250));
    const offset = args.pageToken === undefined ? 0 : decodePageToken(method, args.pageToken);
    const page = matching.slice(offset, offset + maxResults);
    const result: Record<string, unknown> = {
      kind: 'calendar#events',
      etag: `"${state.now()}"`,
      summary: calId,
      updated: new Date(state.now()).toISOString(),
      timeZone: project.timeZone,
      accessRole: 'owner',
      defaultReminders: [],
      items: structuredClone(page),
    };
    if (offset + maxResults < matching.length) result.nextPageToken = Buffer.from(`o${offset + maxResults}`).toString('base64url');
    return result;
  }

  remove(calendarId: string, eventId: string, optionalArgs?: Args): void {
    const method = 'delete';
    const calId = this._calendarId(method, calendarId);
    const stored = this._find(method, calId, eventId);
    if (stored.resource.status === 'cancelled') throw apiError(method, E.deleted);
    const sendUpdates = sendUpdatesOf(method, optionalArgs);
    stored.resource.status = 'cancelled';
    stored.sendUpdates = sendUpdates;
    this._stamp(stored);
    this._notify(calId, stored.resource, guestsToNotify(stored.resource, sendUpdates), 'cancellation');
  }

  /** 'primary' is the execution user's calendar; another calendar must exist (shared with the user). */
  _calendarId(method: string, calendarId: string): string {
    const user = this._env.exec.user;
    if (calendarId === 'primary' || calendarId === user) return user;
    if (typeof calendarId === 'string' && calendarStore(this._env.state).hasCalendar(calendarId)) return calendarId;
    throw apiError(method, E.notFound);
  }

  _find(method: string, calendarId: string, eventId: string): StoredEvent {
    const calId = this._calendarId(method, calendarId);
    const stored = calendarStore(this._env.state).calendar(calId)[String(eventId)];
    if (!stored) throw apiError(method, E.notFound);
    return stored;
  }

  /** A Meet conference is only made with conferenceDataVersion=1; otherwise conferenceData is ignored. */
  _conference(method: string, body: Record<string, unknown>, args: Args, existing: EventResource | undefined) {
    if (Number(args?.conferenceDataVersion) !== 1) return undefined;
    const request = (body.conferenceData as { createRequest?: { requestId?: string } } | null | undefined)?.createRequest;
    if (!request) return undefined;
    // The same requestId again is the same request: the existing conference stays.
    if (existing?.conferenceData?.createRequest?.requestId === request.requestId) return undefined;
    return createConference(method, request, this._env.state.random);
  }

  _stamp(stored: StoredEvent): void {
    stampEvent(stored, this._env.state.now());
  }

  _notify(calendarId: string, event: EventResource, guests: string[], kind: 'invitation' | 'update' | 'cancellation'): void {
    const store = calendarStore(this._env.state);
    for (const to of guests) {
      store.notifications.push({ kind, calendarId, eventId: event.id, summary: event.summary, to, at: this._env.state.now() });
    }
  }

  _instant(method: string, value: unknown): number {
    if (typeof value !== 'string' || !hasOffset(value)) throw apiError(method, E.badRequest);
    const ms = timeMs({ dateTime: value });
    if (Number.isNaN(ms)) throw apiError(method, E.badRequest);
    return ms;
  }
}

function searchText(e: EventResource): string {
  const parts = [e.summary, e.description, e.location, ...(e.attendees ?? []).flatMap((a) => [a.email, a.displayName])];
  return parts.filter((x): x is string => typeof x === 'string').join('\n').toLowerCase();
}

function hasPrivateProperty(e: EventResource, spec: string): boolean {
  const eq = spec.indexOf('=');
  if (eq < 0) return false;
  const priv = (e.extendedProperties as { private?: Record<string, string> } | undefined)?.private ?? {};
  return priv[spec.slice(0, eq)] === spec.slice(eq + 1);
}

function decodePageToken(method: string, token: unknown): number {
  const m = /^o(\d+)$/.exec(Buffer.from(String(token), 'base64url').toString());
  if (!m) throw apiError(method, E.badRequest);
  return Number(m[1]);
}
