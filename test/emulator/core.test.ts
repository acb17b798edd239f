import { VirtualClock, parseWallTime } from '../../emulator/core/clock';
import { Execution, MESSAGES } from '../../emulator/core/execution';
import { Quotas } from '../../emulator/core/quotas';
import { nextRun } from '../../emulator/core/schedule';
import { zonedParts, zonedTimeToMs } from '../../emulator/core/zones';
import { latencyOf } from '../../emulator/core/latency';
import type { TriggerRecord } from '../../emulator/core/project';

const LIMA_9AM = Date.UTC(2026, 10, 27, 14, 0); // 2026-11-27 09:00 in Lima (UTC-5)

function exec(clock: VirtualClock, faults = [], trigger: 'editor' | 'simple' = 'editor') {
  return new Execution({ projectId: 'p', functionName: 'f', trigger, user: 'u@example.org' }, clock, faults, []);
}

describe('virtual clock and zones', () => {
  test('wall times in Lima are UTC-5 all year (no DST since 1994)', () => {
    expect(parseWallTime('2026-11-27T09:00', -300)).toBe(LIMA_9AM);
    expect(zonedTimeToMs('America/Lima', 2026, 7, 1, 9, 0)).toBe(Date.UTC(2026, 6, 1, 14, 0));
    const p = zonedParts(Date.UTC(2026, 10, 28, 1, 0), 'America/Lima');
    expect([p.day, p.hour]).toEqual([27, 20]); // 01:00 UTC on the 28th is 20:00 on the 27th in Lima
  });

  test('the clock never goes back', () => {
    const c = new VirtualClock(LIMA_9AM);
    c.advance(1000);
    expect(() => c.set(LIMA_9AM)).toThrow();
  });
});

describe('execution accounting', () => {
  test('each call charges its modeled latency to the execution and the clock', () => {
    const clock = new VirtualClock(LIMA_9AM);
    const e = exec(clock);
    e.call('Sheets', 'Range', 'getValues', () => 1);
    e.call('Mail', 'MailApp', 'sendEmail', () => 1);
    const expected = latencyOf('Range', 'getValues').ms + latencyOf('MailApp', 'sendEmail').ms;
    expect(e.record.modeledMs).toBe(expected);
    expect(clock.now()).toBe(LIMA_9AM + expected);
    expect(e.record.calls).toEqual({ Sheets: 1, Mail: 1 });
    expect(e.record.methods['Range.getValues']).toBe(1);
  });

  // developers.google.com/apps-script/guides/services/quotas: "Script runtime 6 min / execution"
  test('an execution past 6 minutes dies with "Exceeded maximum execution time", and stays dead', () => {
    const e = exec(new VirtualClock(LIMA_9AM));
    expect(() => e.spend(6 * 60_000 + 1)).toThrow(MESSAGES.timeout);
    expect(e.record.status).toBe('timed-out');
    expect(() => e.call('Sheets', 'Range', 'getValues', () => 1)).toThrow(MESSAGES.timeout);
  });

  test('simple triggers get 30 seconds', () => {
    const e = exec(new VirtualClock(LIMA_9AM), [], 'simple');
    expect(() => e.spend(31_000)).toThrow(MESSAGES.timeout);
  });

  test('fault "before" throws without the effect; "after" throws after it; "kill" ends the execution', () => {
    const clock = new VirtualClock(LIMA_9AM);
    let effects = 0;
    const effect = () => ++effects;

    const before = exec(clock, [{ kind: 'before', atCall: 2 }] as never);
    before.call('Sheets', 'Range', 'getValues', effect);
    expect(() => before.call('Sheets', 'Range', 'setValues', effect)).toThrow(MESSAGES.serverError);
    expect(effects).toBe(1);

    effects = 0;
    const after = exec(clock, [{ kind: 'after', atCall: 1 }] as never);
    expect(() => after.call('Mail', 'MailApp', 'sendEmail', effect)).toThrow(MESSAGES.serverError);
    expect(effects).toBe(1);

    effects = 0;
    const killed = exec(clock, [{ kind: 'kill', atCall: 1 }] as never);
    expect(() => killed.call('Mail', 'MailApp', 'sendEmail', effect)).toThrow();
    expect(effects).toBe(0);
    expect(killed.isDead).toBe(true);
    expect(() => killed.call('Sheets', 'Range', 'getValues', effect)).toThrow();
    expect(killed.finish().status).toBe('killed');
  });

  test('a fault plan is one-shot and can count calls of one service only', () => {
    const plans = [{ kind: 'before', atCall: 2, service: 'Mail' }] as never[];
    const e = exec(new VirtualClock(LIMA_9AM), plans as never);
    e.call('Sheets', 'Range', 'getValues', () => 1);
    e.call('Mail', 'MailApp', 'sendEmail', () => 1);
    e.call('Sheets', 'Range', 'getValues', () => 1);
    expect(() => e.call('Mail', 'MailApp', 'sendEmail', () => 1)).toThrow();
    expect(plans).toHaveLength(0);
    expect(e.call('Mail', 'MailApp', 'sendEmail', () => 7)).toBe(7);
  });

  test('an interleaved run happens just before the chosen call', () => {
    const order: string[] = [];
    const e = new Execution({ projectId: 'p', functionName: 'f', trigger: 'time', user: 'u' }, new VirtualClock(0), [], [
      { atCall: 2, run: () => order.push('other') },
    ]);
    e.call('Sheets', 'Range', 'getValues', () => order.push('call1'));
    e.call('Sheets', 'Range', 'getValues', () => order.push('call2'));
    expect(order).toEqual(['call1', 'other', 'call2']);
  });
});

