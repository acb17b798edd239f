/**
 * The life of an institution's request (C01–C04) as a state machine: which step may follow which.
 * Every use case that moves a request asks `mayMove` on the row read fresh under the lock, so two
 * decisions racing (the Sub Director's link and a coordinator in the panel, or approve and reject
 * opened at once) cannot both win: the second finds the request no longer 'Enviada a aprobación'.
 *
 * Pure.
 */
import { EXTERNAL_REQUEST_STATES, type ExternalRequestState } from '../schema';

const NEXT: Readonly<Record<ExternalRequestState, readonly ExternalRequestState[]>> = {
  // A request may be sent for approval again with a new proposal (new round) until it is decided.
  Recibida: ['Enviada a aprobación'],
  'Enviada a aprobación': ['Enviada a aprobación', 'Aprobada', 'Rechazada'],
  Aprobada: ['Programada'],
  Rechazada: [],
  Programada: ['Realizada'],
  Realizada: ['Cerrada'],
  Cerrada: [],
};

/** The state a cell holds, or null for anything else (a person typed over it). */
export function requestState(raw: unknown): ExternalRequestState | null {
  const s = typeof raw === 'string' ? raw.trim() : '';
  return (EXTERNAL_REQUEST_STATES as readonly string[]).includes(s) ? (s as ExternalRequestState) : null;
}

export function mayMove(from: ExternalRequestState | null, to: ExternalRequestState): boolean {
  return from !== null && NEXT[from].includes(to);
}

/** A request that can still be decided (approved or rejected). */
export function awaitsDecision(state: ExternalRequestState | null): boolean {
  return state === 'Enviada a aprobación';
}

/** A submission of the same institution, topic and dates may still update the request. */
export function acceptsUpdate(state: ExternalRequestState | null): boolean {
  return state === 'Recibida';
}

/** No more steps: rejected or closed. */
export function isFinal(state: ExternalRequestState | null): boolean {
  return state === 'Rechazada' || state === 'Cerrada';
}
