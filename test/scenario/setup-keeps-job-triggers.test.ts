/**
 * Running setup again (a consultant does it whenever something looks off) must not delete the
 * one-off `runReminders` triggers jobs scheduled: an immediate run a walk-in booking asked for, or
 * the continuation of a reminder run that stopped before the time limit. Apps Script lists both as
 * clock triggers of the same handler as the daily one; setup used to take them for duplicates.
 */
import { jobsFinished } from '../support/invariants';
import { bookWalkIn, createAttentionWorld, importReport, makeReport } from '../support/attention-world';
import { planTriggers, desiredTriggers } from '../../src/app/setup';

const DAY = '2026-11-28'; // the world starts on Friday 27 November 2026, 09:00 Lima

function rerunSetup(ws: ReturnType<typeof createAttentionWorld>['ws'], atenciones: string, talleres: string) {
  const again = ws.callFromSidebar(atenciones, 'setupSpreadsheet', ['atenciones', talleres]);
  expect(again.ok).toBe(true);
  return again;
}

describe('setup run again keeps the reminder triggers jobs scheduled', () => {
  test('the run a walk-in booking asked for survives setup and sends its reminder', () => {
    const { ws, atenciones, talleres } = createAttentionWorld();
    const daily = ws.triggers(atenciones).filter((t) => t.handler === 'runReminders');
    expect(daily).toHaveLength(1);
    ws.advanceTo('2026-11-27T10:00');
    const booked = bookWalkIn(ws, atenciones, {
      dni: '04567891',
      fullName: 'Rosa Ñahui Peña',
      email: 'rosa.nahui@gmail.com',
      phone: '987 654 321',
      date: '2026-11-27',
      time: '15:00',
    });
    expect(booked.ok && booked.value.ok).toBe(true);
    const requested = ws.triggers(atenciones).filter((t) => t.handler === 'runReminders' && t.uid !== daily[0].uid);
    expect(requested).toHaveLength(1);

    rerunSetup(ws, atenciones, talleres);
    // Both still there: the daily one (not replaced) and the requested run.
    expect(ws.triggers(atenciones).filter((t) => t.handler === 'runReminders').map((t) => t.uid).sort()).toEqual([daily[0].uid, requested[0].uid].sort());

    const fired = ws.advanceTo('2026-11-27T10:05');
    expect(fired.filter((e) => e.functionName === 'runReminders' && e.status === 'completed')).toHaveLength(1);
    expect(ws.outbox().filter((m) => m.to.includes('rosa.nahui@gmail.com'))).toHaveLength(1);
    // The run removed its own request; the daily trigger is the only one left.
    expect(ws.triggers(atenciones).filter((t) => t.handler === 'runReminders').map((t) => t.uid)).toEqual([daily[0].uid]);
    expect(jobsFinished(ws, atenciones, { continuationHandlers: [] })).toEqual([]);
  });

  test("a reminder run's continuation survives setup and the run finishes every reminder once", () => {
    const { ws, atenciones, talleres } = createAttentionWorld({ seed: 3 });
    const report = makeReport(DAY, 300);
    const imported = importReport(ws, atenciones, report.fileName, report.bytes);
    expect(imported.ok && imported.value.ok).toBe(true);
    const first = ws.advanceTo('2026-11-27T18:01').filter((e) => e.functionName === 'runReminders');
    expect(first).toHaveLength(1);
    const sentFirst = ws.outbox().length;
    expect(sentFirst).toBeGreaterThan(0);
    expect(sentFirst).toBeLessThan(300); // it stopped itself and left a continuation
    const before = ws.triggers(atenciones).filter((t) => t.handler === 'runReminders').length;
    expect(before).toBe(2);

    rerunSetup(ws, atenciones, talleres);
    expect(ws.triggers(atenciones).filter((t) => t.handler === 'runReminders')).toHaveLength(2);

    ws.advanceTo('2026-11-27T18:30');
    expect(ws.outbox()).toHaveLength(300);
    expect(new Set(ws.outbox().map((m) => m.to.join(','))).size).toBe(300);
    expect(ws.triggers(atenciones).filter((t) => t.handler === 'runReminders')).toHaveLength(1);
    expect(jobsFinished(ws, atenciones, { continuationHandlers: [] })).toEqual([]);
  });

  test('a stray daily-looking trigger nobody recorded is still removed as a duplicate', () => {
    const desired = desiredTriggers('atenciones', { reminderHour: 18, closingHour: 20 });
    const clock = (id: string, handler = 'runReminders') => ({ id, handler, kind: 'clock' as const, sourceId: null });
    const plan = planTriggers(
      [clock('daily'), clock('continuation'), clock('stray'), clock('closing', 'runDayClosing')],
      desired,
      { runReminders: { id: 'daily', signature: 'daily@18' }, runDayClosing: { id: 'closing', signature: 'daily@20' } },
      undefined,
      new Set(['continuation']),
    );
    expect(plan.keep.map((t) => t.id)).toEqual(['daily', 'closing']);
    expect(plan.remove.map((r) => [r.trigger.id, r.why])).toEqual([['stray', 'duplicate']]);
    expect(plan.create).toEqual([]);
    // A role that no longer has the task: everything of it goes, the job's trigger included.
    const none = planTriggers([clock('daily'), clock('continuation')], desiredTriggers('talleres', { reminderHour: 18, closingHour: 20 }), {}, undefined, new Set(['continuation']));
    expect(none.remove.map((r) => r.trigger.id)).toEqual(['daily', 'continuation']);
  });
});
