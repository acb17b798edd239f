/**
 * The check-in form of the sessions, «Formato de asistencia» (B09): ONE Google Form for every
 * session of every module (a form-submit trigger is per form, and a script has 20 triggers per
 * user), like the registration form (registration-form.ts).
 *
 * Its first question is the session, a dropdown whose choices are the sessions whose check-in
 * window is open or near (kept in step by the app), each ending with the session's ID in
 * brackets: the ID is what a response is matched by, so a renamed topic or an altered answer
 * cannot attach a check-in to the wrong session. Each session's own link (shared in the Meet
 * chat) is the form's prefilled link with that choice made. Then the document: the person is
 * matched to their registration by it (no name, no email: nothing more than needed).
 */
import type { FormDefinition } from '../form-definition';
import { formatHHmm, formatLimaShortDate } from '../lima-time';
import { cleanText } from '../text';
import { DOCUMENT_TYPES } from '../validation';

export const CHECKIN_FORM_TITLE = 'Formato de asistencia – Talleres «Aprende a Emprender» – MTPE';

export const CHECKIN_QUESTIONS = {
  session: 'Sesión a la que asiste',
  documentType: 'Tipo de documento',
  documentNumber: 'Número de documento',
} as const;

/** The brief privacy line (Ley N.° 29733): what the two answers are used for. */
export const CHECKIN_NOTICE =
  'Aviso de privacidad: conforme a la Ley N.° 29733 y su Reglamento (D.S. N.° 016-2024-JUS), el MTPE usa su número de documento solo para registrar su asistencia a esta sesión ' +
  '(control de asistencia, encuesta de satisfacción y certificado del taller). Puede ejercer sus derechos escribiendo al correo desde el que recibió su inscripción.';

export const CHECKIN_CONFIRMATION =
  'Gracias. Recibimos su registro de asistencia. No necesita enviarlo otra vez. Si marcó fuera del horario de la sesión o con un documento distinto al de su inscripción, el equipo lo revisará.';

/** The dropdown's only choice while no session is near (a Google list item needs one). */
export const NO_OPEN_SESSION = 'No hay sesiones con asistencia abierta en este momento';

export function checkinForm(sessionChoices: readonly string[]): FormDefinition {
  const Q = CHECKIN_QUESTIONS;
  return {
    title: CHECKIN_FORM_TITLE,
    description:
      'Registre su asistencia a la sesión del taller virtual «Aprende a Emprender» del Ministerio de Trabajo y Promoción del Empleo. ' +
      'Use el enlace que se compartió en el chat de la sesión: ya elige la sesión. Escriba el documento con el que se inscribió.\n\n' +
      CHECKIN_NOTICE,
    confirmationMessage: CHECKIN_CONFIRMATION,
    items: [
      { kind: 'list', title: Q.session, required: true, choices: sessionChoices.length ? sessionChoices : [NO_OPEN_SESSION] },
      { kind: 'list', title: Q.documentType, required: true, choices: DOCUMENT_TYPES },
      { kind: 'text', title: Q.documentNumber, required: true, help: 'El mismo número con el que se inscribió. DNI: 8 dígitos.' },
    ],
  };
}

// ---------------------------------------------------------------------------- session choices

/** 'M-' and 12 base32hex digits, then '-S' and the session's number (domain/workshops/ids.ts). */
const SESSION_REF = /\[(M-[0-9A-Z]{12}-S\d{1,3})\]\s*$/;

/** The dropdown text of a session: 'Sesión 2 · Precio de venta · 11/12/2026 18:00 [M-…-S2]'. */
export function sessionChoice(sessionId: string, number: number, topic: string, start: Date | null): string {
  const title = cleanText(topic, 100).replace(/[[\]]/g, '');
  const when = start ? `${formatLimaShortDate(start)} ${formatHHmm(start)}` : '';
  return [`Sesión ${number}`, title, when].filter(Boolean).join(' · ') + ` [${sessionId}]`;
}

/** The session ID a choice names, or null (the "no session" choice, an altered answer). */
export function sessionOfChoice(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const m = SESSION_REF.exec(raw.trim());
  return m ? m[1]! : null;
}
