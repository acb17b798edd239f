/**
 * The protections of the report import (A01, issue 10 item 2): preview first, apply exactly what
 * was previewed, a second confirmation for the risky cancellations, and an undo of one import's
 * cancellations. Pure: the use case (src/app/appointments/import.ts) reads the sheet, the secret
 * and the clock and passes them in.
 *
 * - The preview returns a PLAN TOKEN: `<issued ms>.<HMAC(secret, issued ms | plan fingerprint)>`.
 *   The fingerprint is a hash of everything the import would write (new rows with their data,
 *   changed rows with their changes, cancelled rows with their reason, rejected rows). Confirming
 *   sends the same file and the token; the server reads the file and the sheet again, computes the
 *   plan again and applies it only when its fingerprint is the one signed and the token is not
 *   older than PLAN_TOKEN_TTL_MS. Nothing is kept on the server between preview and confirm.
 * - A cancellation the import INFERS (the report no longer lists the appointment) needs a second,
 *   explicit confirmation when it is of today (Lima), or when the inferred cancellations are more
 *   than CANCELLATION_CONFIRM_SHARE of the registered 'Programada' appointments the report covers.
 *   (An appointment that already started is never cancelled by an import: reconcileImport only
 *   cancels future ones.) A cancellation the platform states ('Anulada') is not inferred: it is
 *   listed in the preview but needs no second confirmation.
 * - The UNDO record of an import keeps, per cancelled row, its ID, the length of its Observaciones
 *   before the cancellation and hashes of its Observaciones before and after. Undo restores a row
 *   only when it is still 'Cancelada' with exactly the Observaciones the import left (anything a
 *   person or another import did since appends a line there, and then undo leaves it alone).
 */
import { constantTimeEqual, hmacSha256, sha256Hex, toHex } from '../ids';
import { limaDateKey } from '../lima-time';

/** Share of the covered appointments above which inferred cancellations need a second confirmation. */
export const CANCELLATION_CONFIRM_SHARE = 0.3;
/** How long a preview can be confirmed (ms). */
export const PLAN_TOKEN_TTL_MS = 30 * 60_000;
/** How long an import's cancellations can be undone (ms). */
export const UNDO_TTL_MS = 7 * 24 * 60 * 60_000;

// ---------------------------------------------------------------------------- plan fingerprint and token

/** Canonical text of a value: object keys sorted, dates as ISO, so equal plans hash equal. */
export function canonical(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return '[' + value.map(canonical).join(',') + ']';
  if (value && typeof value === 'object') {
    const keys = Object.keys(value as Record<string, unknown>).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort();
    return '{' + keys.map((k) => JSON.stringify(k) + ':' + canonical((value as Record<string, unknown>)[k])).join(',') + '}';
  }
  return JSON.stringify(value ?? null);
}

/** The hash of what an import would write (any JSON-like description of it). */
export function planFingerprint(plan: unknown): string {
  return sha256Hex(canonical(plan));
}

function sign(secret: string, issuedMs: number, fingerprint: string): string {
  return toHex(hmacSha256(secret, `import-plan|${issuedMs}|${fingerprint}`)).slice(0, 32);
}

export function planToken(secret: string, issuedAt: Date, fingerprint: string): string {
  const ms = issuedAt.getTime();
  return `${ms}.${sign(secret, ms, fingerprint)}`;
}

export type PlanTokenCheck = 'ok' | 'changed' | 'expired' | 'malformed';

/**
 * Does `token` sign this fingerprint, and is it recent? 'changed' when the file or the sheet
 * changed since the preview in a way that changes what would be written.
 */
export function checkPlanToken(secret: string, token: unknown, fingerprint: string, now: Date): PlanTokenCheck {
  const m = /^(\d{10,15})\.([0-9a-f]{32})$/.exec(String(token ?? '').trim());
  if (!m) return 'malformed';
  const ms = Number(m[1]);
  if (!constantTimeEqual(sign(secret, ms, fingerprint), m[2])) return 'changed';
  if (now.getTime() - ms > PLAN_TOKEN_TTL_MS || ms - now.getTime() > 60_000) return 'expired';
  return 'ok';
}

// ---------------------------------------------------------------------------- second confirmation

export interface CancellationFact {
  id: string;
  start: Date;
  /** True when the report no longer lists it (inferred); false when the platform says 'Anulada'. */
  inferred: boolean;
}

export interface CancellationRisk {
  /** True when the consultant must confirm the cancellations a second time. */
  needsSecondConfirmation: boolean;
  /** IDs of inferred cancellations of today's appointments. */
  today: string[];
  /** Inferred cancellations / registered 'Programada' appointments the report covers (0..1). */
  share: number;
  overShare: boolean;
}

/**
 * Whether the cancellations of a plan need a second confirmation. `coveredScheduled` counts the
 * registered 'Programada' future appointments inside what the report covers (the ones an import
 * could cancel), those it cancels included.
 */
export function assessCancellations(cancellations: readonly CancellationFact[], coveredScheduled: number, now: Date, threshold = CANCELLATION_CONFIRM_SHARE): CancellationRisk {
  const inferred = cancellations.filter((c) => c.inferred);
  const todayKey = limaDateKey(now);
  const today = inferred.filter((c) => limaDateKey(c.start) === todayKey).map((c) => c.id);
  const share = coveredScheduled > 0 ? inferred.length / coveredScheduled : inferred.length > 0 ? 1 : 0;
  const overShare = inferred.length > 0 && share > threshold;
  return { needsSecondConfirmation: today.length > 0 || overShare, today, share, overShare };
}

