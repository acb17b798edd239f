/**
 * The «Indicadores» refresh (issue 15) over a year of data: «Actualizar» with the period «Año»
 * (refreshIndicators('año') from the panel) in each spreadsheet, after 3 or 12 months of activity
 * seeded straight into the tabs (not counted): in Atenciones, about 120 attentions a month in
 * 'Citas' (attended with their duration and survey score, abandoned, cancelled, no-shows); in
 * Talleres, two modules a month with four sessions each, 50 registrations per module (a few
 * waiting or withdrawn), their attendance marks, survey answers and certificates, and three
 * external requests a month. Sheets calls per execution do not grow with the months: each tab is
 * read once whatever its rows, the tab is written in one rectangle, and the charts are one per
 * table whatever the data.
 *
 * Floor of one refresh (per spreadsheet), each block unavoidable:
 * - the caller's access (CHAINS.panelAccess): the panel's functions check the caller's role;
 * - the spreadsheet (CHAINS.spreadsheet): every Sheet is reached through it;
 * - the script lock (CHAINS.lock): the evening closing's refresh and a person's never write the tab
 *   at once;
 * - 'Configuración' and each tab the figures come from found and read whole once (the standard
 *   times; 'Citas' in Atenciones; 'Módulos', 'Sesiones', 'Inscripciones', 'Asistencia', 'Encuestas
 *   de talleres', 'Certificados' and 'Solicitudes externas' in Talleres);
 * - the sibling opened by its ID (SpreadsheetApp.openById) and the tabs read there that the
 *   procedure's timings take from it (Atenciones reads Talleres' 'Módulos', 'Sesiones',
 *   'Asistencia' and 'Solicitudes externas'; Talleres reads Atenciones' 'Citas');
 * - the «Indicadores» tab found, its cells and old charts cleared (a recomputation replaces them:
 *   `Sheet.clear` and one `removeChart` per chart of the last refresh — the same count as the
 *   ones inserted), written in one rectangle (CHAINS.write);
 * - each chart inserted: its range taken, `newChart`, `insertChart` (the builder's setters are
 *   free);
 * - the audit line (AUDIT_LINE).
 * The floor is counted for a second refresh (the tab exists, the previous charts are there): the
 * case runs the refresh once unmeasured first, as the evening closing has always done by then.
 */
import type { ExecutionRecord, Workspace } from '../../emulator';
import { limaDate } from '../../src/domain/lima-time';
import { SURVEY_CODE_QUESTION, SURVEY_SCALE_QUESTIONS } from '../../src/domain/survey-form';
import {
  APPOINTMENTS_TAB,
  ATTENDANCE_TAB,
  CERTIFICATES_TAB,
  EXTERNAL_REQUESTS_TAB,
  MODULES_TAB,
  REGISTRATIONS_TAB,
  SESSIONS_TAB,
  WORKSHOP_SURVEYS_TAB,
  type TabSpec,
} from '../../src/domain/schema';
import { putTable } from '../finished-module';
import { AUDIT_LINE, CHAINS, floorOf, sumFloors, times, type BenchCase, type FloorCalls } from '../framework';
import { setUpSpreadsheets } from './setup';

/** Lima wall time of the refresh: the year 2026's last month. */
const AT = '2026-12-28T18:00';
const YEAR = 2026;

/** A record by column key, as the tab's headers (throws on a key the tab does not have). */
function rec<K extends string>(spec: TabSpec<K>, record: Partial<Record<K, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    const col = spec.columns.find((c) => c.key === k);
    if (!col) throw new Error(`bench indicators: no column ${k} in ${spec.name}`);
    out[col.header] = v;
  }
  return out;
}

const CONSULTANTS = ['Ana Quispe Huamán', 'José Pérez Condori', 'Lucía Torres Salas'];
const TOPICS = ['Formalización', 'Plan de negocio', 'Financiamiento', 'Marketing digital', 'Costos'];
const STATUS_CYCLE = ['Atendida', 'Atendida', 'Atendida', 'Atendida', 'Atendida', 'Atendida', 'Abandonada', 'Cancelada', 'Atendida', 'Abandonada'] as const;

