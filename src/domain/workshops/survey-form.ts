/**
 * The workshop satisfaction survey form (B08, C03): "Encuesta de Satisfacción – Servicios
 * Virtuales MTPE", ONE form for every session of every module, with the questions of the
 * attention survey (../survey-form.ts) adapted to a session.
 *
 * A person's link comes prefilled with the session's code ('ID de sesión', which names no one)
 * and a token (`workshopSurveyToken`): an HMAC, with the spreadsheet's secret, of the session and
 * the person's registration. The token is what links an answer to its person — the registration
 * ID never travels in the link, and nobody can make a token without the secret, so an answer
 * cannot be forged for someone else or for a session the person did not attend. The answers are
 * four 1–5 scales (q1–q4, whose mean is 'Puntaje'), a recommendation and a comment.
 */
import type { FormDefinition, FormItemSpec } from '../form-definition';
import { constantTimeEqual, hmacSha256, normaliseToken, toBase32Hex } from '../ids';
import { SURVEY_NAME } from '../messages/survey';
import { cleanText } from '../text';

/**
 * The procedure's name with ' – Talleres': the attention survey's form (the sibling's) has the
 * bare name, and two forms of the same name in the service's Drive would be mistaken for each other.
 */
export const WORKSHOP_SURVEY_FORM_TITLE = `${SURVEY_NAME} – Talleres`;

/** The question carrying the session's code; the prefilled link fills it by this exact title. */
export const WORKSHOP_SURVEY_SESSION_QUESTION = 'Código de la sesión';
/** The question carrying the link's token. */
export const WORKSHOP_SURVEY_TOKEN_QUESTION = 'Clave de verificación';
export const WORKSHOP_SURVEY_CONSENT_QUESTION = 'Consentimiento para el tratamiento de sus datos personales';
export const WORKSHOP_SURVEY_CONSENT_CHOICE = 'Sí, acepto';

/** The 1–5 questions, in the order of 'Encuestas de talleres' q1–q4. */
export const WORKSHOP_SURVEY_SCALE_QUESTIONS = [
  { title: '¿Qué tan satisfecho(a) está con la sesión del taller?', lowLabel: 'Nada satisfecho(a)', highLabel: 'Muy satisfecho(a)' },
  { title: 'El contenido de la sesión fue claro y útil para su negocio o idea de negocio.', lowLabel: 'Totalmente en desacuerdo', highLabel: 'Totalmente de acuerdo' },
  { title: 'El ponente demostró conocimiento del tema y respondió las consultas con claridad.', lowLabel: 'Totalmente en desacuerdo', highLabel: 'Totalmente de acuerdo' },
  { title: '¿Qué tan fácil le resultó conectarse a la sesión por Google Meet?', lowLabel: 'Muy difícil', highLabel: 'Muy fácil' },
] as const;

export const WORKSHOP_SURVEY_RECOMMEND_QUESTION = '¿Recomendaría este taller a otras personas?';
export const WORKSHOP_SURVEY_RECOMMEND_CHOICES = ['Sí', 'No', 'Tal vez'] as const;
export const WORKSHOP_SURVEY_COMMENTS_QUESTION = '¿Qué podríamos mejorar en los talleres? (opcional)';

export const WORKSHOP_SURVEY_PRIVACY_NOTICE =
  'Esta encuesta es breve y nos ayuda a mejorar los talleres «Aprende a Emprender» del Servicio de Orientación para el Emprendimiento. ' +
  'Conforme a la Ley N.° 29733, Ley de Protección de Datos Personales, y su Reglamento (D.S. N.° 016-2024-JUS), ' +
  'le informamos que sus respuestas y el código de la sesión serán tratados por el Ministerio de Trabajo y Promoción del Empleo (MTPE) ' +
  'únicamente para evaluar y mejorar la calidad de los talleres, y se conservarán solo el tiempo necesario para ese fin. ' +
  'No se usarán para otra finalidad ni se compartirán con terceros. Responder es voluntario. ' +
  'Puede ejercer sus derechos de acceso, rectificación, cancelación y oposición escribiendo al MTPE por los canales de atención al ciudadano.';

export const WORKSHOP_SURVEY_FORM: FormDefinition = {
  title: WORKSHOP_SURVEY_FORM_TITLE,
  description: WORKSHOP_SURVEY_PRIVACY_NOTICE,
  confirmationMessage: '¡Gracias por responder! Sus respuestas nos ayudan a mejorar los talleres. Le esperamos en la próxima sesión.',
  items: [
    {
      kind: 'text',
      title: WORKSHOP_SURVEY_SESSION_QUESTION,
      help: 'Viene completado en el enlace que recibió por correo; por favor, no lo modifique.',
      required: true,
    },
    {
      kind: 'text',
      title: WORKSHOP_SURVEY_TOKEN_QUESTION,
      help: 'Viene completada en el enlace que recibió por correo y confirma que la encuesta es suya; por favor, no la modifique.',
      required: false,
    },
    ...WORKSHOP_SURVEY_SCALE_QUESTIONS.map(
      (q): FormItemSpec => ({ kind: 'scale', title: q.title, low: 1, high: 5, lowLabel: q.lowLabel, highLabel: q.highLabel, required: true }),
    ),
    { kind: 'choice', title: WORKSHOP_SURVEY_RECOMMEND_QUESTION, choices: WORKSHOP_SURVEY_RECOMMEND_CHOICES, required: true },
    { kind: 'paragraph', title: WORKSHOP_SURVEY_COMMENTS_QUESTION, required: false },
    {
      kind: 'choice',
      title: WORKSHOP_SURVEY_CONSENT_QUESTION,
      help: 'He leído la información sobre el tratamiento de mis datos personales que figura al inicio de esta encuesta y acepto que mis respuestas se usen para evaluar y mejorar los talleres.',
      choices: [WORKSHOP_SURVEY_CONSENT_CHOICE],
      required: true,
    },
  ],
};

