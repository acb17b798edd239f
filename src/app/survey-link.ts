/**
 * The citizen's survey link (A06): the form's published link with the appointment code and its
 * token (an HMAC of the code with the spreadsheet's secret, app/signing.ts) prefilled. The token
 * is what lets the response be linked: the form is public and codes are sequential.
 *
 * Building it through FormApp costs about a second per email (open the form, list its questions,
 * make a draft response). The link differs from one appointment to the next only in the code, so
 * setup builds it once for a placeholder code and keeps it in document properties; each email
 * swaps in its code. The template names its form: a form made again by setup (new ID) is never
 * served an old form's link, and setup rebuilds the template every time it runs (a repaired code
 * question has a new entry). Without a template (a spreadsheet set up by an older version) the
 * link is built through FormApp, as before. A template without the token placeholder (saved by a
 * version before tokens) is never used.
 */
import { SURVEY_CODE_QUESTION, SURVEY_TOKEN_QUESTION } from '../domain/survey-form';
import type { Forms, KeyValueStore } from '../ports';
import { appointmentSurveyToken } from './signing';

/** Document property holding the template: JSON `{ formId, url }`. */
export const SURVEY_LINK_TEMPLATE_KEY = 'SOE_SURVEY_LINK_TEMPLATE';

/** Stands for the code in the template: letters and digits only, so encoding leaves it as is. */
export const SURVEY_CODE_PLACEHOLDER = 'SOECODIGOPLANTILLA0';
/** Stands for the token in the template. */
export const SURVEY_TOKEN_PLACEHOLDER = 'SOECLAVEPLANTILLA0';

interface Template {
  formId: string;
  url: string;
}

/** A value as Google writes it in a prefill link (form-urlencoded: spaces become '+'). */
function prefillValue(v: string): string {
  return encodeURIComponent(v).replace(/%20/g, '+');
}

function occurrences(text: string, part: string): number {
  return text.split(part).length - 1;
}

/** True when each placeholder appears exactly once, as a value (`=…`). */
function usable(url: string): boolean {
  return [SURVEY_CODE_PLACEHOLDER, SURVEY_TOKEN_PLACEHOLDER].every((p) => occurrences(url, `=${p}`) === 1 && occurrences(url, p) === 1);
}

/**
 * The template for `formId`, or null when the link cannot be templated safely (each placeholder
 * must appear exactly once, as its question's value). Throws as `Forms.prefilledUrl` does when the
 * form or its code question is missing.
 */
export function buildSurveyLinkTemplate(forms: Forms, formId: string): string | null {
  const url = forms.prefilledUrl(formId, { [SURVEY_CODE_QUESTION]: SURVEY_CODE_PLACEHOLDER, [SURVEY_TOKEN_QUESTION]: SURVEY_TOKEN_PLACEHOLDER });
  return usable(url) ? url : null;
}

/** Stores (or clears, when `url` is null) the template of `formId`. */
export function saveSurveyLinkTemplate(properties: KeyValueStore, formId: string, url: string | null): void {
  if (url === null) properties.delete(SURVEY_LINK_TEMPLATE_KEY);
  else properties.setAll({ [SURVEY_LINK_TEMPLATE_KEY]: JSON.stringify({ formId, url } satisfies Template) });
}

function storedTemplate(raw: string | null | undefined, formId: string): string | null {
  if (!raw) return null;
  try {
    const t = JSON.parse(raw) as Partial<Template>;
    return t.formId === formId && typeof t.url === 'string' && usable(t.url) ? t.url : null;
  } catch {
    return null; // a damaged property: build the link the slow way
  }
}

/**
 * The survey link for the appointment `code` (its row's ID), with its token: from the stored
 * template when it is this form's, else through FormApp (which throws when the form or its code
 * question is missing). `props`: the document properties when the caller already read them all
 * (saves a read). The first link ever made creates the signing secret: call it under the lock.
 */
export function surveyLink(deps: { forms: Forms; properties: KeyValueStore }, formId: string, code: string, props?: Readonly<Record<string, string>>): string {
  const token = appointmentSurveyToken(deps.properties, code, props);
  const template = storedTemplate(props ? props[SURVEY_LINK_TEMPLATE_KEY] : deps.properties.get(SURVEY_LINK_TEMPLATE_KEY), formId);
  if (template !== null) {
    // The token first: a code (any text) could hold the token's placeholder; a token (base32hex) cannot hold the code's.
    return template
      .replace(`=${SURVEY_TOKEN_PLACEHOLDER}`, () => `=${prefillValue(token)}`)
      .replace(`=${SURVEY_CODE_PLACEHOLDER}`, () => `=${prefillValue(code)}`);
  }
  return deps.forms.prefilledUrl(formId, { [SURVEY_CODE_QUESTION]: code, [SURVEY_TOKEN_QUESTION]: token });
}
