/**
 * The panel's countdowns run on the SERVER's clock (issue 10 item 3): after «Reactivar» at 11:16
 * the page showed "Tolerancia: quedan 3:31" for an 11:00 appointment whose tolerance ended at
 * 11:05, because it counted from an offset measured at the last load, or from a wrong PC clock.
 * Pure logic of sidebar/countdown.ts: the offset, the countdowns, when to refresh.
 */
import {
  clockOffset,
  countdownState,
  countdownText,
  formatSeconds,
  MAX_BACKOFF_MS,
  nextRefreshDelay,
  REFRESH_MS,
  ServerClock,
  sessionState,
  sessionText,
  shouldRefresh,
  type RefreshGate,
} from '../../sidebar/countdown';

const LIMA = -5 * 3600_000;
/** Lima wall time on 27/11/2026 as epoch ms. */
const at = (hh: number, mm: number, ss = 0) => Date.UTC(2026, 10, 27, hh, mm, ss) - LIMA;

describe('the countdown of the tolerance', () => {
  const start = at(11, 0);
  const end = at(11, 5);

  test('before the start, during the tolerance, after it', () => {
    expect(countdownState(start, end, at(10, 58, 30))).toEqual({ phase: 'before', secondsLeft: 90 });
    expect(countdownState(start, end, at(11, 1, 29))).toEqual({ phase: 'tolerance', secondsLeft: 211 });
    expect(countdownState(start, end, end)).toEqual({ phase: 'late', secondsLeft: 0 });
    expect(countdownState(start, end, at(11, 16))).toEqual({ phase: 'late', secondsLeft: 0 });
  });

  test('after the deadline it says, in Spanish, that the tolerance has ended', () => {
    expect(countdownText(countdownState(start, end, at(11, 16)), true)).toBe('Pasó la tolerancia');
    expect(countdownText(countdownState(start, end, at(11, 16)))).toMatch(/^Pasó la tolerancia: /);
    expect(countdownText(countdownState(start, end, at(11, 1, 29)))).toBe('Tolerancia: quedan 3:31');
    expect(countdownText(countdownState(start, end, at(9, 0)))).toBe('Empieza en 2 h 00 min');
  });

  test('formatSeconds', () => {
    expect(formatSeconds(0)).toBe('0:00');
    expect(formatSeconds(-5)).toBe('0:00');
    expect(formatSeconds(245)).toBe('4:05');
    expect(formatSeconds(3600 + 5 * 60)).toBe('1 h 05 min');
  });
});

describe('ServerClock: the server\'s time as the page sees it', () => {
  test('the offset is server minus page', () => {
    expect(clockOffset(1000, 400)).toBe(600);
    expect(clockOffset(400, 1000)).toBe(-600);
  });

  test('a page clock 14 minutes slow still reads the server\'s time, and it runs on', () => {
    let page = at(11, 2); // the PC says 11:02 …
    const clock = new ServerClock(() => page);
    expect(clock.isSynced()).toBe(false);
    clock.sync(at(11, 16)); // … the server says 11:16
    expect(clock.isSynced()).toBe(true);
    expect(clock.now()).toBe(at(11, 16));
    page += 30_000;
    expect(clock.now()).toBe(at(11, 16, 30));
    // The reactivated 11:00 appointment: its tolerance ended at 11:05.
    expect(countdownText(countdownState(at(11, 0), at(11, 5), clock.now()), true)).toBe('Pasó la tolerancia');
  });

  test('a stale page: the offset measured at 11:01 is replaced by the one an answer at 11:16 brings', () => {
    let page = 5_000_000; // the page's own clock, unrelated to the server's
    const clock = new ServerClock(() => page);
    clock.sync(at(11, 1, 0));
    // The emulator's virtual clock jumps 15 minutes; the page's moves 29 s meanwhile.
    page += 29_000;
    expect(countdownText(countdownState(at(11, 0), at(11, 5), clock.now()), true)).toBe('Tolerancia: quedan 3:31');
    clock.sync(at(11, 16)); // «Reactivar» answers with the appointment and the server's time
    expect(countdownText(countdownState(at(11, 0), at(11, 5), clock.now()), true)).toBe('Pasó la tolerancia');
  });

  test('a missing or bad server time keeps the last offset', () => {
    let page = 1000;
    const clock = new ServerClock(() => page);
    clock.sync(at(11, 0));
    for (const bad of [undefined, null, NaN, 0, -1, Infinity]) clock.sync(bad as number);
    page += 1000;
    expect(clock.now()).toBe(at(11, 0, 1));
  });
});

describe('the running time of an attention', () => {
  test('elapsed on the server\'s clock, and past the standard duration', () => {
    expect(sessionState(at(11, 0), 45, at(11, 12, 3))).toEqual({ elapsedSeconds: 723, over: false });
    expect(sessionState(at(11, 0), 45, at(11, 45))).toEqual({ elapsedSeconds: 2700, over: true });
    expect(sessionState(at(11, 0), 45, at(10, 59))).toEqual({ elapsedSeconds: 0, over: false });
    expect(sessionState(at(11, 0), 0, at(13, 0)).over).toBe(false);
  });

  test('in Spanish', () => {
    expect(sessionText(sessionState(at(11, 0), 45, at(11, 12, 3)), 45)).toBe('En atención: 12:03 (duración prevista: 45 min)');
    expect(sessionText(sessionState(at(11, 0), 45, at(11, 50)), 45)).toBe('En atención: 50:00 — pasó la duración prevista de 45 min');
    expect(sessionText(sessionState(at(11, 0), 0, at(11, 1)), 0)).toBe('En atención: 1:00');
  });
});

describe('when the panel reloads itself', () => {
  test('every minute; doubled after each failure in a row, up to ten minutes', () => {
    expect(REFRESH_MS).toBe(60_000);
    expect([0, 1, 2, 3, 4, 5, 50].map((n) => nextRefreshDelay(n))).toEqual([60_000, 120_000, 240_000, 480_000, MAX_BACKOFF_MS, MAX_BACKOFF_MS, MAX_BACKOFF_MS]);
    expect(nextRefreshDelay(-3)).toBe(60_000);
  });

  const ready: RefreshGate = { documentHidden: false, dayShown: true, loading: false, busy: false, nowMs: 10_000, dueMs: 10_000 };

  test('only when due, on screen, visible, and with no other call running', () => {
    expect(shouldRefresh(ready)).toBe(true);
    expect(shouldRefresh({ ...ready, nowMs: 9_999 })).toBe(false);
    expect(shouldRefresh({ ...ready, documentHidden: true })).toBe(false);
    expect(shouldRefresh({ ...ready, dayShown: false })).toBe(false);
    expect(shouldRefresh({ ...ready, loading: true })).toBe(false);
    expect(shouldRefresh({ ...ready, busy: true })).toBe(false);
    expect(shouldRefresh({ ...ready, dueMs: Number.POSITIVE_INFINITY })).toBe(false);
  });
});
