import type { ExecutionRecord } from '../core/execution';
import { uiStore } from '../core/ui-store';
import { FormSubmissionError, formsStore, parsePrefilledUrl, type AnswerProblem } from '../services/forms';
import { sheetsStore } from '../services/sheets';
import type { Workspace } from '../workspace';
import { parseWebAppUrl, type WebAppResponse } from '../services/webapp';
import { executionView, type ExecutionView, type MessageView } from './snapshot';

/**
 * What a person can do from the browser UI, each as one call on the Workspace scripting API.
 * Every action reports the executions it caused and the alerts/toasts the script showed, so
 * the page can show them at once.
 */
export class BadRequest extends Error {}

export interface ActionEffects {
  executions: ExecutionView[];
  messages: (MessageView & { spreadsheetId: string })[];
}

/** Runs `fn` and collects the executions and UI messages it caused. */
export function withEffects<T extends object>(ws: Workspace, fn: () => T): T & ActionEffects {
  const execs = ws.state.executions;
  const lastBefore: ExecutionRecord | undefined = execs[execs.length - 1];
  const ui = uiStore(ws.state);
  const messagesBefore = ui.messages.length;
  const result = fn();
  const all = ws.state.executions;
  const from = lastBefore ? all.lastIndexOf(lastBefore) + 1 : 0;
  return {
    ...result,
    executions: all.slice(from).map((e) => executionView(ws, e)),
    messages: ui.messages.slice(messagesBefore).map((m) => ({ spreadsheetId: m.spreadsheetId, kind: m.kind, title: m.title, message: m.message, at: m.at })),
  };
}

function str(body: Record<string, unknown>, key: string): string {
  const v = body[key];
  if (typeof v !== 'string' || v === '') throw new BadRequest(`falta «${key}»`);
  return v;
}

function requireSpreadsheet(ws: Workspace, id: string): void {
  if (!sheetsStore(ws.state).spreadsheet(id)) throw new BadRequest(`no existe la hoja de cálculo ${id}`);
}

/** A person opens the spreadsheet: onOpen runs (it adds the custom menus). */
export function openSpreadsheet(ws: Workspace, body: Record<string, unknown>) {
  const id = str(body, 'spreadsheetId');
  requireSpreadsheet(ws, id);
  return withEffects(ws, () => {
    ws.openSpreadsheet(id);
    return { ok: true };
  });
}

/** A click on a custom menu item, by caption. */
export function clickMenu(ws: Workspace, body: Record<string, unknown>) {
  const id = str(body, 'spreadsheetId');
  const caption = str(body, 'caption');
  requireSpreadsheet(ws, id);
  if (!ws.menus(id).some((m) => m.items.some((i) => 'caption' in i && i.caption === caption))) {
    throw new BadRequest(`no hay un elemento de menú «${caption}»`);
  }
  return withEffects(ws, () => {
    const outcome = ws.clickMenu(id, caption);
    return outcome.error !== undefined ? { ok: false, error: outcome.error } : { ok: true };
  });
}

/** `google.script.run.<functionName>(...args)` from the sidebar or a dialog of that spreadsheet. */
export function runFromClient(ws: Workspace, body: Record<string, unknown>) {
  const id = str(body, 'spreadsheetId');
  const functionName = str(body, 'functionName');
  const args = body.args === undefined ? [] : body.args;
  if (!Array.isArray(args)) throw new BadRequest('«args» debe ser una lista');
  requireSpreadsheet(ws, id);
  return withEffects(ws, () => {
    let result;
    try {
      result = ws.callFromSidebar(id, functionName, args);
    } catch (e) {
      // The call never reached the script (e.g. no project bound): the page's failure handler gets it.
      return { ok: false as const, error: e instanceof Error ? e.message : String(e) };
    }
    return result.ok
      ? { ok: true as const, value: result.value, executionId: result.execution.id }
      : { ok: false as const, error: result.error, executionId: result.execution.id };
  });
}

/** Advances the virtual clock to a wall time (`to`, in the workspace's zone) or by `minutes`. */
export function advanceClock(ws: Workspace, body: Record<string, unknown>) {
  const minutes = body.minutes;
  const to = body.to;
  return withEffects(ws, () => {
    if (typeof minutes === 'number' && Number.isFinite(minutes) && minutes > 0) {
      ws.advanceBy(Math.round(minutes * 60_000));
    } else if (typeof to === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(to)) {
      const target = ws.wallTime(to);
      if (target < ws.state.now()) throw new BadRequest('el reloj virtual no retrocede: elija una hora posterior a la actual');
      ws.advanceTo(to);
    } else {
      throw new BadRequest('indique «to» (AAAA-MM-DDTHH:MM) o «minutes» (> 0)');
    }
    return { ok: true };
  });
}

/**
 * A citizen submits a form (answers by item ID), as an anonymous respondent; refused answers
 * come back per question, a refused form (not published, closed, sign-in required) as one problem
 * with its `reason`.
 */
