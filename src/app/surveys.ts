/**
 * The satisfaction survey (A06): the form setup makes, and its responses linked back to the
 * appointments.
 *
 * A response names its appointment by the code prefilled in the citizen's link
 * (`SURVEY_CODE_QUESTION`), and proves the link was the service's by the token prefilled next to
 * it (`SURVEY_TOKEN_QUESTION`, an HMAC of the appointment's ID with the spreadsheet's secret,
 * app/signing.ts): the form is public and codes are sequential. A response without the token (a
 * link sent before tokens existed, or typed by hand) or with a wrong one goes to 'Revisión' for a
 * person and never marks the appointment answered, so a forged answer cannot block the real one.
 * Linking writes 'Encuesta respondida', 'Puntaje encuesta' and the
 * response's ID on the row, under the lock. The response ID is the idempotency key: a response
 * already linked, or already listed in 'Revisión', changes nothing when it is delivered again. A
 * response that cannot be linked — an unknown code, or a code whose appointment already has an
 * answer — is kept in 'Revisión' with all its answers, never dropped.
 *
 * Form responses are the durable queue: `sweepSurveyResponses` (run by the day closing) links any
 * response whose form-submit execution failed.
 */
import { JOB_AUDIT as A, JOB_MESSAGES as M, REVIEW_KINDS } from '../domain/messages/attention-jobs';
import { ensureFormTrigger, ensureProductForm } from './product-form';
import { APPOINTMENTS_TAB, REVIEW_TAB, type AppointmentKey } from '../domain/schema';
import { answersLine, normaliseSurveyCode, readSurvey, SURVEY_FORM } from '../domain/survey-form';
import type { AuditLog, TableSnapshot, Clock, FormAdmin, FormAnswers, Forms, KeyValueStore, Lock, RowChange, Scheduler, Workbooks } from '../ports';
import { cellString, type AppointmentFields } from './appointments/rows';
import { recordReview, type ReviewItem } from './review';
import { SURVEY_TOKEN_REVIEW as TR } from '../domain/messages/survey';
import { surveyTokenMatches } from '../domain/ids';
import { signingSecret } from './signing';
import { buildSurveyLinkTemplate, saveSurveyLinkTemplate } from './survey-link';

export const SURVEY_SUBMIT_HANDLER = 'onSurveySubmit';

/** Document properties of the survey form (the settings rows mirror them for people). */
export const SURVEY_PROPERTY_KEYS = {
  formId: 'SOE_SURVEY_FORM_ID',
  /** When the last sweep read the responses (ISO). */
  sweptAt: 'SOE_SURVEY_SWEPT_AT',
} as const;

/** A sweep reads responses from this long before the previous sweep (a missed closing is still covered). */
export const SWEEP_MARGIN_MS = 7 * 86_400_000;

export interface SurveyDeps {
  workbooks: Workbooks;
  /** Document properties: the signing secret the tokens are checked with. */
  properties: KeyValueStore;
  lock: Lock;
  clock: Clock;
  audit: AuditLog;
}

export interface SurveyLinkResult {
  linked: number;
  forReview: number;
  /** Already linked or already in 'Revisión': nothing to do. */
  unchanged: number;
}

/** Response IDs the sheets already account for: linked on a row, or listed in 'Revisión'. */
function knownResponses(citas: TableSnapshot<AppointmentKey>, reviewRefs: ReadonlySet<string>): Set<string> {
  const known = new Set(reviewRefs);
  for (const r of citas.rows) {
    const id = cellString(r.record.surveyResponseId);
    if (id !== '') known.add(id);
  }
  return known;
}

/**
 * Links responses to their appointments (one read of 'Citas', one write; 'Revisión' is read and
 * written only when a response goes there). Takes the lock; callers may already hold it (`readFresh` false: they just read 'Citas' under it).
 */
