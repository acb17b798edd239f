/**
 * The workshops' and external requests' indicator providers (issue 15, Talleres). Each reads its
 * tabs of the Talleres spreadsheet ONCE (`table(TAB).read()`, cached per execution: the two
 * providers share the reads of one refresh) into plain rows and hands them to the pure
 * computation (src/domain/indicators/workshops.ts). A tab that does not exist yet (setup not
 * run) is read as empty; without the Talleres spreadsheet (an Atenciones refresh whose sibling
 * cannot be opened) the provider returns nothing.
 */
import {
  computeRequestFigures,
  computeWorkshopFigures,
  requestSection,
  workshopSection,
  type WCertificate,
  type WModule,
  type WorkshopRows,
  type WPresence,
  type WRegistration,
  type WRequest,
  type WSession,
  type WSurvey,
} from '../../domain/indicators/workshops';
import {
  ATTENDANCE_TAB,
  CERTIFICATES_TAB,
  EXTERNAL_REQUESTS_TAB,
  MODULES_TAB,
  REGISTRATIONS_TAB,
  SESSIONS_TAB,
  WORKSHOP_SURVEYS_TAB,
  type TabSpec,
} from '../../domain/schema';
import type { TableRow } from '../../domain/table';
import type { Workbook } from '../../ports';
import { dateOf, int, text } from '../workshops/cells';
import type { IndicatorProvider } from './dashboard';

/** The data rows of a tab (rows with an ID), read once; [] when the tab is missing. */
function rowsOf<K extends string>(book: Workbook, spec: TabSpec<K>): readonly TableRow<K>[] {
  const t = book.table(spec);
  if (!t.exists()) return [];
  return t.read().rows.filter((r) => r.id !== '');
}

function isTrue(v: unknown): boolean {
  return v === true || /^(true|verdadero|sí|si)$/i.test(text(v));
}

/** A scale answer as written in the tab: a number, or null when blank or not a number. */
function score(v: unknown): number | null {
  if (typeof v === 'number') return v;
  const s = text(v);
  if (s === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** Everything the workshops' figures take, from the Talleres spreadsheet (each tab read once). */
export function readWorkshopRows(book: Workbook): WorkshopRows {
  const modules = rowsOf(book, MODULES_TAB).map(
    (r): WModule => ({ id: r.id, name: text(r.record.name), kind: text(r.record.kind), startDate: dateOf(r.record.startDate), minSessions: int(r.record.minSessions) }),
  );
  const sessions = rowsOf(book, SESSIONS_TAB).map(
    (r): WSession => ({ id: r.id, moduleId: text(r.record.moduleId), number: int(r.record.number), status: text(r.record.status), start: dateOf(r.record.start), end: dateOf(r.record.end) }),
  );
  const registrations = rowsOf(book, REGISTRATIONS_TAB).map((r): WRegistration => ({ id: r.id, moduleId: text(r.record.moduleId), status: text(r.record.status) }));
  const present = rowsOf(book, ATTENDANCE_TAB)
    .filter((r) => isTrue(r.record.present) && text(r.record.registrationId) !== '')
    .map((r): WPresence => ({ sessionId: text(r.record.sessionId), registrationId: text(r.record.registrationId) }));
  const surveys = rowsOf(book, WORKSHOP_SURVEYS_TAB).map(
    (r): WSurvey => ({ sessionId: text(r.record.sessionId), scores: [score(r.record.q1), score(r.record.q2), score(r.record.q3), score(r.record.q4)] }),
  );
  const certificates = rowsOf(book, CERTIFICATES_TAB).map(
    (r): WCertificate => ({ moduleId: text(r.record.moduleId), moduleName: text(r.record.moduleName), state: text(r.record.state), issuedAt: dateOf(r.record.issuedAt) }),
  );
  return { modules, sessions, registrations, present, surveys, certificates };
}

/** The external requests (one read of 'Solicitudes externas'). */
export function readRequestRows(book: Workbook): WRequest[] {
  return rowsOf(book, EXTERNAL_REQUESTS_TAB).map((r) => ({
    id: r.id,
    state: text(r.record.state),
    institution: text(r.record.institution),
    ruc: text(r.record.ruc),
    receivedAt: dateOf(r.record.receivedAt),
    attendees: Math.max(0, int(r.record.attendees)),
  }));
}

/** Talleres: registrations, attendance, completion, certificates and satisfaction per module and session. */
export const WORKSHOPS_PROVIDER: IndicatorProvider = {
  key: 'talleres',
  roles: ['talleres'],
  build: (input) => (input.talleres ? [workshopSection(computeWorkshopFigures(readWorkshopRows(input.talleres), input.period, input.now))] : []),
};

/** Talleres: the institutions' requests of external workshops by state and by institution. */
export const EXTERNAL_REQUESTS_PROVIDER: IndicatorProvider = {
  key: 'externos',
  roles: ['talleres'],
  build: (input) => (input.talleres ? [requestSection(computeRequestFigures(readRequestRows(input.talleres), input.period))] : []),
};
