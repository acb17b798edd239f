/**
 * The Scheduler port over ScriptApp's installable triggers (the current user's triggers of this
 * project: Apps Script lists no one else's).
 */
import type { Scheduler, TriggerInfo, TriggerKind } from '../ports';

type Trigger = GoogleAppsScript.Script.Trigger;

const KINDS: Record<string, TriggerKind> = {
  CLOCK: 'clock',
  ON_FORM_SUBMIT: 'formSubmit',
  ON_OPEN: 'open',
  ON_EDIT: 'edit',
  ON_CHANGE: 'change',
};

export class ScriptAppScheduler implements Scheduler {
  /** Trigger objects seen by list()/create, so remove() needs no second listing. */
  private readonly known = new Map<string, Trigger>();

  private info(t: Trigger): TriggerInfo {
    const id = t.getUniqueId();
    this.known.set(id, t);
    const kind = KINDS[String(t.getEventType())] ?? 'other';
    return { id, handler: t.getHandlerFunction(), kind, sourceId: kind === 'clock' ? null : t.getTriggerSourceId() };
  }

  list(): TriggerInfo[] {
    return ScriptApp.getProjectTriggers().map((t) => this.info(t));
  }

  daily(handler: string, hour: number): TriggerInfo {
    return this.info(ScriptApp.newTrigger(handler).timeBased().atHour(hour).everyDays(1).create());
  }

  monthly(handler: string, day: number, hour: number): TriggerInfo {
    return this.info(ScriptApp.newTrigger(handler).timeBased().onMonthDay(day).atHour(hour).create());
  }

  after(handler: string, ms: number): TriggerInfo {
    return this.info(ScriptApp.newTrigger(handler).timeBased().after(Math.max(0, Math.round(ms))).create());
  }

  onFormSubmit(handler: string, formId: string): TriggerInfo {
    return this.info(ScriptApp.newTrigger(handler).forForm(formId).onFormSubmit().create());
  }

  remove(id: string): boolean {
    let t = this.known.get(id);
    if (!t) t = ScriptApp.getProjectTriggers().find((x) => x.getUniqueId() === id);
    if (!t) return false;
    ScriptApp.deleteTrigger(t);
    this.known.delete(id);
    return true;
  }
}
