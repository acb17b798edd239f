import * as vm from 'node:vm';
import { GasObject, isDate } from './gas-object';
import { Execution, ExecutionEnded } from './execution';

/**
 * The wall between the host (the emulator, in Node's realm) and the script (its own V8
 * context, as in Apps Script). Values crossing it are rebuilt in the other realm so the
 * script's `instanceof Date`/`Array.isArray`/`instanceof Error` hold as they do on Google's
 * servers, and every method of a GasObject becomes an accounted service call.
 */
interface SandboxIntrinsics {
  Object: ObjectConstructor;
  Array: ArrayConstructor;
  Date: DateConstructor;
  Error: ErrorConstructor;
  Uint8Array: Uint8ArrayConstructor;
}

const running: Bridge[] = [];

/**
 * The bridge whose service call is running now, if any: lets a service that must run script
 * code (HtmlTemplate.evaluate runs scriptlets in the script's context) reach that context.
 */
export function activeBridge(): Bridge | undefined {
  return running[running.length - 1];
}

/** A GasObject that keeps properties the script sets on it (HtmlTemplate's variables). */
interface AcceptsExpandos {
  _expandos: Record<string, unknown>;
}
const keepsExpandos = (o: object): o is AcceptsExpandos =>
  typeof (o as Partial<AcceptsExpandos>)._expandos === 'object' && (o as Partial<AcceptsExpandos>)._expandos !== null;

export class Bridge {
  private readonly S: SandboxIntrinsics;
  private readonly proxies = new WeakMap<object, object>();
  private readonly targets = new WeakMap<object, object>();

  constructor(
    readonly context: vm.Context,
    private readonly exec: Execution,
    /** Checks a call is allowed (simple triggers can't use services that need authorization). */
    private readonly guard: (obj: GasObject, method: string) => void = () => undefined,
  ) {
    this.S = vm.runInContext('({ Object, Array, Date, Error, Uint8Array })', context) as SandboxIntrinsics;
  }

  /** Host value → script value. */
  toSandbox(v: unknown): unknown {
    if (v === null || typeof v !== 'object') return v;
    if (v instanceof GasObject) return this.wrap(v);
    if (isDate(v)) return new this.S.Date(v.getTime());
    if (Array.isArray(v)) {
      const out = new this.S.Array(v.length);
      for (let i = 0; i < v.length; i++) out[i] = this.toSandbox(v[i]);
      return out;
    }
    if (v instanceof Uint8Array) return new this.S.Uint8Array(v);
    if (v instanceof Error) return new this.S.Error(v.message);
    if (this.targets.has(v)) return v; // already a proxy
    const out = new this.S.Object() as Record<string, unknown>;
    for (const [k, val] of Object.entries(v)) out[k] = this.toSandbox(val);
    return out;
  }

  /** Script value → host value. Proxies give back the object they stand for. */
  fromSandbox(v: unknown): unknown {
    if (v === null || (typeof v !== 'object' && typeof v !== 'function')) return v;
    const target = this.targets.get(v as object);
    if (target) return target;
    if (typeof v === 'function') return v;
    if (isDate(v)) return new Date((v as Date).getTime());
    if (Array.isArray(v)) return v.map((x) => this.fromSandbox(x));
    const tag = Object.prototype.toString.call(v);
    if (tag === '[object Uint8Array]') return new Uint8Array(v as Uint8Array);
    if (tag === '[object Error]') return new Error((v as Error).message);
    const out: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(v as object)) out[k] = this.fromSandbox(val);
    return out;
  }

  wrap(obj: GasObject): object {
    const cached = this.proxies.get(obj);
    if (cached) return cached;
    const methods = new Map<string, (...args: unknown[]) => unknown>();
    const proxy = new Proxy(obj, {
      get: (target, prop) => {
        if (typeof prop === 'symbol') {
          if (prop === Symbol.toPrimitive) return () => target._class;
          return undefined;
        }
        if (prop === 'toString') return () => target._class;
        if (prop.startsWith('_') || prop === 'constructor') return undefined;
        if (keepsExpandos(target) && Object.prototype.hasOwnProperty.call(target._expandos, prop)) return target._expandos[prop];
        const value = (target as unknown as Record<string, unknown>)[prop];
        if (typeof value !== 'function') return this.toSandbox(value);
        let m = methods.get(prop);
        if (!m) {
          m = (...args: unknown[]) => this.invoke(target, prop, value as (...a: unknown[]) => unknown, args);
          methods.set(prop, m);
        }
        return m;
      },
      // Apps Script objects ignore expando properties from scripts, except those that keep
      // them (template variables), which get the script's value as it is.
      set: (target, prop, value) => {
        if (keepsExpandos(target) && typeof prop === 'string' && !prop.startsWith('_') && !(prop in target)) {
          target._expandos[prop] = value;
        }
        return true;
      },
      has: (target, prop) => typeof prop === 'string' && !prop.startsWith('_') && prop in target,
      ownKeys: () => [],
      getOwnPropertyDescriptor: () => undefined,
    });
    this.proxies.set(obj, proxy);
    this.targets.set(proxy, obj);
    return proxy;
  }

  private invoke(target: GasObject, method: string, fn: (...a: unknown[]) => unknown, args: unknown[]): unknown {
    running.push(this);
    try {
      this.guard(target, method);
      const hostArgs = args.map((a) => this.fromSandbox(a));
      const result = this.exec.call(target._service, target._class, method, () => fn.apply(target, hostArgs));
      return this.toSandbox(result);
    } catch (e) {
      if (e instanceof ExecutionEnded) throw new this.S.Error(e.message);
      const message = e instanceof Error ? e.message : String(e);
      const err = new this.S.Error(message);
      if (e instanceof Error && e.name && e.name !== 'Error') err.name = e.name;
      throw err;
    } finally {
      running.pop();
    }
  }
}
