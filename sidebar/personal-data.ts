/**
 * "Datos personales" (Ley N.° 29733 and D.S. 016-2024-JUS): a consultant types a DNI (or, for
 * invitations and unsubscribes, an email) and sees everything BOTH spreadsheets hold on that
 * person, grouped by where it is, plus what is held elsewhere; then answers the person's request:
 * download it as CSV (access), correct name, email or phone (rectification), or delete it
 * (deletion, confirmed by typing the DNI or email again). Shown in both spreadsheets.
 *
 * One server call per action. Every answer's `message` is read out in the live region; correct
 * and delete answer with the person's data as it is now, which replaces the list. Data goes in
 * as text only (./dom.ts); the CSV is handed over as a Blob behind an <a download> link and, since
 * Chrome may hold back a download started inside the panel's sandboxed frame, also as text in a
 * read-only box with a «Copiar» button (always works: no download, no Drive scope needed).
 */
import type { PersonChangeResult, PersonCorrection, PersonExport, PersonLookupResult, PersonRecordView } from '../src/api';
import { clear, el, h, nextId } from './dom';
import { M } from './messages';
import { busy, call, hideError, showError } from './server';

/** The order of the groups: the sources as the server names them; any other comes after. */
const SOURCE_ORDER = [
  'Citas',
  'Inscripciones',
  'Asistencia',
  'Encuesta de satisfacción',
  'Formulario de inscripción',
  'Invitaciones',
  'Bajas de difusión',
  'Revisión',
  'Revisión (Talleres)',
  'Registro de auditoría',
  'Registro de auditoría (Talleres)',
];
/** The sources whose records are open at first: appointments and registrations, the core of what is held. */
const OPEN_SOURCES = ['Citas', 'Inscripciones'];
/** Where a correction applies (same headers for name, email and phone in both tabs). */
const CORRECTABLE_SOURCES = ['Citas', 'Inscripciones'];
/** The 'Citas' headers (src/domain/schema.ts) that prefill the correction form. */
const CORRECTABLE: Record<keyof PersonCorrection, string> = {
  fullName: 'Nombres y apellidos',
  email: 'Correo',
  phone: 'Celular',
};
const CORRECTION_INPUTS: Record<keyof PersonCorrection, string> = { fullName: 'pd-name', email: 'pd-email', phone: 'pd-phone' };

/** What the screen shows: the last lookup the server answered. */
let current: PersonLookupResult | null = null;
/** The values the correction form started with: only what differs from them is sent. */
let original: Record<keyof PersonCorrection, string> = { fullName: '', email: '', phone: '' };
/** The address of the last exported file, released when it is no longer shown. */
let downloadUrl: string | null = null;

/** '0123 4567' and '01.234.567' are the same DNI; the server applies the same rule. */
export function normaliseDniInput(typed: string): string {
  return typed.replace(/[\s.\u00a0\u202f]/g, '');
}

export function isDni(typed: string): boolean {
  const d = normaliseDniInput(typed);
  return /^\d{8}$/.test(d) && d !== '00000000';
}

/** An address to search invitations and unsubscribes by (the server validates it fully). */
export function isEmailQuery(typed: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(typed.trim());
}

/** What is sent and compared: the DNI without separators, or the address in lower case. */
export function normaliseQuery(typed: string): string {
  return typed.includes('@') ? typed.trim().toLowerCase() : normaliseDniInput(typed);
}

// ---------------------------------------------------------------------------- the live region

type Tone = 'ok' | 'warn' | 'error';

function say(text: string, tone: Tone, focus = true): void {
  const box = el('pd-message');
  box.className = `live-message notice notice-${tone}`;
  box.textContent = text;
  if (focus) box.focus();
}

function silence(): void {
  const box = el('pd-message');
  box.className = 'live-message';
  box.textContent = '';
}

// ---------------------------------------------------------------------------- the list

function fieldList(r: PersonRecordView): HTMLElement {
  if (r.fields.length === 0) return h('p', { class: 'help', text: M.personalData.noFields });
  const dl = h('dl', { class: 'facts compact' });
  for (const f of r.fields) dl.append(h('dt', { text: f.label }), h('dd', { text: f.value }));
  return dl;
}

function recordItem(r: PersonRecordView, open: boolean): HTMLLIElement {
  const details = h(
    'details',
    { class: 'pd-record' },
    h('summary', {}, h('span', { class: 'pd-summary', text: r.summary }), ' ', h('span', { class: 'pd-id', text: M.personalData.recordId(r.id) })),
    fieldList(r),
  );
  details.open = open;
  return h('li', {}, details);
}

