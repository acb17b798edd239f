/**
 * Which appointment reminders are due (A02).
 *
 * The procedure asks for the reminder "preferably one day before". The daily run at the
 * reminder hour covers tomorrow's appointments (Lima dates). Anything that run could not see —
 * a booking made after it for today or tomorrow, or a run that failed — is due at the next run,
 * as long as the appointment is still ahead: a reminder for a time already past helps nobody.
 *
 * Email cannot be made idempotent: the use case marks a row 'enviando' before sending and
 * 'enviado' after. A row still 'enviando' means an execution died mid-send and the email may or
 * may not have left; it is never resent blindly but handed to a person (`needsReview`).
 * 'error' rows (the send threw, so nothing left) are retried.
 */
import type { AppointmentStatus } from './appointment';
import { addLimaDays, limaDateAt, limaDateKey, limaParts } from './lima-time';

export type ReminderStatus = '' | 'enviando' | 'enviado' | 'error';

export interface ReminderCandidate {
  key: string;
  start: Date;
  status: AppointmentStatus;
  reminderStatus: ReminderStatus;
  /** Calendar event already made for it, if any (the use case creates it when missing). */
  eventId?: string;
}

export interface ReminderSelection<T extends ReminderCandidate> {
  /** To send now, earliest appointment first. */
  due: T[];
  /** Interrupted mid-send ('enviando'): a person decides, earliest first. */
  needsReview: T[];
}

function checkHour(reminderHour: number): void {
  if (!Number.isInteger(reminderHour) || reminderHour < 0 || reminderHour > 23) {
    throw new RangeError(`reminderHour must be an integer 0–23, got ${reminderHour}`);
  }
}

/** The Lima dates whose appointments are in scope at `now`. */
export function reminderDates(now: Date, reminderHour: number): string[] {
  checkHour(reminderHour);
  const today = limaDateKey(now);
  return limaParts(now).hour >= reminderHour ? [today, addLimaDays(today, 1)] : [today];
}

export function selectRemindersDue<T extends ReminderCandidate>(
  appointments: readonly T[],
  now: Date,
  reminderHour: number,
): ReminderSelection<T> {
  const dates = reminderDates(now, reminderHour);
  const due: T[] = [];
  const needsReview: T[] = [];
  for (const a of appointments) {
    if (a.status !== 'Programada') continue;
    if (!(a.start instanceof Date) || isNaN(a.start.getTime())) continue;
    if (a.start.getTime() <= now.getTime()) continue;
    if (a.reminderStatus === 'enviando') {
      needsReview.push(a);
      continue;
    }
    if (a.reminderStatus === 'enviado') continue;
    if (dates.includes(limaDateKey(a.start))) due.push(a);
  }
  const byStart = (x: T, y: T) => x.start.getTime() - y.start.getTime() || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0);
  due.sort(byStart);
  needsReview.sort(byStart);
  return { due, needsReview };
}

/** When the next daily reminder run happens (for "los recordatorios de mañana salen a las …"). */
export function nextReminderRun(now: Date, reminderHour: number): Date {
  checkHour(reminderHour);
  const today = limaDateKey(now);
  const todayRun = limaDateAt(today, reminderHour);
  return now.getTime() < todayRun.getTime() ? todayRun : limaDateAt(addLimaDays(today, 1), reminderHour);
}


/** When the reminders of appointments just booked or moved go out (for the import's summary). */
export interface ReminderTiming {
  /** Ahead and inside the reminders' window now: the immediate run sends them. */
  soon: number;
  /** Which days those are: 'hoy', 'mañana' (after the reminder hour) or 'hoy y mañana'. */
  soonDays: 'hoy' | 'mañana' | 'hoy y mañana';
  /** Tomorrow's, before today's reminder hour: the daily run sends them at `runAt`. */
  tomorrow: number;
  /** Later days': each the day before, at the reminder hour. */
  later: number;
  /** The next daily run. */
  runAt: Date;
}

export function reminderTiming(starts: readonly Date[], now: Date, reminderHour: number): ReminderTiming {
  const dates = reminderDates(now, reminderHour);
  const tomorrow = addLimaDays(limaDateKey(now), 1);
  const t: ReminderTiming = { soon: 0, soonDays: 'hoy', tomorrow: 0, later: 0, runAt: nextReminderRun(now, reminderHour) };
  let soonToday = 0;
  for (const s of starts) {
    if (!(s instanceof Date) || isNaN(s.getTime()) || s.getTime() <= now.getTime()) continue;
    const key = limaDateKey(s);
    if (dates.includes(key)) {
      t.soon++;
      if (key !== tomorrow) soonToday++;
    } else if (key === tomorrow) t.tomorrow++;
    else t.later++;
  }
  t.soonDays = soonToday === t.soon ? 'hoy' : soonToday === 0 ? 'mañana' : 'hoy y mañana';
  return t;
}
