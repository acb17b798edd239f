import { Workspace } from '../../emulator';
import { Calendar, GoogleJsonResponseException } from '../../emulator/services/calendar';
import { makeTestEnv } from '../../emulator/testing';

/**
 * Guests and their answers. Reference: the Events resource, `attendees[]`
 * (developers.google.com/calendar/api/v3/reference/events): `responseStatus` — "needsAction"
 * (has not responded), "declined", "tentative", "accepted"; events/insert, events/patch,
 * events/get, events/list. A guest's answer (Calendar's Yes / Maybe / No) is given from outside
 * the script with `ws.respondToEvent`.
 */
const ORGANIZER = 'coordinadora@trabajo.gob.pe';

const slot = {
  summary: 'Taller: sesión 1',
  start: { dateTime: '2026-12-02T10:00:00-05:00', timeZone: 'America/Lima' },
  end: { dateTime: '2026-12-02T12:00:00-05:00', timeZone: 'America/Lima' },
};

function setup() {
  const ws = Workspace.create({ at: '2026-11-27T09:00', user: ORGANIZER, seed: 9 });
  const env = makeTestEnv({ state: ws.state, user: ORGANIZER });
  return { ws, Events: new Calendar(env).Events };
}

const statuses = (e: { attendees?: { email: string; responseStatus: string }[] }) =>
  Object.fromEntries((e.attendees ?? []).map((a) => [a.email, a.responseStatus]));

describe('attendees and responseStatus (calendar/api/v3/reference/events)', () => {
  test('insert: a guest starts at "needsAction"; an explicit status is kept; get and list return them', () => {
    const { Events } = setup();
    const e = Events.insert({ ...slot, attendees: [{ email: 'ponente@example.org' }, { email: 'otra@example.org', responseStatus: 'tentative' }] }, 'primary');
    expect(statuses(e)).toEqual({ 'ponente@example.org': 'needsAction', 'otra@example.org': 'tentative' });
    expect(statuses(Events.get('primary', e.id))).toEqual(statuses(e));
    const listed = (Events.list('primary').items as typeof e[])[0];
    expect(statuses(listed)).toEqual(statuses(e));
  });

  test('a responseStatus outside needsAction/declined/tentative/accepted is refused (400)', () => {
    const { Events } = setup();
    let err: unknown;
    try {
      Events.insert({ ...slot, attendees: [{ email: 'a@example.org', responseStatus: 'maybe' }] }, 'primary');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GoogleJsonResponseException);
    expect((err as GoogleJsonResponseException).details.code).toBe(400);
  });

  test('respondToEvent: the guest accepts, declines or answers maybe; the event gets a new etag and updated', () => {
    const { ws, Events } = setup();
    const e = Events.insert({ ...slot, attendees: [{ email: 'ana@example.org' }, { email: 'beto@example.org' }, { email: 'caro@example.org' }] }, 'primary');
    ws.advanceBy(60_000);
    const after = ws.respondToEvent(e.id, 'ANA@example.org', 'accepted');
    ws.respondToEvent({ calendarId: ORGANIZER, eventId: e.id }, 'beto@example.org', 'declined');
    ws.respondToEvent(e.id, 'caro@example.org', 'tentative');
    expect(after.etag).not.toBe(e.etag);
    expect(after.updated).toBe('2026-11-27T14:01:00.000Z');
    expect(statuses(Events.get('primary', e.id))).toEqual({ 'ana@example.org': 'accepted', 'beto@example.org': 'declined', 'caro@example.org': 'tentative' });
    expect(statuses(ws.calendarEvents()[0])).toEqual(statuses(Events.get('primary', e.id)));
    // They can change their mind.
    ws.respondToEvent(e.id, 'beto@example.org', 'accepted');
    expect(statuses(Events.get('primary', e.id))['beto@example.org']).toBe('accepted');
  });

  test('respondToEvent refuses someone who is not a guest, a deleted event, an unknown event, and "needsAction"', () => {
    const { ws, Events } = setup();
    const e = Events.insert({ ...slot, attendees: [{ email: 'ana@example.org' }] }, 'primary');
    expect(() => ws.respondToEvent(e.id, 'intrusa@example.org', 'accepted')).toThrow('intrusa@example.org is not a guest of event');
    expect(() => ws.respondToEvent('nohay00001', 'ana@example.org', 'accepted')).toThrow('no event nohay00001');
    expect(() => ws.respondToEvent(e.id, 'ana@example.org', 'needsAction' as never)).toThrow(/accepted, declined or tentative/);
    Events.remove('primary', e.id);
    expect(() => ws.respondToEvent(e.id, 'ana@example.org', 'accepted')).toThrow('was deleted');
  });

  test('patch: guests listed again keep their answer unless the patch gives one; new guests start at needsAction', () => {
    // The emulator's reading of events/patch: the organizer cannot reset a guest's answer by
    // re-sending the list (a guest's reply belongs to the guest).
    const { ws, Events } = setup();
    const e = Events.insert({ ...slot, attendees: [{ email: 'ana@example.org' }, { email: 'beto@example.org' }] }, 'primary');
    ws.respondToEvent(e.id, 'ana@example.org', 'declined');
    const p = Events.patch({ attendees: [{ email: 'ana@example.org' }, { email: 'beto@example.org', responseStatus: 'accepted' }, { email: 'dani@example.org' }] }, 'primary', e.id);
    expect(statuses(p)).toEqual({ 'ana@example.org': 'declined', 'beto@example.org': 'accepted', 'dani@example.org': 'needsAction' });
    // A patch that does not touch attendees leaves every answer as it was.
    expect(statuses(Events.patch({ location: 'Sala 2' }, 'primary', e.id))).toEqual(statuses(p));
  });

  test('answers survive a snapshot', () => {
    const { ws, Events } = setup();
    const e = Events.insert({ ...slot, attendees: [{ email: 'ana@example.org' }] }, 'primary');
    ws.respondToEvent(e.id, 'ana@example.org', 'accepted');
    expect(statuses(Workspace.fromSnapshot(ws.snapshot()).calendarEvents()[0])).toEqual({ 'ana@example.org': 'accepted' });
  });
});