/** `months` months of activity ending in December, seeded into both spreadsheets. */
function seedYear(ws: Workspace, atenciones: string, talleres: string, months: number): void {
  const citas: Record<string, unknown>[] = [];
  const modules: Record<string, unknown>[] = [];
  const sessions: Record<string, unknown>[] = [];
  const registrations: Record<string, unknown>[] = [];
  const attendance: Record<string, unknown>[] = [];
  const surveys: Record<string, unknown>[] = [];
  const certificates: Record<string, unknown>[] = [];
  const requests: Record<string, unknown>[] = [];
  const responses: { at: Date; code: string; scores: number[] }[] = [];
  let seq = 0;
  for (let m = 13 - months; m <= 12; m++) {
    // Atenciones: 6 a working day, 20 days.
    for (let day = 1; day <= 20; day++) {
      const dom = Math.min(28, day + Math.floor(day / 5) * 2);
      for (let k = 0; k < 6; k++) {
        seq++;
        const start = limaDate(YEAR, m, dom, 9 + k, 0);
        const status = STATUS_CYCLE[seq % STATUS_CYCLE.length]!;
        const attended = status === 'Atendida';
        const noShow = status === 'Abandonada';
        citas.push(
          rec(APPOINTMENTS_TAB, {
            id: `A${seq}`,
            dni: String(40000000 + seq),
            fullName: `Persona ${seq}`,
            email: `persona${seq}@correo.pe`,
            date: `${String(dom).padStart(2, '0')}/${String(m).padStart(2, '0')}/${YEAR}`,
            time: `${String(9 + k).padStart(2, '0')}:00`,
            start,
            consultant: CONSULTANTS[seq % CONSULTANTS.length],
            status,
            topic: attended ? TOPICS[seq % TOPICS.length] : '',
            abandonReason: noShow ? 'No se conectó' : '',
            startedAt: attended ? new Date(start.getTime() + 2 * 60_000) : '',
            endedAt: attended ? new Date(start.getTime() + (30 + (seq % 15)) * 60_000) : '',
            durationMinutes: attended ? 28 + (seq % 15) : '',
            reminderStatus: 'enviado',
            reminderSentAt: new Date(start.getTime() - 86_400_000),
            surveyStatus: attended ? 'enviado' : '',
            surveySentAt: attended ? new Date(start.getTime() + 50 * 60_000) : '',
            surveyAnsweredAt: attended && seq % 3 !== 0 ? new Date(start.getTime() + 3 * 3_600_000) : '',
            surveyScore: attended && seq % 3 !== 0 ? 3 + (seq % 3) : '',
            origin: 'Importación',
            importedAt: new Date(start.getTime() - 3 * 86_400_000),
          }),
        );
        if (attended && seq % 3 !== 0) responses.push({ at: new Date(start.getTime() + 3 * 3_600_000), code: `A${seq}`, scores: SURVEY_SCALE_QUESTIONS.map((_, i) => 3 + ((seq + i) % 3)) });
      }
    }
    // Talleres: two modules a month, 4 sessions, 50 registrants each.
    for (let j = 0; j < 2; j++) {
      const moduleId = `M${YEAR}-${m}-${j}`;
      const first = limaDate(YEAR, m, 3 + j * 10, 18, 0);
      modules.push(
        rec(MODULES_TAB, {
          id: moduleId,
          name: `Módulo ${m}.${j}`,
          kind: 'Interno',
          year: YEAR,
          status: 'Cerrado',
          startDate: first,
          endDate: new Date(first.getTime() + 3 * 86_400_000),
          capacity: 45,
          minSessions: 3,
          certificates: 'Sí',
          createdAt: new Date(first.getTime() - 20 * 86_400_000),
          programmeSentAt: new Date(first.getTime() - 15 * 86_400_000),
          consolidatedAt: new Date(first.getTime() + 5 * 86_400_000),
        }),
      );
      const sids: string[] = [];
      for (let s = 1; s <= 4; s++) {
        const start = new Date(first.getTime() + (s - 1) * 86_400_000);
        const sid = `${moduleId}#S${s}`;
        sids.push(sid);
        sessions.push(rec(SESSIONS_TAB, { id: sid, moduleId, number: s, topic: `Tema ${s}`, start, end: new Date(start.getTime() + 2 * 3_600_000), status: 'Realizada' }));
      }
      for (let p = 0; p < 50; p++) {
        const rid = `${moduleId}#R${p}`;
        const status = p < 45 ? 'Inscrito' : p < 48 ? 'En lista de espera' : 'Retirado';
        registrations.push(rec(REGISTRATIONS_TAB, { id: rid, moduleId, registeredAt: new Date(first.getTime() - 10 * 86_400_000), dni: String(50000000 + p), fullName: `Participante ${p}`, email: `p${p}@correo.pe`, status }));
        if (status !== 'Inscrito') continue;
        const attended = p % 5 === 0 ? 1 : 3 + (p % 2);
        for (const sid of sids.slice(0, attended)) {
          attendance.push(rec(ATTENDANCE_TAB, { id: `${sid}#${rid}`, sessionId: sid, moduleId, registrationId: rid, dni: String(50000000 + p), present: true, source: 'Manual' }));
          if (p % 2 === 0) surveys.push(rec(WORKSHOP_SURVEYS_TAB, { id: `${sid}#${rid}`, sessionId: sid, moduleId, registrationId: rid, submittedAt: first, q1: 4, q2: 5, q3: 4, q4: 3 + (p % 3) }));
        }
        if (attended >= 3) certificates.push(rec(CERTIFICATES_TAB, { code: `C-${moduleId}-${p}`, registrationId: rid, moduleId, fullName: `Participante ${p}`, moduleName: `Módulo ${m}.${j}`, sessionsAttended: attended, state: 'Vigente', issuedAt: new Date(first.getTime() + 6 * 86_400_000) }));
      }
    }
    for (let r = 0; r < 3; r++) {
      const receivedAt = limaDate(YEAR, m, 5 + r * 5, 11, 0);
      requests.push(
        rec(EXTERNAL_REQUESTS_TAB, {
          id: `E${YEAR}-${m}-${r}`,
          receivedAt,
          state: ['Cerrada', 'Rechazada', 'Enviada a aprobación'][r],
          institution: ['Municipalidad de Lima', 'Universidad San Marcos', 'Cámara de Comercio'][r],
          ruc: '20131370645',
          topic: 'Formalización',
          sentForApprovalAt: new Date(receivedAt.getTime() + 86_400_000),
          decidedAt: r < 2 ? new Date(receivedAt.getTime() + 2 * 86_400_000) : '',
          attendees: r === 0 ? 30 : '',
          closedAt: r === 0 ? new Date(receivedAt.getTime() + 20 * 86_400_000) : '',
        }),
      );
    }
  }
  putTable(ws, atenciones, APPOINTMENTS_TAB.name, citas);
  // The survey's answers, as Forms writes them in its responses tab (made by setup's published form).
  const responsesTab = ws.sheetNames(atenciones).find((n) => /^(respuestas de formulario|form responses)( \d+)?$/i.test(n));
  if (!responsesTab) throw new Error('bench indicators: no survey responses tab in Atenciones');
  const headers = (ws.values(atenciones, responsesTab)[0] ?? []).map(String);
  const scaleHeaders = SURVEY_SCALE_QUESTIONS.map((q) => q.title);
  for (const h of ['Marca temporal', SURVEY_CODE_QUESTION, ...scaleHeaders]) if (!headers.includes(h)) throw new Error(`bench indicators: no column ${h} in ${responsesTab}`);
  putTable(ws, atenciones, responsesTab, responses.map((r) => ({ 'Marca temporal': r.at, [SURVEY_CODE_QUESTION]: r.code, ...Object.fromEntries(scaleHeaders.map((h, i) => [h, r.scores[i]])) })));
  putTable(ws, talleres, MODULES_TAB.name, modules);
  putTable(ws, talleres, SESSIONS_TAB.name, sessions);
  putTable(ws, talleres, REGISTRATIONS_TAB.name, registrations);
  putTable(ws, talleres, ATTENDANCE_TAB.name, attendance);
  putTable(ws, talleres, WORKSHOP_SURVEYS_TAB.name, surveys);
  putTable(ws, talleres, CERTIFICATES_TAB.name, certificates);
  putTable(ws, talleres, EXTERNAL_REQUESTS_TAB.name, requests);
}

