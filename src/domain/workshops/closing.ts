/**
 * B11, the closing (issue 12, item 7): the order in which participants present their projects in
 * the closing session, and each one's slot. Pure: src/app/workshops/closing.ts reads and writes
 * 'Inscripciones' (Orden de presentación, Turno de presentación) and sends the emails once.
 *
 * - Presenters: the confirmed registrants ('Inscrito') who asked to present at registration
 *   ('Presentará su proyecto'), plus whoever the consultant adds in the panel; the consultant may
 *   remove and reorder them. Once an order is saved (a 'Orden de presentación' on any of the
 *   module's rows) the saved order is the list; before that, the volunteers in order of
 *   registration.
 * - Slots: `presentationMinutes` each, one after the other from the closing session's start.
 * - The emails' identity (src/app/workshops/closing.ts): each presenter's «Turno de
 *   presentación» is sent once per slot it announces, and the order to the speaker and the
 *   consultant once per order. A change after sending therefore writes again only to the presenters
 *   whose slot changed (saying it is a change) and sends the new order to the speaker and the
 *   consultant (saying it replaces the previous one); nobody whose slot stayed gets a second email.
 */
import { sha256Hex } from '../ids';
import { formatHHmm } from '../lima-time';

/** Kind codes of the closing's rows in 'Envíos de sesiones' (ID `<code>/<sessionId>/<recipient>`). */
export const CLOSING_MAIL_CODES = { slot: 'TP', order: 'OP' } as const;

export interface PresenterCandidate {
  registrationId: string;
  status: string;
  presentsProject: boolean;
  /** 'Orden de presentación' (0 = none). */
  order: number;
  /** Position in order of registration (ties of `order`). */
  registeredRank: number;
}

/** The list as it stands: the saved order, or (none saved yet) the volunteers in order of registration. */
export function currentPresenters(candidates: readonly PresenterCandidate[]): string[] {
  const live = candidates.filter((c) => c.status === 'Inscrito');
  const saved = live.filter((c) => c.order > 0);
  if (saved.length > 0) return saved.sort((a, b) => a.order - b.order || a.registeredRank - b.registeredRank).map((c) => c.registrationId);
  return live
    .filter((c) => c.presentsProject)
    .sort((a, b) => a.registeredRank - b.registeredRank)
    .map((c) => c.registrationId);
}

export type OrderProblem = 'duplicate' | 'unknown' | 'tooMany';

/**
 * A list the panel sends, checked: every ID once, each a confirmed registrant of the module, at
 * most `max`. Returns the clean list or the first problem.
 */
export function checkOrder(ids: unknown, confirmed: ReadonlySet<string>, max = 200): { ok: true; ids: string[] } | { ok: false; problem: OrderProblem } {
  if (!Array.isArray(ids)) return { ok: false, problem: 'unknown' };
  if (ids.length > max) return { ok: false, problem: 'tooMany' };
  const seen = new Set<string>();
  for (const raw of ids) {
    const id = typeof raw === 'string' ? raw.trim() : '';
    if (!confirmed.has(id)) return { ok: false, problem: 'unknown' };
    if (seen.has(id)) return { ok: false, problem: 'duplicate' };
    seen.add(id);
  }
  return { ok: true, ids: [...seen] };
}

export interface Slot {
  registrationId: string;
  order: number;
  from: Date;
  to: Date;
  /** '18:20–18:30' (Lima). */
  text: string;
}

/** Each presenter's slot: `minutes` each, in order, from `start`. */
export function presentationSlots(ids: readonly string[], start: Date, minutes: number): Slot[] {
  const step = Math.max(1, Math.round(minutes)) * 60_000;
  return ids.map((registrationId, i) => {
    const from = new Date(start.getTime() + i * step);
    const to = new Date(from.getTime() + step);
    return { registrationId, order: i + 1, from, to, text: `${formatHHmm(from)}–${formatHHmm(to)}` };
  });
}

/** What a presenter's slot email announces: its identity changes when the slot does. */
export function slotKey(slot: Pick<Slot, 'order' | 'text'>, sessionStart: Date): string {
  return sha256Hex(`${sessionStart.toISOString()}|${slot.order}|${slot.text}`).slice(0, 12);
}

/** The whole order's identity (the order email to the speaker and the consultant). */
export function orderKey(slots: readonly Pick<Slot, 'registrationId' | 'order' | 'text'>[], names: readonly string[], sessionStart: Date): string {
  return sha256Hex(`${sessionStart.toISOString()}|${slots.map((s, i) => `${s.order}:${s.registrationId}:${s.text}:${names[i] ?? ''}`).join('|')}`).slice(0, 12);
}
