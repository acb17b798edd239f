/**
 * The real timings (issue 14 item 4): from the moments a request (C01–C04) or an internal module
 * (B01–B12) recorded on its row, the steps between them with the minutes that passed, and one
 * Spanish sentence comparing the total with the seed's standard of consultant work (5 h 25 min
 * for C, 2 d 3 h for B).
 *
 * Elapsed time is not hands-on time: most of it is waiting (the Sub Director's decision, the
 * workshop's date). The summary says so, so nobody reads a week as a week of work.
 *
 * Rules:
 * - A moment counts once it is a valid Date not after `now` (a planned session start still in the
 *   future is not reached).
 * - A step runs from the nearest earlier moment reached (a skipped moment — a module without a
 *   ficha técnica — does not leave its next step without a start) to its own moment; a step whose
 *   moment is earlier than its start (recorded out of the usual order) counts 0 minutes.
 * - The total runs from the first moment reached to the latest one.
 *
 * Pure.
 */
import { formatHHmm, formatLimaShortDate } from '../lima-time';
import { formatMinutes, MODULE_MOMENTS as MM, REQUEST_MOMENTS as RM, TIMINGS_MESSAGES as T } from '../messages/external-panel';

/** One step of the real timings, from one recorded moment to the next (the panel shows it as is). */
export interface TimingStepView {
  code: string;
  label: string;
  /** Lima 'dd/mm/aaaa hh:mm', '' when not reached. */
  from: string;
  to: string;
  elapsedMinutes: number | null;
}

/** The timings of a request (C01–C04) or an internal module (B01–B12) against the seed's standard. */
export interface TimingsView {
  steps: TimingStepView[];
  totalElapsedMinutes: number | null;
  standardMinutes: number;
  summary: string;
}

/** The seed's standard of consultant work for an external workshop: 5 h 25 min (PROCEDURE.md C). */
export const REQUEST_STANDARD_MINUTES = 5 * 60 + 25;
/** The seed's standard for an internal module: 2 d 3 h (PROCEDURE.md B), as 24-hour days. */
export const MODULE_STANDARD_MINUTES = 2 * 24 * 60 + 3 * 60;

/** One recorded moment: the activity code of the step that ends there, its name and when. */
export interface Moment {
  code: string;
  name: string;
  at: Date | null;
}

function valid(d: unknown): Date | null {
  return d instanceof Date && !isNaN(d.getTime()) ? d : null;
}

function label(d: Date): string {
  return `${formatLimaShortDate(d)} ${formatHHmm(d)}`;
}

function minutesBetween(from: Date, to: Date): number {
  return Math.max(0, Math.round((to.getTime() - from.getTime()) / 60_000));
}

/** The steps between consecutive moments, the total and the summary. `moments[0]` is the start. */
export function timingsOf(moments: readonly Moment[], standardMinutes: number, activity: string, now: Date): TimingsView {
  const reached = moments.map((m) => {
    const at = valid(m.at);
    return at && at.getTime() <= now.getTime() ? at : null;
  });
  const steps: TimingStepView[] = [];
  for (let i = 1; i < moments.length; i++) {
    let j = i - 1;
    while (j > 0 && reached[j] === null) j--;
    const from = reached[j];
    const to = reached[i];
    steps.push({
      code: moments[i].code,
      label: T.step(moments[j].name, moments[i].name),
      from: from ? label(from) : '',
      to: to ? label(to) : '',
      elapsedMinutes: from && to ? minutesBetween(from, to) : null,
    });
  }
  const points = reached.map((at, i) => ({ at, i })).filter((x): x is { at: Date; i: number } => x.at !== null);
  const reference = T.reference(formatMinutes(standardMinutes), activity);
  if (points.length < 2) return { steps, totalElapsedMinutes: null, standardMinutes, summary: `${T.notYet} ${reference}` };
  const first = points.reduce((a, b) => (b.at.getTime() < a.at.getTime() ? b : a));
  const last = points.reduce((a, b) => (b.at.getTime() >= a.at.getTime() ? b : a));
  const total = minutesBetween(first.at, last.at);
  const finished = reached[moments.length - 1] !== null;
  const sentence = (finished ? T.done : T.sofar)(formatMinutes(total), moments[first.i].name, moments[last.i].name);
  return { steps, totalElapsedMinutes: total, standardMinutes, summary: `${sentence} ${T.notHandsOn} ${reference}` };
}

