/**
 * The Calendar side of a module's sessions (B02), pure: the event and Meet IDs a session gets,
 * the speaker's answer as the panel and the sheet say it, and what the speaker has been told.
 *
 * A session's event ID derives from the session ID (as an appointment's from its row's), so a
 * retry finds the event an interrupted run made instead of making a second one.
 *
 * What the speaker was told is kept per session in document properties (`speakerStateKey`): the
 * generation (a session cancelled and added again is a new generation, with its own invitation
 * and cancellation), the number of changes told in it, and the times they were told last. The
 * once-only keys of the emails (src/app/delivery.ts) derive from it, so a rerun sends nothing
 * twice and each change is told once.
 */
import { calendarEventId, meetRequestId } from '../ids';

/** The namespace of the sessions' events (appointments use 'cita'). */
export const SESSION_EVENT_NAMESPACE = 'sesion-taller';

export function sessionEventId(sessionIdValue: string): string {
  return calendarEventId(SESSION_EVENT_NAMESPACE, sessionIdValue);
}

export function sessionMeetRequestId(sessionIdValue: string, attempt = 0): string {
  return meetRequestId(`${SESSION_EVENT_NAMESPACE}\u0000${sessionIdValue}`, attempt);
}

export type SpeakerAnswer = 'Aceptó' | 'Declinó' | 'Pendiente';

/** A guest of an event as Calendar lists it. */
export interface EventGuest {
  email: string;
  responseStatus?: string;
}

/**
 * The speaker's answer from the event's guests: 'accepted' → Aceptó, 'declined' → Declinó;
 * 'tentative', 'needsAction' or not found → Pendiente. Addresses compare without case.
 */
export function speakerAnswerOf(guests: readonly EventGuest[] | undefined, speakerEmail: string): SpeakerAnswer {
  const who = speakerEmail.trim().toLowerCase();
  const guest = (guests ?? []).find((g) => String(g.email ?? '').trim().toLowerCase() === who);
  if (!guest) return 'Pendiente';
  if (guest.responseStatus === 'accepted') return 'Aceptó';
  if (guest.responseStatus === 'declined') return 'Declinó';
  return 'Pendiente';
}

/** What the speaker of one session has been told (stored as JSON). */
export interface SpeakerState {
  /** Generation: +1 each time the session is cancelled. */
  g: number;
  /** Changes of time told in this generation. */
  n: number;
  /** The times last told ('' when not invited in this generation). */
  s: string;
  e: string;
}

export const SPEAKER_STATE_PREFIX = 'SOE_PONENTE:';

export function speakerStateKey(sessionIdValue: string): string {
  return `${SPEAKER_STATE_PREFIX}${sessionIdValue}`;
}

export const EMPTY_SPEAKER_STATE: SpeakerState = { g: 0, n: 0, s: '', e: '' };

export function parseSpeakerState(raw: string | null | undefined): SpeakerState {
  if (!raw) return { ...EMPTY_SPEAKER_STATE };
  try {
    const v = JSON.parse(raw) as Partial<SpeakerState>;
    const nat = (x: unknown) => (typeof x === 'number' && Number.isInteger(x) && x >= 0 ? x : 0);
    return { g: nat(v.g), n: nat(v.n), s: typeof v.s === 'string' ? v.s : '', e: typeof v.e === 'string' ? v.e : '' };
  } catch {
    return { ...EMPTY_SPEAKER_STATE };
  }
}

export function formatSpeakerState(s: SpeakerState): string {
  return JSON.stringify({ g: s.g, n: s.n, s: s.s, e: s.e });
}

/** The once-only keys (delivery journal row IDs) of the three emails a speaker may get. */
export function invitationMailKey(sessionIdValue: string, state: SpeakerState): string {
  return `invitacion|${sessionIdValue}|${state.g}`;
}

export function changeMailKey(sessionIdValue: string, state: SpeakerState): string {
  return `cambio|${sessionIdValue}|${state.g}|${state.n + 1}`;
}

export function cancellationMailKey(sessionIdValue: string, state: SpeakerState): string {
  return `cancelacion|${sessionIdValue}|${state.g}`;
}

/** True when the speaker was told these times last (nothing to tell). */
export function toldTimes(state: SpeakerState, start: Date, end: Date): boolean {
  return state.s === start.toISOString() && state.e === end.toISOString();
}

/** After the invitation went out for these times. */
export function afterInvitation(state: SpeakerState, start: Date, end: Date): SpeakerState {
  return { g: state.g, n: 0, s: start.toISOString(), e: end.toISOString() };
}

/** After a change of time was told. */
export function afterChange(state: SpeakerState, start: Date, end: Date): SpeakerState {
  return { g: state.g, n: state.n + 1, s: start.toISOString(), e: end.toISOString() };
}

/** After the cancellation was told (or there was nobody to tell): a new generation, not invited. */
export function afterCancellation(state: SpeakerState): SpeakerState {
  return { g: state.g + 1, n: 0, s: '', e: '' };
}
