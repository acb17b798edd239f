/**
 * «Módulos» and «Nuevo módulo» (B01) in the "Programación Talleres Masivos" spreadsheet: the list
 * of modules with their sessions and state, and the form to create or edit one, with a
 * repeatable block of sessions. The server checks everything and answers per field; its messages
 * are shown next to each field. Data always goes into the page as text (./dom.ts).
 */
import type { ModuleField, ModuleInput, ModulesView, ModuleView, SaveModuleResult, SessionField, SessionInput } from '../src/api';
import { clear, el, h, nextId } from './dom';
import { M } from './messages';
import { busy, call, hideError, showError } from './server';
import { speakerControls } from './workshops-speakers';
import { directionControls } from './workshops-direction';
import { forgetDetails, moduleDetailBlock, setRegistrantAction, stageSummary } from './workshops-panel';
import { annulButton, registrationControls } from './workshops-registration';
import { factSheetControls } from './workshops-files';
import { invitationControls } from './workshops-invitations';
import { silnetControls } from './workshops-silnet';
import { closingControls } from './workshops-closing';
import { reportControls } from './workshops-report';
import { certificateControls } from './workshops-certificates';
import { sessionControls } from './workshops-session';

const T = M.modules;

/** Module fields of the form by the field the server names. */
const FIELDS: Record<Exclude<ModuleField, 'sessions'>, string> = {
  name: 'mod-name',
  year: 'mod-year',
  quarter: 'mod-quarter',
  audience: 'mod-audience',
  capacity: 'mod-capacity',
  minSessions: 'mod-min',
  whatsappUrl: 'mod-whatsapp',
  objective: 'mod-objective',
};
const SESSION_FIELDS: readonly SessionField[] = ['topic', 'date', 'startTime', 'endTime', 'speaker', 'speakerEmail'];
const SESSION_LABELS: Record<SessionField, string> = {
  topic: T.topic,
  date: T.date,
  startTime: T.start,
  endTime: T.end,
  speaker: T.speaker,
  speakerEmail: T.speakerEmail,
};
const SESSION_TYPES: Record<SessionField, string> = {
  topic: 'text',
  date: 'date',
  startTime: 'time',
  endTime: 'time',
  speaker: 'text',
  speakerEmail: 'email',
};

let view: ModulesView | null = null;
/** The module being edited (null: a new one), and the new one's request key (a retry finds its module). */
let editing: ModuleView | null = null;
let requestId = '';
let show: (v: 'modulos' | 'modulo') => void = () => undefined;

// ---------------------------------------------------------------------------- the live region

function say(text: string, tone: 'ok' | 'error'): void {
  const box = el('modules-message');
  box.className = `live-message notice notice-${tone}`;
  box.textContent = text;
}

function silence(): void {
  const box = el('modules-message');
  box.className = 'live-message';
  box.textContent = '';
}

// ---------------------------------------------------------------------------- the list

function sessionText(s: ModuleView['sessions'][number]): string {
  const [y, m, d] = s.date.split('-');
  const when = `${d}/${m}/${y} ${T.timeRange(s.startTime, s.endTime)}`;
  return T.sessionLine(s.number, s.topic, when, s.speaker);
}

function moduleItem(m: ModuleView): HTMLLIElement {
  const edit = m.editable
    ? h('button', { class: 'secondary small', text: T.edit, attrs: { type: 'button', 'aria-label': T.editLabel(m.name) } })
    : null;
  edit?.addEventListener('click', () => openForm(m));
  const sessions = h('ol', { class: 'module-sessions', attrs: { 'aria-label': T.sessionsLabel } });
  for (const s of m.sessions) sessions.appendChild(h('li', { text: sessionText(s) }));
  return h(
    'li',
    { class: 'module', attrs: { 'data-id': m.id } },
    h('div', { class: 'title-row' }, h('h3', { class: 'module-name', text: m.name }), h('span', { class: 'chip module-state', text: m.status })),
    h('p', { class: 'module-quarter', text: `${T.quarter(m.quarter, m.year)} · ${m.dates}` }),
    stageSummary(m),
    h('p', { class: 'help', text: T.summary(m.sessions.length, m.capacity, m.registrations.confirmed) }),
    m.attendanceRule ? h('p', { class: 'help', text: T.certificate(m.attendanceRule) }) : null,
    sessions,
    speakerControls(m, loadModules, say),
    directionControls(m, replaceModule, say),
    factSheetControls(m, replaceModule, say),
    invitationControls(m, say),
    edit,
    m.editable ? null : h('p', { class: 'help module-locked', text: m.notEditable }),
    moduleDetailBlock(
      m,
      // Hook points of the module's detail (B05): one line each, e.g. the invitations
      // (sidebar/workshops-invitations.ts) and the ficha técnica / banner upload (sidebar/workshops-files.ts).
      registrationControls(m, () => void loadModules(), say),
      // Issue 12 (i12-silnet): B10 Silnet and WhatsApp, B11 the closing's order.
      silnetControls(m, say),
      closingControls(m, say),
      // Issue 13 (i13-report): B12 the consolidation and the report to the Dirección.
      reportControls(m, say),
      // Issue 13 (i13-certs): B12 certificates.
      certificateControls(m, say),
      // B06–B09: the session screen (sidebar/workshops-session.ts).
      sessionControls(m, say),
    ),
  );
}