function groups(records: readonly PersonRecordView[]): [string, PersonRecordView[]][] {
  const by = new Map<string, PersonRecordView[]>();
  for (const r of records) {
    const list = by.get(r.source) ?? [];
    list.push(r);
    by.set(r.source, list);
  }
  const rank = (s: string) => (SOURCE_ORDER.includes(s) ? SOURCE_ORDER.indexOf(s) : SOURCE_ORDER.length);
  return [...by.entries()].sort((a, b) => rank(a[0]) - rank(b[0]));
}

function renderRecords(records: readonly PersonRecordView[]): void {
  const box = el('pd-records');
  clear(box);
  for (const [source, list] of groups(records)) {
    const title = h('h4', { text: M.personalData.group(source, list.length) });
    const ul = h('ul', { class: 'pd-records', attrs: { 'aria-label': source } });
    for (const r of list) ul.appendChild(recordItem(r, OPEN_SOURCES.includes(source)));
    box.appendChild(h('section', { class: 'pd-group' }, title, ul));
  }
}

/** The values of the person's latest appointment (else registration), to start the form from. */
function correctableValues(records: readonly PersonRecordView[]): Record<keyof PersonCorrection, string> {
  const citas = records.filter((r) => r.source === CORRECTABLE_SOURCES[0]);
  const registrations = records.filter((r) => r.source === CORRECTABLE_SOURCES[1]);
  const last = citas[citas.length - 1] ?? registrations[registrations.length - 1];
  const value = (label: string) => last?.fields.find((f) => f.label === label)?.value ?? '';
  return { fullName: value(CORRECTABLE.fullName), email: value(CORRECTABLE.email), phone: value(CORRECTABLE.phone) };
}

function renderLookup(lookup: PersonLookupResult, showFound: boolean): void {
  current = lookup.ok ? lookup : null;
  closePanels();
  dropDownload();
  if (!lookup.ok) {
    el('pd-results').hidden = true;
    return;
  }
  el('pd-results-title').textContent = M.personalData.resultsTitle(lookup.dni);
  document.querySelectorAll<HTMLElement>('#view-datos .pd-key-kind').forEach((s) => (s.textContent = M.personalData.keyKind(lookup.dni)));
  document.querySelectorAll<HTMLElement>('#view-datos .pd-key-article').forEach((s) => (s.textContent = M.personalData.keyArticle(lookup.dni)));
  document.querySelectorAll<HTMLElement>('#view-datos .pd-dni-text').forEach((s) => (s.textContent = lookup.dni));
  const found = el('pd-found');
  found.textContent = lookup.message;
  found.hidden = !showFound;
  renderRecords(lookup.records);
  el('pd-notes-title').hidden = lookup.notes.length === 0;
  const notes = el('pd-notes');
  clear(notes);
  for (const n of lookup.notes) notes.appendChild(h('li', { text: n }));
  // Nothing held: nothing to export, correct or delete.
  el('pd-actions').hidden = lookup.records.length === 0;
  // A search by email finds only invitations and unsubscribes: nothing there to correct.
  el('pd-correct-open').hidden = !lookup.records.some((r) => CORRECTABLE_SOURCES.includes(r.source));
  original = correctableValues(lookup.records);
  el('pd-results').hidden = false;
}

// ---------------------------------------------------------------------------- the three actions' panels

function setExpanded(buttonId: string, panelId: string, open: boolean): void {
  el(panelId).hidden = !open;
  el(buttonId).setAttribute('aria-expanded', String(open));
}

function closePanels(): void {
  setExpanded('pd-correct-open', 'pd-correct-form', false);
  setExpanded('pd-delete-open', 'pd-delete-form', false);
  el('pd-correct-problem').hidden = true;
}

function openCorrection(): void {
  if (!current) return;
  setExpanded('pd-delete-open', 'pd-delete-form', false);
  for (const key of Object.keys(CORRECTION_INPUTS) as (keyof PersonCorrection)[]) {
    el<HTMLInputElement>(CORRECTION_INPUTS[key]).value = original[key];
  }
  el('pd-correct-problem').hidden = true;
  setExpanded('pd-correct-open', 'pd-correct-form', true);
  el('pd-name').focus();
}

function openDeletion(): void {
  if (!current) return;
  setExpanded('pd-correct-open', 'pd-correct-form', false);
  el<HTMLInputElement>('pd-confirm').value = '';
  el('pd-confirm-hint').textContent = M.personalData.confirmationHint(current.dni);
  syncPersonDataControls();
  setExpanded('pd-delete-open', 'pd-delete-form', true);
  el('pd-confirm').focus();
}

