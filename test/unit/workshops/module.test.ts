/**
 * B01: the rules a module of "Aprende a Emprender" must meet before it is saved, each failure with
 * its own Spanish message on its own field.
 */
import { limaDate } from '../../../src/domain/lima-time';
import { MODULE_FIELD_MESSAGES as MF, SESSION_FIELD_MESSAGES as SF } from '../../../src/domain/messages/workshops';
import { isRequestKey, moduleId, sessionId, yearPlanId } from '../../../src/domain/workshops/ids';
import {
  datesText,
  editingClosedSince,
  parseHHmm,
  parseSessionDate,
  quarterOf,
  quarterRange,
  validateModule,
  type ModuleInput,
  type ScheduledSession,
  type SessionInput,
} from '../../../src/domain/workshops/module';

/** Friday 27 November 2026, 09:00 in Lima. */
const NOW = limaDate(2026, 11, 27, 9, 0);

const session = (date: string, topic = 'Idea de negocio', speaker = 'Carmen Rosa Vílchez', speakerEmail = 'carmen.vilchez@gmail.com'): SessionInput => ({
  topic,
  date,
  startTime: '18:00',
  endTime: '20:00',
  speaker,
  speakerEmail,
});

const MODULE: ModuleInput = {
  name: 'Aprende a Emprender I',
  year: 2027,
  quarter: 'I',
  audience: 'Personas con una idea de negocio',
  capacity: 60,
  minSessions: 3,
  whatsappUrl: 'https://chat.whatsapp.com/AbCdEfGhIj0123456789',
  sessions: [session('2027-01-12'), session('2027-01-19', 'Costos'), session('2027-01-26', 'Marketing digital'), session('2027-02-02', 'Formalización')],
};

function check(input: Partial<ModuleInput>, others: ScheduledSession[] = [], takenNames: { name: string; year: number; quarter: string }[] = []) {
  return validateModule(input, { now: NOW, others, takenNames });
}

function errorsOf(input: Partial<ModuleInput>, others: ScheduledSession[] = []) {
  const r = check(input, others);
  if (r.ok) throw new Error('expected a refusal');
  return r.errors;
}

test('a valid module of 4 sessions: cleaned text, sessions numbered in the order they happen, Lima times', () => {
  const r = check({ ...MODULE, name: '  Aprende   a Emprender I ', sessions: [MODULE.sessions![1], MODULE.sessions![0], MODULE.sessions![2], MODULE.sessions![3]] });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  expect(r.module).toMatchObject({ name: 'Aprende a Emprender I', year: 2027, quarter: 'I', capacity: 60, minSessions: 3 });
  expect(r.module.sessions.map((s) => [s.number, s.date, s.topic])).toEqual([
    [1, '2027-01-12', 'Idea de negocio'],
    [2, '2027-01-19', 'Costos'],
    [3, '2027-01-26', 'Marketing digital'],
    [4, '2027-02-02', 'Formalización'],
  ]);
  expect(r.module.sessions[0].start.toISOString()).toBe('2027-01-12T23:00:00.000Z');
  expect(r.module.sessions[0].end.toISOString()).toBe('2027-01-13T01:00:00.000Z');
});

test('numbers and strings are accepted as the form sends them; dd/mm/aaaa dates and 9:00 times too', () => {
  const r = check({ ...MODULE, year: '2027', capacity: '500', minSessions: '1', quarter: '1', whatsappUrl: '', sessions: [{ ...session('12/1/2027'), startTime: '9:00', endTime: '10:30' }] });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  expect(r.module.sessions[0]).toMatchObject({ date: '2027-01-12', startTime: '09:00', endTime: '10:30' });
  expect(r.module.capacity).toBe(500);
});