/**
 * Charts of each spreadsheet's «Indicadores» tab, one per table a person would rather look at.
 * Atenciones: attentions per week, no-show per week, average duration against the standard,
 * satisfaction per consultant and per question, topics, the consultant's minutes per activity.
 * Talleres: registrations per module, attendance per session, satisfaction per session, requests
 * by state and by institution, the consultant's minutes per activity. The run checks the product
 * draws exactly these (a new chart is a floor change, not overhead).
 */
const CHARTS = { atenciones: 7, talleres: 6 } as const;

function refresh(ws: Workspace, ss: string, which: 'atenciones' | 'talleres'): ExecutionRecord {
  const r = ws.callFromSidebar(ss, 'refreshIndicators', ['año']);
  if (!r.ok || !(r.value as { ok: boolean }).ok) throw new Error(`bench indicators: refreshIndicators failed in ${which}: ${r.ok ? (r.value as { message: string }).message : r.error}`);
  return r.execution;
}

function indicatorsRun(ws: Workspace, months: number): ExecutionRecord[] {
  const { atenciones, talleres } = setUpSpreadsheets(ws);
  // Setup ran in Atenciones before Talleres was set up, so it could not record its sibling yet:
  // «Configurar» again, as the guide says once both halves exist (not counted).
  const again = ws.callFromSidebar(atenciones, 'setupSpreadsheet', ['atenciones', talleres]);
  if (!again.ok) throw new Error(`bench indicators: setup again failed: ${again.error}`);
  seedYear(ws, atenciones, talleres, months);
  // The first refresh (the tab made) is not counted: by December the evening closing has refreshed it every day.
  refresh(ws, atenciones, 'atenciones');
  refresh(ws, talleres, 'talleres');
  const out = [refresh(ws, atenciones, 'atenciones'), refresh(ws, talleres, 'talleres')];
  const drawn = out.map((e) => e.methods['Sheet.insertChart'] ?? 0);
  if (drawn[0] !== CHARTS.atenciones || drawn[1] !== CHARTS.talleres) throw new Error(`bench indicators: ${drawn.join(' and ')} charts drawn; the floor counts ${CHARTS.atenciones} and ${CHARTS.talleres}: update CHARTS`);
  return out;
}

