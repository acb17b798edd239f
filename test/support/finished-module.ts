/**
 * A "Talleres" world whose module has ended (B12's starting point), for the certificates, the
 * consolidation, the report and the verification page: the bundle installed in both spreadsheets
 * and deployed as a web app, one module of 4 sessions (all ended; by default none cancelled),
 * registrants in various states, attendance marks so that some meet the module's rule and some do
 * not, and workshop survey answers for each session.
 *
 * The rows are put straight into the sheets (test/support/workshop-rows.ts putRows), by the
 * schema's headers, as the product's own writes leave them: the flows that write them (B05–B09)
 * have their own tests; what B12 needs is their result. Reusable: `createFinishedModule()` with
 * options for size and who attends.
 */
import type { Workspace } from '../../emulator';
import { limaDate } from '../../src/domain/lima-time';
import {
  ATTENDANCE_TAB,
  MODULES_TAB,
  REGISTRATIONS_TAB,
  SESSIONS_TAB,
  WORKSHOP_SURVEYS_TAB,
  type TabSpec,
} from '../../src/domain/schema';
import { createAttentionWorld, setSetting, type AttentionWorld } from './attention-world';
import { putRows } from './workshop-rows';

export const FINISHED_MODULE_ID = 'M-2027-I-APR';
export const FINISHED_MODULE_NAME = 'Aprende a Emprender – I 2027';

export interface FinishedPerson {
  id: string;
  fullName: string;
  dni: string;
  email: string;
  /** 'Inscrito', 'En lista de espera', 'Retirado', 'Anulado'. */
  status: string;
  /** Sessions attended (the first n). */
  attended: number;
}

export interface FinishedModuleWorld extends AttentionWorld {
  /** The Talleres web app's /exec address (the verification links' base). */
  webAppUrl: string;
  moduleId: string;
  sessionIds: string[];
  people: FinishedPerson[];
  /** IDs of the registrants who meet the rule (confirmed, attended ≥ minSessions). */
  eligible: string[];
  minSessions: number;
}

export interface FinishedModuleOptions {
  /** Registrants (default 10: 7 confirmed of whom 5 meet the rule, plus one waiting, one withdrawn, one annulled). */
  people?: FinishedPerson[];
  /** The rule (default 3 of 4 sessions). */
  minSessions?: number;
  /** Lima wall time of the world's start (default a week after the last session). */
  at?: string;
  /** Deploy the web app and record its address in 'Enlace de la aplicación web' (default true). */
  webApp?: boolean;
  /** The workspace's seed (crash sweeps build one world per seed). */
  seed?: number;
}

/** The default ten: names with accents, ñ, an apostrophe, a long one, one with markup; one without a valid email. */
export const DEFAULT_PEOPLE: FinishedPerson[] = [
  { id: 'INS-0001', fullName: 'Ana Quispe Huamán', dni: '40000001', email: 'ana.quispe@gmail.com', status: 'Inscrito', attended: 4 },
  { id: 'INS-0002', fullName: "María José D'Ángelo Ñahui", dni: '40000002', email: 'mjdangelo@gmail.com', status: 'Inscrito', attended: 3 },
  { id: 'INS-0003', fullName: 'José Pérez Condori', dni: '40000003', email: 'jose.perez@gmail.com', status: 'Inscrito', attended: 2 },
  { id: 'INS-0004', fullName: 'Lucía <b>Torres</b> Salas', dni: '40000004', email: 'lucia.torres@gmail.com', status: 'Inscrito', attended: 4 },
  { id: 'INS-0005', fullName: 'Pedro Rojas (sin correo)', dni: '40000005', email: 'pedro.rojas-arroba-gmail', status: 'Inscrito', attended: 3 },
  { id: 'INS-0006', fullName: 'Ñusta Mamani Flores de la Cruz Villanueva Paredes Ríos Huamaní Quispe Condori', dni: '40000006', email: 'nusta.mamani@gmail.com', status: 'Inscrito', attended: 3 },
  { id: 'INS-0007', fullName: 'Hugo Salas Ríos', dni: '40000007', email: 'hugo.salas@gmail.com', status: 'Inscrito', attended: 1 },
  { id: 'INS-0008', fullName: 'Elena Vargas', dni: '40000008', email: 'elena.vargas@gmail.com', status: 'En lista de espera', attended: 0 },
  { id: 'INS-0009', fullName: 'Raúl Paredes', dni: '40000009', email: 'raul.paredes@gmail.com', status: 'Retirado', attended: 1 },
  { id: 'INS-0010', fullName: 'Sofía Ramos', dni: '40000010', email: 'sofia.ramos@gmail.com', status: 'Anulado', attended: 4 },
];

