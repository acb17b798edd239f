/**
 * Time-driven triggers run somewhere within the chosen hour (Apps Script guide "Installable
 * triggers": a recurring 9 a.m. trigger runs at a time Apps Script chooses between 9 and 10 a.m.,
 * the same every day). The emulator fires `atHour(h)` at h:00; the product must not depend on
 * that. Here the two daily triggers are moved to the last minute of their hour — the reminders
 * run at 18:59, the closing at 20:59 — as Google may choose, and then every day, and:
 *
 * - nothing is sent before the run (the hour began, the trigger has not fired yet);
 * - the run at 18:59 reaches every appointment of the next day, the first one of the morning and
 *   the last one of the evening, each with one event and one reminder;
 * - a walk-in booked for tomorrow at 18:30 — after the hour began, before the late run — gets one
 *   reminder, not two (the product's own "run in a minute" and the late daily run overlap);
 * - the closing runs at 20:59, the next day both run at the same minute again, no run fails and
 *   no daily trigger is doubled or lost.
 *
 * docs/reliability.md, "When the daily runs happen", states what the product assumes.
 */
import type { Workspace } from '../../emulator';
import type { TriggerRecord } from '../../emulator/core/project';
import { calendarEventId } from '../../src/domain/ids';
import { bookWalkIn, citas, createAttentionWorld, importReport, makeReport } from '../support/attention-world';
import { emailsOnce } from '../support/invariants';

const TODAY = '2026-11-27'; // Friday
const TOMORROW = '2026-11-28';
const LATE_MINUTE = 59;
const REMINDER = { kind: 'recordatorio', subjectPrefix: 'Recordatorio' };

/**
 * Makes every daily (atHour) trigger of the project fire at minute `minute` of its hour from now
 * on, as Apps Script may choose. The emulator has no option for this (docs/emulator.md): the
 * trigger's record is the emulator's own, so its minute and next run are set here, and the
 * emulator's schedule keeps that minute every day (`nearMinute`).
 */
function fireLateInTheHour(ws: Workspace, target: string, minute: number): TriggerRecord[] {
  const daily = ws.triggers(target).filter((t) => t.source === 'CLOCK' && t.atHour !== undefined && t.nextRun !== undefined);
  for (const t of daily) {
    t.nearMinute = minute;
    t.nextRun = (t.nextRun as number) + minute * 60_000;
  }
  return daily;
}

function wall(ws: Workspace, at: number): string {
  return new Date(at).toLocaleString('sv-SE', { timeZone: ws.timeZone }).slice(0, 16);
}

const reminders = (ws: Workspace, to?: string) =>
  ws.outbox().filter((m) => m.subject.startsWith(REMINDER.subjectPrefix) && (to === undefined || m.to.includes(to)));

const ROSA = { dni: '04567891', fullName: 'Rosa Ñahui Peña', email: 'rosa.nahui@gmail.com', phone: '987 654 321', date: TOMORROW, time: '07:30' };

interface Day {
  ws: Workspace;
  atenciones: string;
  report: ReturnType<typeof makeReport>;
  /** Lima wall time of each run of each handler. */
  firedAt: Record<string, string[]>;
  /** Reminders in the outbox at 18:58, one minute before the late run. */
  sentBefore: number;
  walkInId: string;
}

/**
 * Today 09:00: both spreadsheets, 20 appointments for tomorrow from 08:00 to 19:05 imported, the
 * daily triggers moved to minute 59; optionally a walk-in for 07:30 tomorrow booked at 18:30.
 * Then the clock runs to tomorrow 21:30, through both days' runs.
 */
