import type { WorkspaceState } from '../../core/state';
import { isValidAddress } from '../mail/message';
import { ANSWER_MESSAGES, judgeAnswer } from './answers';
import { writeToDestination } from './destination';
import { inOwnersDomain, isPublishedForm, QUESTION_TYPES, type AnswerValue, type FormRecord, type ResponseRecord } from './model';
import { formsStore } from './store';

export interface AnswerProblem {
  /** The item concerned; undefined for the email field or the form as a whole. */
  itemId?: number;
  title: string;
  message: string;
}

/**
 * Why a submission was refused: the form is not published, not accepting responses, open only
 * to signed-in accounts of its domain, or some answers were refused.
 */
export type RefusalReason = 'unpublished' | 'closed' | 'loginRequired' | 'answers';

/** A submission the form refused, with what a respondent would see next to each question. */
export class FormSubmissionError extends Error {
  constructor(
    readonly problems: AnswerProblem[],
    readonly reason: RefusalReason = 'answers',
  ) {
    super(`Form response rejected: ${problems.map((p) => `${p.title}: ${p.message}`).join(' | ')}`);
    this.name = 'FormSubmissionError';
  }
}

const RESPONSE_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** Stores a response, writes it to the destination sheet and queues the formSubmit event. */
export function recordResponse(state: WorkspaceState, form: FormRecord, answers: Map<number, AnswerValue>, email: string): ResponseRecord {
  const response: ResponseRecord = {
    // Google's response IDs look like "2_ABaOnud…": opaque, URL-safe.
    id: `2_ABaOnu${state.random.chars(RESPONSE_ID_ALPHABET, 60)}`,
    timestamp: state.now(),
    email,
    answers: form.items.filter((i) => answers.has(i.id)).map((i) => ({ itemId: i.id, value: answers.get(i.id)! })),
  };
  form.responses.push(response);
  const written = writeToDestination(state, form, response);
  state.emit({ type: 'formSubmit', formId: form.id, responseId: response.id, ...(written ?? {}) });
  return response;
}

/**
 * A respondent submits the published form (host side: the Workspace API and the browser UI).
 * `answers` are keyed by item title or item ID; `signedInAs` is the Google account the respondent
 * is signed in to (none: anonymous). Refused as Google refuses it: a form that is not published
 * ("forms need to be published before sharing with responders", forms/api/guides/publish-form),
 * one not accepting responses, one requiring sign-in to the owner's domain (form#setRequireLogin)
 * for someone outside it; then as the form UI would: a required question unanswered, an option
 * that is not offered, a failed validation.
 */
export function submitFormResponse(
  state: WorkspaceState,
  formId: string,
  answers: Record<string, string | string[]>,
  options: { email?: string; signedInAs?: string } = {},
): { responseId: string } {
  const form = formsStore(state).get(formId);
  if (!form) throw new Error(`no form with ID ${formId}`);
  if (!isPublishedForm(form)) {
    throw new FormSubmissionError([{ title: form.title, message: `El formulario «${form.title}» no está publicado: no acepta respuestas.` }], 'unpublished');
  }
  if (!form.acceptingResponses) {
    throw new FormSubmissionError(
      [{ title: form.title, message: form.customClosedFormMessage || `El formulario «${form.title}» ya no acepta respuestas.` }],
      'closed',
    );
  }
  if (form.requireLogin === true && !inOwnersDomain(form, options.signedInAs)) {
    const domain = form.owner.split('@')[1] ?? '';
    throw new FormSubmissionError(
      [{ title: form.title, message: `Para responder el formulario «${form.title}» debes iniciar sesión con una cuenta de ${domain}.` }],
      'loginRequired',
    );
  }

  const problems: AnswerProblem[] = [];
  const email = (options.email ?? '').trim();
  if (form.collectEmail) {
    if (email === '') problems.push({ title: 'Correo', message: ANSWER_MESSAGES.required });
    else if (!isValidAddress(email)) problems.push({ title: 'Correo', message: ANSWER_MESSAGES.email });
  }
  if (form.limitOneResponsePerUser && email !== '' && form.responses.some((r) => r.email.toLowerCase() === email.toLowerCase())) {
    problems.push({ title: form.title, message: 'Solo puedes responder este formulario una vez.' });
  }

  const raw = new Map<number, unknown>();
  for (const [key, value] of Object.entries(answers)) {
    const item = form.items.find((i) => String(i.id) === key) ?? form.items.find((i) => i.title === key);
    if (!item || !QUESTION_TYPES.has(item.type)) {
      problems.push({ title: key, message: 'Esta pregunta no existe en el formulario.' });
      continue;
    }
    raw.set(item.id, value);
  }

  const accepted = new Map<number, AnswerValue>();
  for (const item of form.items.filter((i) => QUESTION_TYPES.has(i.type))) {
    const judged = judgeAnswer(item, raw.get(item.id));
    if (!judged.ok) problems.push({ itemId: item.id, title: item.title, message: judged.message });
    else if (judged.value !== undefined) accepted.set(item.id, judged.value);
  }
  if (problems.length) throw new FormSubmissionError(problems);

  const response = recordResponse(state, form, accepted, form.collectEmail ? email : '');
  return { responseId: response.id };
}