test.each<[string, Partial<ModuleInput>, string, string]>([
  ['name missing', { name: '  ' }, 'name', MF.nameMissing],
  ['name as a formula', { name: '=HYPERLINK("http://x")' }, 'name', MF.nameInvalid],
  ['name too long', { name: 'A'.repeat(151) }, 'name', MF.nameTooLong(150)],
  ['year not a year', { year: '27' }, 'year', MF.yearInvalid(2024, 2100)],
  ['quarter unknown', { quarter: 'V' }, 'quarter', MF.quarterInvalid],
  ['audience missing', { audience: '' }, 'audience', MF.audienceMissing],
  ['audience as a formula', { audience: '+51 987' }, 'audience', MF.audienceInvalid],
  ['capacity 0', { capacity: 0 }, 'capacity', MF.capacityInvalid(500)],
  ['capacity 501', { capacity: 501 }, 'capacity', MF.capacityInvalid(500)],
  ['capacity not whole', { capacity: '12.5' }, 'capacity', MF.capacityInvalid(500)],
  ['attendance 0', { minSessions: 0 }, 'minSessions', MF.attendanceInvalid],
  ['attendance above the sessions', { minSessions: 5 }, 'minSessions', MF.attendanceTooHigh(4)],
  ['WhatsApp link elsewhere', { whatsappUrl: 'https://wa.me/51987654321' }, 'whatsappUrl', MF.whatsappInvalid],
  ['WhatsApp link over http', { whatsappUrl: 'http://chat.whatsapp.com/AbCdEfGhIj0123456789' }, 'whatsappUrl', MF.whatsappInvalid],
  ['WhatsApp javascript:', { whatsappUrl: 'javascript:alert(1)' }, 'whatsappUrl', MF.whatsappInvalid],
  ['no sessions', { sessions: [] }, 'sessions', MF.sessionsMissing],
  ['too many sessions', { minSessions: 1, sessions: Array.from({ length: 21 }, (_, i) => ({ ...session('2027-01-12'), startTime: `${String(i).padStart(2, '0')}:00`, endTime: `${String(i).padStart(2, '0')}:30` })) }, 'sessions', MF.sessionsTooMany(20)],
])('%s is refused on its field', (_label, change, field, message) => {
  const e = errorsOf({ ...MODULE, ...change });
  expect(e.fields).toEqual({ [field]: message });
});

test.each<[string, Partial<SessionInput>, string, string]>([
  ['topic missing', { topic: '' }, 'topic', SF.topicMissing],
  ['topic as a formula', { topic: '@SUM(A1)' }, 'topic', SF.topicInvalid],
  ['date missing', { date: '' }, 'date', SF.dateMissing],
  ['date not real', { date: '2027-02-30' }, 'date', SF.dateInvalid],
  ['date outside the quarter', { date: '2027-04-06' }, 'date', SF.dateOutsideQuarter('I', 2027)],
  ['start missing', { startTime: '' }, 'startTime', SF.startMissing],
  ['start not a time', { startTime: '25:00' }, 'startTime', SF.startInvalid],
  ['end missing', { endTime: '' }, 'endTime', SF.endMissing],
  ['end not a time', { endTime: '8 pm' }, 'endTime', SF.endInvalid],
  ['end before start', { endTime: '17:00' }, 'endTime', SF.endNotAfterStart],
  ['end equal to start', { endTime: '18:00' }, 'endTime', SF.endNotAfterStart],
  ['speaker missing', { speaker: '' }, 'speaker', SF.speakerMissing],
  ['speaker with digits', { speaker: 'Carmen 2' }, 'speaker', SF.speakerInvalid],
  ['speaker as a formula', { speaker: '=Carmen' }, 'speaker', SF.speakerInvalid],
  ['speaker too long', { speaker: 'A'.repeat(201) }, 'speaker', SF.speakerTooLong],
  ['speaker email missing', { speakerEmail: '' }, 'speakerEmail', SF.speakerEmailMissing],
  ['speaker email invalid', { speakerEmail: 'carmen@' }, 'speakerEmail', SF.speakerEmailInvalid],
])('a session with %s is refused on that session and field', (_label, change, field, message) => {
  const sessions = MODULE.sessions!.map((s, i) => (i === 2 ? { ...s, ...change } : s));
  const e = errorsOf({ ...MODULE, sessions });
  expect(e.fields).toEqual({});
  expect(e.sessions).toEqual([{}, {}, { [field]: message }, {}]);
});

test('dates in the past are refused: a past day on the date, a past hour of today on the start', () => {
  const q4 = { ...MODULE, year: 2026, quarter: 'IV', minSessions: 1 };
  expect(errorsOf({ ...q4, sessions: [session('2026-11-26')] }).sessions).toEqual([{ date: SF.datePast }]);
  expect(errorsOf({ ...q4, sessions: [{ ...session('2026-11-27'), startTime: '08:30', endTime: '10:00' }] }).sessions).toEqual([{ startTime: SF.startPast }]);
  expect(check({ ...q4, sessions: [{ ...session('2026-11-27'), startTime: '09:30', endTime: '10:00' }] }).ok).toBe(true);
});

test('two sessions of one module at the same time: the later one in the form is marked, naming the other', () => {
  const sessions = [session('2027-01-12'), { ...session('2027-01-12', 'Costos'), startTime: '19:00', endTime: '21:00' }];
  const e = errorsOf({ ...MODULE, minSessions: 1, sessions });
  expect(e.sessions).toEqual([{}, { startTime: SF.overlaps(1, '18:00', '20:00') }]);
  // Back to back is fine.
  expect(check({ ...MODULE, minSessions: 1, sessions: [session('2027-01-12'), { ...session('2027-01-12', 'Costos'), startTime: '20:00', endTime: '21:00' }] }).ok).toBe(true);
});

