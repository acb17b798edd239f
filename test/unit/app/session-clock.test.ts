/** The session clock's scheduling (issue 12): one wake-up, replaced only by an earlier one; duties run when due. */
import type { SessionClockDeps } from '../../../src/app/workshops/session-clock';
import { CLOCK_AGAIN_PROPERTY, CLOCK_PROPERTY, clockAgainAt, ensureSessionClock, runSessionClock, wakeClockAt, type SessionDuty } from '../../../src/app/workshops/session-clock';
import { ArrayAuditLog, FixedClock, MemoryScheduler, MemoryStore, MemoryWorkbooks, NoLock, MemoryWorkbook } from '../../support/memory-ports';

const T0 = new Date('2026-12-02T23:00:00Z');
const MIN = 60_000;

/** These duties never touch a form: any use fails the test. */
const NO_FORMS = new Proxy({}, { get: () => { throw new Error('forms not expected'); } }) as SessionClockDeps['forms'];

function deps() {
  const scheduler = new MemoryScheduler();
  const properties = new MemoryStore();
  const clock = new FixedClock(T0);
  const workbooks = new MemoryWorkbooks('book');
  workbooks.add(new MemoryWorkbook('book', 'Programación Talleres Masivos'));
  return { scheduler, properties, clock, lock: new NoLock(), workbooks, audit: new ArrayAuditLog(), mailer: { send: () => undefined, remainingDailyQuota: () => 100 }, webApp: null, forms: NO_FORMS };
}

const record = (d: ReturnType<typeof deps>) => JSON.parse(d.properties.get(CLOCK_PROPERTY) ?? 'null') as { triggerId: string; dueAt: number } | null;

describe('the clock\'s one wake-up', () => {
  test('an earlier pending wake-up is kept; a later one is replaced, the new trigger first', () => {
    const d = deps();
    expect(wakeClockAt(d, T0.getTime() + 60 * MIN)).toBe(true);
    const first = record(d)!;
    expect(wakeClockAt(d, T0.getTime() + 120 * MIN)).toBe(false);
    expect(record(d)).toEqual(first);
    expect(wakeClockAt(d, T0.getTime() + 10 * MIN)).toBe(true);
    expect(record(d)!.dueAt).toBe(T0.getTime() + 10 * MIN);
    expect(d.scheduler.all.map((t) => t.id)).toEqual([record(d)!.triggerId]);
  });

  test('a fired wake-up is replaced; `replace` sets it exactly, null removes it', () => {
    const d = deps();
    wakeClockAt(d, T0.getTime() + 5 * MIN);
    d.clock.at = new Date(T0.getTime() + 6 * MIN);
    expect(wakeClockAt(d, T0.getTime() + 600 * MIN)).toBe(true);
    expect(record(d)!.dueAt).toBe(T0.getTime() + 600 * MIN);
    wakeClockAt(d, T0.getTime() + 700 * MIN, { replace: true });
    expect(record(d)!.dueAt).toBe(T0.getTime() + 700 * MIN);
    wakeClockAt(d, null, { replace: true });
    expect(record(d)).toBeNull();
    expect(d.scheduler.all).toHaveLength(0);
  });

  test('ensureSessionClock asks for a look within a minute, once', () => {
    const d = deps();
    expect(ensureSessionClock(d)).toBe(true);
    expect(ensureSessionClock(d)).toBe(false);
    expect(Number(d.properties.get(CLOCK_AGAIN_PROPERTY))).toBe(T0.getTime() + MIN);
    clockAgainAt(d.properties, T0.getTime() + 30 * MIN);
    expect(Number(d.properties.get(CLOCK_AGAIN_PROPERTY))).toBe(T0.getTime() + MIN);
  });
});

describe('a run of the clock', () => {
  test('runs the due duties only, and wakes at the earliest future moment (or when a duty asks)', () => {
    const d = deps();
    const ran: string[] = [];
    const duty = (name: string, times: number[], asks?: number): SessionDuty => ({
      name,
      dueTimes: () => times,
      run: (deps) => {
        ran.push(name);
        if (asks) clockAgainAt(deps.properties, asks);
        return name === 'quiet' ? '' : `${name} hecho`;
      },
    });
    const t = T0.getTime();
    const r = runSessionClock(d, [duty('due', [t - MIN, t + 300 * MIN]), duty('later', [t + 200 * MIN]), duty('old', [t - 8 * 86_400_000]), duty('quiet', [t])]);
    expect(ran).toEqual(['due', 'quiet']);
    expect(r.next).toBe(t + 200 * MIN);
    expect(record(d)!.dueAt).toBe(t + 200 * MIN);
    expect(d.audit.entries().filter((e) => e.action === 'Reloj de sesiones')).toHaveLength(1);
    // A duty that needs to go on sooner wins.
    const r2 = runSessionClock(d, [duty('due', [t], t + 2 * MIN)]);
    expect(r2.next).toBe(t + 2 * MIN);
    expect(d.scheduler.all).toHaveLength(1);
  });

  test('a duty that throws is audited and looked at again in ten minutes; the others still run', () => {
    const d = deps();
    const ran: string[] = [];
    const t = T0.getTime();
    runSessionClock(d, [
      { name: 'falla', dueTimes: () => [t], run: () => { throw new Error('boom'); } },
      { name: 'sigue', dueTimes: () => [t], run: () => { ran.push('sigue'); return 'ok'; } },
    ]);
    expect(ran).toEqual(['sigue']);
    expect(d.audit.entries().some((e) => e.action === 'Tarea de sesiones con error' && e.detail === 'boom')).toBe(true);
    expect(record(d)!.dueAt).toBe(t + 10 * MIN);
  });
});
