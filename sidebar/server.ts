/**
 * Talking to the server (google.script.run) and telling the consultant what is going on: a
 * spinner while a call runs (buttons off, so a click is not sent twice), and errors in plain
 * Spanish — never a stack trace or an English exception.
 */
import type { ServerApi } from '../src/api';
import { el } from './dom';
import { M } from './messages';

interface ScriptRun {
  withSuccessHandler(f: (value: unknown) => void): ScriptRun;
  withFailureHandler(f: (error: unknown) => void): ScriptRun;
  [fn: string]: unknown;
}

declare global {
  interface Window {
    google?: { script?: { run?: ScriptRun } };
  }
}

/**
 * What a person can read from a failure. The server answers its own problems in Spanish; what
 * else reaches the page (an exception's text, Google's English messages) is replaced.
 */
export function friendlyMessage(raw: unknown): string {
  const text = raw instanceof Error ? raw.message : typeof raw === 'string' ? raw : '';
  const msg = text.replace(/^(Exception|Error):\s*/, '').trim();
  if (!msg) return M.unknownError;
  if (/Exceeded maximum execution time/i.test(msg)) return M.timedOut;
  if (/server error occurred|Service (invoked too many times|unavailable)|try again/i.test(msg)) return M.googleBusy;
  if (/NetworkError|Failed to fetch|network/i.test(msg)) return M.noConnection;
  // A programming error or a trace: nothing the consultant can act on.
  if (/^(TypeError|ReferenceError|SyntaxError|RangeError|InternalError)\b|\n\s*at\s|\bat\s+\S+\s+\(|\.(js|ts|gs):\d+/.test(msg)) return M.unknownError;
  // Google's own messages are English; the product's are Spanish (they carry accents or ñ, or Spanish words).
  if (!/[áéíóúñ¿¡«»]|\b(la|el|de|no|que|una?|los|las|para|hoja|cita)\b/i.test(msg)) return M.unknownError;
  return msg;
}

/** One google.script.run call as a promise; rejects with an Error whose message a person can read. */
export function call<N extends keyof ServerApi>(name: N, ...args: Parameters<ServerApi[N]>): Promise<ReturnType<ServerApi[N]>> {
  return new Promise((resolve, reject) => {
    const run = window.google?.script?.run;
    if (!run) {
      reject(new Error(M.notInSheets));
      return;
    }
    const runner = run
      .withSuccessHandler((value) => resolve(value as ReturnType<ServerApi[N]>))
      .withFailureHandler((error) => reject(new Error(friendlyMessage(error))));
    (runner[name] as (...a: unknown[]) => void)(...args);
  });
}

let pending = 0;

function setButtonsDisabled(disabled: boolean): void {
  document.querySelectorAll<HTMLButtonElement>('main button, nav button').forEach((b) => {
    if (b.id !== 'error-retry') b.disabled = disabled;
  });
}

/** Shows the spinner while `work` runs; buttons are disabled so a click is not sent twice. */
export async function busy<T>(text: string, work: () => Promise<T>): Promise<T> {
  pending++;
  el('loading-text').textContent = text;
  el('loading').hidden = false;
  setButtonsDisabled(true);
  try {
    return await work();
  } finally {
    pending--;
    if (pending === 0) {
      el('loading').hidden = true;
      setButtonsDisabled(false);
    }
  }
}

let retry: (() => void) | null = null;

export function initErrorBox(): void {
  el('error').tabIndex = -1;
  el('error-retry').addEventListener('click', () => retry?.());
}

export function showError(error: unknown, again: (() => void) | null): void {
  const message = error instanceof Error && error.message ? friendlyMessage(error) : M.unknownError;
  el('error-title').textContent = M.errorTitle;
  el('error-text').textContent = message;
  retry = again;
  el('error-retry').hidden = again === null;
  el('error').hidden = false;
  el('error').focus();
}

export function hideError(): void {
  el('error').hidden = true;
  retry = null;
}
