/**
 * Check-ins through the «Formato de asistencia» (B09): the pure rules. A response names a
 * session (its ID in the choice) and a document; it counts as attendance only when it arrives
 * inside the session's window and the document is that of a confirmed registrant of the
 * session's module. Anything else goes to 'Revisión' with a reason a person can act on — the
 * response is never lost, and never counted by guess.
 *
 * The document as people type it on a phone in a Meet chat: spaces, dots and dashes anywhere,
 * lower case letters, and a numeric keyboard (or a spreadsheet on the way) that drops the
 * leading zero of a DNI ('1234567' for '01234567'). A 7-digit DNI is matched to '0' + digits
 * only when that registrant exists in the module: a missing digit is otherwise a typo, and a
 * typo is for a person to look at.
 */
import { cleanText } from '../text';
import { documentTypeOf, normaliseDocumentNumber, type DocumentType } from '../validation';
import { CHECKIN_QUESTIONS as Q, sessionOfChoice } from './checkin-form';
import { CONFIRMED, WAITING } from './registration';

export const MINUTE_MS = 60_000;

// ---------------------------------------------------------------------------- the document

export interface CheckinDocument {
  type: DocumentType;
  /** The number as stored on registrations (normaliseDocumentNumber). */
  number: string;
  /** Other numbers this answer may stand for, tried only when `number` matches no one ('0' + 7 digits). */
  alternatives: string[];
}

export type DocumentRead = { ok: true; document: CheckinDocument } | { ok: false; problem: string };

/**
 * The document of a check-in as typed: type (empty → DNI) and number; spaces, dots, dashes and
 * case forgiven. A DNI of 7 digits is kept as the candidate '0' + digits (see the module comment).
 */
export function readCheckinDocument(rawType: unknown, rawNumber: unknown): DocumentRead {
  const type = documentTypeOf(typeof rawType === 'string' ? rawType : '');
  if (!type) return { ok: false, problem: CHECKIN_PROBLEMS.documentType };
  const typed = cleanText(typeof rawNumber === 'string' ? rawNumber : '', 60).replace(/[\s.\-\u00a0\u202f_/]/g, '');
  if (typed === '') return { ok: false, problem: CHECKIN_PROBLEMS.noDocument };
  if (type === 'DNI') {
    if (/^\d{8}$/.test(typed) && typed !== '00000000') return { ok: true, document: { type, number: typed, alternatives: [] } };
    if (/^[1-9]\d{6}$/.test(typed)) return { ok: true, document: { type, number: '0' + typed, alternatives: [] } };
    return { ok: false, problem: CHECKIN_PROBLEMS.dni };
  }
  const number = normaliseDocumentNumber(type, typed);
  if (!number) return { ok: false, problem: CHECKIN_PROBLEMS.otherDocument };
  // Digits only (a CE is often written with or without its leading zeros): both forms are tried.
  const alternatives = /^\d+$/.test(number) ? [number.replace(/^0+/, '')].filter((n) => n !== number && n.length >= 5) : [];
  return { ok: true, document: { type, number, alternatives } };
}

/**
 * A 7-digit DNI answer was padded to '0' + digits by readCheckinDocument; `padded` says so, for
 * the audit. (An 8-digit answer is taken as typed.)
 */
export function wasPadded(rawNumber: unknown): boolean {
  const typed = cleanText(typeof rawNumber === 'string' ? rawNumber : '', 60).replace(/[\s.\-\u00a0\u202f_/]/g, '');
  return /^[1-9]\d{6}$/.test(typed);
}

/**
 * For the personal-data functions (Ley 29733): whether a check-in response names one of these
 * document numbers (as stored on registrations), read as the submit trigger reads it.
 */
export function checkinNamesDocument(answers: Readonly<Record<string, string | readonly string[]>>, documents: ReadonlySet<string>): boolean {
  const one = (v: unknown) => (typeof v === 'string' ? v : '');
  const read = readCheckinDocument(one(answers[Q.documentType]), one(answers[Q.documentNumber]));
  if (read.ok) return [read.document.number, ...read.document.alternatives].some((n) => documents.has(n));
  const typed = cleanText(one(answers[Q.documentNumber]), 60).replace(/[\s.\-\u00a0\u202f_/]/g, '').toUpperCase();
  return typed !== '' && documents.has(typed);
}

// ---------------------------------------------------------------------------- matching

