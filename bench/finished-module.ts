/**
 * A finished module of N participants for the B12 benchmarks (bench/cases/certificates.ts,
 * bench/cases/module-report.ts), built in the bench's own workspace with the same rows as
 * test/support/finished-module.ts (the module M-2027-I-APR, its four sessions of January 2027,
 * the rule 3 of 4), only larger, and put into the sheets in one write per tab (the product's other
 * parts — B05 registration, B09 attendance, B08 surveys — write them; their cost is not this
 * figure). Not a case file: bench/cases/ holds only files exporting `cases`.
 */
import type { Workspace } from '../emulator';
import { sheetsStore } from '../emulator/services/sheets';
import { limaDate } from '../src/domain/lima-time';
import { ATTENDANCE_TAB, MODULES_TAB, REGISTRATIONS_TAB, SESSIONS_TAB, WORKSHOP_SURVEYS_TAB } from '../src/domain/schema';
import { setSetting } from '../test/support/attention-world';
import { byHeaders, FINISHED_MODULE_ID, FINISHED_MODULE_NAME, sessionTimes } from '../test/support/finished-module';
import { setUpSpreadsheets } from './cases/setup';

/** Lima wall time a week after the module's last session (the workspace's start for these cases). */
export const AFTER_MODULE = '2027-01-28T10:00';

const FIRST = ['Ana', 'María José', 'José', 'Lucía', 'Ñusta', 'Hugo', 'Rosa', 'Jesús', 'Ángela', 'Raúl'];
const LAST = ['Quispe Huamán', "D'Ángelo Ñahui", 'Pérez Condori', 'Torres Salas', 'Mamani Flores', 'Rojas Ríos', 'Vílchez León'];

/** Appends records (by header) below a tab's last non-empty row in ONE write, growing the grid if needed. */
export function putTable(ws: Workspace, ss: string, tab: string, records: readonly Record<string, unknown>[]): void {
  if (records.length === 0) return;
  const store = sheetsStore(ws.state);
  const values = ws.values(ss, tab);
  const headers = (values[0] ?? []).map(String);
  for (const r of records) for (const h of Object.keys(r)) if (!headers.includes(h)) throw new Error(`bench: no column ${h} in ${tab}`);
  let last = values.length;
  while (last > 1 && values[last - 1]!.every((v) => v === '' || v === null)) last--;
  const sheet = store.requireSheet(ss, tab);
  if (last + records.length > sheet.maxRows) sheet.maxRows = last + records.length;
  store.enterValues(ss, tab, last + 1, 1, records.map((r) => headers.map((h) => (h in r ? r[h] : ''))));
}

export interface BenchModule {
  talleres: string;
  moduleId: string;
  /** Registrants who meet the rule (confirmed, 3 or 4 of the 4 sessions). */
  eligible: string[];
  registrants: number;
}

/**
 * Both spreadsheets set up, the Talleres web app deployed (the verification links' base), and a
 * finished module with `eligible` participants who meet the rule plus one in five more who
 * attended one or two sessions (no certificate), each with a valid address; survey answers per
 * attendance when `surveys`. The module's Drive folder is made first, as B04's fact sheet makes
 * it for every real module (a job that finds none makes it once).
 */
export function benchFinishedModule(ws: Workspace, eligible: number, opts: { surveys?: boolean } = {}): BenchModule {
  const { talleres } = setUpSpreadsheets(ws);
  setSetting(ws, talleres, 'Enlace de la aplicación web', ws.deployWebApp(talleres));
  const moduleId = FINISHED_MODULE_ID;
  putTable(ws, talleres, MODULES_TAB.name, [
    byHeaders(MODULES_TAB, { id: moduleId, name: FINISHED_MODULE_NAME, kind: 'Interno', year: 2027, quarter: 'I', status: 'Cerrado', dates: '12/01, 14/01, 19/01 y 21/01/2027', capacity: 500, minSessions: 3 }),
  ]);
  const sessionIds = [1, 2, 3, 4].map((n) => `${moduleId}-S${n}`);
  putTable(
    ws,
    talleres,
    SESSIONS_TAB.name,
    sessionIds.map((id, i) => {
      const t = sessionTimes(i + 1);
      return byHeaders(SESSIONS_TAB, { id, moduleId, number: i + 1, topic: ['Mi idea de negocio', 'Costos y precios', 'Marketing digital', 'Cierre'][i], start: t.start, end: t.end, status: 'Realizada' });
    }),
  );
  const others = Math.ceil(eligible / 5);
  const people = Array.from({ length: eligible + others }, (_, i) => ({
    id: `INS-${String(i + 1).padStart(4, '0')}`,
    fullName: `${FIRST[i % FIRST.length]} ${LAST[i % LAST.length]} ${i + 1}`,
    dni: `4${String(i + 1).padStart(7, '0')}`,
    email: `persona.${i + 1}@correo.pe`,
    attended: i < eligible ? 3 + (i % 2) : 1 + (i % 2),
  }));
  putTable(
    ws,
    talleres,
    REGISTRATIONS_TAB.name,
    people.map((p) => byHeaders(REGISTRATIONS_TAB, { id: p.id, moduleId, registeredAt: limaDate(2027, 1, 5, 10), documentType: 'DNI', dni: p.dni, fullName: p.fullName, email: p.email, status: 'Inscrito', consent: true })),
  );
  putTable(
    ws,
    talleres,
    ATTENDANCE_TAB.name,
    people.flatMap((p) =>
      sessionIds.slice(0, p.attended).map((sid) => byHeaders(ATTENDANCE_TAB, { id: `${sid}#${p.id}`, sessionId: sid, moduleId, registrationId: p.id, dni: p.dni, fullName: p.fullName, present: true, source: 'Manual', markedBy: ws.state.user })),
    ),
  );
  if (opts.surveys) {
    putTable(
      ws,
      talleres,
      WORKSHOP_SURVEYS_TAB.name,
      people.flatMap((p, k) =>
        sessionIds.slice(0, p.attended).map((sid, i) =>
          byHeaders(WORKSHOP_SURVEYS_TAB, {
            id: `RESP-${sid}-${p.id}`,
            sessionId: sid,
            moduleId,
            registrationId: p.id,
            submittedAt: new Date(sessionTimes(i + 1).end.getTime() + 3_600_000),
            q1: 3 + ((k + i) % 3),
            q2: 3 + ((k + 2 * i) % 3),
            q3: 4 + ((k + i) % 2),
            q4: 2 + ((k * i) % 4),
            recommend: (k + i) % 4 === 0 ? 'No' : 'Sí',
            comment: (k + i) % 3 === 0 ? `Comentario sobre la sesión ${i + 1}` : '',
          }),
        ),
      ),
    );
  }
  const folder = ws.callFromSidebar(talleres, 'generateFactSheet', [moduleId]);
  if (!folder.ok || !(folder.value as { ok: boolean }).ok) throw new Error(`bench: the module's folder was not made: ${folder.ok ? (folder.value as { message: string }).message : folder.error}`);
  return { talleres, moduleId, eligible: people.slice(0, eligible).map((p) => p.id), registrants: people.length };
}