function confirmationMatches(): boolean {
  return current !== null && normaliseQuery(el<HTMLInputElement>('pd-confirm').value) === current.dni;
}

/**
 * Keeps «Eliminar definitivamente» off until the DNI typed again matches. `busy()` turns every
 * button back on when a call ends, so this runs after each call and when the screen is shown.
 */
export function syncPersonDataControls(): void {
  const button = el<HTMLButtonElement>('pd-delete-submit');
  const ok = confirmationMatches();
  button.disabled = !ok;
  const hint = el('pd-confirm-hint');
  const text = ok ? M.personalData.confirmationMatches : current ? M.personalData.confirmationHint(current.dni) : '';
  if (hint.textContent !== text) hint.textContent = text;
}

// ---------------------------------------------------------------------------- the CSV file

function dropDownload(): void {
  const box = el('pd-download');
  clear(box);
  box.hidden = true;
  if (downloadUrl) URL.revokeObjectURL(downloadUrl);
  downloadUrl = null;
}

/**
 * Hands the file over: a Blob (with the BOM Excel needs to read UTF-8) behind an <a download>
 * link, clicked once; the link stays so the consultant can download it again if the browser
 * held the first one back.
 */
function offerDownload(file: PersonExport, dni: string): void {
  dropDownload();
  const fileName = file.fileName || M.personalData.fallbackFileName(dni);
  const blob = new Blob(['\uFEFF', file.csv], { type: 'text/csv;charset=utf-8' });
  downloadUrl = URL.createObjectURL(blob);
  const a = h('a', { class: 'pd-download-link', text: M.personalData.downloadAgain(fileName) });
  a.href = downloadUrl;
  a.download = fileName;
  // The page's <base target="_top"> must not send the file to another frame.
  a.target = '_self';
  const box = el('pd-download');
  box.appendChild(a);
  box.appendChild(copyArea(file.csv, fileName));
  box.hidden = false;
  a.click();
}

/**
 * The way that works for certain: the CSV as text (read-only), and «Copiar». The consultant pastes
 * it into a new text file saved as .csv, or into an email to the person.
 */
function copyArea(csv: string, fileName: string): HTMLElement {
  const id = nextId('pd-copy');
  const label = h('label', { class: 'pd-copy-label', text: M.personalData.copyBoxName(fileName) });
  label.htmlFor = id;
  const area = h('textarea', { class: 'pd-copy-text' });
  area.id = id;
  area.readOnly = true;
  area.rows = 6;
  area.value = csv;
  const status = h('span', { class: 'pd-copy-status', id: 'pd-copy-status' });
  status.setAttribute('role', 'status');
  const button = h('button', { class: 'secondary', text: M.personalData.copy });
  button.type = 'button';
  button.addEventListener('click', () => void copyText(area, status));
  return h('div', { class: 'pd-copy' }, h('p', { class: 'pd-copy-help', text: M.personalData.copyHelp }), label, area, h('div', { class: 'pd-copy-actions' }, button, status));
}

async function copyText(area: HTMLTextAreaElement, status: HTMLElement): Promise<void> {
  area.focus();
  area.select();
  let copied = false;
  try {
    if (navigator.clipboard && typeof navigator.clipboard.writeText === 'function') {
      await navigator.clipboard.writeText(area.value);
      copied = true;
    }
  } catch {
    copied = false; // the frame may not be allowed the clipboard: try the older way
  }
  if (!copied) {
    try {
      copied = document.execCommand('copy');
    } catch {
      copied = false;
    }
  }
  status.textContent = copied ? M.personalData.copied : M.personalData.copyByHand;
}

// ---------------------------------------------------------------------------- calls

function dniProblem(text: string): void {
  const p = el('pd-dni-problem');
  p.textContent = text;
  p.hidden = text === '';
  const input = el('pd-dni');
  if (text) {
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  } else input.removeAttribute('aria-invalid');
}

async function search(): Promise<void> {
  hideError();
  const typed = el<HTMLInputElement>('pd-dni').value.trim();
  if (typed === '') return dniProblem(M.personalData.dniMissing);
  if (typed.includes('@') ? !isEmailQuery(typed) : !isDni(typed)) return dniProblem(typed.includes('@') ? M.personalData.emailInvalid : M.personalData.dniInvalid);
  dniProblem('');
  silence();
  try {
    const r = await busy(M.personalData.busySearch, () => call('findPersonData', normaliseQuery(typed)));
    if (!r) throw new Error(M.unknownError);
    renderLookup(r, false);
    say(r.message, !r.ok ? 'error' : r.records.length ? 'ok' : 'warn');
  } catch (e) {
    showError(e, () => void search());
  } finally {
    syncPersonDataControls();
  }
}

