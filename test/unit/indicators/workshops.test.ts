/**
 * Issue 15, Talleres: every workshop and external-request figure against values computed by hand
 * (the comments next to each expectation), read through the provider from an in-memory Talleres
 * spreadsheet (each tab read once); and the daily refresh of «Indicadores» (once per Lima day at
 * or after the external job's daily trigger hour, never failing the job).
 */
import { DAILY_REFRESH_PROPERTY, dailyRefreshDue, refreshIndicatorsDaily } from '../../../src/app/indicators/daily';
import { INDICATORS_TAB, refreshDashboard, type IndicatorInputs } from '../../../src/app/indicators/dashboard';
import { INDICATOR_PROVIDERS } from '../../../src/app/indicators/providers';
import { EXTERNAL_REQUESTS_PROVIDER, readRequestRows, readWorkshopRows, WORKSHOPS_PROVIDER } from '../../../src/app/indicators/workshops';
import { EXTERNAL_DAILY_HOUR, runSetup } from '../../../src/app/setup';
import { readSettings } from '../../../src/app/settings';
import { monthPeriod } from '../../../src/domain/indicators/period';
import {
  computeRequestFigures,
  computeWorkshopFigures,
  institutionKey,
  moduleInPeriod,
  requestSection,
  sessionHeld,
  validScore,
  workshopSection,
} from '../../../src/domain/indicators/workshops';
import { limaDate } from '../../../src/domain/lima-time';
import {
  ATTENDANCE_TAB,
  CERTIFICATES_TAB,
  EXTERNAL_REQUESTS_TAB,
  MODULES_TAB,
  REGISTRATIONS_TAB,
  SESSIONS_TAB,
  SETTINGS_TAB,
  WORKSHOP_SURVEYS_TAB,
} from '../../../src/domain/schema';
import { LockBusyError, type GeneratedTabs, type Lock, type TabChart } from '../../../src/ports';
import { ArrayAuditLog, FixedClock, FixedSession, MemoryScheduler, MemoryStore, MemoryWorkbook, MemoryWorkbooks, NoLock, type MemoryTable } from '../../support/memory-ports';

const BOOK = 'talleres-book-indicators-01';
const COORD = 'coordinadora@example.org';
const DEC = monthPeriod(2026, 12);
const NOW = limaDate(2026, 12, 20, 19);

class MemoryTabs implements GeneratedTabs {
  readonly written = new Map<string, { rows: (string | number | Date)[][]; charts: TabChart[] }>();
  replaces = 0;
  failWith: Error | null = null;
  replace(tab: string, rows: readonly (readonly (string | number | Date)[])[], charts: readonly TabChart[]): void {
    if (this.failWith) throw this.failWith;
    this.replaces++;
    this.written.set(tab, { rows: rows.map((r) => [...r]), charts: [...charts] });
  }
  exists(tab: string): boolean {
    return this.written.has(tab);
  }
}

const d = (day: number, h = 10, month = 12) => limaDate(2026, month, day, h);
const session = (id: string, moduleId: string, number: number, start: Date, status = 'Programada') => ({
  id,
  moduleId,
  number,
  start,
  end: new Date(start.getTime() + 2 * 3_600_000),
  status,
});

