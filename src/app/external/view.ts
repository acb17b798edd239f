/**
 * The panel's «Solicitudes externas» (C01–C04): the list of the institutions' requests with their
 * state, counts per state and the next step, and one request's detail — what the institution
 * asked, its two preferred slots, the places the workshop would get, the proposal sent for
 * approval, the decision, the workshop once made, the real timings and what this person may do.
 *
 * Reads only, no lock: one read of 'Solicitudes externas' and of 'Configuración' (the request
 * form's link, the capacity margin); the detail also reads 'Módulos' and 'Sesiones' once the
 * request has its workshop (its name and its session's start for the timings).
 *
 * The contact person's data (name, role, email, mobile) shows in the detail only: the consultant
 * handling the request needs it to reach the institution; the list carries the institution.
 */
import { isCoordinator } from '../../domain/access';
import { capacityFor } from '../../domain/external/capacity';
import { requestState } from '../../domain/external/states';
import { requestTimings } from '../../domain/external/timings';
import { formatHHmm, formatLimaShortDate, limaDateKey, limaDateAt, limaParts, WEEKDAYS_ES } from '../../domain/lima-time';
import { EXTERNAL_PANEL_MESSAGES as M } from '../../domain/messages/external-panel';
import { EXTERNAL_REQUESTS_TAB, MODULES_TAB, SESSIONS_TAB, SETTINGS_TAB, type ExternalRequestKey, type ExternalRequestState } from '../../domain/schema';
import type { TableRow } from '../../domain/table';
import type { Clock, KeyValueStore, Session, Workbooks } from '../../ports';
import { readSettings } from '../settings';
import { recordedRole } from '../setup';
import { readTeam } from '../team';
import type { ExternalDetailResult, ExternalRequestDetail, ExternalRequestsView, ExternalRequestSummary, SlotView } from './types';

export { capacityFor };

export interface ExternalViewDeps {
  workbooks: Workbooks;
  properties: KeyValueStore;
  clock: Clock;
  session: Session;
}

type RequestRow = TableRow<ExternalRequestKey>;

/** A request ID as the system writes them: letters, digits, '-', '_', '.'; anything else is refused before any read. */
const REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;

function text(v: unknown): string {
  if (v === null || v === undefined || v instanceof Date) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  return String(v).trim();
}

function dateOf(v: unknown): Date | null {
  return v instanceof Date && !isNaN(v.getTime()) ? v : null;
}

function when(v: unknown): string {
  const d = dateOf(v);
  return d ? `${formatLimaShortDate(d)} ${formatHHmm(d)}` : '';
}

function count(v: unknown): number {
  const n = typeof v === 'number' ? v : Number(text(v));
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}

/** «lunes 12/01/2027, 10:00» */
function slotLabel(d: Date, time: string): string {
  return `${WEEKDAYS_ES[limaParts(d).weekday]} ${formatLimaShortDate(d)}${time ? `, ${time}` : ''}`;
}

/** A preferred slot: its date (a Date cell, Lima) and time ('HH:mm'), and whether it has passed. */
export function slotOf(rawDate: unknown, rawTime: unknown, now: Date): SlotView {
  const d = dateOf(rawDate);
  const t = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text(rawTime));
  const time = t ? `${t[1].padStart(2, '0')}:${t[2]}` : '';
  if (!d) return { date: '', time, label: '', past: false };
  const key = limaDateKey(d);
  // Without a time, the slot has passed once its day is over.
  const moment = t ? limaDateAt(key, Number(t[1]), Number(t[2])) : limaDateAt(key, 23, 59);
  return { date: key, time, label: slotLabel(d, time), past: moment.getTime() <= now.getTime() };
}

function nextStepOf(state: ExternalRequestState | null): string {
  return state ? M.nextStep[state] : M.unknownState;
}

function summaryOf(row: RequestRow): ExternalRequestSummary {
  const r = row.record;
  const state = requestState(r.state);
  return {
    id: row.id,
    institution: text(r.institution),
    topic: text(r.topic),
    state: state ?? '',
    receivedAt: when(r.receivedAt),
    expected: count(r.expected),
    proposedWhen: when(r.proposedStart),
    moduleId: text(r.moduleId),
    nextStep: nextStepOf(state),
  };
}

function coordinator(deps: ExternalViewDeps): boolean {
  return isCoordinator(readTeam(deps.properties), deps.session.userEmail());
}

function notTalleres(deps: ExternalViewDeps): string {
  return recordedRole(deps.properties) === 'talleres' ? '' : M.notReady;
}