export function submitForm(ws: Workspace, body: Record<string, unknown>) {
  const formId = str(body, 'formId');
  const form = formsStore(ws.state).get(formId);
  if (!form) throw new BadRequest(`no existe el formulario ${formId}`);
  const raw = body.answers;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new BadRequest('«answers» debe ser un objeto');
  const answers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof v === 'string') answers[k] = v;
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) answers[k] = v as string[];
    else throw new BadRequest(`respuesta no válida para ${k}`);
  }
  const email = typeof body.email === 'string' ? body.email : undefined;
  return withEffects(ws, () => {
    try {
      const { responseId } = ws.submitForm(formId, answers, email !== undefined ? { email } : {});
      return { ok: true as const, responseId, confirmationMessage: form.confirmationMessage || 'Se registró tu respuesta.' };
    } catch (e) {
      if (e instanceof FormSubmissionError) return { ok: false as const, reason: e.reason, problems: e.problems as AnswerProblem[] };
      throw e;
    }
  });
}

/** A person types a value into a cell (as typed input: "=" starts a formula). */
export function enterCell(ws: Workspace, body: Record<string, unknown>) {
  const id = str(body, 'spreadsheetId');
  const sheet = str(body, 'sheet');
  const row = Number(body.row);
  const column = Number(body.column);
  const value = body.value;
  if (!Number.isInteger(row) || !Number.isInteger(column) || row < 1 || column < 1) throw new BadRequest('celda no válida');
  if (typeof value !== 'string') throw new BadRequest('«value» debe ser texto');
  requireSpreadsheet(ws, id);
  try {
    // As the signed-in person: sharing and protections apply; a warning-only protection asks
    // first, as Sheets' dialog does (the page resends with confirmWarning).
    sheetsStore(ws.state).typeInto(id, sheet, row, column, value, ws.state.user, body.confirmWarning === true);
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    return { ok: false, error, warning: /confirmWarning/.test(error) };
  }
  return { ok: true };
}

/** A form link (published, prefilled, edit or forms.gle): which form, with which answers. */
export function resolveFormUrl(ws: Workspace, url: string): { formId: string; answers: Record<string, string | string[]> } {
  try {
    return parsePrefilledUrl(ws.state, url);
  } catch {
    throw new BadRequest('ese enlace no corresponde a ningún formulario de este espacio de trabajo');
  }
}

/** Names of the functions `google.script.run` exposes: top-level functions not ending in "_" (private). */
export function clientFunctionNames(ws: Workspace, spreadsheetId: string): string[] {
  const project = ws.state.projectForContainer(spreadsheetId);
  return project ? publicFunctions(project.files.code) : [];
}

/** The same for the project a web-app URL serves. */
export function webAppFunctionNames(ws: Workspace, url: string): string[] {
  const req = parseWebAppUrl(url);
  const d = req && ws.webApps().find((x) => x.deploymentId === req.deploymentId);
  const project = d && ws.state.projects.get(d.projectId);
  return project ? publicFunctions(project.files.code) : [];
}

function publicFunctions(code: string): string[] {
  const names = new Set<string>();
  for (const m of code.matchAll(/^(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)\s*\(/gm)) {
    if (!m[1].endsWith('_')) names.add(m[1]);
  }
  return [...names];
}

/**
 * Someone opens a web-app URL (a link in an email, a form in a web app page): one doGet/doPost
 * execution. `user`: the visitor's account, '' or null for someone not signed in.
 */
export function openWebApp(ws: Workspace, body: Record<string, unknown>) {
  const url = str(body, 'url');
  const user = typeof body.user === 'string' && body.user.trim() !== '' ? body.user.trim() : null;
  const method = body.method === 'POST' ? 'POST' : 'GET';
  const payload = typeof body.body === 'string' ? body.body : undefined;
  const contentType = typeof body.contentType === 'string' ? body.contentType : undefined;
  if (!parseWebAppUrl(url)) throw new BadRequest('ese enlace no es la URL de una app web (https://script.google.com/macros/s/…/exec)');
  let response: WebAppResponse | undefined;
  const effects = withEffects(ws, () => {
    response = ws.openWebApp(url, { method, user, ...(payload !== undefined ? { body: payload } : {}), ...(contentType ? { contentType } : {}) });
    return {};
  });
  return { response: response!, effects };
}

/** A guest answers an event's invitation from the calendar view. */
export function respondToEvent(ws: Workspace, body: Record<string, unknown>) {
  const calendarId = str(body, 'calendarId');
  const eventId = str(body, 'eventId');
  const email = str(body, 'email');
  const response = str(body, 'response');
  if (response !== 'accepted' && response !== 'declined' && response !== 'tentative') throw new BadRequest('la respuesta es accepted, declined o tentative');
  try {
    ws.respondToEvent({ calendarId, eventId }, email, response);
  } catch (e) {
    throw new BadRequest(e instanceof Error ? e.message : String(e));
  }
  return { ok: true, executions: [], messages: [] };
}

/** `google.script.run.<functionName>(...args)` from a page a web app served, as its visitor (`user`; '' = not signed in). */
export function runFromWebApp(ws: Workspace, body: Record<string, unknown>) {
  const url = str(body, 'url');
  const functionName = str(body, 'functionName');
  const user = typeof body.user === 'string' && body.user.trim() !== '' ? body.user.trim() : null;
  const args = body.args === undefined ? [] : body.args;
  if (!Array.isArray(args)) throw new BadRequest('«args» debe ser una lista');
  return withEffects(ws, () => {
    let result;
    try {
      result = ws.callFromWebApp(url, functionName, args, { user });
    } catch (e) {
      return { ok: false as const, error: e instanceof Error ? e.message : String(e) };
    }
    return result.ok
      ? { ok: true as const, value: result.value, executionId: result.execution.id }
      : { ok: false as const, error: result.error, executionId: result.execution.id };
  });
}
