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