/** B03/B04: the server answered with the module as it is now; the list shows it without another call. */
function replaceModule(m: ModuleView, message: string): void {
  if (view) view = { ...view, modules: view.modules.map((x) => (x.id === m.id ? m : x)) };
  renderList();
  if (message) say(message, 'ok');
}

const QUARTER_ORDER = ['I', 'II', 'III', 'IV'];

/** The server's order: year, quarter, then the first session. */
function byWhen(a: ModuleView, b: ModuleView): number {
  const first = (m: ModuleView) => (m.sessions[0] ? `${m.sessions[0].date} ${m.sessions[0].startTime}` : '9999');
  return a.year - b.year || QUARTER_ORDER.indexOf(a.quarter) - QUARTER_ORDER.indexOf(b.quarter) || first(a).localeCompare(first(b));
}

function renderList(): void {
  const list = el('modules-list');
  clear(list);
  const v = view;
  if (!v) return;
  for (const m of v.modules) list.appendChild(moduleItem(m));
  el('modules-counts').textContent = v.ready && v.modules.length > 0 ? T.counts(v.counts.modules, v.counts.sessions, v.counts.drafts) : '';
  const empty = el('modules-empty');
  empty.textContent = v.message;
  empty.hidden = v.message === '';
  el('modules-new').hidden = !v.ready;
}

/** Reads the modules (one call) and shows the list; the answer also says this spreadsheet's role. */
export async function loadModules(): Promise<ModulesView | null> {
  hideError();
  try {
    const v = await busy(T.loading, () => call('getModules'));
    if (!v) throw new Error(M.unknownError);
    view = v;
    forgetDetails();
    renderList();
    return v;
  } catch (e) {
    showError(e, () => void loadModules());
    return null;
  }
}

export function renderModules(): void {
  renderList();
}

// ---------------------------------------------------------------------------- the form

function input(id: string): HTMLInputElement | HTMLSelectElement {
  return el<HTMLInputElement | HTMLSelectElement>(id);
}

function sessionRows(): HTMLFieldSetElement[] {
  return Array.from(el('mod-sessions-list').querySelectorAll<HTMLFieldSetElement>('fieldset.session-row'));
}

function renumber(): void {
  sessionRows().forEach((row, i) => {
    row.querySelector('legend')!.textContent = T.session(i + 1);
    row.querySelector('button.session-remove')!.setAttribute('aria-label', T.removeLabel(i + 1));
  });
}

/** One session's controls: each with its label and its problem line. */
function addSessionRow(s: Partial<SessionInput> = {}): HTMLFieldSetElement {
  const row = h('fieldset', { class: 'session-row' }, h('legend', { text: '' }));
  for (const field of SESSION_FIELDS) {
    const id = nextId(`ses-${field}`);
    const control = h('input', { id, attrs: { type: SESSION_TYPES[field], name: field, autocomplete: 'off', 'aria-describedby': `${id}-problem` } });
    if (field === 'startTime' || field === 'endTime') control.step = '300';
    control.value = String(s[field] ?? '');
    control.dataset.field = field;
    row.appendChild(
      h(
        'div',
        { class: 'field' },
        h('label', { text: SESSION_LABELS[field], attrs: { for: id } }),
        control,
        h('p', { id: `${id}-problem`, class: 'field-problem', attrs: { hidden: '' } }),
      ),
    );
  }
  const remove = h('button', { class: 'secondary small session-remove', text: T.remove, attrs: { type: 'button' } });
  remove.addEventListener('click', () => {
    row.remove();
    renumber();
    (el('mod-add-session') as HTMLButtonElement).focus();
  });
  row.appendChild(h('div', { class: 'buttons' }, remove));
  el('mod-sessions-list').appendChild(row);
  renumber();
  return row;
}

function randomKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function clearProblems(): void {
  el('module-form').querySelectorAll<HTMLElement>('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
  el('module-form').querySelectorAll<HTMLElement>('.field-problem').forEach((p) => {
    p.textContent = '';
    p.hidden = true;
  });
  el('module-problem').hidden = true;
}

function markProblem(control: HTMLElement, problemId: string, text: string): void {
  control.setAttribute('aria-invalid', 'true');
  const p = el(problemId);
  p.textContent = text;
  p.hidden = false;
}

function showProblems(r: Extract<SaveModuleResult, { ok: false }>): void {
  let first: HTMLElement | null = null;
  for (const [field, id] of Object.entries(FIELDS) as [keyof typeof FIELDS, string][]) {
    const text = r.errors.fields[field];
    if (!text) continue;
    markProblem(el(id), `${id}-problem`, text);
    first = first ?? el(id);
  }
  if (r.errors.fields.sessions) {
    markProblem(el('mod-sessions'), 'mod-sessions-problem', r.errors.fields.sessions);
    first = first ?? el<HTMLButtonElement>('mod-add-session');
  }
  sessionRows().forEach((row, i) => {
    const errors = r.errors.sessions[i] ?? {};
    for (const field of SESSION_FIELDS) {
      const text = errors[field];
      if (!text) continue;
      const control = row.querySelector<HTMLInputElement>(`input[data-field="${field}"]`)!;
      markProblem(control, `${control.id}-problem`, text);
      first = first ?? control;
    }
  });
  const general = el('module-problem');
  general.textContent = r.message || T.fixFields;
  general.hidden = false;
  (first ?? general).focus();
}

function openForm(m: ModuleView | null): void {
  hideError();
  silence();
  editing = m;
  requestId = m ? '' : randomKey();
  const form = el<HTMLFormElement>('module-form');
  form.reset();
  clearProblems();
  clear(el('mod-sessions-list'));
  el('module-form-title').textContent = m ? T.editTitle(m.name) : T.newTitle;
  const today = view?.today ?? '';
  const [year] = today.split('-');
  input(FIELDS.name).value = m?.name ?? '';
  input(FIELDS.year).value = m ? String(m.year) : year ?? '';
  input(FIELDS.quarter).value = m?.quarter || 'I';
  input(FIELDS.audience).value = m?.audience ?? '';
  input(FIELDS.capacity).value = m ? String(m.capacity) : '';
  input(FIELDS.minSessions).value = m ? String(m.minSessions) : '';
  input(FIELDS.whatsappUrl).value = m?.whatsappUrl ?? '';
  input(FIELDS.objective).value = m?.objective ?? '';
  if (m && m.sessions.length > 0) for (const s of m.sessions) addSessionRow(s);
  else addSessionRow();
  show('modulo');
}

function collect(): ModuleInput {
  const value = (id: string) => input(id).value.trim();
  const sessions: SessionInput[] = sessionRows().map((row) => {
    const s: SessionInput = {};
    for (const field of SESSION_FIELDS) s[field] = row.querySelector<HTMLInputElement>(`input[data-field="${field}"]`)!.value.trim();
    return s;
  });
  return {
    ...(editing ? { id: editing.id } : { requestId }),
    name: value(FIELDS.name),
    year: value(FIELDS.year),
    quarter: value(FIELDS.quarter),
    audience: value(FIELDS.audience),
    capacity: value(FIELDS.capacity),
    minSessions: value(FIELDS.minSessions),
    whatsappUrl: value(FIELDS.whatsappUrl),
    objective: value(FIELDS.objective),
    sessions,
  };
}

async function submit(): Promise<void> {
  hideError();
  clearProblems();
  try {
    const r = await busy(T.saving, () => call('saveModule', collect()));
    if (!r) throw new Error(M.unknownError);
    if (!r.ok) return showProblems(r);
    // The answer carries the module as it is now: the list is updated without another call.
    if (view) {
      const others = view.modules.filter((x) => x.id !== r.module.id);
      const modules = [...others, r.module].sort(byWhen);
      view = {
        ...view,
        message: '',
        modules,
        counts: {
          modules: modules.length,
          sessions: modules.reduce((n, x) => n + x.sessions.length, 0),
          drafts: modules.filter((x) => x.status === 'Borrador').length,
        },
      };
    }
    editing = null;
    show('modulos');
    renderList();
    say(r.message, 'ok');
  } catch (e) {
    showError(e, null);
  }
}

export function initModules(showView: (v: 'modulos' | 'modulo') => void): void {
  // B05: a registrant who holds or waits for a place can be annulled (the place goes to the next in line).
  setRegistrantAction((r) => (r.status === 'Inscrito' || r.status === 'En lista de espera' ? annulButton(r.id, r.name, () => void loadModules(), say) : null));
  show = showView;
  el('module-problem').tabIndex = -1;
  el('modules-new').addEventListener('click', () => openForm(null));
  el('modules-refresh').addEventListener('click', () => {
    silence();
    void loadModules();
  });
  el('mod-add-session').addEventListener('click', () => {
    const row = addSessionRow();
    row.querySelector<HTMLInputElement>('input')!.focus();
  });
  el('module-cancel').addEventListener('click', () => {
    editing = null;
    show('modulos');
  });
  el<HTMLFormElement>('module-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    void submit();
  });
}
