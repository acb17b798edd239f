/**
 * The satisfaction survey form (A06): "Encuesta de Satisfacción – Servicios Virtuales MTPE".
 *
 * One form for every one-to-one attention. The citizen's link comes prefilled with the
 * appointment's code ('ID de cita') in `SURVEY_CODE_QUESTION`, which is how a response is linked
 * back to its appointment; the satisfaction questions are 1–5 scales whose mean is the row's
 * 'Puntaje encuesta'. Consent and the privacy notice follow Ley N.° 29733 and its regulation
 * (D.S. 016-2024-JUS): purpose, who is responsible, how to exercise the rights.
 */
import type { FormDefinition, FormItemSpec } from './form-definition';
import { SURVEY_NAME } from './messages/survey';
import { cleanText } from './text';

export const SURVEY_FORM_TITLE = SURVEY_NAME;

/** The question carrying the appointment code; the prefilled link fills it by this exact title. */
export const SURVEY_CODE_QUESTION = 'Código de su cita';

/**
 * The question carrying the link's token (domain/ids.surveyToken): an answer is linked to its
 * appointment only when the token is the one the service sent with that code. Not required: a
 * link sent before the token existed has none, and its answer must still be accepted (it goes to
 * 'Revisión' for a person).
 */
export const SURVEY_TOKEN_QUESTION = 'Clave de verificación';

export const SURVEY_CONSENT_QUESTION = 'Consentimiento para el tratamiento de sus datos personales';
export const SURVEY_CONSENT_CHOICE = 'Sí, acepto';

/** The 1–5 questions whose mean is the survey's score. */
export const SURVEY_SCALE_QUESTIONS = [
  {
    title: '¿Qué tan satisfecho(a) está con la atención recibida?',
    lowLabel: 'Nada satisfecho(a)',
    highLabel: 'Muy satisfecho(a)',
  },
  {
    title: 'La orientación recibida fue clara y útil para su negocio o idea de negocio.',
    lowLabel: 'Totalmente en desacuerdo',
    highLabel: 'Totalmente de acuerdo',
  },
  {
    title: 'El consultor(a) demostró conocimiento del tema y le atendió con amabilidad.',
    lowLabel: 'Totalmente en desacuerdo',
    highLabel: 'Totalmente de acuerdo',
  },
  {
    title: '¿Qué tan fácil le resultó conectarse a la videollamada de Google Meet?',
    lowLabel: 'Muy difícil',
    highLabel: 'Muy fácil',
  },
] as const;

export const SURVEY_RECOMMEND_QUESTION = '¿Recomendaría este servicio a otras personas?';
export const SURVEY_COMMENTS_QUESTION = '¿Qué podríamos mejorar? (opcional)';

export const SURVEY_PRIVACY_NOTICE =
  'Esta encuesta es breve y nos ayuda a mejorar el Servicio de Orientación para el Emprendimiento. ' +
  'Conforme a la Ley N.° 29733, Ley de Protección de Datos Personales, y su Reglamento (D.S. N.° 016-2024-JUS), ' +
  'le informamos que sus respuestas y el código de su cita serán tratados por el Ministerio de Trabajo y Promoción del Empleo (MTPE) ' +
  'únicamente para evaluar y mejorar la calidad del servicio, y se conservarán solo el tiempo necesario para ese fin. ' +
  'No se usarán para otra finalidad ni se compartirán con terceros. Responder es voluntario. ' +
  'Puede ejercer sus derechos de acceso, rectificación, cancelación y oposición escribiendo al MTPE por los canales de atención al ciudadano.';

export const SURVEY_FORM: FormDefinition = {
  title: SURVEY_FORM_TITLE,
  description: SURVEY_PRIVACY_NOTICE,
  confirmationMessage:
    '¡Gracias por responder! Sus respuestas nos ayudan a mejorar. Si necesita nuevamente orientación, puede reservar otra cita en la Plataforma de Servicio al Ciudadano.',
  items: [
    {
      kind: 'text',
      title: SURVEY_CODE_QUESTION,
      help: 'Viene completado en el enlace que recibió por correo; por favor, no lo modifique.',
      required: true,
    },
    {
      kind: 'text',
      title: SURVEY_TOKEN_QUESTION,
      help: 'Viene completada en el enlace que recibió por correo y confirma que la encuesta es suya; por favor, no la modifique.',
      required: false,
    },
    ...SURVEY_SCALE_QUESTIONS.map(
      (q): FormItemSpec => ({ kind: 'scale', title: q.title, low: 1, high: 5, lowLabel: q.lowLabel, highLabel: q.highLabel, required: true }),
    ),
    { kind: 'choice', title: SURVEY_RECOMMEND_QUESTION, choices: ['Sí', 'No', 'Tal vez'], required: true },
    { kind: 'paragraph', title: SURVEY_COMMENTS_QUESTION, required: false },
    {
      kind: 'choice',
      title: SURVEY_CONSENT_QUESTION,
      help: 'He leído la información sobre el tratamiento de mis datos personales que figura al inicio de esta encuesta y acepto que mis respuestas se usen para evaluar y mejorar el servicio.',
      choices: [SURVEY_CONSENT_CHOICE],
      required: true,
    },
  ],
};

/** A response's answers by question title (a checkbox answer is a list). */
export type SurveyAnswers = Readonly<Record<string, string | readonly string[]>>;

export interface ReadSurvey {
  /** The code as typed/prefilled, tidied ('' when missing). */
  code: string;
  /** The link's token as the response carries it, tidied ('' when missing: a link sent before tokens). */
  token: string;
  /** Mean of the 1–5 answers, to one decimal; null when none was answered. */
  score: number | null;
}

/** How codes are compared: no spaces, upper case ('av-000123 ' ≡ 'AV-000123'). */
export function normaliseSurveyCode(code: unknown): string {
  return cleanText(code, 200).replace(/\s+/g, '').toUpperCase();
}

function answerText(v: string | readonly string[] | undefined): string {
  if (v === undefined) return '';
  return typeof v === 'string' ? v : v.join(', ');
}

export function readSurvey(answers: SurveyAnswers): ReadSurvey {
  const code = cleanText(answerText(answers[SURVEY_CODE_QUESTION]), 200);
  const scores = SURVEY_SCALE_QUESTIONS.map((q) => Number(answerText(answers[q.title]))).filter(
    (n) => Number.isFinite(n) && n >= 1 && n <= 5,
  );
  const score = scores.length ? Math.round((scores.reduce((s, n) => s + n, 0) / scores.length) * 10) / 10 : null;
  const token = cleanText(answerText(answers[SURVEY_TOKEN_QUESTION]), 200);
  return { code, token, score };
}

/** The answers on one line for a 'Revisión' item ('Título: valor | …'), so nothing is lost (but the token). */
export function answersLine(answers: SurveyAnswers, maxLength = 1500): string {
  // The token is not repeated: the reason says whether it matched, and a valid one must not be copied around.
  const parts = Object.entries(answers).filter(([title]) => title !== SURVEY_TOKEN_QUESTION).map(([title, v]) => `${cleanText(title, 120)}: ${cleanText(answerText(v), 400)}`);
  return cleanText(parts.join(' | '), maxLength);
}