/** The hand-made Talleres spreadsheet (December 2026; now = 20 Dec, 19:00 Lima). */
function fill(book: MemoryWorkbook): void {
  book.table(MODULES_TAB).append([
    { id: 'M1', name: 'Módulo 1', kind: 'Interno', minSessions: 2 },
    { id: 'M2', name: 'Taller X', kind: 'Externo', minSessions: 0 },
    { id: 'M3', name: 'Módulo viejo', kind: 'Interno', minSessions: 1 }, // sessions only in November
    { id: 'M4', name: 'Módulo sin sesiones', kind: 'Interno', startDate: d(15, 0), minSessions: 3 },
    { id: 'M5', name: 'Módulo de enero', kind: 'Interno', startDate: limaDate(2027, 1, 10) },
  ]);
  book.table(SESSIONS_TAB).append([
    session('S1', 'M1', 1, d(1), 'Realizada'),
    session('S2', 'M1', 2, d(3)), // 'Programada' but ended: held
    session('S3', 'M1', 3, d(5), 'Cancelada'),
    session('S4', 'M1', 4, d(28)), // future: not held
    session('T1', 'M2', 1, d(10)),
    session('N1', 'M3', 1, d(10, 10, 11), 'Realizada'),
  ]);
  const reg = (id: string, moduleId: string, status: string) => ({ id, moduleId, status, documentType: 'DNI', dni: `4${id.padStart(7, '0')}` });
  book.table(REGISTRATIONS_TAB).append([
    reg('r1', 'M1', 'Inscrito'),
    reg('r2', 'M1', 'Inscrito'),
    reg('r3', 'M1', 'Inscrito'),
    reg('r4', 'M1', 'En lista de espera'),
    reg('r5', 'M1', 'Por revisar'),
    reg('r6', 'M1', 'Retirado'),
    reg('r7', 'M1', 'Anulado'),
    reg('e1', 'M2', 'Inscrito'),
    reg('e2', 'M2', 'Inscrito'),
    reg('e3', 'M2', 'En lista de espera'),
    reg('o1', 'M3', 'Inscrito'),
  ]);
  const mark = (sessionId: string, registrationId: string, present: boolean | string = true) => ({ id: `${sessionId}/${registrationId}`, sessionId, registrationId, present, source: 'Manual' });
  book.table(ATTENDANCE_TAB).append([
    mark('S1', 'r1'),
    mark('S1', 'r2', 'TRUE'), // a person typed it: still present
    mark('S1', 'r6'), // withdrawn later: still counted in the session, like the consolidation
    mark('S1', 'r3', false),
    mark('S2', 'r1'),
    mark('S2', 'r3'),
    mark('S3', 'r2'), // cancelled session: never counted
    mark('T1', 'e1'),
    mark('T1', 'e2', false),
    mark('N1', 'o1'),
  ]);
  const answer = (id: string, sessionId: string, q: (number | string)[]) => ({ id, sessionId, q1: q[0], q2: q[1], q3: q[2], q4: q[3] });
  book.table(WORKSHOP_SURVEYS_TAB).append([
    answer('a1', 'S1', [5, 4, 5, 3]),
    answer('a2', 'S1', [4, 4, '', 5]),
    answer('a3', 'S1', [5, 5, 5, 7]), // 7 is out of the scale: ignored
    answer('a4', 'T1', [3, 3, 3, 3]),
    answer('a5', 'N1', [1, 1, 1, 1]), // November: not in December's figures
  ]);
  book.table(CERTIFICATES_TAB).append([
    { code: 'C1', moduleId: 'M1', moduleName: 'Módulo 1', state: 'Vigente', issuedAt: d(4) },
    { code: 'C2', moduleId: 'M1', moduleName: 'Módulo 1', state: 'Reemplazado', issuedAt: d(4) },
    { code: 'C3', moduleId: 'M1', moduleName: 'Módulo 1', state: 'Vigente', issuedAt: d(6) },
    { code: 'C4', moduleId: 'M3', moduleName: 'Módulo viejo', state: 'Revocado', issuedAt: d(2) },
    { code: 'C5', moduleId: 'M3', moduleName: 'Módulo viejo', state: 'Vigente', issuedAt: d(20, 10, 11) },
    { code: 'C6', moduleId: 'M1', moduleName: 'Módulo 1', state: 'Vigente' }, // no date: never counted
  ]);
  const req = (id: string, institution: string, ruc: string, state: string, receivedAt: Date, attendees?: number) => ({ id, institution, ruc, state, receivedAt, ...(attendees === undefined ? {} : { attendees }) });
  book.table(EXTERNAL_REQUESTS_TAB).append([
    req('q1', 'CETPRO Los Andes', '20123456786', 'Recibida', d(2)),
    req('q2', 'Cetpro los Andes ', '20123456786', 'Cerrada', d(3), 25),
    req('q3', 'Municipalidad de Comas', '', 'Rechazada', d(5)),
    req('q4', 'municipalidad de comas', '', 'Programada', d(6)),
    req('q5', 'Universidad X', '', 'Realizada', d(7), 10),
    req('q6', 'Universidad X', '', 'Aprobada', limaDate(2026, 11, 30, 12)), // November
  ]);
}