test('a speaker already in another module at that time is refused; other speakers and other times are not', () => {
  const other: ScheduledSession = {
    moduleId: 'M-OTHER',
    moduleName: 'Finanzas para emprendedores',
    start: limaDate(2027, 1, 19, 19, 0),
    end: limaDate(2027, 1, 19, 21, 0),
    speakerEmail: 'carmen.vilchez@gmail.com',
  };
  const e = errorsOf(MODULE, [other]);
  expect(e.sessions).toEqual([{}, { speaker: SF.speakerBusy('Finanzas para emprendedores', 'martes 19 de enero de 2027', '19:00', '21:00') }, {}, {}]);
  expect(check(MODULE, [{ ...other, speakerEmail: 'otro.ponente@gmail.com' }]).ok).toBe(true);
  expect(check(MODULE, [{ ...other, start: limaDate(2027, 1, 19, 20, 0), end: limaDate(2027, 1, 19, 22, 0) }]).ok).toBe(true);
  // The speaker's address is compared as normalised.
  const upper = { ...MODULE, sessions: MODULE.sessions!.map((s) => ({ ...s, speakerEmail: ' Carmen.Vilchez@Gmail.com ' })) };
  expect(check(upper, [other]).ok).toBe(false);
});

test('a second module with the same name in the same quarter is refused; another quarter is fine', () => {
  const r = check(MODULE, [], [{ name: 'APRENDE A EMPRENDER I', year: 2027, quarter: 'I' }]);
  expect(r.ok ? null : r.errors.fields).toEqual({ name: MF.nameTaken('I', 2027) });
  expect(check(MODULE, [], [{ name: 'Aprende a Emprender I', year: 2027, quarter: 'II' }]).ok).toBe(true);
});

test('every problem at once: one message per field, none lost', () => {
  const e = errorsOf({ name: '', year: 1999, quarter: '', audience: '', capacity: -1, minSessions: 'x', whatsappUrl: 'x', sessions: [{}] });
  expect(Object.keys(e.fields).sort()).toEqual(['audience', 'capacity', 'minSessions', 'name', 'quarter', 'whatsappUrl', 'year']);
  expect(Object.keys(e.sessions[0]).sort()).toEqual(['date', 'endTime', 'speaker', 'speakerEmail', 'startTime', 'topic']);
  expect(errorsOf({}).fields.sessions).toBe(MF.sessionsMissing);
});

test('a module may be edited until its first session starts', () => {
  const starts = [limaDate(2027, 1, 19, 18), limaDate(2027, 1, 12, 18)];
  expect(editingClosedSince([], NOW)).toBeNull();
  expect(editingClosedSince(starts, limaDate(2027, 1, 12, 17, 59))).toBeNull();
  expect(editingClosedSince(starts, limaDate(2027, 1, 12, 18))?.toISOString()).toBe(starts[1].toISOString());
});

test('quarters, dates and times', () => {
  expect(quarterOf('iv')).toBe('IV');
  expect(quarterOf(2)).toBe('II');
  expect(quarterOf('5')).toBeNull();
  expect(quarterRange(2028, 'I')).toEqual({ first: '2028-01-01', last: '2028-03-31' });
  expect(quarterRange(2027, 'IV')).toEqual({ first: '2027-10-01', last: '2027-12-31' });
  expect(parseSessionDate('2/2/2027')).toBe('2027-02-02');
  expect(parseSessionDate('31/02/2027')).toBeNull();
  expect(parseHHmm('7:05')).toEqual({ text: '07:05', hour: 7, minute: 5 });
  expect(parseHHmm('24:00')).toBeNull();
  expect(datesText([{ date: '2027-01-19' }, { date: '2027-01-12' }, { date: '2027-01-26' }])).toBe('12/01, 19/01 y 26/01/2027');
  expect(datesText([{ date: '2027-01-12' }])).toBe('12/01/2027');
});

test('module IDs: unguessable without the secret, the same for a retried request, no personal data', () => {
  const a = moduleId('secreto-1', 'solicitud-abc123');
  expect(a).toMatch(/^M-[0-9A-V]{12}$/);
  expect(moduleId('secreto-1', 'solicitud-abc123')).toBe(a);
  expect(moduleId('secreto-2', 'solicitud-abc123')).not.toBe(a);
  expect(moduleId('secreto-1', 'solicitud-abc124')).not.toBe(a);
  expect(sessionId(a, 3)).toBe(`${a}-S3`);
  expect(yearPlanId(a)).toBe(`PA-${a}`);
  expect(isRequestKey('k3y-0123456789')).toBe(true);
  expect(isRequestKey('short')).toBe(false);
  expect(isRequestKey('=cmd|x')).toBe(false);
});
