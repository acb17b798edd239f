/**
 * Issue 15 with the built bundle, Talleres: the external workshops' job's daily run
 * (`runExternalRequests`, setup's trigger at 07:00 Lima) rewrites «Indicadores» once per Lima day,
 * with the workshops' and external requests' figures computed independently here from
 * the fixture (test/support/report-world.ts: one module of three sessions, rule 2 of 3; plus
 * certificates with their issue dates and institutions' requests) and their charts drawn in the
 * emulated Sheets. A second run the same day rewrites nothing; the next morning’s does.
 */
import { sheetsStore } from '../../emulator/services/sheets';
import { createAttentionWorld, type AttentionWorld } from '../support/attention-world';
import { fillReportModule, PEOPLE, REPORT_MODULE } from '../support/report-world';
import { appendRows } from '../support/sheet-rows';

const lima = (s: string) => new Date(`${s}:00-05:00`);
const TAB = 'Indicadores';

/** The fixture's requests: December's four (one institution twice by RUC) and one of November. */
const REQUESTS = [
  { id: 'SOL-1', institution: 'CETPRO San Martín', ruc: '20131312955', state: 'Cerrada', received: '2026-12-01T09:00', attendees: 18 },
  { id: 'SOL-2', institution: 'Cetpro San Martin', ruc: '20131312955', state: 'Enviada a aprobación', received: '2026-12-04T11:00' },
  { id: 'SOL-3', institution: 'Municipalidad de Villa El Salvador', ruc: '', state: 'Rechazada', received: '2026-12-05T16:00' },
  { id: 'SOL-4', institution: 'Universidad Nacional de Ingeniería', ruc: '', state: 'Cerrada', received: '2026-12-07T08:30', attendees: 40 },
  { id: 'SOL-5', institution: 'Universidad Nacional de Ingeniería', ruc: '', state: 'Rechazada', received: '2026-11-25T08:30' },
];
/** Certificates with their issue dates (the fixture's three have none: never counted). */
const CERTS = [
  { code: 'CERT-1111-2222-3333-4444', reg: 'I-1', state: 'Vigente', issued: '2026-12-10T21:00' },
  { code: 'CERT-1111-2222-3333-5555', reg: 'I-2', state: 'Reemplazado', issued: '2026-12-10T21:00' },
  { code: 'CERT-1111-2222-3333-6666', reg: 'I-2', state: 'Vigente', issued: '2026-12-10T22:00' },
];