export interface RegistrantFacts {
  id: string;
  documentType: string;
  /** The registration's document number ('DNI' column). */
  number: string;
  status: string;
  fullName: string;
}

export type MatchResult =
  | { kind: 'confirmed'; registrant: RegistrantFacts }
  | { kind: 'waiting'; registrant: RegistrantFacts }
  | { kind: 'inactive'; registrant: RegistrantFacts }
  | { kind: 'unknown' };

function digitsKey(n: string): string {
  return /^\d+$/.test(n) ? n.replace(/^0+/, '') : n;
}

/**
 * The registrant of the module the document names: the same type and number first; then the
 * same number under another type (a DNI chosen for a CE by mistake) when exactly one has it;
 * for a DNI of 7 typed digits, the padded number only (the caller passes it already padded). A
 * confirmed registration wins over an older withdrawn one of the same person.
 */
export function matchRegistrant(doc: CheckinDocument, registrants: readonly RegistrantFacts[]): MatchResult {
  const norm = (r: RegistrantFacts) => cleanText(r.number, 40).replace(/[\s.\-]/g, '').toUpperCase();
  const numbers = [doc.number, ...doc.alternatives];
  let found = registrants.filter((r) => (documentTypeOf(r.documentType) ?? 'DNI') === doc.type && numbers.includes(norm(r)));
  if (found.length === 0 && doc.type !== 'DNI') {
    const key = digitsKey(doc.number);
    found = registrants.filter((r) => (documentTypeOf(r.documentType) ?? 'DNI') === doc.type && digitsKey(norm(r)) === key);
  }
  if (found.length === 0) {
    const other = registrants.filter((r) => norm(r) === doc.number);
    if (new Set(other.map((r) => r.id)).size === 1) found = other;
  }
  if (found.length === 0) return { kind: 'unknown' };
  const confirmed = found.find((r) => r.status === CONFIRMED);
  if (confirmed) return { kind: 'confirmed', registrant: confirmed };
  const waiting = found.find((r) => r.status === WAITING);
  if (waiting) return { kind: 'waiting', registrant: waiting };
  return { kind: 'inactive', registrant: found[0]! };
}

// ---------------------------------------------------------------------------- the window

export interface CheckinWindow {
  opens: Date;
  closes: Date;
}

/** From `beforeMinutes` before the start to `afterMinutes` after the end, both edges included. */
export function checkinWindow(start: Date, end: Date, beforeMinutes: number, afterMinutes: number): CheckinWindow {
  return { opens: new Date(start.getTime() - beforeMinutes * MINUTE_MS), closes: new Date(end.getTime() + afterMinutes * MINUTE_MS) };
}

export function insideWindow(at: Date, w: CheckinWindow): boolean {
  return at.getTime() >= w.opens.getTime() && at.getTime() <= w.closes.getTime();
}

// ---------------------------------------------------------------------------- one response

export interface CheckinSessionFacts {
  id: string;
  moduleId: string;
  number: number;
  topic: string;
  start: Date | null;
  end: Date | null;
  /** The session's or its module's cancellation. */
  cancelled: boolean;
}

export type CheckinDecision =
  | { kind: 'accept'; session: CheckinSessionFacts; registrant: RegistrantFacts; at: Date; padded: boolean }
  | { kind: 'review'; reason: CheckinReviewReason; detail: string; sessionId: string };

export type CheckinReviewReason = 'session' | 'cancelled' | 'document' | 'window' | 'unknown' | 'waiting' | 'inactive';

/**
 * What one response means. `sessionOf` and `registrantsOf` give the sheet's facts (null: no such
 * session). `at` is when the person sent it (the response's time, not when it was handled).
 */
