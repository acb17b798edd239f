/** B09 check-in rules: the document as typed on a phone, matching to a registrant, the window's edges, one response's decision. */
import { checkinWindow, decideCheckin, insideWindow, matchRegistrant, readCheckinDocument, type CheckinSessionFacts, type RegistrantFacts } from '../../../src/domain/workshops/checkin';
import { CHECKIN_QUESTIONS as Q, checkinForm, NO_OPEN_SESSION, sessionChoice, sessionOfChoice } from '../../../src/domain/workshops/checkin-form';

const SID = 'M-0123456789AB-S2';
const start = new Date('2026-12-09T23:00:00Z'); // 18:00 Lima
const end = new Date('2026-12-10T01:00:00Z'); // 20:00 Lima
const min = (n: number) => n * 60_000;

const session: CheckinSessionFacts = { id: SID, moduleId: 'M-0123456789AB', number: 2, topic: 'Precio de venta', start, end, cancelled: false };
const people: RegistrantFacts[] = [
  { id: 'I-ROSA', documentType: 'DNI', number: '41234567', status: 'Inscrito', fullName: 'Rosa' },
  { id: 'I-JORGE', documentType: 'DNI', number: '01234567', status: 'Inscrito', fullName: 'Jorge' },
  { id: 'I-ANA', documentType: 'CE', number: '001234567', status: 'Inscrito', fullName: 'Ana' },
  { id: 'I-PEDRO', documentType: 'Pasaporte', number: 'AB123456', status: 'Inscrito', fullName: 'Pedro' },
  { id: 'I-NUSTA', documentType: 'DNI', number: '44567890', status: 'En lista de espera', fullName: 'Ñusta' },
  { id: 'I-OLD', documentType: 'DNI', number: '45678901', status: 'Retirado', fullName: 'Old' },
];
const answers = (number: string, type = 'DNI', choice = sessionChoice(SID, 2, 'Precio de venta', start)) => ({ [Q.session]: choice, [Q.documentType]: type, [Q.documentNumber]: number });
const decide = (a: Record<string, string>, at: Date, s: CheckinSessionFacts = session) =>
  decideCheckin(a, at, (id) => (id === s.id ? s : null), () => people, { beforeMinutes: 15, afterMinutes: 30 });

describe('the document as typed', () => {
  test.each([
    ['41234567', '41234567'],
    ['41.234.567', '41234567'],
    [' 41 234 567 ', '41234567'],
    ['41-234-567', '41234567'],
    ['1234567', '01234567'], // a phone keyboard dropped the leading zero
  ])('DNI %j → %j', (typed, number) => {
    const r = readCheckinDocument('DNI', typed);
    expect(r.ok && r.document.number).toBe(number);
  });

  test.each(['123456', '123456789', '12AB5678', '00000000', '', '0123456'])('DNI %j is refused', (typed) => {
    expect(readCheckinDocument('DNI', typed).ok).toBe(false);
  });

  test('CE and passport: spaces, dots, dashes, case', () => {
    const ce = readCheckinDocument('Carné de extranjería', '001-234.567');
    expect(ce.ok && ce.document).toEqual({ type: 'CE', number: '001234567', alternatives: ['1234567'] });
    const pas = readCheckinDocument('Pasaporte', 'ab 123 456');
    expect(pas.ok && pas.document).toEqual({ type: 'Pasaporte', number: 'AB123456', alternatives: [] });
    expect(readCheckinDocument('Pasaporte', 'AB1').ok).toBe(false);
    expect(readCheckinDocument('Licencia', '41234567').ok).toBe(false);
  });
});

