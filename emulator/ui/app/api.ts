import type { ExecutionView, MessageView, Snapshot } from '../snapshot';

/** The server's JSON API, as the page calls it. */
export interface Effects {
  ok?: boolean;
  error?: string;
  version?: string;
  executions?: ExecutionView[];
  messages?: (MessageView & { spreadsheetId: string })[];
}

export type RunResult = Effects & ({ ok: true; value: unknown; executionId?: string } | { ok: false; error: string; executionId?: string });

export type SubmitResult = Effects &
  ({ ok: true; responseId: string; confirmationMessage: string } | { ok: false; problems?: { itemId?: number; title: string; message: string }[]; error?: string });

async function readJson<T>(res: Response): Promise<T> {
  const text = await res.text();
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`Respuesta inesperada del emulador (${res.status}).`);
  }
}

export async function getState(): Promise<Snapshot> {
  const res = await fetch('/api/state', { cache: 'no-store' });
  if (!res.ok) throw new Error(`No se pudo leer el estado del emulador (${res.status}).`);
  return readJson<Snapshot>(res);
}

export async function getVersion(): Promise<string> {
  const res = await fetch('/api/version', { cache: 'no-store' });
  return (await readJson<{ version: string }>(res)).version;
}

/** POSTs an action; a refused action (4xx/5xx) comes back as { ok: false, error }. */
export async function post<T extends Effects = Effects>(path: string, body: unknown): Promise<T> {
  const res = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return readJson<T>(res);
}

export async function resolveFormUrl(url: string): Promise<{ formId: string; answers: Record<string, string | string[]> } | { ok: false; error: string }> {
  const res = await fetch(`/api/forms/resolve?url=${encodeURIComponent(url)}`, { cache: 'no-store' });
  return readJson(res);
}