describe('quotas', () => {
  // developers.google.com/apps-script/guides/services/quotas: "Email recipients per day 100 / 1,500"; "reset 24 hours after the first request"
  test('mail recipients run out with the platform message and come back 24 h after the first request', () => {
    const q = new Quotas('consumer');
    q.consume('u', 'emailRecipients', 99, 0);
    expect(q.remaining('u', 'emailRecipients', 1)).toBe(1);
    expect(() => q.consume('u', 'emailRecipients', 2, 1)).toThrow('Service invoked too many times for one day: email.');
    expect(q.remaining('u', 'emailRecipients', 1)).toBe(1); // a refused send takes nothing
    expect(q.remaining('u', 'emailRecipients', 24 * 3600_000)).toBe(100);
    expect(new Quotas('workspace').limit('emailRecipients')).toBe(1500);
  });
});

describe('time-driven schedule', () => {
  const base: TriggerRecord = { uid: 't', handler: 'h', owner: 'u', source: 'CLOCK', eventType: 'CLOCK', createdAt: 0 };

  test('everyDays(1).atHour(18) fires at 18:00 Lima, today if still ahead, else tomorrow', () => {
    const t = { ...base, everyDays: 1, atHour: 18 };
    expect(nextRun(t, LIMA_9AM, 'America/Lima')).toBe(Date.UTC(2026, 10, 27, 23, 0));
    expect(nextRun(t, Date.UTC(2026, 10, 27, 23, 0), 'America/Lima')).toBe(Date.UTC(2026, 10, 28, 23, 0));
  });

  test('one-off triggers fire once at their instant', () => {
    const t = { ...base, at: LIMA_9AM + 60_000 };
    expect(nextRun(t, LIMA_9AM, 'America/Lima')).toBe(LIMA_9AM + 60_000);
    expect(nextRun({ ...t, lastRun: LIMA_9AM + 60_000 }, LIMA_9AM + 60_000, 'America/Lima')).toBeUndefined();
  });

  test('everyMinutes(5) fires on five-minute marks; everyHours(2) every two hours', () => {
    expect(nextRun({ ...base, everyMinutes: 5 }, LIMA_9AM + 60_000, 'UTC')).toBe(LIMA_9AM + 5 * 60_000);
    expect(nextRun({ ...base, everyHours: 2 }, LIMA_9AM, 'UTC')).toBe(LIMA_9AM + 2 * 3600_000);
  });

  test('onWeekDay(MONDAY).atHour(8) finds the next Monday in Lima', () => {
    const t = { ...base, everyWeeks: 1, onWeekDay: 1, atHour: 8 };
    // 2026-11-27 is a Friday; the next Monday is 2026-11-30.
    expect(nextRun(t, LIMA_9AM, 'America/Lima')).toBe(Date.UTC(2026, 10, 30, 13, 0));
  });
});
