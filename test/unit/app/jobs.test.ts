import {
  acquireLease,
  Budget,
  continuationProperty,
  finishJob,
  LEASE_MS,
  releaseLease,
  requestRun,
  scheduleContinuation,
  startJob,
} from '../../../src/app/jobs';
import { PROPERTY_KEYS } from '../../../src/app/setup';
import { FixedClock, MemoryScheduler, MemoryStore, NoLock } from '../../support/memory-ports';

const REQUEST = 'SOE_PENDING_REMINDER_RUN';

function world() {
  const clock = new FixedClock(new Date('2026-11-27T23:00:00Z'));
  const scheduler = new MemoryScheduler('ana@trabajo.gob.pe');
  const properties = new MemoryStore();
  const daily = scheduler.daily('runReminders', 18);
  const closing = scheduler.daily('runDayClosing', 20);
  properties.setAll({
    [PROPERTY_KEYS.triggers]: JSON.stringify({ runReminders: { id: daily.id, signature: 'daily@18' }, runDayClosing: { id: closing.id, signature: 'daily@20' } }),
  });
  const deps = { clock, scheduler, properties, lock: new NoLock() };
  const handlers = () => scheduler.list().map((t) => t.handler);
  const later = (ms: number) => (clock.at = new Date(clock.at.getTime() + ms));
  return { deps, clock, scheduler, properties, daily, closing, handlers, later };
}

test('the budget says when the next step would not fit', () => {
  const clock = new FixedClock(new Date('2026-11-27T23:00:00Z'));
  const b = new Budget(clock, 270_000);
  expect(b.exhausted(30_000)).toBe(false);
  clock.at = new Date(clock.at.getTime() + 239_999);
  expect(b.exhausted(30_000)).toBe(false);
  clock.at = new Date(clock.at.getTime() + 1);
  expect(b.exhausted(30_000)).toBe(true);
  expect(b.elapsedMs()).toBe(240_000);
});

describe('continuations', () => {
  test('there is never more than one continuation, however often a run asks', () => {
    const w = world();
    expect(scheduleContinuation(w.deps, 'runReminders')).toBe(true);
    expect(scheduleContinuation(w.deps, 'runReminders')).toBe(false);
    expect(w.handlers().filter((h) => h === 'runReminders')).toHaveLength(2); // the daily one and one continuation
  });

  test('once the continuation fired, the next one replaces it (the fired trigger is deleted)', () => {
    const w = world();
    scheduleContinuation(w.deps, 'runReminders');
    w.later(61_000); // it fired: this is its run asking for another one
    expect(scheduleContinuation(w.deps, 'runReminders')).toBe(true);
    expect(w.handlers().filter((h) => h === 'runReminders')).toHaveLength(2);
  });

  test('the finishing run removes its continuation and the requested run, and keeps the daily triggers', () => {
    const w = world();
    requestRun(w.deps, 'runReminders', REQUEST);
    w.later(60_000);
    const job = startJob(w.deps, REQUEST); // the requested run starts
    scheduleContinuation(w.deps, 'runReminders');
    w.later(61_000);
    expect(finishJob(w.deps, 'runReminders', job, REQUEST)).toBe(false);
    expect(w.scheduler.list().map((t) => t.id).sort()).toEqual([w.daily.id, w.closing.id].sort());
    expect(w.properties.get(REQUEST)).toBeNull();
    expect(w.properties.get(continuationProperty('runReminders'))).toBeNull();
  });

  test('leftover one-off triggers of the job are removed too, never those of other handlers', () => {
    const w = world();
    w.scheduler.after('runReminders', 1000); // e.g. an old continuation whose record was lost
    w.scheduler.after('otraTarea', 1000);
    finishJob(w.deps, 'runReminders', startJob(w.deps, REQUEST), REQUEST);
    expect(w.handlers().sort()).toEqual(['otraTarea', 'runDayClosing', 'runReminders']);
  });

  test('a run requested while the job was working is left in place: its trigger will see the new booking', () => {
    const w = world();
    const job = startJob(w.deps, REQUEST);
    expect(requestRun(w.deps, 'runReminders', REQUEST)).toBe(true); // an import during the run
    expect(finishJob(w.deps, 'runReminders', job, REQUEST)).toBe(true);
    expect(w.handlers().filter((h) => h === 'runReminders')).toHaveLength(2);
    expect(w.properties.get(REQUEST)).not.toBeNull();
  });

  test('requests: one pending trigger at most; a request after it fired makes a new one', () => {
    const w = world();
    expect(requestRun(w.deps, 'runReminders', REQUEST)).toBe(true);
    expect(requestRun(w.deps, 'runReminders', REQUEST)).toBe(false);
    const first = w.properties.get(REQUEST);
    w.later(60_001);
    expect(requestRun(w.deps, 'runReminders', REQUEST)).toBe(true);
    expect(w.properties.get(REQUEST)).not.toBe(first);
  });
});

describe('the lease: one run of a job at a time', () => {
  test('a second run is refused while the first works, and may run once it is done', () => {
    const w = world();
    expect(acquireLease(w.deps, 'runReminders')).toBe(true);
    expect(acquireLease(w.deps, 'runReminders')).toBe(false);
    expect(acquireLease(w.deps, 'runDayClosing')).toBe(true);
    releaseLease(w.deps, 'runReminders');
    expect(acquireLease(w.deps, 'runReminders')).toBe(true);
  });

  test('the lease of a run that died expires after the longest an execution can live', () => {
    const w = world();
    acquireLease(w.deps, 'runReminders');
    w.later(LEASE_MS - 1);
    expect(acquireLease(w.deps, 'runReminders')).toBe(false);
    w.later(1);
    expect(acquireLease(w.deps, 'runReminders')).toBe(true);
  });
});

test('a request whose run fired while another run held the job is served by a continuation, not lost', () => {
  const w = world();
  const job = startJob(w.deps, REQUEST); // run A starts
  requestRun(w.deps, 'runReminders', REQUEST); // a booking during A
  w.later(60_000); // its trigger fires; that run finds A working and gives way
  expect(finishJob(w.deps, 'runReminders', job, REQUEST)).toBe(true); // A ends
  const left = w.scheduler.list().filter((t) => t.handler === 'runReminders' && t.id !== w.daily.id);
  expect(left).toHaveLength(1);
  expect(JSON.parse(w.properties.get(continuationProperty('runReminders'))!)).toEqual({ triggerId: left[0].id, dueAt: w.clock.now().getTime() + 60_000 });
  expect(w.properties.get(REQUEST)).toBeNull();
});

test('replace: the continuation becomes due exactly when asked, still only one', () => {
  const w = world();
  scheduleContinuation(w.deps, 'runReminders', 7 * 60_000);
  expect(scheduleContinuation(w.deps, 'runReminders', 60_000)).toBe(false); // kept: a pending one is enough
  expect(scheduleContinuation(w.deps, 'runReminders', 60_000, { replace: true })).toBe(true);
  expect(JSON.parse(w.properties.get(continuationProperty('runReminders'))!).dueAt).toBe(w.clock.now().getTime() + 60_000);
  expect(w.handlers().filter((h) => h === 'runReminders')).toHaveLength(2);
});