function world(opts: { role?: 'talleres' | 'atenciones' } = {}) {
  const workbooks = new MemoryWorkbooks(BOOK);
  const book = workbooks.add(new MemoryWorkbook(BOOK, 'Programación Talleres Masivos'));
  const properties = new MemoryStore();
  const clock = new FixedClock(NOW);
  const audit = new ArrayAuditLog();
  const lock = new NoLock();
  runSetup({ workbooks, properties, scheduler: new MemoryScheduler(COORD), lock, clock, session: new FixedSession(COORD), audit }, { role: opts.role ?? 'talleres' });
  if ((opts.role ?? 'talleres') === 'talleres') fill(book);
  book.newExecution();
  const tabs = new MemoryTabs();
  return { workbooks, book, properties, clock, audit, lock, tabs, deps: { workbooks, properties, clock, audit, tabs, lock } };
}

describe('workshop figures (hand-computed, December 2026)', () => {
  const w = world();
  const f = computeWorkshopFigures(readWorkshopRows(w.book), DEC, NOW);

  test('modules of the period: a session (not cancelled) starting in it, or its start date without sessions', () => {
    // M1, M2 by their sessions; M4 by its start date; M3 (November) and M5 (January) out.
    expect(f.modules.map((m) => m.id)).toEqual(['M1', 'M2', 'M4']);
    expect(f.modules.map((m) => m.label)).toEqual(['Módulo 1', 'Taller X (externo)', 'Módulo sin sesiones']);
  });

  test('registrations, confirmed, waiting list per module', () => {
    const [m1, m2, m4] = f.modules;
    // M1: r1–r6 (r7 annulled left out) = 6; confirmed r1 r2 r3; waiting r4; to review r5; withdrawn r6.
    expect(m1).toMatchObject({ registrations: 6, confirmed: 3, waiting: 1, toReview: 1, withdrawn: 1 });
    expect(m2).toMatchObject({ registrations: 3, confirmed: 2, waiting: 1, toReview: 0, withdrawn: 0 });
    expect(m4).toMatchObject({ registrations: 0, confirmed: 0, waiting: 0 });
  });

  test('attendance per module', () => {
    const [m1, m2, m4] = f.modules;
    // M1 held: S1, S2 (S3 cancelled, S4 future). Marks: S1 r1 r2 r6 = 3, S2 r1 r3 = 2 → 5.
    // 5 / (3 confirmed × 2 held) = 83.3 % → 83. At least one session: r1, r2, r3 (confirmed only) = 3.
    expect(m1).toMatchObject({ heldSessions: 2, presentMarks: 5, attendedAny: 3, attendancePercent: 83 });
    // M2: T1 e1 → 1 / (2 × 1) = 50 %.
    expect(m2).toMatchObject({ heldSessions: 1, presentMarks: 1, attendedAny: 1, attendancePercent: 50 });
    // M4: nothing held: no percentage (never a fake 0).
    expect(m4).toMatchObject({ heldSessions: 0, presentMarks: 0, attendancePercent: null });
  });

  test('completion against the certificate rule', () => {
    const [m1, m2, m4] = f.modules;
    // M1 rule 2 sessions: r1 (S1,S2) yes; r2 (S1; S3 cancelled) no; r3 (S2) no → 1 of 3 = 33 %; S4 still ahead → «En curso».
    expect(m1).toMatchObject({ minSessions: 2, meetRule: 1, meetRulePercent: 33, stage: 'En curso' });
    // M2 rule not set: nobody meets it, no percentage.
    expect(m2).toMatchObject({ minSessions: 0, meetRule: 0, meetRulePercent: null, stage: 'Regla sin definir' });
    // M4: rule 3, nobody confirmed.
    expect(m4).toMatchObject({ minSessions: 3, meetRule: 0, meetRulePercent: null, stage: 'En curso' });
  });

  test('attendance and satisfaction per session of the period', () => {
    expect(f.sessions.map((s) => s.id)).toEqual(['S1', 'S2', 'T1']);
    const [s1, s2, t1] = f.sessions;
    // S1: 3 confirmed (module), present r1 r2 r6 = 3 → 100 %; S2: r1 r3 = 2 → 67 %; T1: e1 of 2 → 50 %.
    expect(s1).toMatchObject({ confirmed: 3, present: 3, attendancePercent: 100, answers: 3, label: 'Módulo 1 · S1 (01/12/2026)' });
    expect(s2).toMatchObject({ confirmed: 3, present: 2, attendancePercent: 67, answers: 0, averages: [null, null, null, null], overall: null });
    expect(t1).toMatchObject({ confirmed: 2, present: 1, attendancePercent: 50, answers: 1, averages: [3, 3, 3, 3], overall: 3 });
    // S1: q1 (5+4+5)/3 = 4.67 → 4.7; q2 (4+4+5)/3 = 4.33 → 4.3; q3 (5+5)/2 = 5; q4 (3+5)/2 = 4 (7 ignored).
    // Overall: 45 / 10 valid answers = 4.5.
    expect(s1.averages).toEqual([4.7, 4.3, 5, 4]);
    expect(s1.overall).toBe(4.5);
  });

  test('certificates issued in the period', () => {
    // M1: C1 C2 C3 (C6 undated) → 3 issued, 2 valid, 1 replaced; M3: C4 revoked (C5 is November).
    expect(f.certificates).toEqual([
      { moduleId: 'M1', label: 'Módulo 1', issued: 3, valid: 2, replaced: 1, revoked: 0 },
      { moduleId: 'M3', label: 'Módulo viejo', issued: 1, valid: 0, replaced: 0, revoked: 1 },
    ]);
  });

  test('totals', () => {
    expect(f.totals).toEqual({
      modules: 3,
      heldSessions: 3,
      registrations: 9, // 6 + 3 + 0
      confirmed: 5,
      waiting: 2,
      attendancePercent: 75, // (3 + 2 + 1) / (3 + 3 + 2)
      meetRule: 1,
      certificatesValid: 2,
      satisfaction: 4.1, // (45 + 12) / (10 + 4) = 4.07
      surveyAnswers: 4,
    });
  });

  test('the section: headline, tables, which ones are drawn', () => {
    const s = workshopSection(f);
    expect(s.key).toBe('talleres');
    expect(Object.fromEntries(s.headline)).toMatchObject({ 'Asistencia por sesión (%)': 75, 'Satisfacción promedio (1 a 5)': 4.1, 'Certificados vigentes emitidos': 2 });
    const table = (title: string) => s.tables.find((t) => t.title === title)!;
    expect(table('Inscripciones por módulo').rows[0]).toEqual(['Módulo 1', 6, 3, 1, 1, 1]);
    expect(table('Asistencia por sesión').rows).toEqual([
      ['Módulo 1 · S1 (01/12/2026)', 3, 3, 3],
      ['Módulo 1 · S2 (03/12/2026)', 3, 2, 0],
      ['Taller X (externo) · S1 (10/12/2026)', 2, 1, 1],
    ]);
    expect(table('Cumplimiento de la regla del certificado').rows[1]).toEqual(['Taller X (externo)', '—', 2, 0, '—', 'Regla sin definir']);
    expect(table('Satisfacción por sesión').rows.map((r) => r[0])).toEqual(['Módulo 1 · S1 (01/12/2026)', 'Taller X (externo) · S1 (10/12/2026)']);
    // Every drawn table has numbers only after its category column (a chart's series).
    for (const t of s.tables.filter((x) => x.chart)) for (const r of t.rows) expect(r.slice(1).every((v) => typeof v === 'number' || v === '—')).toBe(true);
    expect(s.tables.filter((t) => t.chart).map((t) => t.title)).toEqual(['Inscripciones por módulo', 'Asistencia por sesión', 'Satisfacción por sesión']);
  });
});

