/**
 * Whether this execution was started by one of this project's installable triggers for
 * `handler`. Apps Script offers no "how was I started" flag: a trigger handler is an ordinary
 * global function, so google.script.run (the panel) and the editor can call it too, with any
 * argument — a forged event object included. What a caller cannot forge is the trigger list:
 * ScriptApp.getProjectTriggers() returns the installable triggers of this project *owned by the
 * account the execution runs as*, and an installable trigger runs as its owner. So the event's
 * triggerUid must name one of those, set up for this very handler. A person calling the
 * function from the panel runs as themselves, whose list (almost always empty) holds no trigger
 * of the coordinator's; the one who owns the triggers gains nothing by forging an event, since
 * they could run the task anyway. Private functions (name ending in '_') were considered: they
 * are hidden from google.script.run, but the reference does not document them as trigger
 * handlers, so they are not relied on (docs/access-model.md).
 */
export function isGenuineTrigger(event: unknown, handler: string): boolean {
  if (!event || typeof event !== 'object') return false;
  const uid = (event as { triggerUid?: unknown }).triggerUid;
  if ((typeof uid !== 'string' && typeof uid !== 'number') || String(uid) === '') return false;
  try {
    return ScriptApp.getProjectTriggers().some((t) => t.getUniqueId() === String(uid) && t.getHandlerFunction() === handler);
  } catch {
    return false;
  }
}
