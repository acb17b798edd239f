import { makeTestEnv, nextExecution } from '../../emulator/testing';
import { LockService, LOCK_MESSAGES } from '../../emulator/services/lock';
import { MESSAGES } from '../../emulator/core/execution';

/**
 * LockService, host-side. Two executions share one workspace state, as a suspended run and
 * the one interleaved inside it do.
 * Reference: developers.google.com/apps-script/reference/lock/lock and .../lock/lock-service.
 */
describe('LockService (reference/lock)', () => {
  test('while one execution holds the script lock, the other\'s waitLock(1000) waits 1000 ms and throws', () => {
    const first = makeTestEnv({ containerId: 'sheet-1' });
    const second = nextExecution(first);
    const lock = new LockService(first).getScriptLock();
    lock.waitLock(10_000);
    expect(lock.hasLock()).toBe(true);

    const before = first.state.now();
    expect(() => new LockService(second).getScriptLock().waitLock(1000)).toThrow(
      'Lock timeout: another process was holding the lock for too long.',
    );
    expect(second.exec.record.modeledMs).toBe(1000);
    expect(first.state.now() - before).toBe(1000);
    expect(first.exec.record.modeledMs).toBe(0); // the holder was not charged
  });

  test('tryLock returns false after its timeout; after releaseLock the other gets it', () => {
    const first = makeTestEnv();
    const second = nextExecution(first);
    const held = new LockService(first).getScriptLock();
    expect(held.tryLock(0)).toBe(true);
    const waiting = new LockService(second).getScriptLock();
    expect(waiting.tryLock(500)).toBe(false);
    expect(waiting.hasLock()).toBe(false);
    expect(second.exec.record.modeledMs).toBe(500);
    held.releaseLock();
    expect(held.hasLock()).toBe(false);
    expect(waiting.tryLock(500)).toBe(true);
    expect(second.exec.record.modeledMs).toBe(500); // free lock: no wait
  });

  test('re-acquiring a lock the execution holds succeeds; releasing one not held changes nothing', () => {
    const env = makeTestEnv();
    const a = new LockService(env).getScriptLock();
    const b = new LockService(env).getScriptLock();
    a.waitLock(1000);
    expect(b.tryLock(1000)).toBe(true);
    const other = new LockService(nextExecution(env)).getScriptLock();
    other.releaseLock();
    expect(a.hasLock()).toBe(true);
  });

  test('user locks are per user; document locks need a container', () => {
    const env = makeTestEnv({ containerId: 'sheet-1' });
    new LockService(env).getUserLock().waitLock(0);
    const otherUser = nextExecution(env, 'editor', 'otra@trabajo.gob.pe');
    expect(new LockService(otherUser).getUserLock().tryLock(0)).toBe(true);
    expect(new LockService(otherUser).getScriptLock().tryLock(0)).toBe(true); // a different lock
    new LockService(env).getDocumentLock()!.waitLock(0);
    expect(new LockService(otherUser).getDocumentLock()!.tryLock(100)).toBe(false);
    // "…null if the script is not a container-bound script or an add-on"
    expect(new LockService(makeTestEnv()).getDocumentLock()).toBeNull();
  });

  test('a wait that would pass the 6-minute limit ends the execution at the limit', () => {
    const first = makeTestEnv();
    new LockService(first).getScriptLock().waitLock(0);
    const second = nextExecution(first);
    second.exec.spend(5 * 60_000);
    expect(() => new LockService(second).getScriptLock().waitLock(120_000)).toThrow(MESSAGES.timeout);
    expect(second.exec.record.status).toBe('timed-out');
    expect(second.exec.record.modeledMs).toBe(6 * 60_000);
  });

  test('timeouts above 5 minutes or negative are refused', () => {
    const lock = new LockService(makeTestEnv()).getScriptLock();
    expect(() => lock.tryLock(300_001)).toThrow(LOCK_MESSAGES.tooLong);
    expect(() => lock.waitLock(-1)).toThrow('Invalid argument: timeoutInMillis');
    expect(lock.tryLock(300_000)).toBe(true);
  });
});
