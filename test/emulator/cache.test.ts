import { makeTestEnv, nextExecution } from '../../emulator/testing';
import { CacheService, CacheStore, CACHE_MESSAGES } from '../../emulator/services/cache';
import { WorkspaceState } from '../../emulator/core/state';

/**
 * CacheService, host-side, on the virtual clock.
 * Reference: developers.google.com/apps-script/reference/cache/cache and .../cache/cache-service.
 */
describe('CacheService (reference/cache)', () => {
  test('a value put with the default expiration (600 s) is there at 599 s and gone at 600 s', () => {
    const env = makeTestEnv();
    const cache = new CacheService(env).getScriptCache();
    cache.put('k', 'v');
    env.state.clock.advance(599_000);
    expect(cache.get('k')).toBe('v');
    env.state.clock.advance(1000);
    expect(cache.get('k')).toBeNull();
  });

  test('expiration runs from 1 s to 21600 s: longer requests keep the value 6 hours only', () => {
    const env = makeTestEnv();
    const cache = new CacheService(env).getScriptCache();
    cache.put('short', 'v', 30);
    cache.put('long', 'v', 100_000);
    env.state.clock.advance(30_000);
    expect(cache.get('short')).toBeNull();
    env.state.clock.advance(6 * 3600_000 - 30_000 - 1);
    expect(cache.get('long')).toBe('v');
    env.state.clock.advance(1);
    expect(cache.get('long')).toBeNull();
  });

  test('getAll returns only the keys found; putAll, remove and removeAll', () => {
    const cache = new CacheService(makeTestEnv()).getScriptCache();
    cache.putAll({ a: 1, b: 'two', c: 'three' });
    expect(cache.getAll(['a', 'b', 'zzz'])).toEqual({ a: '1', b: 'two' });
    cache.remove('a');
    cache.removeAll(['b']);
    expect(cache.getAll(['a', 'b', 'c'])).toEqual({ c: 'three' });
  });

  test('keys over 250 characters and values over 100 KB are refused', () => {
    const cache = new CacheService(makeTestEnv()).getScriptCache();
    expect(() => cache.put('k'.repeat(251), 'v')).toThrow('Argument too large: key');
    expect(() => cache.put('k', 'x'.repeat(100 * 1024 + 1))).toThrow(CACHE_MESSAGES.valueTooLarge);
    expect(() => cache.putAll({ ok: 'v', big: 'x'.repeat(100 * 1024 + 1) })).toThrow(CACHE_MESSAGES.valueTooLarge);
    expect(cache.get('ok')).toBeNull(); // putAll checks everything before writing
    cache.put('k'.repeat(250), 'x'.repeat(100 * 1024));
    expect(cache.get('k'.repeat(250))).toHaveLength(100 * 1024);
  });

  test('over 1,000 items the cache keeps the 900 farthest from expiration', () => {
    const env = makeTestEnv();
    const cache = new CacheService(env).getScriptCache();
    for (let i = 0; i < 1001; i++) cache.put(`k${i}`, 'v', 60 + i);
    expect(cache.get('k0')).toBeNull();
    expect(cache.get('k100')).toBeNull();
    expect(cache.get('k101')).toBe('v');
    expect(cache.get('k1000')).toBe('v');
  });

  test('script cache is shared, user cache per user, document cache needs a container', () => {
    const env = makeTestEnv({ containerId: 'sheet-1' });
    const other = nextExecution(env, 'editor', 'otra@trabajo.gob.pe');
    new CacheService(env).getScriptCache().put('s', '1');
    new CacheService(env).getUserCache().put('u', '1');
    new CacheService(env).getDocumentCache()!.put('d', '1');
    expect(new CacheService(other).getScriptCache().get('s')).toBe('1');
    expect(new CacheService(other).getUserCache().get('u')).toBeNull();
    expect(new CacheService(other).getDocumentCache()!.get('d')).toBe('1');
    expect(new CacheService(makeTestEnv()).getDocumentCache()).toBeNull();
  });

  test('the cache survives saving and reopening the workspace state', () => {
    const env = makeTestEnv();
    new CacheService(env).getScriptCache().put('k', 'v', 120);
    const reopened = WorkspaceState.fromJSON(JSON.parse(JSON.stringify(env.state.toJSON())));
    expect(reopened.store<CacheStore>('cache').cache(`script:${env.project.id}`).k.value).toBe('v');
  });
});
