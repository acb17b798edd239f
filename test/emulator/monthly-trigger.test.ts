import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workspace } from '../../emulator';
import { SCRIPT_MESSAGES } from '../../emulator/services/script';

/**
 * The monthly time-driven trigger and the firing window, run by the workspace's clock.
 * References: developers.google.com/apps-script/reference/script/clock-trigger-builder —
 * onMonthDay(day) "Specifies the date in the month that the trigger runs" (example:
 * `.timeBased().onMonthDay(4).create()`), atHour(hour), nearMinute(minute) "(plus or minus 15
 * minutes)"; guides/triggers/installable — "if you create a recurring 9 a.m. trigger, Apps Script
 * chooses a time between 9 a.m. and 10 a.m., then keeps that timing consistent".
 */
function bundle(code: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soe-monthly-'));
  fs.writeFileSync(path.join(dir, 'Code.js'), code);
  fs.writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify({ timeZone: 'America/Lima', runtimeVersion: 'V8' }));
  return dir;
}

const CODE = `
  function install(day, hour, minute) {
    var b = ScriptApp.newTrigger('monthly').timeBased().onMonthDay(day).atHour(hour);
    if (minute !== undefined) b = b.nearMinute(minute);
    b.create();
    return ScriptApp.getProjectTriggers().map(function (t) { return [t.getHandlerFunction(), t.getEventType(), t.getTriggerSource()]; });
  }
  function monthly(e) {
    var p = PropertiesService.getScriptProperties();
    p.setProperty('runs', (p.getProperty('runs') || '') + Utilities.formatDate(new Date(), 'America/Lima', 'yyyy-MM-dd HH:mm') + '|' + e['day-of-month'] + ';');
  }
  function mixed() { ScriptApp.newTrigger('monthly').timeBased().onMonthDay(1).everyDays(1).create(); }
  function badDay() { ScriptApp.newTrigger('monthly').timeBased().onMonthDay(32); }
`;

function world(at = '2026-11-20T10:00') {
  const ws = Workspace.create({ at, seed: 3 });
  const ss = ws.createSpreadsheet('Reportes');
  ws.install(ss, { distDir: bundle(CODE) });
  const runs = () => (ws.properties(ss).runs ?? '').split(';').filter(Boolean);
  return { ws, ss, runs };
}

test('onMonthDay(1).atHour(8) fires once a month at 08:00 Lima, on day 1, listed as a CLOCK trigger', () => {
  const { ws, ss, runs } = world();
  expect(ws.run(ss, 'install', [1, 8]).value).toEqual([['monthly', 'CLOCK', 'CLOCK']]);
  expect(ws.triggers(ss)[0]).toMatchObject({ onMonthDay: 1, atHour: 8 });
  ws.advanceTo('2027-03-15T00:00');
  expect(runs()).toEqual(['2026-12-01 08:00|1', '2027-01-01 08:00|1', '2027-02-01 08:00|1', '2027-03-01 08:00|1']);
});

test('day 31 skips the months that have no 31st; a month day mixed with another frequency is refused; 1…31 only', () => {
  const { ws, ss, runs } = world('2027-01-01T00:00');
  ws.run(ss, 'install', [31, 23]);
  ws.advanceTo('2027-06-01T00:00');
  // The event object's fields are in UTC (guides/triggers/events: timezone 'UTC'): 23:00 Lima on the 31st is 04:00 UTC on the 1st.
  expect(runs()).toEqual(['2027-01-31 23:00|1', '2027-03-31 23:00|1', '2027-05-31 23:00|1']);
  expect(ws.run(ss, 'mixed').error).toBe(SCRIPT_MESSAGES.monthDayAlone);
  expect(ws.run(ss, 'badDay').error).toBe('Invalid argument: day');
});

test('the firing window: a late run inside atHour\'s hour, kept month after month; nearMinute ±15', () => {
  const { ws, ss, runs } = world();
  ws.run(ss, 'install', [1, 8]);
  ws.setTriggerDelay(ss, 'monthly', 59);
  ws.advanceTo('2027-01-02T00:00');
  expect(runs()).toEqual(['2026-12-01 08:59|1', '2027-01-01 08:59|1']);
  expect(() => ws.setTriggerDelay(ss, 'monthly', 60)).toThrow('0…59');

  const other = world();
  other.ws.run(other.ss, 'install', [1, 8, 30]);
  expect(() => other.ws.setTriggerDelay(other.ss, 'monthly', 16)).toThrow('-15…15');
  other.ws.setTriggerDelay(other.ss, 'monthly', -15);
  other.ws.advanceTo('2026-12-01T08:14');
  expect(other.runs()).toEqual([]);
  other.ws.advanceTo('2026-12-02T00:00');
  expect(other.runs()).toEqual(['2026-12-01 08:15|1']);
});

test('the browser UI describes it as monthly', () => {
  const { ws, ss } = world();
  ws.run(ss, 'install', [1, 8]);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildSnapshot } = require('../../emulator/ui/snapshot') as typeof import('../../emulator/ui/snapshot');
  expect(buildSnapshot(ws, 'v').triggers.map((t) => t.schedule)).toEqual(['Cada mes, el día 1 a las 08:00']);
});