export function decideCheckin(
  answers: Readonly<Record<string, string | readonly string[]>>,
  at: Date,
  sessionOf: (id: string) => CheckinSessionFacts | null,
  registrantsOf: (moduleId: string) => readonly RegistrantFacts[],
  window: { beforeMinutes: number; afterMinutes: number },
): CheckinDecision {
  const one = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');
  const sessionId = sessionOfChoice(one(answers[Q.session]));
  const session = sessionId ? sessionOf(sessionId) : null;
  const review = (reason: CheckinReviewReason, detail: string): CheckinDecision => ({ kind: 'review', reason, detail, sessionId: sessionId ?? '' });
  if (!sessionId || !session) return review('session', CHECKIN_PROBLEMS.session);
  if (session.cancelled) return review('cancelled', CHECKIN_PROBLEMS.cancelled);
  const read = readCheckinDocument(one(answers[Q.documentType]), one(answers[Q.documentNumber]));
  if (!read.ok) return review('document', read.problem);
  if (!session.start || !session.end) return review('window', CHECKIN_PROBLEMS.noSchedule);
  const w = checkinWindow(session.start, session.end, window.beforeMinutes, window.afterMinutes);
  if (!insideWindow(at, w)) return review('window', CHECKIN_PROBLEMS.outside(at.getTime() < w.opens.getTime()));
  const match = matchRegistrant(read.document, registrantsOf(session.moduleId));
  if (match.kind === 'unknown') return review('unknown', CHECKIN_PROBLEMS.unknown(read.document.type));
  if (match.kind === 'waiting') return review('waiting', CHECKIN_PROBLEMS.waiting);
  if (match.kind === 'inactive') return review('inactive', CHECKIN_PROBLEMS.inactive(match.registrant.status));
  return { kind: 'accept', session, registrant: match.registrant, at, padded: wasPadded(one(answers[Q.documentNumber])) };
}

// ---------------------------------------------------------------------------- what a person reads (Spanish)

export const CHECKIN_PROBLEMS = {
  session: 'La respuesta no indica una sesión válida (se envió sin usar el enlace de la sesión o con una opción que ya no existe).',
  cancelled: 'La sesión está cancelada.',
  noSchedule: 'La sesión no tiene fecha y hora de inicio y fin.',
  documentType: 'El tipo de documento no es válido.',
  noDocument: 'No se escribió el número de documento.',
  dni: 'El DNI no tiene 8 dígitos.',
  otherDocument: 'El número de documento debe tener de 5 a 15 letras o números.',
  outside: (early: boolean) => (early ? 'Se envió antes de que se abriera el registro de asistencia de la sesión.' : 'Se envió después de que se cerró el registro de asistencia de la sesión.'),
  unknown: (type: string) => `Ninguna persona inscrita en el módulo tiene ese ${type === 'DNI' ? 'DNI' : 'documento'}.`,
  waiting: 'La persona está en la lista de espera del módulo: su asistencia no se cuenta. Si participó, inscríbala o márquela a mano.',
  inactive: (status: string) => `La inscripción de la persona no está vigente (${status || 'sin estado'}): su asistencia no se cuenta.`,
} as const;

export const CHECKIN_REVIEW_KIND = 'Asistencia por revisar';

export function checkinReviewDetail(responseId: string, sessionLabel: string, problem: string, typed: string): string {
  return (
    `Respuesta ${responseId} del formato de asistencia${sessionLabel ? ` (${sessionLabel})` : ''}: ${problem} ` +
    `${typed ? `Documento escrito: «${typed}». ` : ''}Si la persona asistió, márquela a mano en la pantalla de la sesión.`
  );
}

export const CHECKIN_AUDIT = {
  recorded: 'Asistencia registrada (formulario)',
  unchanged: 'Asistencia ya registrada',
  forReview: 'Asistencia por revisar',
  disagrees: 'Asistencia en desacuerdo con la marca manual',
  formCreated: 'Formulario de asistencia creado',
  formRepaired: 'Formulario de asistencia completado',
  triggerInstalled: 'Activador del formato de asistencia instalado',
  choicesSynced: 'Sesiones del formato de asistencia actualizadas',
} as const;

export const CHECKIN_MESSAGES = {
  recorded: (sessionLabel: string, padded: boolean) => `Asistencia a ${sessionLabel} por el formulario.${padded ? ' El DNI llegó con 7 dígitos y se completó con el 0 inicial.' : ''}`,
  unchanged: (responseId: string) => `La respuesta ${responseId} repite una asistencia ya registrada: se conserva la primera.`,
  disagrees: 'La persona marcó asistencia en el formulario, pero está marcada a mano como ausente. Se conserva la marca manual.',
  triggerInstalled: 'Se instaló el activador que registra las respuestas del formato de asistencia.',
  choicesSynced: (n: number) => `El formato de asistencia ofrece ${n} ${n === 1 ? 'sesión' : 'sesiones'}.`,
  busy: (responseId: string) => `Asistencia: la hoja estaba ocupada; la respuesta ${responseId} se registrará en unos minutos.`,
  formFailed: (reason: string) =>
    `No se pudo preparar el formato de asistencia a las sesiones (${reason}). Vuelva a ejecutar «Configurar esta hoja»; lo ya hecho se conserva.`,
} as const;
