/**
 * The countdowns of «Citas de hoy» — the 5-minute tolerance of A03 and the time an attention has
 * been running — and when the panel refreshes itself. Pure: every function takes the times it
 * needs, so the unit tests (test/unit/sidebar-countdown.test.ts) need no page.
 *
 * The page's clock may differ from Google's (a PC set to the wrong hour, or the emulator's
 * virtual clock), and a page left open goes stale: the countdowns run on the SERVER's time,
 * `ServerClock`, re-measured from every answer that carries it (each load of the day and each
 * action's appointment).
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

export interface SessionState {
  /** Seconds since «Iniciar» (0 if the server's clock is behind the recorded start). */
  elapsedSeconds: number;
  /** Past the standard duration ('Configuración'); false when there is none. */
  over: boolean;
}

/** An attention 'En atención' since `startedAtMs`, on the server's clock. */
export function sessionState(startedAtMs: number, standardMinutes: number, nowMs: number): SessionState {
  const elapsedSeconds = Math.max(0, Math.floor((nowMs - startedAtMs) / 1000));
  return { elapsedSeconds, over: standardMinutes > 0 && elapsedSeconds >= standardMinutes * 60 };
}

export function sessionText(state: SessionState, standardMinutes: number): string {
  const elapsed = formatSeconds(state.elapsedSeconds);
  if (standardMinutes <= 0) return M.day.sessionElapsed(elapsed);
  return state.over ? M.day.sessionOver(elapsed, standardMinutes) : M.day.sessionOf(elapsed, standardMinutes);
}

/** Server time minus page time: add it to the page's clock to read the server's. */
export function clockOffset(serverNowMs: number, clientNowMs: number): number {
  return serverNowMs - clientNowMs;
}

/**
 * The server's "now" as seen from this page. `sync` with each server time that arrives; the
 * offset is re-measured every time (never averaged), so an answer after the emulator's virtual
 * clock jumped, or after the PC's clock was corrected, takes effect at once.
 */
export class ServerClock {
  private offset = 0;
  private synced = false;
  constructor(private readonly clientNow: () => number = () => Date.now()) {}
  /** Call when an answer arrives with the server's time (epoch ms). Ignores a missing or bad one. */
  sync(serverNowMs: number | null | undefined): void {
    if (typeof serverNowMs !== 'number' || !Number.isFinite(serverNowMs) || serverNowMs <= 0) return;
    this.offset = clockOffset(serverNowMs, this.clientNow());
    this.synced = true;
  }
  isSynced(): boolean {
    return this.synced;
  }
  now(): number {
    return this.clientNow() + this.offset;
  }
}

// ---------------------------------------------------------------------------- refreshing itself

/** How often «Citas de hoy» reloads itself while it is on screen. */
export const REFRESH_MS = 60_000;
/** The longest wait after failures in a row (Google busy, no connection). */
export const MAX_BACKOFF_MS = 10 * 60_000;

/** The wait before the next automatic load: the interval, doubled after each failure in a row, capped. */
export function nextRefreshDelay(failuresInARow: number, baseMs = REFRESH_MS, maxMs = MAX_BACKOFF_MS): number {
  const n = Math.max(0, Math.min(30, Math.floor(failuresInARow)));
  return Math.min(maxMs, baseMs * 2 ** n);
}

export interface RefreshGate {
  /** The page (the sidebar) is hidden: another tab, a minimised window. */
  documentHidden: boolean;
  /** «Citas de hoy» is the screen shown in the panel. */
  dayShown: boolean;
  /** A load of the day is already running: never two at once. */
  loading: boolean;
  /** An action (or another screen's call) is running: its answer comes first. */
  busy: boolean;
  /** Page clock, and when the next automatic load is due (page clock). */
  nowMs: number;
  dueMs: number;
}

/** Whether the automatic load should start now. */
export function shouldRefresh(g: RefreshGate): boolean {
  return !g.documentHidden && g.dayShown && !g.loading && !g.busy && g.nowMs >= g.dueMs;
}
