/**
 * The panel's shell: status of this spreadsheet and its setup form. Later capabilities add their
 * views here. Talks to the server only through `call` (google.script.run); data is always put
 * into the page with textContent, never as HTML.
 */
import type { Role, RoleOption, ServerApi, SetupResult, SetupStatus } from '../src/api';
import { M } from './messages';

// ---------------------------------------------------------------------------- server calls

interface ScriptRun {
  withSuccessHandler(f: (value: unknown) => void): ScriptRun;
  withFailureHandler(f: (error: unknown) => void): ScriptRun;
  [fn: string]: unknown;
}

declare global {
  interface Window {
    google?: { script?: { run?: ScriptRun } };
  }
}

/** One google.script.run call as a promise; rejects with an Error whose message a person can read. */
export function call<N extends keyof ServerApi>(name: N, ...args: Parameters<ServerApi[N]>): Promise<ReturnType<ServerApi[N]>> {
  return new Promise((resolve, reject) => {
    const run = window.google?.script?.run;
    if (!run) {
      reject(new Error(M.notInSheets));
      return;
    }
    const runner = run
      .withSuccessHandler((value) => resolve(value as ReturnType<ServerApi[N]>))
      .withFailureHandler((error) => reject(error instanceof Error ? error : new Error(String(error ?? M.unknownError))));
    (runner[name] as (...a: unknown[]) => void)(...args);
  });
}

// ---------------------------------------------------------------------------- page helpers

function el<T extends HTMLElement = HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`missing #${id}`);
  return e as T;
}

function clear(node: HTMLElement): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

function listInto(list: HTMLElement, items: readonly string[]): void {
  clear(list);
  for (const text of items) {
    const li = document.createElement('li');
    li.textContent = text;
    list.appendChild(li);
  }
}

let pending = 0;

/** Shows the spinner while `work` runs; buttons are disabled so a click is not sent twice. */
async function busy<T>(text: string, work: () => Promise<T>): Promise<T> {
  pending++;
  el('loading-text').textContent = text;
  el('loading').hidden = false;
  setButtonsDisabled(true);
  try {
    return await work();
  } finally {
    pending--;
    if (pending === 0) {
      el('loading').hidden = true;
      setButtonsDisabled(false);
    }
  }
}

function setButtonsDisabled(disabled: boolean): void {
  document.querySelectorAll<HTMLButtonElement>('main button').forEach((b) => {
    if (b.id !== 'error-retry') b.disabled = disabled;
  });
}

let retry: (() => void) | null = null;

function showError(error: unknown, again: (() => void) | null): void {
  const message = error instanceof Error && error.message ? error.message : M.unknownError;
  el('error-title').textContent = M.errorTitle;
  el('error-text').textContent = message;
  retry = again;
  el('error-retry').hidden = again === null;
  el('error').hidden = false;
  el('error').focus();
}

function hideError(): void {
  el('error').hidden = true;
  retry = null;
}

type View = 'inicio' | 'configuracion';

function showView(view: View): void {
  el('view-inicio').hidden = view !== 'inicio';
  el('view-configuracion').hidden = view !== 'configuracion';
  const heading = el(view === 'inicio' ? 'status-title' : 'setup-title');
  heading.tabIndex = -1;
  heading.focus();
}

// ---------------------------------------------------------------------------- status view

function renderStatus(s: SetupStatus): void {
  el('sheet-name').textContent = s.spreadsheetName;
  el('footer-text').textContent = M.version(s.version);
  const facts = el('status-list');
  clear(facts);
  const add = (label: string, value: string) => {
    const dt = document.createElement('dt');
    dt.textContent = label;
    const dd = document.createElement('dd');
    dd.textContent = value || M.none;
    facts.append(dt, dd);
  };
  add(M.facts.role, s.roleLabel ?? '');
  add(M.facts.sibling, s.siblingId);
  add(M.facts.tasksOwner, s.tasksOwner);
  add(M.facts.lastSetup, s.lastSetupAt);
  add(M.facts.user, s.userEmail);
  el('status-message').textContent = s.missingTabs.length
    ? M.missingTabs(s.missingTabs)
    : s.configured
      ? M.configured
      : M.notConfigured;
  renderSetupForm(s);
}

function renderSetupForm(s: SetupStatus): void {
  const box = el('role-options');
  clear(box);
  s.roleOptions.forEach((option: RoleOption) => {
    const label = document.createElement('label');
    const input = document.createElement('input');
    input.type = 'radio';
    input.name = 'role';
    input.value = option.value;
    input.checked = s.role === option.value;
    const title = document.createElement('span');
    title.className = 'choice-title';
    title.textContent = ' ' + option.label;
    const description = document.createElement('span');
    description.className = 'choice-description';
    description.textContent = option.description;
    label.append(input, title, description);
    box.appendChild(label);
  });
  const sibling = el<HTMLInputElement>('sibling');
  if (!sibling.value) sibling.value = s.siblingId;
  const other = s.tasksOwner !== '' && s.userEmail !== '' && s.tasksOwner !== s.userEmail;
  el('takeover-field').hidden = !other;
  el('takeover-help').textContent = other ? M.takeoverHelp(s.tasksOwner) : '';
}

async function loadStatus(): Promise<SetupStatus | null> {
  hideError();
  try {
    const s = await busy(M.loadingStatus, () => call('getSetupStatus'));
    renderStatus(s);
    return s;
  } catch (e) {
    showError(e, () => void loadStatus());
    return null;
  }
}

// ---------------------------------------------------------------------------- setup view

function renderResult(r: SetupResult): void {
  el('result-summary').textContent = r.summary;
  el('changes-title').hidden = r.changes.length === 0;
  listInto(el('result-changes'), r.changes);
  el('warnings-title').hidden = r.warnings.length === 0;
  listInto(el('result-warnings'), r.warnings);
  el('setup-result').hidden = false;
}

async function submitSetup(): Promise<void> {
  hideError();
  el('setup-result').hidden = true;
  const problem = el('form-problem');
  const chosen = document.querySelector<HTMLInputElement>('input[name="role"]:checked');
  if (!chosen) {
    problem.textContent = M.chooseRole;
    problem.hidden = false;
    document.querySelector<HTMLInputElement>('input[name="role"]')?.focus();
    return;
  }
  problem.hidden = true;
  const role = chosen.value as Role;
  const sibling = el<HTMLInputElement>('sibling').value.trim();
  const takeOverTriggers = el<HTMLInputElement>('takeover').checked;
  try {
    const result = await busy(M.settingUp, () => call('setupSpreadsheet', role, sibling, { takeOverTriggers }));
    renderResult(result);
    el('result-summary').focus();
    await loadStatus();
  } catch (e) {
    // The form stays filled in: the person corrects it and presses "Configurar" again.
    showError(e, null);
  }
}

// ---------------------------------------------------------------------------- start

function start(): void {
  el('error').tabIndex = -1;
  el('result-summary').tabIndex = -1;
  el('error-retry').addEventListener('click', () => retry?.());
  el('go-setup').addEventListener('click', () => showView('configuracion'));
  el('setup-back').addEventListener('click', () => showView('inicio'));
  el<HTMLFormElement>('setup-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    void submitSetup();
  });
  const initial = document.body.getAttribute('data-initial-view') === 'configuracion' ? 'configuracion' : 'inicio';
  void loadStatus().then((s) => showView(initial === 'configuracion' || (s !== null && !s.configured) ? 'configuracion' : 'inicio'));
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
