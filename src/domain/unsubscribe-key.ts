/**
 * The contract of the tab 'Bajas de difusión' (UNSUBSCRIBES_TAB): who asked for no more
 * invitation emails. Its 'Correo' cell holds EITHER
 *   - the address as the person gave it (what the web app's unsubscribe link writes), or
 *   - `unsubscribeKey(address)`: 'sha256:' + 64 lowercase hex digits of SHA-256 over the UTF-8
 *     bytes of the address trimmed and lower-cased.
 * The second form is what a deletion under Ley 29733 leaves (src/app/personal-data/change.ts):
 * the person's address is erased everywhere, but honouring "no more emails" needs to recognise
 * it when a list is imported again, so the unsubscribe survives as a one-way fingerprint.
 *
 * Every reader (the invitation job, the web app, the personal-data search) asks
 * `unsubscribeChecker(cells).has(address)`, which accepts both forms. Pure, no I/O.
 */
import { sha256Hex } from './ids';

export const UNSUBSCRIBE_KEY_PREFIX = 'sha256:';

/** The fingerprint of an address kept in 'Bajas de difusión' once the address itself is deleted. */
export function unsubscribeKey(email: string): string {
  return UNSUBSCRIBE_KEY_PREFIX + sha256Hex(email.trim().toLowerCase());
}

/** True when a 'Correo' cell of 'Bajas de difusión' holds a fingerprint, not an address. */
export function isUnsubscribeKey(cell: string): boolean {
  return /^sha256:[0-9a-f]{64}$/.test(cell.trim().toLowerCase());
}

export interface UnsubscribeChecker {
  /** True when this address unsubscribed (stored as the address, in any case, or as its fingerprint). */
  has(email: string): boolean;
}

/** A checker over the 'Correo' cells of 'Bajas de difusión' (each read once, as text). */
export function unsubscribeChecker(cells: Iterable<unknown>): UnsubscribeChecker {
  const keys = new Set<string>();
  for (const cell of cells) {
    if (typeof cell !== 'string') continue;
    const text = cell.trim();
    if (text === '') continue;
    keys.add(isUnsubscribeKey(text) ? text.toLowerCase() : unsubscribeKey(text));
  }
  return { has: (email) => email.trim() !== '' && keys.has(unsubscribeKey(email)) };
}

/** True when one 'Correo' cell stands for this address (plain, any case, or fingerprint). */
export function unsubscribeCellMatches(cell: unknown, email: string): boolean {
  if (typeof cell !== 'string' || cell.trim() === '' || email.trim() === '') return false;
  const text = cell.trim();
  return isUnsubscribeKey(text) ? text.toLowerCase() === unsubscribeKey(email) : text.toLowerCase() === email.trim().toLowerCase();
}
