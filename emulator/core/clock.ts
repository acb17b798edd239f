/**
 * The virtual clock. Everything in the emulator reads time from here, never from the host:
 * a scenario at "2026-11-27 18:00 Lima" behaves the same on every machine and every run.
 * Service calls advance it by their modeled latency, `Utilities.sleep` by its argument.
 */
export class VirtualClock {
  constructor(private ms: number) {}

  now(): number {
    return this.ms;
  }

  date(): Date {
    return new Date(this.ms);
  }

  /** Moves time forward; the clock never goes back. */
  advance(ms: number): void {
    if (ms < 0 || !Number.isFinite(ms)) throw new Error(`clock cannot advance by ${ms}`);
    this.ms += ms;
  }

  set(ms: number): void {
    if (ms < this.ms) throw new Error('the virtual clock never goes back');
    this.ms = ms;
  }
}

/**
 * Parses a wall-clock time in a fixed-offset zone ("2026-11-27T09:00" with offsetMinutes -300
 * for Lima). Accepts a Date or epoch ms unchanged. Lima has had no DST since 1994, so the
 * scripting API only needs a fixed offset for it; other zones go through Intl in `zones.ts`.
 */
export function parseWallTime(value: string | number | Date, offsetMinutes: number): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(value.trim());
  if (!m) {
    const parsed = Date.parse(value);
    if (Number.isNaN(parsed)) throw new Error(`not a time: ${value}`);
    return parsed;
  }
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
  return Date.UTC(+y, +mo - 1, +d, +h, +mi, +s) - offsetMinutes * 60_000;
}