async function exportData(): Promise<void> {
  if (!current) return;
  hideError();
  const dni = current.dni;
  try {
    const r = await busy(M.personalData.busyExport, () => call('exportPersonData', dni));
    if (!r) throw new Error(M.unknownError);
    if (r.ok) offerDownload(r, dni);
    say(r.message, r.ok ? 'ok' : 'error');
  } catch (e) {
    showError(e, null);
  } finally {
    syncPersonDataControls();
  }
}

/** After a change: its message, and the data as it is now when the server sends it. */
function changed(r: PersonChangeResult, onChanged: () => void): void {
  if (r.lookup) renderLookup(r.lookup, true);
  else closePanels();
  say(r.message, r.ok ? 'ok' : 'error');
  if (r.ok && r.changed > 0) onChanged();
}

async function correct(onChanged: () => void): Promise<void> {
  if (!current) return;
  hideError();
  const correction: PersonCorrection = {};
  for (const key of Object.keys(CORRECTION_INPUTS) as (keyof PersonCorrection)[]) {
    const v = el<HTMLInputElement>(CORRECTION_INPUTS[key]).value.trim();
    if (v !== original[key]) correction[key] = v;
  }
  const problem = el('pd-correct-problem');
  if (Object.keys(correction).length === 0) {
    problem.textContent = M.personalData.nothingChanged;
    problem.hidden = false;
    el('pd-name').focus();
    return;
  }
  problem.hidden = true;
  const dni = current.dni;
  // A refusal (an email that is not valid…) keeps the form open with what was typed.
  await submitChange(M.personalData.busyCorrect, () => call('correctPersonData', dni, correction), onChanged);
}

/** One change on the server: its answer shown, the list redrawn from it when it was made. */
async function submitChange(busyText: string, run: () => Promise<PersonChangeResult | null | undefined>, onChanged: () => void): Promise<void> {
  try {
    const r = await busy(busyText, run);
    if (!r) throw new Error(M.unknownError);
    if (r.ok) changed(r, onChanged);
    else say(r.message, 'error');
  } catch (e) {
    showError(e, null);
  } finally {
    syncPersonDataControls();
  }
}

async function remove(onChanged: () => void): Promise<void> {
  if (!current || !confirmationMatches()) return;
  hideError();
  const dni = current.dni;
  const confirmation = normaliseQuery(el<HTMLInputElement>('pd-confirm').value);
  await submitChange(M.personalData.busyDelete, () => call('deletePersonData', dni, confirmation), onChanged);
}

/** `onChanged`: the person's data changed (the day's list shows names and emails). */
export function initPersonData(onChanged: () => void): void {
  el('pd-message').tabIndex = -1;
  el<HTMLFormElement>('pd-search-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    void search();
  });
  el('pd-export').addEventListener('click', () => void exportData());
  el('pd-correct-open').addEventListener('click', () => {
    if (el('pd-correct-form').hidden) openCorrection();
    else closePanels();
  });
  el('pd-delete-open').addEventListener('click', () => {
    if (el('pd-delete-form').hidden) openDeletion();
    else closePanels();
  });
  el('pd-correct-cancel').addEventListener('click', () => {
    closePanels();
    el('pd-correct-open').focus();
  });
  el('pd-delete-cancel').addEventListener('click', () => {
    el<HTMLInputElement>('pd-confirm').value = '';
    closePanels();
    syncPersonDataControls();
    el('pd-delete-open').focus();
  });
  el<HTMLFormElement>('pd-correct-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    void correct(onChanged);
  });
  el('pd-confirm').addEventListener('input', syncPersonDataControls);
  el<HTMLFormElement>('pd-delete-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    void remove(onChanged);
  });
  // Escape closes an open panel and returns to its button.
  for (const [panel, button] of [
    ['pd-correct-form', 'pd-correct-open'],
    ['pd-delete-form', 'pd-delete-open'],
  ] as const) {
    el(panel).addEventListener('keydown', (ev) => {
      if (ev.key !== 'Escape') return;
      closePanels();
      syncPersonDataControls();
      el(button).focus();
    });
  }
  syncPersonDataControls();
}
