import { makeTestEnv, nextExecution } from '../../emulator/testing';
import { ScriptApp, SCRIPT_MESSAGES, Trigger } from '../../emulator/services/script';
import { nextRun } from '../../emulator/core/schedule';
import { GasObject } from '../../emulator/core/gas-object';

/**
 * ScriptApp and its trigger builders, called host-side (no sandbox).
 * Reference: developers.google.com/apps-script/reference/script/script-app and the builder
 * pages it links; limits from developers.google.com/apps-script/guides/services/quotas.
 */
const LIMA_9AM = Date.UTC(2026, 10, 27, 14, 0); // Friday 2026-11-27 09:00 in Lima

function setup(opts: Parameters<typeof makeTestEnv>[0] = {}) {
  const env = makeTestEnv({ containerId: 'sheet-1', ...opts });
  return { env, app: new ScriptApp(env) };
}

/** Stands for a Spreadsheet or Form handed over by another service: only getId() matters. */
class FakeContainer extends GasObject {
  readonly _service = 'Sheets' as const;
  readonly _class = 'Spreadsheet';
  constructor(private readonly id: string) {
    super();
  }
  getId(): string {
    return this.id;
  }
}

describe('ScriptApp time-driven triggers (reference/script/clock-trigger-builder)', () => {
  test('everyDays(1).atHour(20) is stored for the current user and fires next at 20:00 Lima', () => {
    const { env, app } = setup();
    const t = app.newTrigger('evening').timeBased().everyDays(1).atHour(20).create();
    const [rec] = env.project.triggers;
    expect(rec).toMatchObject({ handler: 'evening', owner: env.exec.user, source: 'CLOCK', eventType: 'CLOCK', everyDays: 1, atHour: 20 });
    expect(rec.nextRun).toBe(Date.UTC(2026, 10, 28, 1, 0)); // 20:00 Lima = 01:00 UTC next day
    expect(t.getUniqueId()).toBe(rec.uid);
    expect(t.getHandlerFunction()).toBe('evening');
    expect(t.getEventType()).toBe(app.EventType.CLOCK);
    expect(t.getTriggerSource()).toBe(app.TriggerSource.CLOCK);
    expect(t.getTriggerSourceId()).toBeNull(); // "For clock events this returns null"
  });

  test('after(ms) fires that long after create(); at(date) at that instant', () => {
    const { env, app } = setup();
    app.newTrigger('soon').timeBased().after(30 * 60_000).create();
    const when = new Date(Date.UTC(2026, 11, 1, 15, 0));
    app.newTrigger('later').timeBased().at(when).create();
    expect(env.project.triggers.map((t) => t.nextRun)).toEqual([LIMA_9AM + 30 * 60_000, when.getTime()]);
  });

  test('onWeekDay(MONDAY).atHour(9) alone is a weekly trigger (the triggers guide example)', () => {
    const { env, app } = setup();
    app.newTrigger('weekly').timeBased().onWeekDay(app.WeekDay.MONDAY).atHour(9).create();
    expect(env.project.triggers[0]).toMatchObject({ everyWeeks: 1, onWeekDay: 1, atHour: 9 });
    expect(env.project.triggers[0].nextRun).toBe(Date.UTC(2026, 10, 30, 14, 0)); // Monday 09:00 Lima
  });

  test('inTimezone(tz) sets the zone of atHour; the project zone applies otherwise', () => {
    const { env, app } = setup();
    app.newTrigger('utc').timeBased().everyDays(1).atHour(20).inTimezone('UTC').create();
    expect(env.project.triggers[0].timeZone).toBe('UTC');
    expect(env.project.triggers[0].nextRun).toBe(Date.UTC(2026, 10, 27, 20, 0));
    expect(() => app.newTrigger('x').timeBased().inTimezone('Mars/Olympus')).toThrow('Invalid argument: timezone');
  });

  test('everyMinutes accepts only 1, 5, 10, 15 or 30; everyHours only 1, 2, 4, 6, 8 or 12', () => {
    const { app } = setup();
    const b = app.newTrigger('f').timeBased();
    expect(() => b.everyMinutes(2)).toThrow(SCRIPT_MESSAGES.everyMinutes);
    expect(() => b.everyMinutes(60)).toThrow('The value you passed to everyMinutes was invalid. It must be one of 1, 5, 10, 15 or 30.');
    expect(() => b.everyHours(3)).toThrow(SCRIPT_MESSAGES.everyHours);
    for (const n of [1, 5, 10, 15, 30]) expect(() => b.everyMinutes(n)).not.toThrow();
    for (const n of [1, 2, 4, 6, 8, 12]) expect(() => b.everyHours(n)).not.toThrow();
    expect(() => b.atHour(24)).toThrow('Invalid argument: hour');
  });

  test('a time-driven builder without a schedule, or atHour without a frequency, cannot be created', () => {
    const { env, app } = setup();
    expect(() => app.newTrigger('f').timeBased().create()).toThrow(SCRIPT_MESSAGES.noSchedule);
    // "Frequency is required if you are using atHour() or nearMinute()"
    expect(() => app.newTrigger('f').timeBased().atHour(9).create()).toThrow(SCRIPT_MESSAGES.frequencyRequired);
    expect(() => app.newTrigger('f').timeBased().everyMinutes(5).atHour(9).create()).toThrow(SCRIPT_MESSAGES.frequencyRequired);
    expect(env.project.triggers).toHaveLength(0);
  });
});

