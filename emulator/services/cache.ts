import type { ServiceEnv, ServiceInstaller } from '../core/env';
import { GasObject } from '../core/gas-object';
import { registerStore, type Store, type WorkspaceState } from '../core/state';

/**
 * CacheService (developers.google.com/apps-script/reference/cache). Entries expire on the
 * virtual clock. Limits from the Cache reference: "The maximum length of a key is 250
 * characters. The maximum amount of data that can be stored per key is 100KB", expiration
 * defaults to 600 s and runs from 1 s to 21600 s (6 hours; values outside are applied at the
 * nearest bound, as Apps Script does silently), and "The cap for cached items is 1,000. If
 * more than 1,000 items are written, the cache stores the 900 items farthest from expiration."
 */
export const CACHE_LIMITS = {
  keyChars: 250,
  valueBytes: 100 * 1024,
  defaultSeconds: 600,
  maxSeconds: 21_600,
  maxItems: 1000,
  keepItems: 900,
};

export const CACHE_MESSAGES = {
  keyTooLarge: 'Argument too large: key',
  valueTooLarge: 'Argument too large: value',
};

interface Entry {
  value: string;
  expiresAt: number;
}

/** All caches of the workspace, by scope key (`script:<project>`, `user:<project>:<user>`, `doc:<project>:<container>`). */
export class CacheStore implements Store {
  caches: Record<string, Record<string, Entry>> = {};

  cache(scope: string): Record<string, Entry> {
    // Null-prototype records: a key such as "__proto__" is just a key.
    return (this.caches[scope] ??= Object.create(null) as Record<string, Entry>);
  }

  toJSON(): unknown {
    return { caches: this.caches };
  }

  static fromJSON(j: unknown): CacheStore {
    const s = new CacheStore();
    for (const [scope, entries] of Object.entries((j as { caches?: CacheStore['caches'] }).caches ?? {})) {
      s.caches[scope] = Object.assign(Object.create(null) as Record<string, Entry>, entries);
    }
    return s;
  }
}

registerStore('cache', { create: () => new CacheStore(), fromJSON: CacheStore.fromJSON });

export function cacheStore(state: WorkspaceState): CacheStore {
  return state.store<CacheStore>('cache');
}

function checkKey(key: unknown): string {
  const k = String(key);
  if (k.length > CACHE_LIMITS.keyChars) throw new Error(CACHE_MESSAGES.keyTooLarge);
  return k;
}

function checkValue(value: unknown): string {
  const v = String(value);
  if (Buffer.byteLength(v, 'utf8') > CACHE_LIMITS.valueBytes) throw new Error(CACHE_MESSAGES.valueTooLarge);
  return v;
}

function lifetimeMs(expirationInSeconds: unknown): number {
  if (expirationInSeconds === undefined || expirationInSeconds === null) return CACHE_LIMITS.defaultSeconds * 1000;
  const s = Number(expirationInSeconds);
  if (!Number.isFinite(s)) throw new Error('Invalid argument: expirationInSeconds');
  return Math.min(CACHE_LIMITS.maxSeconds, Math.max(1, Math.floor(s))) * 1000;
}

/** Cache (reference/cache/cache). */
export class Cache extends GasObject {
  readonly _service = 'Cache' as const;
  readonly _class = 'Cache';

  constructor(
    private readonly _env: ServiceEnv,
    readonly _scope: string,
  ) {
    super();
  }

  /** The live entries, with expired ones dropped. */
  private _entries(): Record<string, Entry> {
    const entries = cacheStore(this._env.state).cache(this._scope);
    const now = this._env.state.now();
    for (const [k, e] of Object.entries(entries)) if (e.expiresAt <= now) delete entries[k];
    return entries;
  }

  private _putChecked(values: Record<string, string>, expirationInSeconds: unknown): void {
    const entries = this._entries();
    const expiresAt = this._env.state.now() + lifetimeMs(expirationInSeconds);
    for (const [k, v] of Object.entries(values)) entries[k] = { value: v, expiresAt };
    const keys = Object.keys(entries);
    if (keys.length > CACHE_LIMITS.maxItems) {
      keys.sort((a, b) => entries[a].expiresAt - entries[b].expiresAt);
      for (const k of keys.slice(0, keys.length - CACHE_LIMITS.keepItems)) delete entries[k];
    }
  }

  get(key: string): string | null {
    const e = this._entries()[String(key)];
    return e ? e.value : null;
  }

  /** "Returns a JavaScript Object containing all key/value pairs found in the cache for an array of keys." */
  getAll(keys: string[]): Record<string, string> {
    if (!Array.isArray(keys)) throw new Error('Invalid argument: keys');
    const entries = this._entries();
    const out: Record<string, string> = {};
    for (const k of keys.map(String)) if (entries[k]) out[k] = entries[k].value;
    return out;
  }

  put(key: string, value: string, expirationInSeconds?: number): void {
    this._putChecked({ [checkKey(key)]: checkValue(value) }, expirationInSeconds);
  }

  putAll(values: Record<string, unknown>, expirationInSeconds?: number): void {
    if (!values || typeof values !== 'object') throw new Error('Invalid argument: values');
    const checked: Record<string, string> = {};
    for (const [k, v] of Object.entries(values)) checked[checkKey(k)] = checkValue(v);
    this._putChecked(checked, expirationInSeconds);
  }

  remove(key: string): void {
    delete this._entries()[String(key)];
  }

  removeAll(keys: string[]): void {
    if (!Array.isArray(keys)) throw new Error('Invalid argument: keys');
    const entries = this._entries();
    for (const k of keys) delete entries[String(k)];
  }
}

/** CacheService (reference/cache/cache-service). */
export class CacheService extends GasObject {
  readonly _service = 'Cache' as const;
  readonly _class = 'CacheService';

  constructor(private readonly _env: ServiceEnv) {
    super();
  }

  getScriptCache(): Cache {
    return new Cache(this._env, `script:${this._env.project.id}`);
  }

  getUserCache(): Cache {
    return new Cache(this._env, `user:${this._env.project.id}:${this._env.exec.user}`);
  }

  /** "…or null if the script is not a container-bound script or an add-on." */
  getDocumentCache(): Cache | null {
    const container = this._env.project.containerId;
    if (!container) return null;
    return new Cache(this._env, `doc:${this._env.project.id}:${container}`);
  }
}

export const install: ServiceInstaller = (env) => ({ CacheService: new CacheService(env) });