const readTable = sumFloors(CHAINS.tab, CHAINS.tableRead);

/** One refresh: `own` tabs read here (Configuración included), `sibling` tabs read in the sibling, `charts` charts. */
export function refreshFloor(own: number, sibling: number, charts: number): FloorCalls {
  return sumFloors(
    CHAINS.panelAccess,
    CHAINS.spreadsheet,
    CHAINS.lock,
    times(own, readTable),
    { 'SpreadsheetApp.openById': 1 },
    times(sibling, readTable),
    CHAINS.tab,
    { 'Sheet.clear': 1, 'Sheet.getCharts': 1, 'Sheet.removeChart': charts },
    CHAINS.write,
    times(charts, { 'Sheet.getRange': 1, 'Sheet.newChart': 1, 'Sheet.insertChart': 1 }),
    AUDIT_LINE,
  );
}

export const cases: BenchCase[] = [3, 12].map((months) => ({
  operation: 'indicators',
  size: months,
  unit: 'months of activity',
  workspace: { at: AT },
  run: (ws) => indicatorsRun(ws, months),
  // Atenciones: Configuración, Citas and the survey's responses tab here; Módulos, Sesiones, Asistencia, Solicitudes externas in Talleres.
  // Talleres: Configuración + its seven tabs here; Citas in Atenciones.
  floor: () => floorOf(sumFloors(refreshFloor(3, 4, CHARTS.atenciones), refreshFloor(8, 1, CHARTS.talleres))),
}));