describe('ScriptApp event triggers (reference/script/spreadsheet-trigger-builder, form-trigger-builder)', () => {
  test('forSpreadsheet takes a Spreadsheet object or its ID; forForm a Form or its ID', () => {
    const { env, app } = setup();
    const a = app.newTrigger('onSubmit').forSpreadsheet(new FakeContainer('sheet-1')).onFormSubmit().create();
    const b = app.newTrigger('opened').forSpreadsheet('sheet-1').onOpen().create();
    const c = app.newTrigger('answer').forForm(new FakeContainer('form-9')).onFormSubmit().create();
    expect([a, b, c].map((t) => [t.getTriggerSource(), t.getEventType(), t.getTriggerSourceId()])).toEqual([
      ['SPREADSHEETS', 'ON_FORM_SUBMIT', 'sheet-1'],
      ['SPREADSHEETS', 'ON_OPEN', 'sheet-1'],
      ['FORMS', 'ON_FORM_SUBMIT', 'form-9'],
    ]);
    expect(env.project.triggers.every((t) => t.nextRun === undefined)).toBe(true);
  });

  test('an event builder with no event chosen cannot be created', () => {
    const { app } = setup();
    expect(() => app.newTrigger('f').forSpreadsheet('sheet-1').create()).toThrow(SCRIPT_MESSAGES.noEventType);
  });
});

