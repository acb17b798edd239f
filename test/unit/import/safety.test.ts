/**
 * The import's protections (issue 10 item 2), pure: the signed plan ID, the second confirmation,
 * what a report covers, and the undo record of an import's cancellations.
 */
import { coveredByReport, reconcileImport, type ExistingAppointment } from '../../../src/domain/import/reconcile';
import type { ImportedAppointment } from '../../../src/domain/import/report';
import {
  assessCancellations,
  CANCELLATION_CONFIRM_SHARE,
  checkPlanToken,
  completedCancellation,
  decodeUndo,
  encodeUndo,
  importIdFor,
  planFingerprint,
  planToken,
  PLAN_TOKEN_TTL_MS,
  undoDecision,
  undoEntry,
  undoKeys,
  UNDO_TTL_MS,
} from '../../../src/domain/import/safety';
import { limaDate } from '../../../src/domain/lima-time';

const NOW = limaDate(2026, 11, 27, 9, 0);
const SECRET = 'secreto-de-prueba';

describe('the plan ID: confirm applies exactly what was previewed', () => {
  const plan = { inserts: [{ id: 'A1', start: limaDate(2026, 11, 28, 10, 0) }], cancels: [{ id: 'B2', reason: 'x' }] };
  const fp = planFingerprint(plan);

  test('the same plan, key order aside, has the same fingerprint; a different one does not', () => {
    expect(planFingerprint({ cancels: [{ reason: 'x', id: 'B2' }], inserts: [{ start: limaDate(2026, 11, 28, 10, 0), id: 'A1' }] })).toBe(fp);
    expect(planFingerprint({ ...plan, cancels: [...plan.cancels, { id: 'C3', reason: 'x' }] })).not.toBe(fp);
    expect(planFingerprint({ ...plan, inserts: [{ id: 'A1', start: limaDate(2026, 11, 28, 10, 30) }] })).not.toBe(fp);
  });

  test('a token signs one plan, for 30 minutes', () => {
    const token = planToken(SECRET, NOW, fp);
    expect(checkPlanToken(SECRET, token, fp, NOW)).toBe('ok');
    expect(checkPlanToken(SECRET, token, fp, new Date(NOW.getTime() + PLAN_TOKEN_TTL_MS - 1000))).toBe('ok');
    expect(checkPlanToken(SECRET, token, fp, new Date(NOW.getTime() + PLAN_TOKEN_TTL_MS + 1000))).toBe('expired');
    expect(checkPlanToken(SECRET, token, planFingerprint({ other: true }), NOW)).toBe('changed');
    expect(checkPlanToken('otro-secreto', token, fp, NOW)).toBe('changed');
    expect(checkPlanToken(SECRET, 'x', fp, NOW)).toBe('malformed');
    expect(checkPlanToken(SECRET, undefined, fp, NOW)).toBe('malformed');
    // A forged issue time does not extend it: the time is signed.
    const [, sig] = token.split('.');
    expect(checkPlanToken(SECRET, `${NOW.getTime() + PLAN_TOKEN_TTL_MS}.${sig}`, fp, new Date(NOW.getTime() + PLAN_TOKEN_TTL_MS + 1000))).toBe('changed');
  });
});

describe('the second confirmation', () => {
  const tomorrow = (h: number) => limaDate(2026, 11, 28, h, 0);
  const today = limaDate(2026, 11, 27, 15, 0);

  test('an inferred cancellation of today needs it', () => {
    const r = assessCancellations([{ id: 'A', start: today, inferred: true }], 20, NOW);
    expect(r).toMatchObject({ needsSecondConfirmation: true, today: ['A'], overShare: false });
  });

  test('a cancellation the platform states (Anulada) does not, even today', () => {
    expect(assessCancellations([{ id: 'A', start: today, inferred: false }], 1, NOW).needsSecondConfirmation).toBe(false);
  });

  test(`more than ${CANCELLATION_CONFIRM_SHARE * 100} % of the covered appointments needs it; up to that share does not`, () => {
    const three = ['A', 'B', 'C'].map((id, i) => ({ id, start: tomorrow(9 + i), inferred: true }));
    expect(assessCancellations(three, 10, NOW)).toMatchObject({ needsSecondConfirmation: false, overShare: false });
    expect(assessCancellations(three, 9, NOW)).toMatchObject({ needsSecondConfirmation: true, overShare: true });
    expect(assessCancellations([], 0, NOW).needsSecondConfirmation).toBe(false);
  });
});