describe('external requests (hand-computed, December 2026)', () => {
  const w = world();
  const f = computeRequestFigures(readRequestRows(w.book), DEC);

  test('by state, approved, rejected, held, attendees', () => {
    // q1–q5 received in December (q6 is November).
    expect(f.received).toBe(5);
    expect(f.byState).toEqual([
      ['Recibida', 1],
      ['Enviada a aprobación', 0],
      ['Aprobada', 0],
      ['Rechazada', 1],
      ['Programada', 1],
      ['Realizada', 1],
      ['Cerrada', 1],
    ]);
    expect(f).toMatchObject({ approved: 3, rejected: 1, held: 2, attendees: 35 }); // q2 q4 q5; q3; q2 q5; 25 + 10
  });

  test('by institution: one by RUC, else by its name without case or accents', () => {
    expect(f.byInstitution).toEqual([
      { label: 'Cetpro los Andes', requests: 2, approved: 1, held: 1 },
      { label: 'municipalidad de comas', requests: 2, approved: 1, held: 0 },
      { label: 'Universidad X', requests: 1, approved: 1, held: 1 },
    ]);
    expect(institutionKey({ ruc: '20123456786', institution: 'A' })).toBe(institutionKey({ ruc: ' 20123456786', institution: 'B' }));
    expect(institutionKey({ ruc: '', institution: 'Municipalidad de Lurín' })).toBe(institutionKey({ ruc: '123', institution: ' MUNICIPALIDAD  DE LURIN' }));
  });

  test('the section draws states as a pie (without the empty ones) and institutions as bars', () => {
    const s = requestSection(f);
    expect(s.tables[0]).toMatchObject({ chart: 'pie', rows: [['Recibida', 1], ['Rechazada', 1], ['Programada', 1], ['Realizada', 1], ['Cerrada', 1]] });
    expect(s.tables[1].chart).toBe('bar');
    expect(Object.fromEntries(s.headline)).toEqual({ 'Solicitudes recibidas': 5, Aprobadas: 3, Rechazadas: 1, 'Talleres externos realizados': 2, 'Asistentes a talleres externos': 35 });
    expect(requestSection(computeRequestFigures([], DEC)).tables[0].rows).toEqual([]);
  });
});

