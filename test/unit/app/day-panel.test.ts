/**
 * The panel's own logic that runs in the browser (sidebar/): the 5-minute tolerance countdown a
 * consultant watches, and what a failure says to them. (The panel in Chromium is covered by
 * test/scenario/day-sidebar.test.ts.)
 */
import { countdownState, countdownText, formatSeconds } from '../../../sidebar/countdown';
import { M } from '../../../sidebar/messages';
import { friendlyMessage } from '../../../sidebar/server';

const START = Date.UTC(2026, 10, 28, 15, 0); // 10:00 Lima
const END = START + 5 * 60_000;

describe('the countdown from the appointment time through the 5-minute tolerance', () => {
  test('before the time it counts down to the start', () => {
    expect(countdownText(countdownState(START, END, START - 90_000))).toBe('Empieza en 1:30');
    expect(countdownText(countdownState(START, END, START - (2 * 3600 + 5 * 60) * 1000))).toBe('Empieza en 2 h 05 min');
  });

  test('from the time, it counts the tolerance left, rounded up to the second', () => {
    expect(countdownText(countdownState(START, END, START))).toBe('Tolerancia: quedan 5:00');
    expect(countdownText(countdownState(START, END, START + 4 * 60_000 + 500))).toBe('Tolerancia: quedan 1:00');
    expect(countdownText(countdownState(START, END, END - 1))).toBe('Tolerancia: quedan 0:01');
  });

  test('after it, the appointment may be marked abandoned', () => {
    expect(countdownState(START, END, END)).toEqual({ phase: 'late', secondsLeft: 0 });
    expect(countdownText(countdownState(START, END, END + 60_000))).toBe(M.day.late);
    expect(countdownText(countdownState(START, END, END), true)).toBe(M.day.lateShort);
  });

  test('durations read as a person says them', () => {
    expect(formatSeconds(59)).toBe('0:59');
    expect(formatSeconds(3600)).toBe('1 h 00 min');
  });
});

describe('what a failure tells the consultant', () => {
  test("the server's own Spanish explanations are shown as they are", () => {
    const msg = 'Otra persona o tarea está usando la hoja en este momento. Espere unos segundos y vuelva a intentarlo.';
    expect(friendlyMessage(new Error(msg))).toBe(msg);
    expect(friendlyMessage(new Error(`Exception: ${msg}`))).toBe(msg);
  });

  test('a programming error or a stack trace is never shown', () => {
    expect(friendlyMessage(new Error("TypeError: Cannot read properties of undefined (reading 'id')"))).toBe(M.unknownError);
    expect(friendlyMessage(new Error('Falló algo\n    at runAction (Code:1234:5)'))).toBe(M.unknownError);
    expect(friendlyMessage(new Error('ReferenceError: x is not defined'))).toBe(M.unknownError);
  });

  test("Google's own English messages become plain Spanish", () => {
    expect(friendlyMessage(new Error('Exceeded maximum execution time'))).toBe(M.timedOut);
    expect(friendlyMessage(new Error("We're sorry, a server error occurred. Please wait a bit and try again."))).toBe(M.googleBusy);
    expect(friendlyMessage(new Error('Something unexpected happened'))).toBe(M.unknownError);
    expect(friendlyMessage(undefined)).toBe(M.unknownError);
  });
});