describe('issue 15: the Talleres «Indicadores» tab, refreshed by the daily run', () => {
  let w: AttentionWorld;
  let moduleId = '';

  const audits = () => w.ws.readTab(w.talleres, 'Registro de auditoría').filter((a) => a.Acción === 'Indicadores');
  /** The rows of the table titled `title` (below its header), up to the first empty row. */
  function table(title: string): unknown[][] {
    const v = w.ws.values(w.talleres, TAB);
    const at = v.findIndex((r) => r[0] === title);
    expect(at).toBeGreaterThan(-1);
    const out: unknown[][] = [];
    for (let i = at + 2; i < v.length && v[i][0] !== '' && !String(v[i][0]).endsWith('.'); i++) out.push(v[i].filter((c, k) => k < v[at + 1].filter((h) => h !== '').length));
    return out;
  }
  function headline(label: string): unknown {
    const row = w.ws.values(w.talleres, TAB).find((r) => r[0] === label);
    return row?.[1];
  }

  beforeAll(() => {
    w = createAttentionWorld({ at: '2026-11-20T09:00' });
    moduleId = fillReportModule(w.ws, w.talleres).moduleId;
    appendRows(
      w.ws,
      w.talleres,
      'Certificados',
      CERTS.map((c) => ({ Código: c.code, 'ID de inscripción': c.reg, 'ID de módulo': moduleId, Módulo: REPORT_MODULE.name, Estado: c.state, Emitido: lima(c.issued) })),
    );
    appendRows(
      w.ws,
      w.talleres,
      'Solicitudes externas',
      REQUESTS.map((r) => ({
        'ID de solicitud': r.id,
        Recibida: lima(r.received),
        Estado: r.state,
        Institución: r.institution,
        RUC: r.ruc,
        ...(r.attendees === undefined ? {} : { Asistentes: r.attendees }),
      })),
    );
    w.ws.advanceTo(lima('2026-12-11T21:30'));
  });

  test('the daily run refreshed the tab once per day from the first morning on', () => {
    expect(w.ws.sheetNames(w.talleres)).toContain(TAB);
    const days = audits().map((a) => new Date(a.Fecha as Date).toLocaleDateString('en-CA', { timeZone: 'America/Lima' }));
    // 21 November (the world starts on the 20th at 09:00, after the 07:00 trigger) to 11 December: 21 days, once each.
    expect(days).toHaveLength(21);
    expect(new Set(days).size).toBe(21);
    expect(days[0]).toBe('2026-11-21');
    expect(days[days.length - 1]).toBe('2026-12-11');
    expect(w.ws.values(w.talleres, TAB)[1][0]).toBe('Periodo: diciembre de 2026');
  });

  test('registrations, attendance, completion, certificates and satisfaction match the fixture', () => {
    const confirmed = PEOPLE.filter((p) => p.status === 'Inscrito');
    const count = (s: string) => PEOPLE.filter((p) => p.status === s).length;
    expect(table('Inscripciones por módulo')).toEqual([[REPORT_MODULE.name, PEOPLE.length, confirmed.length, count('En lista de espera'), 0, count('Retirado')]]);

    // Per session: present = every registration marked (any state); answers from the fixture (2, 1, 0).
    const present = [1, 2, 3].map((k) => PEOPLE.filter((p) => p.sessions.includes(k)).length);
    const answers = [2, 1, 0];
    const dates = REPORT_MODULE.sessions.map((s) => s.date.split('-').reverse().join('/'));
    expect(table('Asistencia por sesión')).toEqual([0, 1, 2].map((i) => [`${REPORT_MODULE.name} · S${i + 1} (${dates[i]})`, confirmed.length, present[i], answers[i]]));

    const marks = present.reduce((a, b) => a + b, 0);
    const attendedAny = confirmed.filter((p) => p.sessions.length > 0).length;
    expect(table('Asistencia por módulo')).toEqual([[REPORT_MODULE.name, 3, confirmed.length, attendedAny, Math.round((100 * marks) / (confirmed.length * 3))]]);

    const meet = confirmed.filter((p) => p.sessions.length >= REPORT_MODULE.minSessions).length;
    expect(table('Cumplimiento de la regla del certificado')).toEqual([[REPORT_MODULE.name, REPORT_MODULE.minSessions, confirmed.length, meet, Math.round((100 * meet) / confirmed.length), 'Terminado']]);

    expect(table('Certificados emitidos')).toEqual([[REPORT_MODULE.name, 3, 2, 1, 0]]);

    // Answers (report-world): S1 [5,5,4,3] and [4,3,5,5]; S2 [3,4,4,2].
    expect(table('Satisfacción por sesión')).toEqual([
      [`${REPORT_MODULE.name} · S1 (${dates[0]})`, 4.5, 4, 4.5, 4],
      [`${REPORT_MODULE.name} · S2 (${dates[1]})`, 3, 4, 4, 2],
    ]);
    expect(headline('Asistencia por sesión (%)')).toBe(Math.round((100 * marks) / (confirmed.length * 3)));
    expect(headline('Satisfacción promedio (1 a 5)')).toBe(Math.round((47 / 12) * 10) / 10);
    expect(headline('Certificados vigentes emitidos')).toBe(2);
  });

  test('external requests by state and by institution (December only)', () => {
    const dec = REQUESTS.filter((r) => r.received.startsWith('2026-12'));
    expect(headline('Solicitudes recibidas')).toBe(dec.length);
    expect(headline('Asistentes a talleres externos')).toBe(18 + 40);
    expect(table('Solicitudes por estado')).toEqual([
      ['Enviada a aprobación', 1],
      ['Rechazada', 1],
      ['Cerrada', 2],
    ]);
    expect(table('Solicitudes por institución')).toEqual([
      ['Cetpro San Martin', 2, 1, 1],
      ['Municipalidad de Villa El Salvador', 1, 0, 0],
      ['Universidad Nacional de Ingeniería', 1, 1, 1],
    ]);
  });

  test('the charts are in the sheet, each over its table', () => {
    const charts = sheetsStore(w.ws.state).requireSheet(w.talleres, TAB).charts ?? [];
    expect(charts.map((c) => `${c.type}:${c.options.title}`)).toEqual([
      'COLUMN:Inscripciones por módulo',
      'COLUMN:Asistencia por sesión',
      'COLUMN:Satisfacción por sesión',
      'PIE:Solicitudes por estado',
      'BAR:Solicitudes por institución',
      'BAR:Minutos del consultor por actividad: estándar y real', // the procedure's time (timings provider)
    ]);
    const v = w.ws.values(w.talleres, TAB);
    for (const c of charts) {
      const r = c.ranges[0];
      expect(v[r.row - 2][0]).toBe(c.options.title); // the title row right above the header
    }
  });

  test('another run the same day rewrites nothing; the next morning’s does', () => {
    const before = audits().length;
    const r = w.ws.runTrigger(w.talleres, 'runExternalRequests');
    expect(r.error).toBeFalsy();
    expect(audits()).toHaveLength(before);
    w.ws.advanceTo(lima('2026-12-12T07:30'));
    expect(audits()).toHaveLength(before + 1);
  });
});