describe('ScriptApp listing and deleting (reference/script/script-app)', () => {
  test('getProjectTriggers lists this project\'s triggers of the current user only', () => {
    const { env, app } = setup();
    app.newTrigger('mine').timeBased().everyHours(1).create();
    const other = nextExecution(env, 'editor', 'otra@trabajo.gob.pe');
    new ScriptApp(other).newTrigger('theirs').timeBased().everyHours(1).create();
    expect(app.getProjectTriggers().map((t) => t.getHandlerFunction())).toEqual(['mine']);
    expect(new ScriptApp(other).getProjectTriggers().map((t) => t.getHandlerFunction())).toEqual(['theirs']);
  });

  test('getUserTriggers(spreadsheet) lists the user\'s triggers on that spreadsheet', () => {
    const { app } = setup();
    app.newTrigger('clock').timeBased().everyHours(1).create();
    app.newTrigger('submit').forSpreadsheet('sheet-1').onFormSubmit().create();
    app.newTrigger('elsewhere').forSpreadsheet('sheet-2').onEdit().create();
    expect(app.getUserTriggers(new FakeContainer('sheet-1')).map((t) => t.getHandlerFunction())).toEqual(['submit']);
  });

  test('deleteTrigger removes exactly that trigger, by unique ID', () => {
    const { env, app } = setup();
    app.newTrigger('a').timeBased().everyHours(1).create();
    app.newTrigger('b').timeBased().everyHours(1).create();
    const [first] = app.getProjectTriggers();
    app.deleteTrigger(first);
    expect(env.project.triggers.map((t) => t.handler)).toEqual(['b']);
    app.deleteTrigger(first); // already gone: nothing else changes
    expect(env.project.triggers).toHaveLength(1);
  });

  test('a one-off trigger stays listed after it fired, until the script deletes it', () => {
    const { env, app } = setup();
    app.newTrigger('once').timeBased().after(60_000).create();
    const rec = env.project.triggers[0];
    // What the workspace does when it fires: record the run, compute the next one (none).
    rec.lastRun = rec.nextRun;
    rec.nextRun = nextRun(rec, rec.lastRun!, env.project.timeZone);
    expect(rec.nextRun).toBeUndefined();
    expect(app.getProjectTriggers().map((t) => t.getHandlerFunction())).toEqual(['once']);
  });

  // quotas page: "Triggers 20 / user / script"
  test('the 21st trigger of a user fails with Apps Script\'s message; another user still has room', () => {
    const { env, app } = setup();
    for (let i = 0; i < 20; i++) app.newTrigger(`job${i}`).timeBased().everyHours(1).create();
    expect(() => app.newTrigger('one-too-many').timeBased().everyHours(1).create()).toThrow(
      'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
    );
    expect(() => app.newTrigger('sheet').forSpreadsheet('sheet-1').onOpen().create()).toThrow(SCRIPT_MESSAGES.tooManyTriggers);
    expect(env.project.triggers).toHaveLength(20);
    const other = new ScriptApp(nextExecution(env, 'editor', 'otra@trabajo.gob.pe'));
    expect(() => other.newTrigger('theirs').timeBased().everyHours(1).create()).not.toThrow();
    app.deleteTrigger(app.getProjectTriggers()[0]);
    expect(() => app.newTrigger('room-again').timeBased().everyHours(1).create()).not.toThrow();
  });

  // guides/triggers#restrictions: simple triggers cannot use services that require authorization
  test('a simple trigger may not create, list or delete triggers', () => {
    const { app } = setup({ trigger: 'simple' });
    expect(() => app.newTrigger('f')).toThrow(/^You do not have permission to call ScriptApp.newTrigger/);
    expect(() => app.getProjectTriggers()).toThrow(/permission/);
  });

  test('deleteTrigger refuses anything that is not a Trigger', () => {
    const { app } = setup();
    expect(() => app.deleteTrigger({} as Trigger)).toThrow('Invalid argument: trigger');
  });

  test('script ID, web app URL, a stable OAuth token and the enums', () => {
    const { env, app } = setup();
    expect(app.getScriptId()).toBe(env.project.id);
    // reference/script/service: getUrl is null until the project is deployed as a web app
    // (test/emulator/webapp.test.ts covers a deployed one).
    expect(app.getService().getUrl()).toBeNull();
    expect(app.getService().isEnabled()).toBe(false);
    expect(app.getOAuthToken()).toBe(new ScriptApp(nextExecution(env)).getOAuthToken());
    expect(app.getOAuthToken()).not.toBe(new ScriptApp(nextExecution(env, 'editor', 'otra@trabajo.gob.pe')).getOAuthToken());
    expect(Object.keys(app.WeekDay)).toEqual(['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY']);
    expect(app.AuthMode.FULL).toBe('FULL');
    expect(app.EventType.ON_FORM_SUBMIT).toBe('ON_FORM_SUBMIT');
  });
});