describe('matching a registrant', () => {
  const doc = (type: string, n: string) => {
    const r = readCheckinDocument(type, n);
    if (!r.ok) throw new Error(r.problem);
    return r.document;
  };
  test('same type and number; 7 digits only when the padded DNI is a registrant', () => {
    expect(matchRegistrant(doc('DNI', '41234567'), people)).toMatchObject({ kind: 'confirmed', registrant: { id: 'I-ROSA' } });
    expect(matchRegistrant(doc('DNI', '1234567'), people)).toMatchObject({ kind: 'confirmed', registrant: { id: 'I-JORGE' } });
    expect(matchRegistrant(doc('DNI', '4123456'), people)).toEqual({ kind: 'unknown' });
  });
  test('a CE with or without its leading zeros; a number under another type when only one has it', () => {
    expect(matchRegistrant(doc('CE', '1234567'), people)).toMatchObject({ kind: 'confirmed', registrant: { id: 'I-ANA' } });
    expect(matchRegistrant(doc('CE', '001234567'), people)).toMatchObject({ kind: 'confirmed', registrant: { id: 'I-ANA' } });
    expect(matchRegistrant(doc('DNI', '41234567'), people.map((p) => (p.id === 'I-ROSA' ? { ...p, documentType: 'CE' } : p)))).toMatchObject({ kind: 'confirmed', registrant: { id: 'I-ROSA' } });
  });
  test('waiting list and withdrawn are told apart; a confirmed registration wins over an old withdrawn one', () => {
    expect(matchRegistrant(doc('DNI', '44567890'), people)).toMatchObject({ kind: 'waiting' });
    expect(matchRegistrant(doc('DNI', '45678901'), people)).toMatchObject({ kind: 'inactive' });
    const again = [...people, { id: 'I-OLD2', documentType: 'DNI', number: '45678901', status: 'Inscrito', fullName: 'Old' }];
    expect(matchRegistrant(doc('DNI', '45678901'), again)).toMatchObject({ kind: 'confirmed', registrant: { id: 'I-OLD2' } });
  });
});

describe('the window (start − 15 min to end + 30 min, edges included)', () => {
  const w = checkinWindow(start, end, 15, 30);
  test('exactly start − 15 and end + 30 are accepted; one minute outside is refused', () => {
    expect(insideWindow(new Date(start.getTime() - min(15)), w)).toBe(true);
    expect(insideWindow(new Date(end.getTime() + min(30)), w)).toBe(true);
    expect(insideWindow(new Date(start.getTime() - min(16)), w)).toBe(false);
    expect(insideWindow(new Date(end.getTime() + min(31)), w)).toBe(false);
  });
  test('the decision follows the same edges', () => {
    expect(decide(answers('41234567'), new Date(start.getTime() - min(15))).kind).toBe('accept');
    expect(decide(answers('41234567'), new Date(end.getTime() + min(30))).kind).toBe('accept');
    expect(decide(answers('41234567'), new Date(start.getTime() - min(16)))).toMatchObject({ kind: 'review', reason: 'window' });
    expect(decide(answers('41234567'), new Date(end.getTime() + min(31)))).toMatchObject({ kind: 'review', reason: 'window' });
  });
});

describe('one response', () => {
  const at = new Date(start.getTime() + min(5));
  test('accepted with the registrant, the session and the time sent; a padded DNI says so', () => {
    expect(decide(answers('1234567'), at)).toMatchObject({ kind: 'accept', registrant: { id: 'I-JORGE' }, session: { id: SID }, at, padded: true });
  });
  test.each([
    ['an unknown document', answers('47777777'), 'unknown'],
    ['the waiting list', answers('44567890'), 'waiting'],
    ['a withdrawn registration', answers('45678901'), 'inactive'],
    ['an unreadable document', answers('12AB'), 'document'],
    ['no session (typed, altered, the placeholder)', answers('41234567', 'DNI', NO_OPEN_SESSION), 'session'],
    ['a session of another ID', answers('41234567', 'DNI', 'Sesión 2 [M-ZZZZZZZZZZZZ-S2]'), 'session'],
  ])('%s → Revisión (%s)', (_label, a, reason) => {
    expect(decide(a as Record<string, string>, at)).toMatchObject({ kind: 'review', reason });
  });
  test('a cancelled session → Revisión', () => {
    expect(decide(answers('41234567'), at, { ...session, cancelled: true })).toMatchObject({ kind: 'review', reason: 'cancelled' });
  });
});

describe('the form and its choices', () => {
  test('a choice ends with the session ID in brackets and reads back; brackets in a topic cannot forge one', () => {
    const c = sessionChoice(SID, 2, 'Precio [de] venta', start);
    expect(c).toBe(`Sesión 2 · Precio de venta · 09/12/2026 18:00 [${SID}]`);
    expect(sessionOfChoice(c)).toBe(SID);
    expect(sessionOfChoice(`x [${SID}] y`)).toBeNull();
    expect(sessionOfChoice(42)).toBeNull();
  });
  test('the form: session dropdown (a placeholder when none), document type and number, a privacy line', () => {
    const f = checkinForm([]);
    expect(f.items.map((i) => i.title)).toEqual([Q.session, Q.documentType, Q.documentNumber]);
    expect(f.items[0]).toMatchObject({ kind: 'list', choices: [NO_OPEN_SESSION] });
    expect(f.description).toContain('Ley N.° 29733');
    expect(f.confirmationMessage).toContain('Recibimos su registro de asistencia');
  });
});