// ---------------------------------------------------------------------------- undo

export interface UndoEntry {
  /** Row ID ('ID de cita'). */
  id: string;
  /** Length of Observaciones before the cancellation: the cancellation appended after it. */
  n: number;
  /** Short hash of Observaciones before the cancellation. */
  b: string;
  /** Short hash of Observaciones right after it. */
  a: string;
}

export interface UndoRecord {
  /** The import's ID (shown to nobody but the panel, which sends it back). */
  importId: string;
  /** When the import was applied (ms). */
  at: number;
  fileName: string;
  rows: UndoEntry[];
}

export const shortHash = (s: string): string => sha256Hex(s).slice(0, 16);

export function undoEntry(id: string, before: string, after: string): UndoEntry {
  return { id, n: before.length, b: shortHash(before), a: shortHash(after) };
}

/** What undo does with one row, given what it holds now. */
export type UndoDecision =
  | { kind: 'restore'; observations: string }
  | { kind: 'already-restored' }
  | { kind: 'changed' };

export function undoDecision(entry: UndoEntry, status: string, observations: string): UndoDecision {
  const now = shortHash(observations);
  // As the import left it; or 'Programada' with the import's line still there: an undo whose
  // write was cut between the status and the Observaciones columns (one row update is several
  // ranges), or the status typed back by hand — either way the line goes.
  if ((status === 'Cancelada' || status === 'Programada') && now === entry.a) {
    const before = observations.slice(0, entry.n);
    if (shortHash(before) === entry.b) return { kind: 'restore', observations: before };
    return { kind: 'changed' };
  }
  // 'Cancelada' with the Observaciones of before: the import's (or the undo's) write was cut
  // between its columns. Nothing else leaves a cancellation without its line.
  if (status === 'Cancelada' && now === entry.b) return { kind: 'restore', observations };
  if (status === 'Programada' && now === entry.b) return { kind: 'already-restored' };
  return { kind: 'changed' };
}

/**
 * A cancellation whose write was cut between its columns ('Cancelada' written, its Observaciones
 * line not): the Observaciones to write so the row is as the import meant it, or null. `candidates`
 * are the Observaciones the import could have written (one per reason); the one whose hash the
 * record kept is it.
 */
export function completedCancellation(entry: UndoEntry, status: string, observations: string, candidates: readonly string[]): string | null {
  if (status !== 'Cancelada' || entry.a === entry.b || shortHash(observations) !== entry.b) return null;
  return candidates.find((c) => shortHash(c) === entry.a) ?? null;
}

/** Every undo record in the properties. */
export function allUndoRecords(prefix: string, props: Readonly<Record<string, string>>): UndoRecord[] {
  const out: UndoRecord[] = [];
  for (const key of Object.keys(props)) {
    if (!key.startsWith(prefix) || !key.endsWith('.0')) continue;
    const r = decodeUndo(prefix, key.slice(prefix.length, -2), props);
    if (r) out.push(r);
  }
  return out;
}

/** Largest JSON text kept in one script property (Apps Script allows 9 kB per value). */
export const UNDO_CHUNK_CHARS = 8000;

/** The record as property values: `<prefix><importId>.<k>` → a piece of its JSON. */
export function encodeUndo(prefix: string, record: UndoRecord): Record<string, string> {
  const json = JSON.stringify(record);
  const out: Record<string, string> = {};
  for (let i = 0, k = 0; i < json.length || k === 0; i += UNDO_CHUNK_CHARS, k++) out[`${prefix}${record.importId}.${k}`] = json.slice(i, i + UNDO_CHUNK_CHARS);
  return out;
}

/** The record of `importId` from all properties, or null when absent or unreadable. */
export function decodeUndo(prefix: string, importId: string, props: Readonly<Record<string, string>>): UndoRecord | null {
  let json = '';
  for (let k = 0; ; k++) {
    const part = props[`${prefix}${importId}.${k}`];
    if (part === undefined) break;
    json += part;
  }
  if (json === '') return null;
  try {
    const r = JSON.parse(json) as UndoRecord;
    if (!r || r.importId !== importId || !Array.isArray(r.rows)) return null;
    return r;
  } catch {
    return null;
  }
}

/** Property keys of undo records, of `importId` only, or of every record older than the TTL. */
export function undoKeys(prefix: string, props: Readonly<Record<string, string>>, which: { importId: string } | { olderThan: Date }): string[] {
  const out: string[] = [];
  for (const key of Object.keys(props)) {
    if (!key.startsWith(prefix)) continue;
    const m = /^(\d+)-[0-9a-f]+\.\d+$/.exec(key.slice(prefix.length));
    if ('importId' in which) {
      if (key.startsWith(`${prefix}${which.importId}.`)) out.push(key);
    } else if (!m || Number(m[1]) < which.olderThan.getTime() - UNDO_TTL_MS) {
      out.push(key);
    }
  }
  return out;
}

/** An import's ID: its time and a hash, so records sort by age and the TTL reads from the key. */
export function importIdFor(at: Date, fingerprint: string): string {
  return `${at.getTime()}-${fingerprint.slice(0, 12)}`;
}
