/**
 * The client side of HtmlService inside the emulator: `google.script.run`, `google.script.host`
 * and `google.script.url`, injected before the script's own HTML in every sidebar and dialog.
 * It follows the client-side API reference
 * (developers.google.com/apps-script/guides/html/reference/run and …/reference/host):
 *  - `google.script.run.withSuccessHandler(fn).withFailureHandler(fn).withUserObject(obj).fn(...)`
 *    is chainable; each `with…` call returns a new runner, so a runner kept aside keeps its
 *    handlers; only the server's public functions (top-level, not ending in "_") exist on it.
 *  - the success handler gets the return value, the failure handler an `Error` with the
 *    server's message; the user object (never sent to the server) is their second argument;
 *    with no failure handler the failure is logged to the console; `withFailureHandler(null)`
 *    silences it.
 *  - legal arguments are primitives, null, and arrays/objects of them; a form element may be the
 *    only argument; a Date, a function, another DOM element or a circular reference makes the
 *    call fail at once; undefined in arrays becomes null.
 * The page is a sandboxed frame with an opaque origin: it reaches the emulator only through
 * the embedding page, by postMessage, as Google's sidebars talk to the Sheets page.
 */

interface ShimConfig {
  functions: string[];
  parentOrigin: string;
  channel: string;
  /** Web-app pages: the request's query parameters, for google.script.url.getLocation. */
  location?: { hash: string; parameter: Record<string, string>; parameters: Record<string, string[]> };
}

type Handler = ((value: unknown, userObject?: unknown) => void) | null | undefined;

interface RunnerState {
  success?: Handler;
  failure?: Handler;
  failureSet: boolean;
  userObject?: unknown;
}

interface ResultMessage {
  channel: string;
  kind: 'result';
  callId: number;
  ok: boolean;
  value?: unknown;
  error?: string;
}

const ILLEGAL = 'Failed due to illegal value in property: ';

/** Field name → value(s) of a form, as HtmlService turns a form argument into an object. */
function formToObject(form: HTMLFormElement): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const add = (name: string, value: string) => {
    if (!(name in out)) out[name] = value;
    else if (Array.isArray(out[name])) (out[name] as string[]).push(value);
    else out[name] = [out[name] as string, value];
  };
  for (const element of Array.from(form.elements)) {
    const field = element as HTMLInputElement & HTMLSelectElement;
    if (!field.name || field.disabled) continue;
    const type = (field.type || '').toLowerCase();
    if (['submit', 'button', 'reset', 'image', 'fieldset'].includes(type)) continue;
    if (type === 'file') {
      throw new Error(`${ILLEGAL}${field.name} (el emulador no envía archivos de un formulario: léalo con FileReader y envíe su contenido)`);
    }
    if ((type === 'checkbox' || type === 'radio') && !field.checked) continue;
    if (field.tagName === 'SELECT' && field.multiple) {
      for (const option of Array.from(field.selectedOptions)) add(field.name, option.value);
      continue;
    }
    add(field.name, field.value);
  }
  return out;
}

/** A copy of `value` that passes the client/server rules, or an Error naming the bad property. */
function toWire(value: unknown, key: string, seen: Set<object>): unknown {
  if (value === null || value === undefined) return null;
  const t = typeof value;
  if (t === 'string' || t === 'boolean') return value;
  if (t === 'number') return Number.isFinite(value as number) ? value : null;
  if (t !== 'object') throw new Error(ILLEGAL + key);
  if (value instanceof Date || Object.prototype.toString.call(value) === '[object Date]') throw new Error(ILLEGAL + key);
  if (typeof Node !== 'undefined' && value instanceof Node) throw new Error(ILLEGAL + key);
  if (seen.has(value as object)) throw new Error(ILLEGAL + key);
  seen.add(value as object);
  try {
    if (Array.isArray(value)) return value.map((v, i) => toWire(v, String(i), seen));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined) continue;
      out[k] = toWire(v, k, seen);
    }
    return out;
  } finally {
    seen.delete(value as object);
  }
}

function serialiseArgs(args: unknown[]): unknown[] {
  return args.map((arg, i) => {
    if (typeof HTMLFormElement !== 'undefined' && arg instanceof HTMLFormElement) {
      if (args.length !== 1) throw new Error(ILLEGAL + i);
      return formToObject(arg);
    }
    return toWire(arg, String(i), new Set());
  });
}

function install(config: ShimConfig): void {
  const parentWindow = window.parent;
  const pending = new Map<number, RunnerState>();
  let nextCallId = 1;

  const post = (message: Record<string, unknown>) => parentWindow.postMessage({ channel: config.channel, ...message }, config.parentOrigin);

  window.addEventListener('message', (event: MessageEvent) => {
    if (event.source !== parentWindow) return;
    const data = event.data as ResultMessage;
    if (!data || data.channel !== config.channel || data.kind !== 'result') return;
    const call = pending.get(data.callId);
    if (!call) return;
    pending.delete(data.callId);
    if (data.ok) {
      if (typeof call.success === 'function') call.success(data.value ?? null, call.userObject);
      return;
    }
    const error = new Error(data.error ?? '');
    if (typeof call.failure === 'function') call.failure(error, call.userObject);
    else if (!call.failureSet) console.error(error);
  });

  const makeRunner = (state: RunnerState): Record<string, unknown> => {
    const runner: Record<string, unknown> = {};
    for (const name of config.functions) {
      runner[name] = (...args: unknown[]) => {
        const wire = serialiseArgs(args);
        const callId = nextCallId++;
        pending.set(callId, state);
        post({ kind: 'run', callId, functionName: name, args: wire });
      };
    }
    runner.withSuccessHandler = (fn: Handler) => makeRunner({ ...state, success: fn });
    runner.withFailureHandler = (fn: Handler) => makeRunner({ ...state, failure: fn, failureSet: true });
    runner.withUserObject = (obj: unknown) => makeRunner({ ...state, userObject: obj });
    return runner;
  };

  const host = {
    origin: 'https://docs.google.com',
    close: () => post({ kind: 'close' }),
    setHeight: (_height: number) => undefined,
    setWidth: (_width: number) => undefined,
    editor: { focus: () => post({ kind: 'focus' }) },
  };

  const url = {
    getLocation: (callback: (location: { hash: string; parameter: Record<string, string>; parameters: Record<string, string[]> }) => void) => {
      const where = config.location ?? { hash: '', parameter: {}, parameters: {} };
      setTimeout(() => callback(JSON.parse(JSON.stringify(where))), 0);
    },
  };

  const w = window as unknown as { google?: Record<string, unknown> };
  w.google = w.google ?? {};
  w.google.script = { run: makeRunner({ failureSet: false }), host, url };

  // Links to forms open in the emulator's own Forms page; other web links in a new tab (a
  // sandboxed sidebar cannot navigate the Sheets page itself).
  document.addEventListener(
    'click',
    (event) => {
      const anchor = (event.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
      if (!anchor || !/^https?:/i.test(anchor.href)) return;
      event.preventDefault();
      if (/^https:\/\/(docs\.google\.com\/forms\/|forms\.gle\/)/i.test(anchor.href)) post({ kind: 'open-url', url: anchor.href });
      else window.open(anchor.href, '_blank', 'noopener');
    },
    true,
  );
}

const holder = window as unknown as { __gasShimConfig?: ShimConfig };
if (holder.__gasShimConfig) {
  install(holder.__gasShimConfig);
  delete holder.__gasShimConfig;
}

export {}; // a module for the type checker; esbuild bundles it as a classic script
