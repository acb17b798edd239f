/** C01 the approval's pure rules: the proposal, the reason, the link's round against the row's, the capacity. */
import { capacityFor as capacityWithMargin } from '../../../src/domain/external/capacity';
import { approvableAt, checkNote, checkProposal, checkReason, decisionGate, parseDecisionSubject, preferredSlot } from '../../../src/domain/external/approval';
import { limaDateAt } from '../../../src/domain/lima-time';
import { EXTERNAL_DECISION_FIELDS as F } from '../../../src/domain/messages/external-decision';

const NOW = limaDateAt('2026-11-20', 9, 0);
const ROW = { option1Date: limaDateAt('2026-12-03', 0, 0), option1Time: '10:00', option2Date: '', option2Time: '' };
const OK = { slot: '1', endTime: '12:00', speaker: 'José Ñahui', speakerEmail: 'Jose@Gmail.com', certificates: true };

describe('checkProposal', () => {
  test('a preferred slot with an end the same day', () => {
    const r = checkProposal(OK, ROW, NOW);
    expect(r).toEqual({ ok: true, proposal: { slot: '1', start: limaDateAt('2026-12-03', 10, 0), end: limaDateAt('2026-12-03', 12, 0), speaker: 'José Ñahui', speakerEmail: 'Jose@gmail.com', certificates: true } });
  });
  test('another date (both formats); certificates only when true', () => {
    const r = checkProposal({ ...OK, slot: 'otra', date: '07/12/2026', startTime: '9:30', certificates: 'sí' }, ROW, NOW);
    expect(r.ok && r.proposal.start).toEqual(limaDateAt('2026-12-07', 9, 30));
    expect(r.ok && r.proposal.certificates).toBe(false);
    expect(checkProposal({ ...OK, slot: 'otra', date: '2026-12-07', startTime: '09:30' }, ROW, NOW).ok).toBe(true);
  });
  test('field by field refusals', () => {
    expect(checkProposal({ ...OK, slot: '2' }, ROW, NOW)).toEqual({ ok: false, errors: { slot: F.slotEmpty('2') } });
    expect(checkProposal({ ...OK, slot: 'x' }, ROW, NOW)).toMatchObject({ errors: { slot: F.slotMissing } });
    expect(checkProposal({ ...OK, slot: 'otra', date: '31/02/2026', startTime: '25:00' }, ROW, NOW)).toMatchObject({ errors: { date: F.dateInvalid, startTime: F.startInvalid } });
    expect(checkProposal({ ...OK, endTime: '10:00' }, ROW, NOW)).toMatchObject({ errors: { endTime: F.endNotAfterStart } });
    expect(checkProposal({ ...OK, endTime: '' }, ROW, NOW)).toMatchObject({ errors: { endTime: F.endMissing } });
    expect(checkProposal({ ...OK, speaker: '=HYPERLINK("x")' }, ROW, NOW)).toMatchObject({ errors: { speaker: F.speakerInvalid } });
    expect(checkProposal({ ...OK, speakerEmail: 'nope' }, ROW, NOW)).toMatchObject({ errors: { speakerEmail: F.speakerEmailInvalid } });
  });
  test('at least 24 hours ahead', () => {
    expect(checkProposal(OK, ROW, limaDateAt('2026-12-02', 10, 1))).toMatchObject({ errors: { slot: F.tooSoon } });
    expect(checkProposal(OK, ROW, limaDateAt('2026-12-02', 10, 0)).ok).toBe(true);
    expect(approvableAt(limaDateAt('2026-12-03', 10, 0), limaDateAt('2026-12-02', 10, 1))).toBe(false);
    expect(approvableAt(null, NOW)).toBe(false);
  });
  test('a time Sheets turned into a date still names the slot', () => {
    expect(preferredSlot({ ...ROW, option1Time: limaDateAt('1899-12-30', 15, 45) }, '1')).toEqual(limaDateAt('2026-12-03', 15, 45));
  });
  test('hostile values never throw', () => {
    for (const v of [null, undefined, 42, {}, [], 'x'.repeat(10_000), '\u0000']) {
      expect(checkProposal({ slot: v, date: v, startTime: v, endTime: v, speaker: v, speakerEmail: v, certificates: v }, ROW, NOW).ok).toBe(false);
    }
  });
});

describe('checkReason', () => {
  test('tidied text; control and invisible characters gone; angle brackets neutral', () => {
    expect(checkReason('  No hay\u0007 ponente\n\ndisponible\u200b <b>ahora</b> ')).toEqual({ ok: true, text: 'No hay ponente disponible ‹b›ahora‹/b›' });
  });
  test('refused: missing, not text, only punctuation, too long, formula-like', () => {
    for (const bad of [undefined, null, 5, {}, '', '   ', '\u0000\u0001', '...', '¿?']) expect(checkReason(bad)).toEqual({ ok: false, problem: F.reasonMissing });
    expect(checkReason('a'.repeat(501))).toEqual({ ok: false, problem: F.reasonTooLong(500) });
    expect(checkReason('a'.repeat(500)).ok).toBe(true);
    for (const f of ['=1+1', '+51 999', '-x', '@SUM(A1)', '\t=cmd']) expect(checkReason(f)).toEqual({ ok: false, problem: F.reasonFormula });
  });
  test('a note is optional, short and never a formula', () => {
    expect(checkNote(undefined)).toEqual({ ok: true, text: '' });
    expect(checkNote(' por  teléfono ')).toEqual({ ok: true, text: 'por teléfono' });
    expect(checkNote('=x').ok).toBe(false);
    expect(checkNote('a'.repeat(301)).ok).toBe(false);
  });
});

describe('the link against the row', () => {
  test('subject', () => {
    expect(parseDecisionSubject('SE-0001.2')).toEqual({ requestId: 'SE-0001', round: 2 });
    for (const bad of ['SE-0001', 'SE-0001.0', 'a.b.1', '.1', 'SE-0001.x']) expect(parseDecisionSubject(bad)).toBeNull();
  });
  test('only the same round of a request awaiting decision decides', () => {
    expect(decisionGate('Enviada a aprobación', 2, 2)).toEqual({ kind: 'decide' });
    expect(decisionGate('Enviada a aprobación', 2, null)).toEqual({ kind: 'decide' });
    expect(decisionGate('Enviada a aprobación', 2, 1)).toEqual({ kind: 'older' });
    expect(decisionGate('Enviada a aprobación', 1, 2)).toEqual({ kind: 'newer' });
    expect(decisionGate('Recibida', 0, 1)).toEqual({ kind: 'newer' });
    expect(decisionGate('Recibida', 0, null)).toEqual({ kind: 'notSent' });
    for (const s of ['Aprobada', 'Rechazada', 'Programada', 'Realizada', 'Cerrada'] as const) expect(decisionGate(s, 1, 1)).toEqual({ kind: 'decided' });
    expect(decisionGate(null, 1, 1)).toEqual({ kind: 'notSent' });
  });
});

test('capacity: expected plus the margin, rounded up, without floating-point surprises', () => {
  expect(capacityWithMargin(40, 20)).toBe(48);
  expect(capacityWithMargin(41, 20)).toBe(50);
  expect(capacityWithMargin(25, 0)).toBe(25);
  expect(capacityWithMargin(10, 12.5)).toBe(12);
  expect(capacityWithMargin(0, 20)).toBe(0);
  expect(capacityWithMargin(NaN, 20)).toBe(0);
});