// ---------------------------------------------------------------------------- the token

/** Length of a token (base32hex digits: 100 bits, not guessable). */
export const WORKSHOP_SURVEY_TOKEN_LENGTH = 20;

/**
 * The token of `registrationId`'s link for `sessionId`: an HMAC with the spreadsheet's secret
 * (a different message prefix from the attention survey's, so a token of one never works in the
 * other). Lower-case base32hex: letters and digits only.
 */
export function workshopSurveyToken(secret: string, sessionId: string, registrationId: string): string {
  if (!secret || !sessionId || !registrationId) throw new Error('secret, sessionId and registrationId must be non-empty');
  return toBase32Hex(hmacSha256(secret, `encuesta-taller\u0000${sessionId.trim().toUpperCase()}\u0000${registrationId.trim()}`))
    .slice(0, WORKSHOP_SURVEY_TOKEN_LENGTH)
    .toLowerCase();
}

/** True when `given` is the token of (sessionId, registrationId), compared in constant time. */
export function workshopSurveyTokenMatches(secret: string, sessionId: string, registrationId: string, given: unknown): boolean {
  const token = normaliseToken(given);
  return token.length === WORKSHOP_SURVEY_TOKEN_LENGTH && constantTimeEqual(token, workshopSurveyToken(secret, sessionId, registrationId));
}

/**
 * Whose token `given` is among the people surveyed for a session (their registration IDs), or
 * null. One HMAC per candidate: a session has at most a few hundred.
 */
export function registrationOfToken(secret: string, sessionId: string, candidates: Iterable<string>, given: unknown): string | null {
  const token = normaliseToken(given);
  if (token.length !== WORKSHOP_SURVEY_TOKEN_LENGTH) return null;
  for (const id of candidates) if (id && constantTimeEqual(token, workshopSurveyToken(secret, sessionId, id))) return id;
  return null;
}

// ---------------------------------------------------------------------------- reading an answer

/** A response's answers by question title (a checkbox answer is a list). */
export type WorkshopSurveyAnswers = Readonly<Record<string, string | readonly string[]>>;

export interface ReadWorkshopSurvey {
  /** The session code as prefilled/typed, tidied and upper-cased ('' when missing). */
  sessionCode: string;
  /** The token as the response carries it ('' when missing). */
  token: string;
  /** q1–q4: an integer 1–5, or null when missing or out of range. */
  scores: [number | null, number | null, number | null, number | null];
  /** Mean of the valid q1–q4, to one decimal; null when none is valid. */
  score: number | null;
  /** One of the offered choices, or '' for anything else. */
  recommend: string;
  comment: string;
}

function answerText(v: string | readonly string[] | undefined): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  return Array.isArray(v) ? v.map((x) => String(x)).join(', ') : String(v);
}

/** How session codes are compared: no spaces, upper case ('m-abc-s1 ' ≡ 'M-ABC-S1'). */
export function normaliseSessionCode(code: unknown): string {
  return cleanText(code, 120).replace(/\s+/g, '').toUpperCase();
}

function scale(v: string | readonly string[] | undefined): number | null {
  const t = answerText(v).trim();
  if (!/^[1-5]$/.test(t)) return null;
  return Number(t);
}

/** The mean of the valid scores, to one decimal (null when none). */
export function workshopSurveyScore(scores: readonly (number | null)[]): number | null {
  const valid = scores.filter((n): n is number => n !== null && Number.isInteger(n) && n >= 1 && n <= 5);
  if (valid.length === 0) return null;
  return Math.round((valid.reduce((s, n) => s + n, 0) / valid.length) * 10) / 10;
}

export function readWorkshopSurvey(answers: WorkshopSurveyAnswers): ReadWorkshopSurvey {
  const a = answers ?? {};
  const scores = WORKSHOP_SURVEY_SCALE_QUESTIONS.map((q) => scale(a[q.title])) as ReadWorkshopSurvey['scores'];
  const recommendRaw = cleanText(answerText(a[WORKSHOP_SURVEY_RECOMMEND_QUESTION]), 40);
  return {
    sessionCode: normaliseSessionCode(answerText(a[WORKSHOP_SURVEY_SESSION_QUESTION])),
    token: cleanText(answerText(a[WORKSHOP_SURVEY_TOKEN_QUESTION]), 200),
    scores,
    score: workshopSurveyScore(scores),
    recommend: (WORKSHOP_SURVEY_RECOMMEND_CHOICES as readonly string[]).includes(recommendRaw) ? recommendRaw : '',
    comment: cleanText(answerText(a[WORKSHOP_SURVEY_COMMENTS_QUESTION]), 1000),
  };
}

/** The answers on one line for a 'Revisión' item ('Título: valor | …'), without the token. */
export function workshopAnswersLine(answers: WorkshopSurveyAnswers, maxLength = 1500): string {
  const parts = Object.entries(answers ?? {})
    .filter(([title]) => title !== WORKSHOP_SURVEY_TOKEN_QUESTION)
    .map(([title, v]) => `${cleanText(title, 120)}: ${cleanText(answerText(v), 400)}`);
  return cleanText(parts.join(' | '), maxLength);
}