export function linkSurveyResponses(deps: SurveyDeps, responses: readonly FormAnswers[], readFresh = true): SurveyLinkResult {
  const result: SurveyLinkResult = { linked: 0, forReview: 0, unchanged: 0 };
  if (responses.length === 0) return result;
  const book = deps.workbooks.current();
  return deps.lock.withLock(() => {
    const citasTable = book.table(APPOINTMENTS_TAB);
    const reviewTable = book.table(REVIEW_TAB);
    const citas = citasTable.read({ fresh: readFresh });
    // Responses linked on a row are known by reading 'Citas'; 'Revisión' is read only when a response
    // is about to go there (a submission that links, the usual case, never needs it). The sweep
    // reads 'Revisión' itself before delivering, so a response it listed there is never linked.
    const known = knownResponses(citas, new Set());
    let reviewRefs: Set<string> | null = null;
    const alreadyInReview = (responseId: string): boolean => {
      reviewRefs ??= new Set(reviewTable.exists() ? reviewTable.read().rows.map((r) => cellString(r.record.reference)) : []);
      return reviewRefs.has(responseId);
    };

    const byCode = new Map<string, string>();
    for (const r of citas.rows) {
      if (r.id === '') continue;
      const id = normaliseSurveyCode(r.id);
      if (!byCode.has(id)) byCode.set(id, r.id);
    }
    for (const r of citas.rows) {
      const code = normaliseSurveyCode(r.record.platformCode);
      if (code !== '' && r.id !== '' && !byCode.has(code)) byCode.set(code, r.id);
    }
    // Read once, and only when a response names an appointment (one property read per execution).
    let signingKey: string | null = null;
    const secret = (): string => (signingKey ??= signingSecret(deps.properties));
    const answeredNow = new Set<string>();
    const changes: RowChange<AppointmentKey>[] = [];
    const review: ReviewItem[] = [];
    const now = deps.clock.now();

    for (const resp of responses) {
      if (known.has(resp.responseId)) {
        result.unchanged++;
        continue;
      }
      known.add(resp.responseId);
      const { code, token, score } = readSurvey(resp.answers);
      const id = byCode.get(normaliseSurveyCode(code));
      const answers = answersLine(resp.answers);
      const row = id ? citas.byId.get(id)! : null;
      // The token is checked before anything else about the row: a forged answer changes nothing.
      const signed = id !== undefined && token !== '' && surveyTokenMatches(secret(), id, token);
      const linkable = row !== null && signed && cellString(row.record.surveyResponseId) === '' && !answeredNow.has(id!);
      if (!linkable && alreadyInReview(resp.responseId)) {
        result.unchanged++;
        continue;
      }
      if (!id || !linkable) {
        // An unknown code, a missing or wrong token, or an appointment already answered: a person decides ('Revisión').
        const [tipo, detail] = !id
          ? [REVIEW_KINDS.surveyUnknownCode, M.surveyUnknownCode(code, resp.responseId, answers)]
          : token === ''
            ? [TR.kindMissing, TR.missing(id, resp.responseId, answers)]
            : !signed
              ? [TR.kindInvalid, TR.invalid(id, resp.responseId, answers)]
              : [REVIEW_KINDS.surveyAlreadyAnswered, M.surveyAlreadyAnswered(id, resp.responseId, answers)];
        review.push({ tipo, referencia: resp.responseId, detalle: detail });
        deps.audit.record({ action: A.surveyForReview, target: resp.responseId, result: 'Por revisar', detail });
        result.forReview++;
        continue;
      }
      answeredNow.add(id);
      const fields: AppointmentFields = {
        surveyAnsweredAt: resp.submittedAt,
        surveyScore: score,
        surveyResponseId: resp.responseId,
        updatedAt: now,
      };
      changes.push({ id, fields });
      deps.audit.record({ action: A.surveyLinked, target: id, result: 'Correcto', detail: M.surveyLinked(id) });
      result.linked++;
    }
    if (changes.length) citasTable.update(changes, { mode: 'span' });
    if (review.length) recordReview(reviewTable, review, now);
    return result;
  });
}

