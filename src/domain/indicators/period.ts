/**
 * The period the indicators are computed for (issue 15): a calendar month, quarter or year in
 * Lima time, as the dashboard's selector offers them, and the previous month the monthly report
 * covers. Weeks (attentions per week) start on Monday, Lima.
 *
 * Pure.
 */
import { limaDate, limaParts } from '../lima-time';

export const PERIOD_KINDS = ['mes', 'trimestre', 'año'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface Period {
  kind: PeriodKind;
  /** First instant (Lima midnight of the first day). */
  start: Date;
  /** First instant AFTER the period (exclusive). */
  end: Date;
  /** Spanish label: «diciembre de 2026», «IV trimestre de 2026», «2026». */
  label: string;
  /** A stable key: '2026-12', '2026-T4', '2026'. */
  key: string;
}

const MONTHS = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'setiembre', 'octubre', 'noviembre', 'diciembre'];
const QUARTER_NAMES = ['I', 'II', 'III', 'IV'];

/** 'mes' | 'trimestre' | 'año' (also 'month'/'quarter'/'year', any case and accents); null otherwise. */
export function parsePeriodKind(raw: unknown): PeriodKind | null {
  const s = typeof raw === 'string' ? raw.trim().toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '') : '';
  if (s === 'mes' || s === 'month') return 'mes';
  if (s === 'trimestre' || s === 'quarter') return 'trimestre';
  if (s === 'ano' || s === 'year') return 'año';
  return null;
}

/** The month `month` (1–12) of `year`. */
export function monthPeriod(year: number, month: number): Period {
  return {
    kind: 'mes',
    start: limaDate(year, month, 1),
    end: limaDate(year, month + 1, 1),
    label: `${MONTHS[month - 1]} de ${year}`,
    key: `${year}-${String(month).padStart(2, '0')}`,
  };
}

/** The period of `kind` that contains the instant `at` (Lima). */
export function periodContaining(kind: PeriodKind, at: Date): Period {
  const { year, month } = limaParts(at);
  if (kind === 'mes') return monthPeriod(year, month);
  if (kind === 'trimestre') {
    const q = Math.floor((month - 1) / 3);
    return { kind, start: limaDate(year, q * 3 + 1, 1), end: limaDate(year, q * 3 + 4, 1), label: `${QUARTER_NAMES[q]} trimestre de ${year}`, key: `${year}-T${q + 1}` };
  }
  return { kind, start: limaDate(year, 1, 1), end: limaDate(year + 1, 1, 1), label: String(year), key: String(year) };
}

/** The month before the one containing `at` (what the monthly report covers). */
export function previousMonth(at: Date): Period {
  const { year, month } = limaParts(at);
  return month === 1 ? monthPeriod(year - 1, 12) : monthPeriod(year, month - 1);
}

export function inPeriod(p: Pick<Period, 'start' | 'end'>, d: Date | null | undefined): boolean {
  return d instanceof Date && !isNaN(d.getTime()) && d.getTime() >= p.start.getTime() && d.getTime() < p.end.getTime();
}

/** Monday 00:00 Lima of the week containing `d`. */
export function weekStart(d: Date): Date {
  const p = limaParts(d);
  const back = (p.weekday + 6) % 7; // Monday → 0 … Sunday → 6
  return limaDate(p.year, p.month, p.day - back);
}

/**
 * The first working day (Monday–Friday) of the month containing `at`, as Lima 'yyyy-mm-dd'.
 * Public holidays are not modelled: a report due on a holiday goes that day.
 */
export function firstWorkingDay(at: Date): Date {
  const { year, month } = limaParts(at);
  for (let day = 1; day <= 7; day++) {
    const d = limaDate(year, month, day);
    const wd = limaParts(d).weekday;
    if (wd >= 1 && wd <= 5) return d;
  }
  return limaDate(year, month, 1);
}
