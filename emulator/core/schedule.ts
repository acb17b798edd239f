import type { TriggerRecord } from './project';
import { zonedParts, zonedTimeToMs } from './zones';

/**
 * When a time-driven trigger fires next, strictly after `after`.
 * Apps Script documents that time-driven triggers run at a time of its choosing within the
 * period: `atHour(h)` within that hour, `nearMinute(m)` within ±15 minutes
 * (developers.google.com/apps-script/reference/script/clock-trigger-builder). The emulator is
 * deterministic: it fires at h:nearMinute (h:00 by default) plus the trigger's `delayMinutes`
 * (0 unless a test picks another time inside the window), `everyMinutes(n)` on minute multiples
 * of n, and one-off triggers at their instant. `onMonthDay(d)` fires on day d of each month.
 */
export function nextRun(t: TriggerRecord, after: number, projectZone: string): number | undefined {
  if (t.source !== 'CLOCK') return undefined;
  if (t.at !== undefined) return t.lastRun === undefined ? Math.max(t.at, after + 1) : undefined;
  const zone = t.timeZone ?? projectZone;
  if (t.everyMinutes) {
    const step = t.everyMinutes * 60_000;
    return Math.floor(after / step) * step + step;
  }
  if (t.everyHours) {
    const step = t.everyHours * 3600_000;
    const minute = ((t.nearMinute ?? 0) + (t.delayMinutes ?? 0)) * 60_000;
    let n = Math.floor((after - minute) / step) * step + step + minute;
    if (n <= after) n += step;
    return n;
  }
  const hour = t.atHour ?? 0;
  const minute = t.nearMinute ?? 0;
  const delay = (t.delayMinutes ?? 0) * 60_000;
  const p = zonedParts(after, zone);
  // Walk forward day by day in the zone's calendar until a matching day's slot is after `after`
  // (a monthly trigger may wait two months: day 31 after a 31st, across a 30-day month).
  const horizon = t.onMonthDay !== undefined ? 92 : 8 * (t.everyWeeks ?? 1) + (t.everyDays ?? 1);
  for (let d = -1; d <= horizon; d++) {
    const day = new Date(Date.UTC(p.year, p.month - 1, p.day + d));
    const y = day.getUTCFullYear();
    const mo = day.getUTCMonth() + 1;
    const da = day.getUTCDate();
    const slot = zonedTimeToMs(zone, y, mo, da, hour, minute) + delay;
    if (slot <= after) continue;
    if (t.onMonthDay !== undefined && da !== t.onMonthDay) continue;
    if (t.onWeekDay !== undefined) {
      const weekday = day.getUTCDay() === 0 ? 7 : day.getUTCDay();
      if (weekday !== t.onWeekDay) continue;
    }
    if (t.everyDays && t.everyDays > 1 && t.lastRun !== undefined) {
      const since = Math.round((slot - t.lastRun) / 86_400_000);
      if (since < t.everyDays) continue;
    }
    return slot;
  }
  return undefined;
}