/** Session n (1–4): Tuesdays and Thursdays of January 2027, 18:00–20:00 Lima. */
export function sessionTimes(n: number): { start: Date; end: Date } {
  const day = [12, 14, 19, 21][n - 1]!;
  return { start: limaDate(2027, 1, day, 18), end: limaDate(2027, 1, day, 20) };
}

/** A record by the schema's keys, as a row by its headers. */
export function byHeaders<K extends string>(spec: TabSpec<K>, record: Partial<Record<K, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of spec.columns) if (c.key in record) out[c.header] = record[c.key as K];
  return out;
}

export function createFinishedModule(opts: FinishedModuleOptions = {}): FinishedModuleWorld {
  const people = opts.people ?? DEFAULT_PEOPLE;
  const minSessions = opts.minSessions ?? 3;
  const w = createAttentionWorld({ at: opts.at ?? '2027-01-28T10:00', ...(opts.seed !== undefined ? { seed: opts.seed } : {}) });
  const { ws, talleres } = w;
  let webAppUrl = '';
  if (opts.webApp !== false) {
    webAppUrl = ws.deployWebApp(talleres);
    setSetting(ws, talleres, 'Enlace de la aplicación web', webAppUrl);
  }
  const moduleId = FINISHED_MODULE_ID;
  putRows(ws, talleres, MODULES_TAB.name, [
    byHeaders(MODULES_TAB, {
      id: moduleId,
      name: FINISHED_MODULE_NAME,
      kind: 'Interno',
      year: 2027,
      quarter: 'I',
      status: 'Cerrado',
      dates: '12/01, 14/01, 19/01 y 21/01/2027',
      capacity: 60,
      minSessions,
    }),
  ]);
  const sessionIds = [1, 2, 3, 4].map((n) => `${moduleId}-S${n}`);
  putRows(
    ws,
    talleres,
    SESSIONS_TAB.name,
    sessionIds.map((id, i) => {
      const t = sessionTimes(i + 1);
      return byHeaders(SESSIONS_TAB, { id, moduleId, number: i + 1, topic: ['Mi idea de negocio', 'Costos y precios', 'Marketing digital', 'Cierre'][i], start: t.start, end: t.end, status: 'Realizada' });
    }),
  );
  putRows(
    ws,
    talleres,
    REGISTRATIONS_TAB.name,
    people.map((p) => byHeaders(REGISTRATIONS_TAB, { id: p.id, moduleId, registeredAt: limaDate(2027, 1, 5, 10), documentType: 'DNI', dni: p.dni, fullName: p.fullName, email: p.email, status: p.status, consent: true })),
  );
  const marks = people.flatMap((p) =>
    sessionIds.slice(0, p.attended).map((sid) => byHeaders(ATTENDANCE_TAB, { id: `${sid}#${p.id}`, sessionId: sid, moduleId, registrationId: p.id, dni: p.dni, fullName: p.fullName, present: true, source: 'Manual', markedBy: w.user })),
  );
  if (marks.length) putRows(ws, talleres, ATTENDANCE_TAB.name, marks);
  // Survey answers: each attendee of a session answers it (scores vary by person and session).
  const answers = people.flatMap((p, k) =>
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
        comment: (k + i) % 3 === 0 ? `Comentario de ${p.fullName.split(' ')[0]} sobre la sesión ${i + 1}` : '',
      }),
    ),
  );
  if (answers.length) putRows(ws, talleres, WORKSHOP_SURVEYS_TAB.name, answers);
  const eligible = people.filter((p) => p.status === 'Inscrito' && p.attended >= minSessions).map((p) => p.id);
  return { ...w, webAppUrl, moduleId, sessionIds, people, eligible, minSessions };
}

/** The rows of a tab as records by header (what a person sees). */
export function tabRows(ws: Workspace, ss: string, tab: string): Record<string, unknown>[] {
  const [headers, ...rows] = ws.values(ss, tab);
  return rows.filter((r) => r.some((v) => v !== '' && v !== null)).map((r) => Object.fromEntries((headers ?? []).map((h, i) => [String(h), r[i]])));
}