describe('small rules', () => {
  test('a score is a whole number 1–5', () => {
    expect([1, 5, 3].every(validScore)).toBe(true);
    expect([0, 6, 4.5, null, '4', NaN].some(validScore)).toBe(false);
  });
  test('a session is held when done or ended, never when cancelled', () => {
    expect(sessionHeld({ status: 'Realizada', end: null }, NOW)).toBe(true);
    expect(sessionHeld({ status: 'Programada', end: d(20, 18) }, NOW)).toBe(true);
    expect(sessionHeld({ status: 'Programada', end: d(20, 20) }, NOW)).toBe(false);
    expect(sessionHeld({ status: 'Cancelada', end: d(1) }, NOW)).toBe(false);
  });
  test('a module with only cancelled sessions in the period is not of the period', () => {
    const m = { id: 'X', name: 'X', kind: 'Interno', startDate: d(1), minSessions: 0 };
    expect(moduleInPeriod(m, [session('a', 'X', 1, d(2), 'Cancelada'), session('b', 'X', 2, limaDate(2027, 1, 5))], DEC)).toBe(false);
  });
});

describe('the providers', () => {
  test('read each tab once for both providers, and give nothing without the Talleres spreadsheet', () => {
    const w = world();
    const input: IndicatorInputs = { role: 'talleres', atenciones: null, talleres: w.book, period: DEC, now: NOW, settings: readSettings(w.book.table(SETTINGS_TAB)).settings };
    const sections = [...WORKSHOPS_PROVIDER.build(input), ...EXTERNAL_REQUESTS_PROVIDER.build(input)];
    expect(sections.map((s) => s.key)).toEqual(['talleres', 'externos']);
    WORKSHOPS_PROVIDER.build(input);
    for (const tab of [MODULES_TAB, SESSIONS_TAB, REGISTRATIONS_TAB, ATTENDANCE_TAB, WORKSHOP_SURVEYS_TAB, CERTIFICATES_TAB, EXTERNAL_REQUESTS_TAB]) {
      expect((w.book.table(tab) as MemoryTable<string>).reads).toBe(1);
    }
    expect(WORKSHOPS_PROVIDER.build({ ...input, talleres: null })).toEqual([]);
    expect(EXTERNAL_REQUESTS_PROVIDER.build({ ...input, talleres: null })).toEqual([]);
  });

  test('are registered for the Talleres tab, and the refresh writes their charts', () => {
    expect(INDICATOR_PROVIDERS).toEqual(expect.arrayContaining([WORKSHOPS_PROVIDER, EXTERNAL_REQUESTS_PROVIDER]));
    const w = world();
    const r = refreshDashboard(w.deps, [WORKSHOPS_PROVIDER, EXTERNAL_REQUESTS_PROVIDER]);
    expect(r.ok).toBe(true);
    const tab = w.tabs.written.get(INDICATORS_TAB)!;
    expect(tab.charts.map((c) => `${c.type}:${c.title}`)).toEqual([
      'column:Inscripciones por módulo',
      'column:Asistencia por sesión',
      'column:Satisfacción por sesión',
      'pie:Solicitudes por estado',
      'bar:Solicitudes por institución',
    ]);
  });
});

