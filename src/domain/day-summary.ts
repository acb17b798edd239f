/**
 * The day close (A07): what each consultant did today, and what was left open.
 *
 * The procedure has the consultant register every attention at the end of the day; here the
 * register is kept as they work, so the close only has to point at what is unfinished and
 * compare real durations with the procedure's standard of 35 minutes.
 */
import { isOpenStatus, STANDARD_ATTENTION_MINUTES, type AppointmentStatus } from './appointment';
import { limaDateKey } from './lima-time';

export interface DayRow {
  key: string;
  start: Date;
  status: AppointmentStatus;
  consultant: string;
  fullName?: string;
  durationMinutes?: number | null;
  /** The satisfaction survey came back for this appointment. */
  surveyAnswered?: boolean;
}

export interface ConsultantDaySummary<T extends DayRow = DayRow> {
  dayKey: string;
  consultant: string;
  total: number;
  attended: number;
  abandoned: number;
  cancelled: number;
  /** Left 'Programada' or 'En atención' at the close: the consultant must resolve them. Earliest first. */
  open: T[];
  /** Mean real duration of the attended appointments that have one, to 0.1 min; null if none. */
  averageDurationMinutes: number | null;
  standardMinutes: number;
  /** average − standard (negative = faster than the standard); null when there is no average. */
  minutesOverStandard: number | null;
  surveysAnswered: number;
}

function sameConsultant(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function byStart(a: DayRow, b: DayRow): number {
  return a.start.getTime() - b.start.getTime();
}

function onDay<T extends DayRow>(rows: readonly T[], dayKey: string): T[] {
  return rows.filter((r) => r.start instanceof Date && !isNaN(r.start.getTime()) && limaDateKey(r.start) === dayKey);
}

/** Appointments of the day still open at its close, earliest first. */
export function openAtClose<T extends DayRow>(rows: readonly T[], dayKey: string): T[] {
  return onDay(rows, dayKey).filter((r) => isOpenStatus(r.status)).sort(byStart);
}

function summariseOne<T extends DayRow>(rows: T[], dayKey: string, consultant: string): ConsultantDaySummary<T> {
  const attendedRows = rows.filter((r) => r.status === 'Atendida');
  const durations = attendedRows
    .map((r) => r.durationMinutes)
    .filter((d): d is number => typeof d === 'number' && isFinite(d) && d >= 0);
  const average = durations.length
    ? Math.round((durations.reduce((s, d) => s + d, 0) / durations.length) * 10) / 10
    : null;
  return {
    dayKey,
    consultant,
    total: rows.length,
    attended: attendedRows.length,
    abandoned: rows.filter((r) => r.status === 'Abandonada').length,
    cancelled: rows.filter((r) => r.status === 'Cancelada').length,
    open: rows.filter((r) => isOpenStatus(r.status)).sort(byStart),
    averageDurationMinutes: average,
    standardMinutes: STANDARD_ATTENTION_MINUTES,
    minutesOverStandard: average === null ? null : Math.round((average - STANDARD_ATTENTION_MINUTES) * 10) / 10,
    surveysAnswered: attendedRows.filter((r) => r.surveyAnswered === true).length,
  };
}

/**
 * One summary per consultant with appointments that Lima day, ordered by consultant. With
 * `consultant`, only theirs — and a summary with zeros when they had none, so "nothing today"
 * is still reported. Consultants are matched ignoring case and surrounding spaces.
 */
export function summariseDay<T extends DayRow>(
  rows: readonly T[],
  dayKey: string,
  consultant?: string,
): ConsultantDaySummary<T>[] {
  const today = onDay(rows, dayKey);
  if (consultant !== undefined) {
    return [summariseOne(today.filter((r) => sameConsultant(r.consultant, consultant)), dayKey, consultant.trim())];
  }
  const groups: { name: string; rows: T[] }[] = [];
  for (const r of today) {
    const g = groups.find((x) => sameConsultant(x.name, r.consultant));
    if (g) g.rows.push(r);
    else groups.push({ name: r.consultant.trim(), rows: [r] });
  }
  groups.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return groups.map((g) => summariseOne(g.rows, dayKey, g.name));
}
