import type { AppointmentStatus } from '../../src/domain/appointment';
import { limaDate } from '../../src/domain/lima-time';
import { nextReminderRun, reminderDates, selectRemindersDue, type ReminderCandidate, type ReminderStatus } from '../../src/domain/reminders';

const HOUR = 18;
function cand(key: string, start: Date, reminderStatus: ReminderStatus = '', status: AppointmentStatus = 'Programada'): ReminderCandidate {
  return { key, start, status, reminderStatus };
}
const keys = (xs: ReminderCandidate[]) => xs.map((x) => x.key);

describe('reminders due (A02)', () => {
  test('the 18:00 run covers tomorrow in Lima, including the evening that is already the day after in UTC', () => {
    const now = limaDate(2026, 11, 27, 18, 0);
    const rows = [
      cand('tomorrow-20h', limaDate(2026, 11, 28, 20, 0)), // 2026-11-29T01:00Z, still the 28th in Lima
      cand('tomorrow-9h', limaDate(2026, 11, 28, 9, 0)),
      cand('day-after-0h30', limaDate(2026, 11, 29, 0, 30)), // 05:30Z on the 29th: not tomorrow
      cand('in-3-days', limaDate(2026, 11, 30, 9, 0)),
    ];
    const { due, needsReview } = selectRemindersDue(rows, now, HOUR);
    expect(keys(due)).toEqual(['tomorrow-9h', 'tomorrow-20h']);
    expect(needsReview).toEqual([]);
  });

  test('before the reminder hour, tomorrow waits for the run', () => {
    const rows = [cand('tomorrow-9h', limaDate(2026, 11, 28, 9, 0))];
    expect(selectRemindersDue(rows, limaDate(2026, 11, 27, 17, 59), HOUR).due).toEqual([]);
    expect(keys(selectRemindersDue(rows, limaDate(2026, 11, 27, 18, 0), HOUR).due)).toEqual(['tomorrow-9h']);
  });

  test('a booking made at 19:00 for tomorrow at 9:00 is due immediately', () => {
    const rows = [cand('late-booking', limaDate(2026, 11, 28, 9, 0))];
    expect(keys(selectRemindersDue(rows, limaDate(2026, 11, 27, 19, 0), HOUR).due)).toEqual(['late-booking']);
  });

  test('at 23:30 Lima (04:30 UTC next day) "tomorrow" is still the next Lima day', () => {
    const now = limaDate(2026, 11, 27, 23, 30);
    const rows = [cand('28th-9h', limaDate(2026, 11, 28, 9, 0)), cand('29th-9h', limaDate(2026, 11, 29, 9, 0))];
    expect(keys(selectRemindersDue(rows, now, HOUR).due)).toEqual(['28th-9h']);
  });

  test('a booking for today at 8:00 found at 10:00 is not due; later today is due at once', () => {
    const now = limaDate(2026, 11, 27, 10, 0);
    const rows = [cand('today-8h', limaDate(2026, 11, 27, 8, 0)), cand('today-15h', limaDate(2026, 11, 27, 15, 0)), cand('today-10h', now)];
    expect(keys(selectRemindersDue(rows, now, HOUR).due)).toEqual(['today-15h']);
  });

  test('sent rows are skipped, failed ones retried, interrupted ones go to a person', () => {
    const now = limaDate(2026, 11, 27, 18, 5);
    const rows = [
      cand('sent', limaDate(2026, 11, 28, 9, 0), 'enviado'),
      cand('failed', limaDate(2026, 11, 28, 11, 0), 'error'),
      cand('interrupted-b', limaDate(2026, 11, 28, 12, 0), 'enviando'),
      cand('interrupted-a', limaDate(2026, 11, 28, 10, 0), 'enviando'),
      cand('interrupted-past', limaDate(2026, 11, 27, 9, 0), 'enviando'),
    ];
    const { due, needsReview } = selectRemindersDue(rows, now, HOUR);
    expect(keys(due)).toEqual(['failed']);
    expect(keys(needsReview)).toEqual(['interrupted-a', 'interrupted-b']);
  });

  test('only scheduled appointments get reminders', () => {
    const now = limaDate(2026, 11, 27, 18, 0);
    const s = limaDate(2026, 11, 28, 9, 0);
    const rows = (['Programada', 'En atención', 'Atendida', 'Abandonada', 'Cancelada'] as AppointmentStatus[]).map((st) => cand(st, s, '', st));
    expect(keys(selectRemindersDue(rows, now, HOUR).due)).toEqual(['Programada']);
  });

  test('ordered by start time, and the caller gets its own rows back', () => {
    type Row = ReminderCandidate & { email: string };
    const now = limaDate(2026, 11, 27, 18, 0);
    const rows: Row[] = [
      { ...cand('c', limaDate(2026, 11, 28, 16, 0)), email: 'c@x.pe' },
      { ...cand('a', limaDate(2026, 11, 27, 19, 0)), email: 'a@x.pe' },
      { ...cand('b', limaDate(2026, 11, 28, 8, 0)), email: 'b@x.pe' },
    ];
    const { due } = selectRemindersDue(rows, now, HOUR);
    expect(due.map((r) => r.email)).toEqual(['a@x.pe', 'b@x.pe', 'c@x.pe']);
  });

  test('reminder hour must be a valid hour', () => {
    expect(() => selectRemindersDue([], new Date(), 24)).toThrow(RangeError);
    expect(() => selectRemindersDue([], new Date(), 17.5)).toThrow(RangeError);
  });

  test('window and next run', () => {
    expect(reminderDates(limaDate(2026, 12, 31, 18, 0), HOUR)).toEqual(['2026-12-31', '2027-01-01']);
    expect(reminderDates(limaDate(2026, 12, 31, 9, 0), HOUR)).toEqual(['2026-12-31']);
    expect(nextReminderRun(limaDate(2026, 11, 27, 9, 0), HOUR).toISOString()).toBe('2026-11-27T23:00:00.000Z');
    expect(nextReminderRun(limaDate(2026, 11, 27, 18, 0), HOUR)).toEqual(limaDate(2026, 11, 28, 18, 0));
  });
});
