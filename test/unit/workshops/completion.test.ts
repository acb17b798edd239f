import { moduleCompletion, moduleHours, type CompletionSession } from '../../../src/domain/workshops/completion';

const at = (s: string) => new Date(`${s}:00-05:00`);
const S = (id: string, day: string, status = 'Realizada'): CompletionSession => ({ id, status, start: at(`${day}T18:00`), end: at(`${day}T20:00`) });
const SESSIONS = [S('S3', '2027-01-26'), S('S1', '2027-01-12'), S('S2', '2027-01-19', 'Cancelada'), S('S4', '2027-02-02')];

describe('moduleCompletion: the certificate rule the matrix, the certificates and the report share', () => {
  const base = {
    minSessions: 2,
    sessions: SESSIONS,
    registrations: [
      { id: 'R1', status: 'Inscrito' },
      { id: 'R2', status: 'Inscrito' },
      { id: 'R3', status: 'En lista de espera' },
      { id: 'R4', status: 'Retirado' },
    ],
    present: [
      { sessionId: 'S3', registrationId: 'R1' },
      { sessionId: 'S1', registrationId: 'R1' },
      { sessionId: 'S1', registrationId: 'R1' }, // the same mark twice counts once
      { sessionId: 'S2', registrationId: 'R2' }, // a cancelled session never counts
      { sessionId: 'S4', registrationId: 'R2' },
      { sessionId: 'S1', registrationId: 'R3' },
      { sessionId: 'S3', registrationId: 'R3' },
      { sessionId: 'OTHER', registrationId: 'R2' }, // another module's session
    ],
    now: at('2027-02-02T20:00'),
  };

  test('counts confirmed registrants\' present marks in the sessions that count, in session order', () => {
    const c = moduleCompletion(base);
    expect(c.sessionIds).toEqual(['S1', 'S3', 'S4']);
    expect(c.ended).toBe(true);
    expect(c.people).toEqual([
      { registrationId: 'R1', attendedSessionIds: ['S1', 'S3'], attended: 2, percent: 67, meetsRule: true },
      { registrationId: 'R2', attendedSessionIds: ['S4'], attended: 1, percent: 33, meetsRule: false },
    ]);
  });

  test('a rule of 0 or blank is not set: nobody meets it', () => {
    for (const minSessions of [0, NaN, -1]) {
      const c = moduleCompletion({ ...base, minSessions });
      expect(c.ruleSet).toBe(false);
      expect(c.people.some((p) => p.meetsRule)).toBe(false);
    }
  });

  test('the module has ended only when its last counted session has', () => {
    expect(moduleCompletion({ ...base, now: at('2027-02-02T19:59') }).ended).toBe(false);
    expect(moduleCompletion({ ...base, sessions: [] }).ended).toBe(false);
  });
});

describe('moduleHours', () => {
  test('sums the counted sessions\' scheduled time, rounded to whole hours', () => {
    expect(moduleHours(SESSIONS)).toBe(6);
    expect(moduleHours([{ id: 'x', status: 'Programada', start: at('2027-01-12T18:00'), end: at('2027-01-12T18:20') }])).toBe(1);
    expect(moduleHours([])).toBe(0);
  });
});