describe('what a report covers', () => {
  const appt = (key: string, h: number, consultant: string | null, day = 28): ImportedAppointment =>
    ({ key, code: key, documentType: 'DNI', dni: '12345678', fullName: 'X', email: 'x@x.pe', phone: null, start: limaDate(2026, 11, day, h, 0), consultant, service: null, cancelledOnPlatform: false, line: 2 }) as unknown as ImportedAppointment;
  const existing = (key: string, h: number, consultant: string, day = 28): ExistingAppointment => ({ key, start: limaDate(2026, 11, day, h, 0), status: 'Programada', fields: { code: key, consultant } });

  test('a report of one consultant cancels nothing of a colleague on the same day', () => {
    const plan = reconcileImport([existing('1', 9, 'Ana Quispe'), existing('2', 10, 'Luis Rojas'), existing('3', 11, 'ana  QUISPE')], [appt('9', 12, 'Ana Quispe')], NOW);
    expect(plan.cancellations.sort()).toEqual(['1', '3']);
    expect(plan.notInReport).toEqual(['2']);
    expect(plan.scope).toEqual({ firstDay: '2026-11-28', lastDay: '2026-11-28', consultants: ['Ana Quispe'] });
  });

  test('a report without consultants covers only the appointments registered without one', () => {
    const plan = reconcileImport([existing('1', 9, ''), existing('2', 10, 'Luis Rojas')], [appt('9', 12, null)], NOW);
    expect(plan.cancellations).toEqual(['1']);
    expect(plan.notInReport).toEqual(['2']);
  });

  test('days outside the first and last appointment of the report are untouched', () => {
    const scope = { firstDay: '2026-11-28', lastDay: '2026-11-29', consultants: ['Ana'] };
    expect(coveredByReport(scope, limaDate(2026, 11, 27, 23, 59), 'Ana')).toBe(false);
    expect(coveredByReport(scope, limaDate(2026, 11, 28, 0, 0), 'Ana')).toBe(true);
    expect(coveredByReport(scope, limaDate(2026, 11, 29, 23, 59), 'ána')).toBe(true);
    expect(coveredByReport(scope, limaDate(2026, 11, 30, 0, 0), 'Ana')).toBe(false);
    expect(coveredByReport({ firstDay: null, lastDay: null, consultants: [] }, limaDate(2026, 11, 28, 9, 0), '')).toBe(false);
  });
});

describe('undo of an import\'s cancellations', () => {
  const before = 'Llamó para confirmar';
  const after = before + '\nCancelada: ya no figura en el reporte de la plataforma';
  const entry = undoEntry('A1', before, after);

  test('restores a row still exactly as the import left it', () => {
    expect(undoDecision(entry, 'Cancelada', after)).toEqual({ kind: 'restore', observations: before });
    expect(undoDecision(undoEntry('A2', '', 'Cancelada: x'), 'Cancelada', 'Cancelada: x')).toEqual({ kind: 'restore', observations: '' });
  });

  test('leaves a row someone changed since, and knows one already restored', () => {
    expect(undoDecision(entry, 'Cancelada', after + '\nNota de la consultora')).toEqual({ kind: 'changed' });
    expect(undoDecision(entry, 'Programada', after + '\nReactivada el …')).toEqual({ kind: 'changed' });
    expect(undoDecision(entry, 'Atendida', after)).toEqual({ kind: 'changed' });
    expect(undoDecision(entry, 'Programada', before)).toEqual({ kind: 'already-restored' });
  });

  test('an import cut between its status and Observaciones columns is completed by the next one', () => {
    const other = before + '\nCancelada: anulada en la plataforma';
    expect(completedCancellation(entry, 'Cancelada', before, [other, after])).toBe(after);
    expect(completedCancellation(entry, 'Programada', before, [other, after])).toBeNull();
    expect(completedCancellation(entry, 'Cancelada', after, [other, after])).toBeNull();
    expect(completedCancellation(entry, 'Cancelada', before, [other])).toBeNull();
  });

  test('finishes a write cut between the status and the Observaciones columns, either way', () => {
    expect(undoDecision(entry, 'Programada', after)).toEqual({ kind: 'restore', observations: before });
    expect(undoDecision(entry, 'Cancelada', before)).toEqual({ kind: 'restore', observations: before });
  });

  test('a record survives the trip through script properties, split in pieces of at most 8000 characters', () => {
    const id = importIdFor(NOW, 'abcdef0123456789');
    const record = { importId: id, at: NOW.getTime(), fileName: 'reporte.csv', rows: Array.from({ length: 300 }, (_, i) => undoEntry(`CITA-${i}`, before, after)) };
    const props = encodeUndo('U_', record);
    expect(Object.keys(props).length).toBeGreaterThan(1);
    expect(Math.max(...Object.values(props).map((v) => v.length))).toBeLessThanOrEqual(8000);
    expect(decodeUndo('U_', id, props)).toEqual(record);
    expect(decodeUndo('U_', 'otro', props)).toBeNull();
    expect(undoKeys('U_', { ...props, OTHER: 'x' }, { importId: id }).sort()).toEqual(Object.keys(props).sort());
    expect(undoKeys('U_', props, { olderThan: new Date(NOW.getTime() + UNDO_TTL_MS - 1000) })).toEqual([]);
    expect(undoKeys('U_', props, { olderThan: new Date(NOW.getTime() + UNDO_TTL_MS + 1000) }).length).toBe(Object.keys(props).length);
  });
});