function lateDay(opts: { walkInAt?: string }): Day {
  const { ws, atenciones } = createAttentionWorld({ at: `${TODAY}T09:00` });
  const report = makeReport(TOMORROW, 20, { startTime: '08:00', slotMinutes: 35 });
  const imported = importReport(ws, atenciones, report.fileName, report.bytes);
  if (!imported.ok || !imported.value.ok) throw new Error('the import failed');
  const moved = fireLateInTheHour(ws, atenciones, LATE_MINUTE);
  const next = moved.map((t) => `${t.handler} ${wall(ws, t.nextRun as number)}`).sort();
  if (next.join() !== `runDayClosing ${TODAY} 20:59,runReminders ${TODAY} 18:59`) throw new Error(`daily triggers not moved: ${next.join(', ')}`);
  const firedAt: Record<string, string[]> = {};
  const record = (runs: { functionName: string; startedAt: number }[]) => {
    for (const e of runs) (firedAt[e.functionName] ??= []).push(wall(ws, e.startedAt));
  };
  let walkInId = '';
  if (opts.walkInAt) {
    record(ws.advanceTo(`${TODAY}T${opts.walkInAt}`));
    const booked = bookWalkIn(ws, atenciones, ROSA);
    if (!booked.ok || !booked.value.ok) throw new Error(`the walk-in was refused: ${booked.ok ? booked.value.message : booked.error}`);
    walkInId = booked.value.id;
  }
  record(ws.advanceTo(`${TODAY}T18:58`));
  const sentBefore = reminders(ws).length;
  record(ws.advanceTo(`${TOMORROW}T21:30`));
  return { ws, atenciones, report, firedAt, sentBefore, walkInId };
}

/** Every imported appointment: reminder 'enviado', one event, one email. */
function everyoneRemindedOnce(d: Day): void {
  const rows = citas(d.ws, d.atenciones);
  for (const r of d.report.rows) {
    expect(rows.find((x) => x['ID de cita'] === r.code)?.['Recordatorio']).toBe('enviado');
    expect(d.ws.calendarEvents().filter((e) => e.id === calendarEventId('cita', r.code))).toHaveLength(1);
    expect(reminders(d.ws, r.email)).toHaveLength(1);
  }
  expect(d.report.rows[0].time).toBe('08:00');
  expect(emailsOnce(d.ws, { kinds: [REMINDER] })).toEqual([]);
  expect(d.ws.executions().filter((e) => e.status !== 'completed').map((e) => `${e.functionName}: ${e.error}`)).toEqual([]);
  expect(d.ws.triggers(d.atenciones).filter((t) => t.atHour !== undefined).map((t) => t.handler).sort()).toEqual(['runDayClosing', 'runReminders']);
}

describe('the daily triggers fire late in their hour (18:59, 20:59), as Apps Script may choose', () => {
  test('the 18:59 run reaches every appointment of the next day, 08:00 to 19:05: one event and one reminder each; nothing left before it', () => {
    const d = lateDay({});
    expect(d.firedAt.runReminders).toEqual([`${TODAY} 18:59`, `${TOMORROW} 18:59`]);
    expect(d.firedAt.runDayClosing).toEqual([`${TODAY} 20:59`, `${TOMORROW} 20:59`]);
    // 18:00–18:58: the hour has begun, the trigger has not fired, nothing has gone yet.
    expect(d.sentBefore).toBe(0);
    everyoneRemindedOnce(d);
  });

  test('a walk-in booked at 18:30 for 07:30 tomorrow (after the hour began, before the late run): everyone, her included, reminded once', () => {
    const d = lateDay({ walkInAt: '18:30' });
    // The booking asks for a run in a minute, which covers tomorrow; the late daily run then finds nothing to send.
    expect(d.firedAt.runReminders).toContain(`${TODAY} 18:59`);
    everyoneRemindedOnce(d);
    expect(citas(d.ws, d.atenciones).find((x) => x['ID de cita'] === d.walkInId)?.['Recordatorio']).toBe('enviado');
    expect(reminders(d.ws, ROSA.email)).toHaveLength(1);
    expect(d.ws.calendarEvents().filter((e) => e.id === calendarEventId('cita', d.walkInId))).toHaveLength(1);
  });
});
