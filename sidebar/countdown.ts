/**
 * The 5-minute tolerance countdown of A03, computed in the browser from the appointment's
 * instant. The page's clock may differ from Google's (or from the emulator's virtual clock), so
 * it runs on the server's time: the offset measured when the view arrived.
 */
import { M } from './messages';

export type Phase = 'before' | 'tolerance' | 'late';

export interface CountdownState {
  phase: Phase;
  /** Seconds to the start (before), to the end of the tolerance (tolerance), 0 when late. */
  secondsLeft: number;
}

export function countdownState(startMs: number, toleranceEndsMs: number, nowMs: number): CountdownState {
  if (nowMs < startMs) return { phase: 'before', secondsLeft: Math.ceil((startMs - nowMs) / 1000) };
  if (nowMs < toleranceEndsMs) return { phase: 'tolerance', secondsLeft: Math.ceil((toleranceEndsMs - nowMs) / 1000) };
  return { phase: 'late', secondsLeft: 0 };
}

/** '4:05' under an hour; '2 h 05 min' beyond. */
export function formatSeconds(total: number): string {
  const s = Math.max(0, Math.floor(total));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  if (hours > 0) return `${hours} h ${String(minutes).padStart(2, '0')} min`;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

export function countdownText(state: CountdownState, short = false): string {
  switch (state.phase) {
    case 'before':
      return M.day.startsIn(formatSeconds(state.secondsLeft));
    case 'tolerance':
      return M.day.tolerance(formatSeconds(state.secondsLeft));
    case 'late':
      return short ? M.day.lateShort : M.day.late;
  }
}

/** The server's "now" as seen from this page. */
export class ServerClock {
  private offset = 0;
  /** Call when a view arrives with the server's time. */
  sync(serverNowMs: number): void {
    this.offset = serverNowMs - Date.now();
  }
  now(): number {
    return Date.now() + this.offset;
  }
}
