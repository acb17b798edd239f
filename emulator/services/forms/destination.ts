import type { WorkspaceState } from '../../core/state';
import { sheetsStore } from '../sheets';
import { isSpanishLocale } from '../sheets/locale';
import { QUESTION_TYPES, type FormRecord, type ResponseRecord } from './model';

/**
 * A form's response destination. The Sheets store owns the tab ("Respuestas de formulario N",
 * the timestamp column, one column per question title); Forms gives it the column titles after
 * the timestamp — the respondent's email first when the form collects it — and one row per
 * response: the timestamp, then the answers in item order.
 */
export function responseHeaders(state: WorkspaceState, form: FormRecord): string[] {
  const locale = sheetsStore(state).spreadsheet(form.destination?.id ?? '')?.locale ?? 'en_US';
  const email = isSpanishLocale(locale) ? 'Dirección de correo electrónico' : 'Email Address';
  return [...(form.collectEmail ? [email] : []), ...questionItems(form).map((i) => i.title)];
}

/** Timestamp (a Date) first, then each answer; checkbox answers joined with ", " as Forms writes them. */
export function responseRow(form: FormRecord, response: ResponseRecord): unknown[] {
  const byItem = new Map(response.answers.map((a) => [a.itemId, a.value]));
  const cells = questionItems(form).map((i) => {
    const v = byItem.get(i.id);
    if (v === undefined) return '';
    return Array.isArray(v) ? v.join(', ') : v;
  });
  return [new Date(response.timestamp), ...(form.collectEmail ? [response.email] : []), ...cells];
}

function questionItems(form: FormRecord) {
  return form.items.filter((i) => QUESTION_TYPES.has(i.type));
}

/** Links the form to the spreadsheet (creating its response tab); returns the tab's name. */
export function linkDestination(state: WorkspaceState, form: FormRecord, spreadsheetId: string): string {
  form.destination = { type: 'SPREADSHEET', id: spreadsheetId };
  const sheetName = sheetsStore(state).ensureFormResponseSheet(spreadsheetId, form.id, responseHeaders(state, form));
  form.destination.sheetName = sheetName;
  return sheetName;
}

/** Writes one response to the form's destination, if it has one. */
export function writeToDestination(state: WorkspaceState, form: FormRecord, response: ResponseRecord): { spreadsheetId: string; sheetName: string; row: number } | undefined {
  if (!form.destination) return undefined;
  const spreadsheetId = form.destination.id;
  // Re-linked on every write: questions added since get their column, as in Forms.
  linkDestination(state, form, spreadsheetId);
  const { sheetName, row } = sheetsStore(state).appendFormResponse(spreadsheetId, form.id, responseRow(form, response));
  return { spreadsheetId, sheetName, row };
}