/** «Solicitudes externas»: newest first, with the counts per state and the request form's link. */
export function listExternalRequests(deps: ExternalViewDeps): ExternalRequestsView {
  const user = { isCoordinator: coordinator(deps) };
  const empty = (message: string): ExternalRequestsView => ({ ready: false, message, requests: [], counts: {}, formUrl: '', user });
  const problem = notTalleres(deps);
  if (problem) return empty(problem);
  const book = deps.workbooks.current();
  const table = book.table(EXTERNAL_REQUESTS_TAB);
  if (!table.exists()) return empty(M.tabMissing);
  const settings = readSettings(book.table(SETTINGS_TAB)).settings;
  const rows = table.read().rows.filter((r) => r.id !== '');
  const received = (r: RequestRow) => dateOf(r.record.receivedAt)?.getTime() ?? 0;
  const requests = rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => received(b.row) - received(a.row) || b.i - a.i)
    .map((x) => summaryOf(x.row));
  const counts: Partial<Record<ExternalRequestState, number>> = {};
  for (const r of requests) if (r.state) counts[r.state] = (counts[r.state] ?? 0) + 1;
  return {
    ready: true,
    message: requests.length === 0 ? M.empty : '',
    requests,
    counts,
    formUrl: settings.externalRequestFormUrl ?? '',
    user,
  };
}

/** The workshop's name and its session's start (the first not cancelled), read only once the request has one. */
function workshopOf(deps: ExternalViewDeps, moduleId: string): { name: string; sessionStart: Date | null } {
  if (!moduleId) return { name: '', sessionStart: null };
  const book = deps.workbooks.current();
  const modules = book.table(MODULES_TAB);
  const module = modules.exists() ? modules.read().rows.find((r) => r.id === moduleId) : undefined;
  const sessions = book.table(SESSIONS_TAB);
  const starts = sessions.exists()
    ? sessions
        .read()
        .rows.filter((s) => s.id !== '' && text(s.record.moduleId) === moduleId && text(s.record.status) !== 'Cancelada')
        .map((s) => dateOf(s.record.start))
        .filter((d): d is Date => d !== null)
        .sort((a, b) => a.getTime() - b.getTime())
    : [];
  return { name: module ? text(module.record.name) : '', sessionStart: starts[0] ?? null };
}

/** One request as the detail shows it. */
export function externalRequestDetail(deps: ExternalViewDeps, rawId: unknown): ExternalDetailResult {
  const id = typeof rawId === 'string' ? rawId.trim() : '';
  if (!REQUEST_ID.test(id)) return { ok: false, message: M.badId };
  const problem = notTalleres(deps);
  if (problem) return { ok: false, message: problem };
  const book = deps.workbooks.current();
  const table = book.table(EXTERNAL_REQUESTS_TAB);
  if (!table.exists()) return { ok: false, message: M.tabMissing };
  const row = table.read().rows.find((r) => r.id === id);
  if (!row) return { ok: false, message: M.notFound };
  const settings = readSettings(book.table(SETTINGS_TAB)).settings;
  const now = deps.clock.now();
  const r = row.record;
  const state = requestState(r.state);
  const expected = count(r.expected);
  const moduleId = text(r.moduleId);
  const workshop = workshopOf(deps, moduleId);
  const decision = text(r.decision);
  const isCoord = coordinator(deps);
  const detail: ExternalRequestDetail = {
    id: row.id,
    state: state ?? '',
    institution: text(r.institution),
    ruc: text(r.ruc),
    institutionType: text(r.institutionType),
    region: text(r.region),
    district: text(r.district),
    contactName: text(r.contactName),
    contactRole: text(r.contactRole),
    contactEmail: text(r.contactEmail),
    contactPhone: text(r.contactPhone),
    topic: text(r.topic),
    slots: [slotOf(r.option1Date, r.option1Time, now), slotOf(r.option2Date, r.option2Time, now)],
    expected,
    capacity: capacityFor(expected, settings.externalCapacityMarginPercent),
    modality: text(r.modality),
    notes: text(r.notes),
    proposal: {
      start: when(r.proposedStart),
      end: dateOf(r.proposedEnd) ? formatHHmm(dateOf(r.proposedEnd)!) : '',
      speaker: text(r.speaker),
      speakerEmail: text(r.speakerEmail),
      certificates: r.certificates === true,
      round: count(r.approvalRound),
      sentAt: when(r.sentForApprovalAt),
      sentBy: text(r.sentForApprovalBy),
    },
    decision: { decision, channel: text(r.decisionChannel), by: text(r.decidedBy), at: when(r.decidedAt), reason: text(r.rejectReason) },
    moduleId,
    moduleName: workshop.name,
    timings: requestTimings(
      {
        receivedAt: r.receivedAt,
        sentForApprovalAt: r.sentForApprovalAt,
        decision,
        decidedAt: r.decidedAt,
        scheduledAt: r.scheduledAt,
        // The workshop's session; before it exists (or when its row is gone), the approved proposal's start.
        sessionStart: workshop.sessionStart ?? (decision === 'Aprobada' ? r.proposedStart : null),
        heldAt: r.heldAt,
        thanksAt: r.thanksAt,
        closedAt: r.closedAt,
      },
      now,
    ),
    allowed: {
      sendForApproval: state === 'Recibida' || state === 'Enviada a aprobación',
      decide: isCoord && state === 'Enviada a aprobación',
    },
    nextStep: nextStepOf(state),
  };
  return { ok: true, detail };
}