describe('the daily refresh (Talleres)', () => {
  const HOUR = 18;

  test('due once per Lima day, at or after the hour (07:00 by default: the external job\'s daily trigger)', () => {
    expect(EXTERNAL_DAILY_HOUR).toBe(7);
    expect(dailyRefreshDue(null, limaDate(2026, 12, 20, 17, 59), HOUR)).toBe(false);
    expect(dailyRefreshDue(null, limaDate(2026, 12, 20, 18), HOUR)).toBe(true);
    expect(dailyRefreshDue('2026-12-20', limaDate(2026, 12, 20, 23), HOUR)).toBe(false);
    // 23:30 Lima is already the 21st in UTC: still the 20th's refresh.
    expect(dailyRefreshDue('2026-12-19', limaDate(2026, 12, 20, 23, 30), HOUR)).toBe(true);
  });

  test('the first run after the hour refreshes; later runs that day do nothing; the next day again', () => {
    const w = world();
    w.clock.at = limaDate(2026, 12, 20, 6, 59);
    expect(refreshIndicatorsDaily(w.deps, INDICATOR_PROVIDERS).refreshed).toBe(false);
    expect(w.tabs.replaces).toBe(0);
    w.clock.at = limaDate(2026, 12, 20, 7, 2);
    const r = refreshIndicatorsDaily(w.deps, INDICATOR_PROVIDERS);
    expect(r).toMatchObject({ refreshed: true, line: 'Indicadores actualizados: diciembre de 2026.' });
    expect(w.properties.get(DAILY_REFRESH_PROPERTY)).toBe('2026-12-20');
    expect(w.tabs.written.get(INDICATORS_TAB)!.rows.some((row) => row[0] === 'Inscripciones por módulo')).toBe(true);
    w.clock.at = limaDate(2026, 12, 20, 21);
    expect(refreshIndicatorsDaily(w.deps, INDICATOR_PROVIDERS).refreshed).toBe(false);
    expect(w.tabs.replaces).toBe(1);
    w.clock.at = limaDate(2026, 12, 21, 7);
    expect(refreshIndicatorsDaily(w.deps, INDICATOR_PROVIDERS).refreshed).toBe(true);
    expect(w.tabs.replaces).toBe(2);
  });

  test('keeps the period kind chosen in the panel', () => {
    const w = world();
    w.properties.setAll({ SOE_INDICATORS_PERIOD: 'año' });
    expect(refreshIndicatorsDaily(w.deps, INDICATOR_PROVIDERS).line).toBe('Indicadores actualizados: 2026.');
  });

  test('never throws: an error is audited, the day is not recorded, and the next run tries again', () => {
    const w = world();
    w.tabs.failWith = new Error('Service Spreadsheets failed');
    const r = refreshIndicatorsDaily(w.deps, INDICATOR_PROVIDERS);
    expect(r.refreshed).toBe(false);
    expect(r.line).toContain('Service Spreadsheets failed');
    expect(w.audit.entries().some((e) => e.action === 'Indicadores' && e.result === 'Error')).toBe(true);
    expect(w.properties.get(DAILY_REFRESH_PROPERTY)).toBeNull();
    w.tabs.failWith = null;
    expect(refreshIndicatorsDaily(w.deps, INDICATOR_PROVIDERS).refreshed).toBe(true);
  });

  test('a busy lock leaves it to the next run', () => {
    const w = world();
    const busy: Lock = {
      withLock: () => {
        throw new LockBusyError('busy');
      },
    };
    expect(refreshIndicatorsDaily({ ...w.deps, lock: busy }, INDICATOR_PROVIDERS).refreshed).toBe(false);
    expect(w.properties.get(DAILY_REFRESH_PROPERTY)).toBeNull();
    expect(w.tabs.replaces).toBe(0);
  });

  test('only in Talleres (Atenciones refreshes at its evening closing)', () => {
    const w = world({ role: 'atenciones' });
    expect(refreshIndicatorsDaily(w.deps, INDICATOR_PROVIDERS)).toEqual({ refreshed: false, line: '' });
    expect(w.tabs.replaces).toBe(0);
  });
});
