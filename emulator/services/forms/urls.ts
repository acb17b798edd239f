import type { WorkspaceState } from '../../core/state';
import type { AnswerValue, FormRecord, ItemRecord } from './model';
import { formsStore } from './store';

/** The URLs Google Forms gives a form (Form.getPublishedUrl / getEditUrl / FormResponse.toPrefilledUrl). */
export function publishedUrl(form: FormRecord): string {
  return `https://docs.google.com/forms/d/e/${form.publishedId}/viewform`;
}

export function editUrl(form: FormRecord): string {
  return `https://docs.google.com/forms/d/${form.id}/edit`;
}

export function editResponseUrl(form: FormRecord, responseId: string): string {
  return `${publishedUrl(form)}?edit2=${encodeURIComponent(responseId)}`;
}

/** Form-urlencoded as Google writes prefill links: spaces become "+". */
function enc(v: string): string {
  return encodeURIComponent(v).replace(/%20/g, '+');
}

const OTHER = '__other_option__';

/**
 * `<published URL>?usp=pp_url&entry.<id>=<value>` — a checkbox answer repeats its entry once per
 * option; an answer outside the choices of an item with "Other" goes as
 * `entry.<id>=__other_option__&entry.<id>.other_option_response=<text>`.
 */
export function prefilledUrl(form: FormRecord, answers: { item: ItemRecord; value: AnswerValue }[]): string {
  const params: string[] = ['usp=pp_url'];
  for (const { item, value } of answers) {
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (item.otherOption && item.choices && !item.choices.includes(v)) {
        params.push(`entry.${item.entryId}=${OTHER}`, `entry.${item.entryId}.other_option_response=${enc(v)}`);
      } else {
        params.push(`entry.${item.entryId}=${enc(v)}`);
      }
    }
  }
  return `${publishedUrl(form)}?${params.join('&')}`;
}

/**
 * Reads a prefilled link back: which form, and the answers by item ID (as strings, the keys
 * `submitFormResponse` accepts). Checkbox items give arrays.
 */
export function parsePrefilledUrl(state: WorkspaceState, url: string): { formId: string; answers: Record<string, AnswerValue> } {
  const form = formsStore(state).formByPublishedUrl(url);
  if (!form) throw new Error(`not a link to a known form: ${url}`);
  const params = new URL(url).searchParams;
  const answers: Record<string, AnswerValue> = {};
  for (const item of form.items) {
    const raw = params.getAll(`entry.${item.entryId}`);
    if (raw.length === 0) continue;
    const other = params.get(`entry.${item.entryId}.other_option_response`) ?? '';
    const values = raw.map((v) => (v === OTHER ? other : v));
    answers[String(item.id)] = item.type === 'CHECKBOX' ? values : values[0];
  }
  return { formId: form.id, answers };
}
