import type { ServiceEnv, ServiceInstaller } from '../core/env';
import { GasObject } from '../core/gas-object';

/**
 * PropertiesService (developers.google.com/apps-script/reference/properties). The stores live
 * on the project (`scriptProperties`, `userProperties[user]`, `documentProperties`) so they
 * persist with it. Limits from the quotas page (guides/services/quotas): "Properties value
 * size 9 KB / val", "Properties total storage 500 KB / property store", and every read or
 * write counts against the daily "Properties read/write" quota.
 */
export const PROPERTY_VALUE_MAX_BYTES = 9 * 1024;
export const PROPERTY_STORE_MAX_BYTES = 500 * 1024;

export const PROPERTIES_MESSAGES = {
  valueTooLarge: 'Argument too large: value',
  storeFull: 'You have exceeded the property storage quota. Please remove some properties and try again.',
};

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

function storeSize(store: Record<string, string>): number {
  let n = 0;
  for (const [k, v] of Object.entries(store)) n += bytes(k) + bytes(v);
  return n;
}

/** Properties (reference/properties/properties). Values are always stored as strings. */
export class Properties extends GasObject {
  readonly _service = 'Properties' as const;
  readonly _class = 'Properties';

  constructor(
    private readonly _env: ServiceEnv,
    /** Returns the live store object (created on first use). */
    private readonly _store: () => Record<string, string>,
  ) {
    super();
  }

  private _count(): void {
    this._env.state.quotas.consume(this._env.exec.user, 'propertiesReadWrite', 1, this._env.state.now());
  }

  /** Applies `changes` (null = delete) only if every value and the resulting store fit the limits. */
  private _write(changes: Record<string, string | null>, clearFirst = false): void {
    for (const v of Object.values(changes)) {
      if (v !== null && bytes(v) > PROPERTY_VALUE_MAX_BYTES) throw new Error(PROPERTIES_MESSAGES.valueTooLarge);
    }
    const store = this._store();
    const next: Record<string, string> = clearFirst ? {} : { ...store };
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) delete next[k];
      else next[k] = v;
    }
    if (storeSize(next) > PROPERTY_STORE_MAX_BYTES) throw new Error(PROPERTIES_MESSAGES.storeFull);
    for (const k of Object.keys(store)) delete store[k];
    Object.assign(store, next);
  }

  getProperty(key: string): string | null {
    this._count();
    const store = this._store();
    const k = String(key);
    return Object.prototype.hasOwnProperty.call(store, k) ? store[k] : null;
  }

  /** "getProperty() and getProperties() return a copy of the stored data, not a live view." */
  getProperties(): Record<string, string> {
    this._count();
    return { ...this._store() };
  }

  getKeys(): string[] {
    this._count();
    return Object.keys(this._store());
  }

  setProperty(key: string, value: unknown): Properties {
    this._count();
    this._write({ [String(key)]: String(value) });
    return this;
  }

  setProperties(properties: Record<string, unknown>, deleteAllOthers?: boolean): Properties {
    this._count();
    if (!properties || typeof properties !== 'object') throw new Error('Invalid argument: properties');
    const changes: Record<string, string> = {};
    for (const [k, v] of Object.entries(properties)) changes[k] = String(v);
    this._write(changes, deleteAllOthers === true);
    return this;
  }

  deleteProperty(key: string): Properties {
    this._count();
    this._write({ [String(key)]: null });
    return this;
  }

  deleteAllProperties(): Properties {
    this._count();
    this._write({}, true);
    return this;
  }
}

/** PropertiesService (reference/properties/properties-service). */
export class PropertiesService extends GasObject {
  readonly _service = 'Properties' as const;
  readonly _class = 'PropertiesService';

  constructor(private readonly _env: ServiceEnv) {
    super();
  }

  getScriptProperties(): Properties {
    return new Properties(this._env, () => this._env.project.scriptProperties);
  }

  getUserProperties(): Properties {
    const user = this._env.exec.user;
    return new Properties(this._env, () => (this._env.project.userProperties[user] ??= {}));
  }

  /** "…or null if the script is not either an add-on or bound to a Google Workspace file." */
  getDocumentProperties(): Properties | null {
    if (!this._env.project.containerId) return null;
    return new Properties(this._env, () => this._env.project.documentProperties);
  }
}

export const install: ServiceInstaller = (env) => ({ PropertiesService: new PropertiesService(env) });
