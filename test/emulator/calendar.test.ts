import { makeTestEnv, nextExecution } from '../../emulator/testing';
import { Calendar, calendarStore, GoogleJsonResponseException } from '../../emulator/services/calendar';
import { WorkspaceState } from '../../emulator/core/state';
import { ScriptProject } from '../../emulator/core/project';
import { runExecution } from '../../emulator/runtime/run';
import { Workspace } from '../../emulator';

// Reference: developers.google.com/calendar/api/v3/reference/events (insert, get, patch, list, delete)
// through the Apps Script advanced service: developers.google.com/apps-script/advanced/calendar

const USER = 'consultora@trabajo.gob.pe';

function setup() {
  const env = makeTestEnv({ user: USER });
  const cal = new Calendar(env);
  return { env, Events: cal.Events };
}

const slot = {
  summary: 'Atención virtual',
  start: { dateTime: '2026-11-28T10:00:00-05:00', timeZone: 'America/Lima' },
  end: { dateTime: '2026-11-28T10:35:00-05:00', timeZone: 'America/Lima' },
};

function errorOf(fn: () => unknown): GoogleJsonResponseException {
  try {
    fn();
  } catch (e) {
    if (e instanceof GoogleJsonResponseException) return e;
    throw e;
  }
  throw new Error('expected an API error');
}