// ---------------------------------------------------------------------------- an external request (C01–C04)

/** What a 'Solicitudes externas' row (and its workshop's session) recorded. */
export interface RequestMoments {
  receivedAt: unknown;
  sentForApprovalAt: unknown;
  /** 'Aprobada' | 'Rechazada' | '' */
  decision: string;
  decidedAt: unknown;
  scheduledAt: unknown;
  /** The workshop session's start (its 'Sesiones' row, else the approved proposal's start). */
  sessionStart: unknown;
  heldAt: unknown;
  thanksAt: unknown;
  closedAt: unknown;
}

/** The C01–C04 steps of a request: a rejected one ends at its decision. */
export function requestTimings(m: RequestMoments, now: Date): TimingsView {
  const rejected = m.decision === 'Rechazada';
  const decidedName = m.decision === 'Aprobada' ? RM.approved : rejected ? RM.rejected : RM.decided;
  const moments: Moment[] = [
    { code: 'C01', name: RM.received, at: valid(m.receivedAt) },
    { code: 'C01', name: RM.sentForApproval, at: valid(m.sentForApprovalAt) },
    { code: 'C01', name: decidedName, at: valid(m.decidedAt) },
  ];
  if (!rejected) {
    moments.push(
      { code: 'C02', name: RM.scheduled, at: valid(m.scheduledAt) },
      { code: 'C02', name: RM.sessionStart, at: valid(m.sessionStart) },
      { code: 'C03', name: RM.held, at: valid(m.heldAt) },
      { code: 'C04', name: RM.thanks, at: valid(m.thanksAt) },
      { code: 'C04', name: RM.closed, at: valid(m.closedAt) },
    );
  }
  return timingsOf(moments, REQUEST_STANDARD_MINUTES, T.activity.request, now);
}

// ---------------------------------------------------------------------------- an internal module (B01–B12)

/** What a 'Módulos' row and its sessions recorded. */
export interface ModuleMoments {
  createdAt: unknown;
  programmeSentAt: unknown;
  factSheetAt: unknown;
  /** Its sessions (cancelled ones left out by the caller). */
  sessions: readonly { start: unknown; end: unknown }[];
  consolidatedAt: unknown;
  reportSentAt: unknown;
}

function earliest(ds: readonly (Date | null)[]): Date | null {
  const ok = ds.filter((d): d is Date => d !== null);
  return ok.length ? ok.reduce((a, b) => (b.getTime() < a.getTime() ? b : a)) : null;
}

function latest(ds: readonly (Date | null)[]): Date | null {
  const ok = ds.filter((d): d is Date => d !== null);
  return ok.length ? ok.reduce((a, b) => (b.getTime() > a.getTime() ? b : a)) : null;
}

/** The B01–B12 steps of a module. */
export function moduleTimings(m: ModuleMoments, now: Date): TimingsView {
  const starts = m.sessions.map((s) => valid(s.start));
  const ends = m.sessions.map((s) => valid(s.end));
  // The last session's end is reached only when every session has ended.
  const allEnded = ends.length > 0 && ends.every((e) => e !== null && e.getTime() <= now.getTime());
  const moments: Moment[] = [
    { code: 'B01', name: MM.created, at: valid(m.createdAt) },
    { code: 'B03', name: MM.programmeSent, at: valid(m.programmeSentAt) },
    { code: 'B05', name: MM.factSheet, at: valid(m.factSheetAt) },
    { code: 'B07', name: MM.firstSession, at: earliest(starts) },
    { code: 'B09', name: MM.lastSession, at: allEnded ? latest(ends) : null },
    { code: 'B12', name: MM.consolidated, at: valid(m.consolidatedAt) },
    { code: 'B12', name: MM.reportSent, at: valid(m.reportSentAt) },
  ];
  return timingsOf(moments, MODULE_STANDARD_MINUTES, T.activity.module, now);
}