export interface SweepDeps extends SurveyDeps {
  forms: FormAdmin;
}

/**
 * Links every response not yet accounted for (a submission whose handler failed). Reads the
 * responses since the previous sweep (with a margin); responses the sheets already know are
 * skipped by ID without reading their answers.
 */
export function sweepSurveyResponses(deps: SweepDeps, formId: string): SurveyLinkResult {
  if (!formId) return { linked: 0, forReview: 0, unchanged: 0 };
  const book = deps.workbooks.current();
  const now = deps.clock.now();
  const swept = new Date(deps.properties.get(SURVEY_PROPERTY_KEYS.sweptAt) ?? '');
  const since = isNaN(swept.getTime()) ? undefined : new Date(swept.getTime() - SWEEP_MARGIN_MS);
  return deps.lock.withLock(() => {
    const citas = book.table(APPOINTMENTS_TAB).read({ fresh: true });
    const reviewTable = book.table(REVIEW_TAB);
    const reviewRefs = new Set(reviewTable.exists() ? reviewTable.read().rows.map((r) => cellString(r.record.reference)) : []);
    const pending = deps.forms.responses(formId, since, knownResponses(citas, reviewRefs));
    const result = linkSurveyResponses(deps, pending, false);
    deps.properties.setAll({ [SURVEY_PROPERTY_KEYS.sweptAt]: now.toISOString() });
    return result;
  });
}

// ---------------------------------------------------------------------------- the form (setup)

export interface SurveyFormDeps {
  forms: FormAdmin;
  properties: KeyValueStore;
}

export interface SurveyFormState {
  formId: string;
  url: string;
}

/**
 * Makes sure the survey form exists, has every question and sends its responses to this
 * spreadsheet; returns its ID and public link (see app/product-form.ts). `known` is the ID the
 * settings mirror holds, used when the property is missing.
 */
export function ensureSurveyForm(
  deps: SurveyFormDeps,
  spreadsheetId: string,
  known: string,
  change: (action: string, target: string, sentence: string) => void,
): SurveyFormState {
  const form = ensureProductForm(
    deps,
    { definition: SURVEY_FORM, propertyKey: SURVEY_PROPERTY_KEYS.formId, auditCreated: A.surveyFormCreated, auditRepaired: A.surveyFormRepaired },
    spreadsheetId,
    known,
    change,
  );
  refreshSurveyLinkTemplate(deps, form.formId);
  return { formId: form.formId, url: form.url };
}

/**
 * Rebuilds the survey-link template (survey-link.ts) for the form as it is now, so the day's
 * survey emails need no Forms call. Best effort: when it cannot be built the template is removed
 * and each email builds its link through FormApp, as before.
 */
function refreshSurveyLinkTemplate(deps: SurveyFormDeps, formId: string): void {
  // The Forms adapter also makes links; an admin-only double (tests) has no templates.
  const links = deps.forms as FormAdmin & Partial<Forms>;
  if (typeof links.prefilledUrl !== 'function') return;
  let url: string | null = null;
  try {
    url = buildSurveyLinkTemplate(links as Forms, formId);
  } catch {
    url = null; // the code question is unreadable: the emails' own Forms call reports it
  }
  saveSurveyLinkTemplate(deps.properties, formId, url);
}

/**
 * Exactly one form-submit trigger of `onSurveySubmit` on the survey form: installs it when
 * missing, removes repeated ones and those left on an older form.
 */
export function ensureSurveyTrigger(
  scheduler: Scheduler,
  formId: string,
  change: (action: string, target: string, sentence: string) => void,
): void {
  if (ensureFormTrigger(scheduler, SURVEY_SUBMIT_HANDLER, formId)) {
    change(A.surveyTriggerInstalled, SURVEY_SUBMIT_HANDLER, 'Se activó la vinculación automática de las respuestas de la encuesta con sus citas.');
  }
}