describe('Calendar.Events.insert — events/insert', () => {
  test('inserts into the primary calendar with server fields set at virtual time', () => {
    const { env, Events } = setup();
    const e = Events.insert({ ...slot, description: 'Detalle', attendees: [{ email: 'ana@example.org' }] }, 'primary');
    expect(e).toMatchObject({
      kind: 'calendar#event',
      status: 'confirmed',
      summary: 'Atención virtual',
      description: 'Detalle',
      start: slot.start,
      end: slot.end,
      organizer: { email: USER },
      creator: { email: USER },
      created: new Date(env.state.now()).toISOString(),
      updated: new Date(env.state.now()).toISOString(),
      attendees: [{ email: 'ana@example.org', responseStatus: 'needsAction' }],
      iCalUID: `${e.id}@google.com`,
    });
    expect(e.id).toMatch(/^[a-v0-9]{26}$/);
    expect(e.etag).toMatch(/^"\d+"$/);
    expect(e.htmlLink).toMatch(/^https:\/\/www\.google\.com\/calendar\/event\?eid=/);
    expect(Events.get('primary', e.id)).toEqual(e);
    expect(Events.get(USER, e.id)).toEqual(e);
  });

  test('a client-supplied id must be base32hex (a–v, 0–9), 5–1024 long: else 400 "Invalid resource id value."', () => {
    const { Events } = setup();
    for (const bad of ['abc', 'Cita0001', 'cita-0001', 'citaw0001', 'x'.repeat(5), 'a'.repeat(1025)]) {
      const err = errorOf(() => Events.insert({ ...slot, id: bad }, 'primary'));
      expect(err.message).toBe('API call to calendar.events.insert failed with error: Invalid resource id value.');
      expect(err.name).toBe('GoogleJsonResponseException');
      expect(err.details.code).toBe(400);
    }
    expect(Events.insert({ ...slot, id: 'cita00001' }, 'primary').id).toBe('cita00001');
  });

  test('inserting an existing id → 409 "The requested identifier already exists." (also after delete)', () => {
    const { env, Events } = setup();
    Events.insert({ ...slot, id: 'abc12345' }, 'primary');
    const err = errorOf(() => Events.insert({ ...slot, id: 'abc12345' }, 'primary'));
    expect(err.message).toBe('API call to calendar.events.insert failed with error: The requested identifier already exists.');
    expect(err.details.code).toBe(409);
    Events.remove('primary', 'abc12345');
    expect(errorOf(() => Events.insert({ ...slot, id: 'abc12345' }, 'primary')).details.code).toBe(409);
    expect(calendarStore(env.state).allEvents()).toHaveLength(0);
  });

  test('conferenceData.createRequest is ignored without conferenceDataVersion=1 (guides/create-events#conferencing)', () => {
    const { Events } = setup();
    const withRequest = { ...slot, conferenceData: { createRequest: { requestId: 'req-1', conferenceSolutionKey: { type: 'hangoutsMeet' } } } };
    const plain = Events.insert(withRequest, 'primary');
    expect(plain.hangoutLink).toBeUndefined();
    expect(plain.conferenceData).toBeUndefined();
    const zero = Events.insert(withRequest, 'primary', { conferenceDataVersion: 0 });
    expect(zero.hangoutLink).toBeUndefined();
  });

  test('with conferenceDataVersion=1 a Google Meet conference is created: link shape and conferenceData', () => {
    const { Events } = setup();
    const e = Events.insert(
      { ...slot, conferenceData: { createRequest: { requestId: 'req-1', conferenceSolutionKey: { type: 'hangoutsMeet' } } } },
      'primary',
      { conferenceDataVersion: 1 },
    );
    expect(e.hangoutLink).toMatch(/^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    const code = e.hangoutLink!.split('/').pop();
    expect(e.conferenceData).toMatchObject({
      createRequest: { requestId: 'req-1', conferenceSolutionKey: { type: 'hangoutsMeet' }, status: { statusCode: 'success' } },
      entryPoints: [{ entryPointType: 'video', uri: e.hangoutLink, label: `meet.google.com/${code}` }],
      conferenceSolution: { key: { type: 'hangoutsMeet' }, name: 'Google Meet' },
      conferenceId: code,
    });
  });

  test('Meet codes are seeded: the same seed gives the same link', () => {
    const link = () => {
      const { Events } = setup();
      return Events.insert(
        { ...slot, conferenceData: { createRequest: { requestId: 'r', conferenceSolutionKey: { type: 'hangoutsMeet' } } } },
        'primary',
        { conferenceDataVersion: 1 },
      ).hangoutLink;
    };
    expect(link()).toBe(link());
  });

  test('an unsupported conference type → 400 "Invalid conference type value."', () => {
    const { Events } = setup();
    const err = errorOf(() =>
      Events.insert({ ...slot, conferenceData: { createRequest: { requestId: 'r', conferenceSolutionKey: { type: 'zoom' } } } }, 'primary', {
        conferenceDataVersion: 1,
      }),
    );
    expect(err.message).toBe('API call to calendar.events.insert failed with error: Invalid conference type value.');
  });

  test('time rules: end before start is an empty range; offset-less dateTime needs a timeZone', () => {
    const { Events } = setup();
    expect(errorOf(() => Events.insert({ ...slot, end: { dateTime: '2026-11-28T09:00:00-05:00' } }, 'primary')).message).toBe(
      'API call to calendar.events.insert failed with error: The specified time range is empty.',
    );
    expect(errorOf(() => Events.insert({ ...slot, start: { dateTime: '2026-11-28T10:00:00' } }, 'primary')).message).toBe(
      'API call to calendar.events.insert failed with error: Missing time zone definition for start time.',
    );
    expect(errorOf(() => Events.insert({ summary: 'x', start: slot.start }, 'primary')).message).toBe(
      'API call to calendar.events.insert failed with error: Missing end time.',
    );
    // Offset-less with a timeZone is read in that zone.
    const e = Events.insert(
      { start: { dateTime: '2026-11-28T10:00:00', timeZone: 'America/Lima' }, end: { dateTime: '2026-11-28T10:35:00', timeZone: 'America/Lima' } },
      'primary',
    );
    const listed = Events.list('primary', { timeMin: '2026-11-28T14:59:00Z', timeMax: '2026-11-28T15:01:00Z' }).items as { id: string }[];
    expect(listed.map((x) => x.id)).toEqual([e.id]);
  });

  test('an attendee without a valid email → 400 "Invalid attendee email."', () => {
    const { Events } = setup();
    expect(errorOf(() => Events.insert({ ...slot, attendees: [{ email: 'ana' }] }, 'primary')).message).toBe(
      'API call to calendar.events.insert failed with error: Invalid attendee email.',
    );
  });

  test('each insert takes one unit of the daily calendar-events quota; when gone: 403 usage limits', () => {
    const { env, Events } = setup();
    env.state.quotas.overrides.calendarEventsCreated = 2;
    Events.insert(slot, 'primary');
    errorOf(() => Events.insert({ ...slot, id: 'bad!' }, 'primary')); // refused requests take nothing
    Events.insert(slot, 'primary');
    const err = errorOf(() => Events.insert(slot, 'primary'));
    expect(err.message).toBe('API call to calendar.events.insert failed with error: Calendar usage limits exceeded.');
    expect(err.details.code).toBe(403);
    expect(calendarStore(env.state).allEvents()).toHaveLength(2);
  });

  test('another user\'s calendar that is not shared → 404 Not Found', () => {
    const { Events } = setup();
    expect(errorOf(() => Events.insert(slot, 'otra@example.org')).message).toBe(
      'API call to calendar.events.insert failed with error: Not Found',
    );
  });
});

describe('sendUpdates — events/insert "sendUpdates" parameter', () => {
  test('"all" records an invitation per guest (not the organizer), in the calendar store', () => {
    const { env, Events } = setup();
    const e = Events.insert({ ...slot, attendees: [{ email: 'ana@example.org' }, { email: USER }, { email: 'luis@trabajo.gob.pe' }] }, 'primary', {
      sendUpdates: 'all',
    });
    const n = calendarStore(env.state).notifications;
    expect(n.map((x) => [x.kind, x.to, x.eventId])).toEqual([
      ['invitation', 'ana@example.org', e.id],
      ['invitation', 'luis@trabajo.gob.pe', e.id],
    ]);
    expect(e.attendees!.find((a) => a.email === USER)).toMatchObject({ organizer: true, responseStatus: 'accepted' });
  });

  test('"externalOnly" notifies other domains only; "none" and no parameter notify nobody', () => {
    const { env, Events } = setup();
    const attendees = [{ email: 'ana@example.org' }, { email: 'luis@trabajo.gob.pe' }];
    Events.insert({ ...slot, attendees }, 'primary', { sendUpdates: 'externalOnly' });
    Events.insert({ ...slot, attendees }, 'primary', { sendUpdates: 'none' });
    Events.insert({ ...slot, attendees }, 'primary');
    expect(calendarStore(env.state).notifications.map((x) => x.to)).toEqual(['ana@example.org']);
  });

  test('patch with "all" sends updates to known guests and invitations to new ones; remove sends cancellations', () => {
    const { env, Events } = setup();
    const e = Events.insert({ ...slot, attendees: [{ email: 'ana@example.org' }] }, 'primary');
    Events.patch({ attendees: [{ email: 'ana@example.org' }, { email: 'beto@example.org' }] }, 'primary', e.id, { sendUpdates: 'all' });
    Events.remove('primary', e.id, { sendUpdates: 'all' });
    expect(calendarStore(env.state).notifications.map((x) => `${x.kind}:${x.to}`)).toEqual([
      'update:ana@example.org',
      'invitation:beto@example.org',
      'cancellation:ana@example.org',
      'cancellation:beto@example.org',
    ]);
  });
});

describe('Calendar.Events.patch — events/patch (patch semantics)', () => {
  test('merges fields: given fields change, others stay; nested objects merge; etag and updated change', () => {
    const { env, Events } = setup();
    const e = Events.insert({ ...slot, description: 'antes', location: 'Meet', extendedProperties: { private: { row: 'A1', kind: 'cita' } } }, 'primary');
    env.state.clock.advance(60_000);
    const p = Events.patch({ description: 'después', extendedProperties: { private: { row: 'A2' } } }, 'primary', e.id);
    expect(p).toMatchObject({ summary: 'Atención virtual', description: 'después', location: 'Meet', start: slot.start });
    expect(p.extendedProperties).toEqual({ private: { row: 'A2', kind: 'cita' } });
    expect(p.etag).not.toBe(e.etag);
    expect(p.updated).toBe(new Date(env.state.now()).toISOString());
    expect(p.created).toBe(e.created);
    expect(Events.get('primary', e.id)).toEqual(p);
  });

  test('arrays replace, null clears, moving the time bumps the sequence', () => {
    const { Events } = setup();
    const e = Events.insert({ ...slot, location: 'x', attendees: [{ email: 'a@example.org' }, { email: 'b@example.org' }] }, 'primary');
    const p = Events.patch(
      { attendees: [{ email: 'c@example.org' }], location: null, end: { dateTime: '2026-11-28T11:00:00-05:00' } },
      'primary',
      e.id,
    );
    expect(p.attendees!.map((a) => a.email)).toEqual(['c@example.org']);
    expect(p.location).toBeUndefined();
    expect(p.end).toEqual({ dateTime: '2026-11-28T11:00:00-05:00', timeZone: 'America/Lima' });
    expect(p.sequence).toBe(1);
  });

  test('patch adds a Meet conference only with conferenceDataVersion=1; the same requestId keeps the link', () => {
    const { Events } = setup();
    const e = Events.insert(slot, 'primary');
    const req = { conferenceData: { createRequest: { requestId: 'r1', conferenceSolutionKey: { type: 'hangoutsMeet' } } } };
    expect(Events.patch(req, 'primary', e.id).hangoutLink).toBeUndefined();
    const withMeet = Events.patch(req, 'primary', e.id, { conferenceDataVersion: 1 });
    expect(withMeet.hangoutLink).toMatch(/^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    expect(Events.patch(req, 'primary', e.id, { conferenceDataVersion: 1 }).hangoutLink).toBe(withMeet.hangoutLink);
    // Without the version, patching other fields leaves the conference alone.
    expect(Events.patch({ summary: 'x' }, 'primary', e.id).hangoutLink).toBe(withMeet.hangoutLink);
  });

  test('patch of an unknown event → 404', () => {
    const { Events } = setup();
    expect(errorOf(() => Events.patch({ summary: 'x' }, 'primary', 'nope12345')).message).toBe(
      'API call to calendar.events.patch failed with error: Not Found',
    );
  });
});

describe('Calendar.Events.get / remove / list', () => {
  test('get of an unknown id → 404 "Not Found"', () => {
    const { Events } = setup();
    expect(errorOf(() => Events.get('primary', 'nope12345')).message).toBe('API call to calendar.events.get failed with error: Not Found');
  });

  test('remove marks the event cancelled (get still returns it); removing again → 410', () => {
    const { Events } = setup();
    const e = Events.insert(slot, 'primary');
    Events.remove('primary', e.id);
    expect(Events.get('primary', e.id).status).toBe('cancelled');
    expect(errorOf(() => Events.remove('primary', e.id)).message).toBe('API call to calendar.events.delete failed with error: Resource has been deleted');
    expect(errorOf(() => Events.remove('primary', 'nope12345')).details.code).toBe(404);
  });

  test('list filters by timeMin/timeMax, q and privateExtendedProperty; hides cancelled; pages', () => {
    const { Events } = setup();
    const at = (day: number, summary: string, extra: object = {}) =>
      Events.insert(
        {
          summary,
          start: { dateTime: `2026-11-${day}T10:00:00-05:00` },
          end: { dateTime: `2026-11-${day}T11:00:00-05:00` },
          ...extra,
        },
        'primary',
      );
    const a = at(28, 'Taller de costos', { extendedProperties: { private: { sessionId: 'S1' } } });
    const b = at(29, 'Atención Ana');
    const c = at(30, 'Atención Luis');
    const gone = at(29, 'Cancelada');
    Events.remove('primary', gone.id);

    const ids = (args: Record<string, unknown>) => (Events.list('primary', args).items as { id: string }[]).map((e) => e.id);
    expect(ids({})).toEqual([a.id, b.id, c.id]);
    expect(ids({ timeMin: '2026-11-29T00:00:00-05:00', timeMax: '2026-11-30T00:00:00-05:00' })).toEqual([b.id]);
    expect(ids({ q: 'atención' })).toEqual([b.id, c.id]);
    expect(ids({ privateExtendedProperty: 'sessionId=S1' })).toEqual([a.id]);
    expect(ids({ showDeleted: true })).toContain(gone.id);

    const first = Events.list('primary', { maxResults: 2 });
    expect((first.items as unknown[]).length).toBe(2);
    const second = Events.list('primary', { maxResults: 2, pageToken: first.nextPageToken });
    expect((second.items as { id: string }[]).map((e) => e.id)).toEqual([c.id]);
    expect(second.nextPageToken).toBeUndefined();
  });
});

describe('deleted events — events resource "status", events/insert, events/delete', () => {
  // events/insert: a client-supplied ID must be unique; the Events resource, "status":
  // "cancelled" is a deleted event that get still returns, and "on the organizer's calendar,
  // cancelled events continue to expose event details … so that they can be restored (undeleted)".
  test('a deleted event\'s ID is never accepted again: insert answers 409 each time, and nothing live is made', () => {
    const { env, Events } = setup();
    Events.insert({ ...slot, id: 'cita00042' }, 'primary');
    Events.remove('primary', 'cita00042');
    for (let i = 0; i < 3; i++) {
      const err = errorOf(() => Events.insert({ ...slot, id: 'cita00042', summary: `Otra vez ${i}` }, 'primary'));
      expect([err.details.code, err.details.reason, err.message]).toEqual([409, 'duplicate', 'API call to calendar.events.insert failed with error: The requested identifier already exists.']);
    }
    expect(Events.get('primary', 'cita00042')).toMatchObject({ status: 'cancelled', summary: 'Atención virtual' });
    expect(calendarStore(env.state).allEvents()).toHaveLength(0);
    expect(calendarStore(env.state).allEvents({ includeCancelled: true }).map((e) => [e.id, e.status])).toEqual([['cita00042', 'cancelled']]);
  });

  test('the organizer restores (undeletes) a deleted event by patching its status to "confirmed": same ID, details and Meet link', () => {
    const { env, Events } = setup();
    const made = Events.insert(
      { ...slot, id: 'cita00043', conferenceData: { createRequest: { requestId: 'r1', conferenceSolutionKey: { type: 'hangoutsMeet' } } } },
      'primary',
      { conferenceDataVersion: 1 },
    );
    Events.remove('primary', 'cita00043');
    const later = { dateTime: '2026-11-29T10:00:00-05:00', timeZone: 'America/Lima' };
    const back = Events.patch({ status: 'confirmed', start: later, end: { ...later, dateTime: '2026-11-29T10:35:00-05:00' } }, 'primary', 'cita00043');
    expect(back).toMatchObject({ id: 'cita00043', status: 'confirmed', summary: 'Atención virtual', hangoutLink: made.hangoutLink, start: later });
    expect(calendarStore(env.state).allEvents().map((e) => e.id)).toEqual(['cita00043']);
    // Deleted and restored again, as many times as needed: still one event.
    Events.remove('primary', 'cita00043');
    Events.patch({ status: 'confirmed' }, 'primary', 'cita00043');
    expect(calendarStore(env.state).allEvents({ includeCancelled: true }).map((e) => [e.id, e.status])).toEqual([['cita00043', 'confirmed']]);
  });

  test('Workspace.calendarEvents() lists live events; { includeCancelled: true } adds the deleted ones', () => {
    const ws = Workspace.create({ at: '2026-11-27T09:00', user: USER, seed: 3 });
    const env = makeTestEnv({ state: ws.state, user: USER });
    const { Events } = new Calendar(env);
    Events.insert({ ...slot, id: 'vivo00001' }, 'primary');
    Events.insert({ ...slot, id: 'borrado01' }, 'primary');
    Events.remove('primary', 'borrado01');
    expect(ws.calendarEvents().map((e) => e.id)).toEqual(['vivo00001']);
    expect(ws.calendarEvents({ includeCancelled: true }).map((e) => [e.id, e.status])).toEqual([
      ['vivo00001', 'confirmed'],
      ['borrado01', 'cancelled'],
    ]);
  });
});

describe('calendar store', () => {
  test('allEvents() lists live events of every calendar with their calendarId, for the Workspace API', () => {
    const { env, Events } = setup();
    const e = Events.insert(slot, 'primary');
    const gone = Events.insert(slot, 'primary');
    Events.remove('primary', gone.id);
    expect(calendarStore(env.state).allEvents()).toEqual([{ ...Events.get('primary', e.id), calendarId: USER }]);
    expect(calendarStore(env.state).allEvents({ includeCancelled: true })).toHaveLength(2);
  });

  test('calendars and notifications survive a JSON round trip; ids stay taken after restore', () => {
    const { env, Events } = setup();
    Events.insert({ ...slot, id: 'cita00001', attendees: [{ email: 'ana@example.org' }] }, 'primary', { sendUpdates: 'all' });
    const copy = WorkspaceState.fromJSON(JSON.parse(JSON.stringify(env.state.toJSON())));
    expect(calendarStore(copy).toJSON()).toEqual(calendarStore(env.state).toJSON());
    const again = new Calendar(nextExecution({ ...env, state: copy })).Events;
    expect(errorOf(() => again.insert({ ...slot, id: 'cita00001' }, 'primary')).details.code).toBe(409);
    expect(calendarStore(copy).notificationsTo('ANA@example.org')).toHaveLength(1);
  });
});

describe('through the script bridge', () => {
  test('calls are accounted as Calendar.Events.<method>; errors reach the script as GoogleJsonResponseException', () => {
    const state = new WorkspaceState({ now: Date.UTC(2026, 10, 27, 14), seed: 5, account: 'workspace', user: USER });
    const code = `
      function make() {
        var e = Calendar.Events.insert({ id: 'abc12345', summary: 's',
          start: { dateTime: '2026-11-28T10:00:00-05:00' }, end: { dateTime: '2026-11-28T10:30:00-05:00' },
          conferenceData: { createRequest: { requestId: 'r', conferenceSolutionKey: { type: 'hangoutsMeet' } } } },
          'primary', { conferenceDataVersion: 1 });
        var err;
        try { Calendar.Events.insert({ id: 'abc12345', start: e.start, end: e.end }, 'primary'); } catch (x) { err = x; }
        return [e.hangoutLink, err instanceof Error, err.name, err.message];
      }`;
    const manifest = { timeZone: 'America/Lima', dependencies: { enabledAdvancedServices: [{ userSymbol: 'Calendar', serviceId: 'calendar', version: 'v3' }] } };
    const project = new ScriptProject('p1', 'test', { code, html: {}, manifest });
    state.projects.set(project.id, project);
    const out = runExecution(state, { project, functionName: 'make', trigger: 'editor', user: USER }, [], []);
    expect(out.error).toBeUndefined();
    const [link, isError, name, message] = out.value as [string, boolean, string, string];
    expect(link).toMatch(/^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    expect([isError, name, message]).toEqual([true, 'GoogleJsonResponseException', 'API call to calendar.events.insert failed with error: The requested identifier already exists.']);
    expect(out.record.methods['Calendar.Events.insert']).toBe(2);
    expect(out.record.calls.Calendar).toBe(2);
  });
});
