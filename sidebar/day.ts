/**
 * "Citas de hoy" (A03–A06): the day's appointments with their countdown, and the detail of the
 * one the consultant opens: contact links, Meet, the extranet checklist, Iniciar (with the
 * attention script), topic and notes, Invitar a talleres, Finalizar, Marcar abandonada.
 *
 * Another consultant's appointment (docs/access-model.md) shows who and when; a consultant does
 * not see its contact data (`restricted`) and may only «Atender en lugar de» it, giving a reason
 * in a small form; the answer is the appointment as theirs to work on, marked «En lugar de …».
 *
 * One call loads the view (getDayView); each action answers with the appointment as it is now,
 * which replaces it in the list at once. Everything from the server is put in the page as text
 * (textContent / createElement), never as HTML.
 *
 * The panel stays live (issue 10 item 3): while «Citas de hoy» is on screen and the sidebar is
 * visible it reloads itself every minute (./countdown.ts: REFRESH_MS) and right after every
 * action, so a Meet link the reminder job just made, a reminder sent, or a colleague's change
 * shows without «Actualizar». An automatic load never overlaps another call, waits while an
 * action runs (and is discarded if one finished meanwhile: it may have read the sheet before),
 * backs off after failures, shows no spinner, and keeps what the consultant is doing: drafts,
 * the open card and form, the focused field with its cursor, an unfolded message. If nothing
 * changed it does not redraw at all. The countdowns run on the server's clock, re-measured from
 * every answer (the view's `now`, each appointment's `asOfMs`).
 */
import type { AppointmentView, DayActionResult, DayCounts, DayScope, DayView, ScriptSection } from '../src/api';
import { countdownState, countdownText, nextRefreshDelay, REFRESH_MS, ServerClock, sessionState, sessionText, shouldRefresh } from './countdown';
import { clear, el, h, link, nextId } from './dom';
import { M } from './messages';
import { busy, call, hideError, showError } from './server';
// Issue 15 (i15-history): the citizen's history inside the card during the attention.
import { renderAttentionHistory } from './citizen-history';

type Outcome = { kind: 'ok' | 'warn' | 'error'; text: string };

interface Draft {
  topic?: string;
  notes?: string;
  observations?: string;
  reason?: string;
  detail?: string;
  /** «Atender en lugar de»: the reason typed so far. */
  onBehalfReason?: string;
  /** Minutes of an earlier day's attention closed afterwards. */
  duration?: string;
  cancelReason?: string;
}

const USER_PLACEHOLDER = '{usuario}';

let view: DayView | null = null;
/** Chosen by the consultant; until then the server picks (their own day, or everyone's if it does not know them). */
let scope: DayScope | null = null;
let openId: string | null = null;
/** The view is out of date (an import or a booking happened): reload when shown. */
let stale = true;
const clock = new ServerClock();
const scripts = new Map<string, ScriptSection[]>();
const outcomes = new Map<string, Outcome>();
const drafts = new Map<string, Draft>();
/** Appointments whose «Atender en lugar de» form is open. */
const onBehalfOpen = new Set<string>();
let ticking: ReturnType<typeof setInterval> | null = null;

// The automatic load (page clock, ms).
let refreshDueAt = 0;
let refreshFailures = 0;
/** A load of the day (manual or automatic) is running. */
let loading = false;
/** Actions running now. */
let acting = 0;
/** Bumped when an action answers or a manual load starts: an automatic load begun before is stale. */
let generation = 0;

/** Called by the other screens when they changed today's appointments. */
export function markDayStale(): void {
  stale = true;
}

export function dayNeedsLoad(): boolean {
  return stale || view === null;
}

// ---------------------------------------------------------------------------- loading

/** Loads the view; resolves to false when this spreadsheet cannot show a day (the caller shows setup). */
export async function loadDay(): Promise<DayView | null> {
  hideError();
  generation++;
  loading = true;
  try {
    const v = await busy(M.day.loading, () => call('getDayView', scope ? { scope } : {}));
    if (!v) throw new Error(M.unknownError);
    view = v;
    scope = v.scope;
    stale = false;
    clock.sync(v.now);
    refreshFailures = 0;
    refreshDueAt = Date.now() + REFRESH_MS;
    if (v.ready) {
      renderDay();
      showRefreshState();
    }
    return v;
  } catch (e) {
    showError(e, () => void loadDay());
    return null;
  } finally {
    loading = false;
  }
}

/** What a view looks like to the consultant: the same once the server's clock is left out. */
function sameView(a: DayView, b: DayView): boolean {
  const withoutClock = (key: string, value: unknown) => (key === 'now' || key === 'asOfMs' ? undefined : value);
  return JSON.stringify(a, withoutClock) === JSON.stringify(b, withoutClock);
}

/** Lima 'HH:MM' of a server instant. */
function limaHHmm(ms: number): string {
  return new Intl.DateTimeFormat('es-PE', { timeZone: 'America/Lima', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(ms));
}

/** The line under the counts: when the list was last brought up to date, or that it could not be. */
function showRefreshState(): void {
  let line = document.getElementById('day-auto');
  if (!line) {
    line = h('p', { class: 'help day-auto', id: 'day-auto' });
    el('day-counts').insertAdjacentElement('afterend', line);
  }
  if (refreshFailures > 0) {
    line.textContent = M.day.autoRefreshFailed(Math.round(nextRefreshDelay(refreshFailures) / 60_000));
    line.classList.add('day-auto-failed');
  } else {
    line.textContent = M.day.autoRefreshed(limaHHmm(clock.now()));
    line.classList.remove('day-auto-failed');
  }
}

/** Another call of the panel is running (its spinner is up, the buttons are off). */
function panelBusy(): boolean {
  const spinner = document.getElementById('loading');
  return acting > 0 || (spinner !== null && !spinner.hidden);
}

function dayShown(): boolean {
  const screen = document.getElementById('view-hoy');
  return view !== null && view.ready && screen !== null && !screen.hidden;
}

/**
 * The automatic load: no spinner, no error box (a line says it will try again, later each time),
 * and the consultant's work on the page kept. Called from the one-second tick when due.
 */
async function refreshQuietly(): Promise<void> {
  const started = generation;
  loading = true;
  // Not due again until this one answers (and then from its answer).
  refreshDueAt = Number.POSITIVE_INFINITY;
  try {
    const v = await call('getDayView', scope ? { scope } : {});
    if (!v) throw new Error(M.unknownError);
    refreshFailures = 0;
    refreshDueAt = Date.now() + REFRESH_MS;
    // An action answered (or «Actualizar» ran) meanwhile: this reading may predate it.
    if (started !== generation) {
      refreshDueAt = Date.now();
      return;
    }
    clock.sync(v.now);
    if (!v.ready || (v.scope !== scope && scope !== null)) return;
    keepClosedLeftovers(v);
    const changed = view === null || !sameView(view, v);
    view = v;
    stale = false;
    if (changed) renderKeepingWork();
    showRefreshState();
  } catch {
    refreshFailures++;
    refreshDueAt = Date.now() + nextRefreshDelay(refreshFailures);
    if (dayShown()) showRefreshState();
  } finally {
    loading = false;
  }
}

/**
 * An earlier day's appointment closed from the panel leaves «Pendientes de días anteriores» on
 * the next load; an automatic one keeps it there, with its outcome, until «Actualizar» — the
 * consultant sees what happened rather than a card vanishing a second after the click.
 */
function keepClosedLeftovers(next: DayView): void {
  const before = view?.earlier ?? [];
  const kept = before.filter((a) => outcomes.has(a.id) && !next.earlier.some((x) => x.id === a.id));
  if (kept.length === 0) return;
  next.earlier = [...next.earlier, ...kept].sort((a, b) => a.startMs - b.startMs || a.fullName.localeCompare(b.fullName, 'es'));
}

/** One second's check: load the day again when it is due and nothing stands in the way. */
function maybeRefresh(): void {
  const gate = {
    documentHidden: document.hidden,
    dayShown: dayShown(),
    loading,
    busy: panelBusy(),
    nowMs: Date.now(),
    dueMs: refreshDueAt,
  };
  if (shouldRefresh(gate)) void refreshQuietly();
}

/** Ask for an automatic load as soon as nothing stands in the way (after an action). */
function refreshSoon(): void {
  refreshDueAt = Math.min(refreshDueAt, Date.now());
}

/** Where the focus is inside the day's list, to put it back after a redraw. */
interface FocusMark {
  id: string;
  draft: string | undefined;
  tag: string;
  cls: string;
  text: string;
  selection: [number, number] | null;
  scrollTop: number;
}

function markFocus(): FocusMark | null {
  const active = document.activeElement;
  if (!(active instanceof HTMLElement)) return null;
  const li = active.closest<HTMLElement>('li[data-id]');
  if (!li || !el('view-hoy').contains(li)) return null;
  let selection: [number, number] | null = null;
  if (active instanceof HTMLTextAreaElement || (active instanceof HTMLInputElement && /^(text|search|number|)$/.test(active.type))) {
    try {
      selection = active.selectionStart !== null && active.selectionEnd !== null ? [active.selectionStart, active.selectionEnd] : null;
    } catch {
      selection = null; // a number input has no selection
    }
  }
  return {
    id: li.dataset.id ?? '',
    draft: active.dataset.draft,
    tag: active.tagName,
    cls: active.className,
    text: active.textContent ?? '',
    selection,
    scrollTop: active.scrollTop,
  };
}

function restoreFocus(m: FocusMark): void {
  const li = document.querySelector<HTMLElement>(`li[data-id="${CSS.escape(m.id)}"]`);
  if (!li) return;
  const candidates = Array.from(li.querySelectorAll<HTMLElement>(m.tag.toLowerCase()));
  // A form control by its draft; anything else by its class and text, or by its class alone when
  // only one has it (a card's summary button: its countdown's text changes every second).
  const sameClass = candidates.filter((c) => c.className === m.cls);
  const target =
    m.draft !== undefined
      ? candidates.find((c) => c.dataset.draft === m.draft)
      : sameClass.find((c) => (c.textContent ?? '') === m.text) ?? (sameClass.length === 1 ? sameClass[0] : undefined);
  if (!target) return;
  target.focus({ preventScroll: true });
  if (m.selection && (target instanceof HTMLTextAreaElement || target instanceof HTMLInputElement)) {
    try {
      target.setSelectionRange(m.selection[0], m.selection[1]);
    } catch {
      // not a text control
    }
  }
  target.scrollTop = m.scrollTop;
}

/**
 * Redraws after an automatic load without taking anything from the consultant: drafts and the
 * open card live in this module already; the focused control (with its cursor), the unfolded
 * «Ver el mensaje…» and the page's scroll are put back.
 */
function renderKeepingWork(): void {
  const focus = markFocus();
  const unfolded = new Set<string>();
  document.querySelectorAll<HTMLDetailsElement>('li[data-id] details[open]').forEach((d) => {
    const id = d.closest<HTMLElement>('li[data-id]')?.dataset.id;
    if (id) unfolded.add(id);
  });
  const scroller = document.scrollingElement;
  const scrollTop = scroller?.scrollTop ?? 0;
  renderDay();
  for (const id of unfolded) {
    const d = document.querySelector<HTMLDetailsElement>(`li[data-id="${CSS.escape(id)}"] details`);
    if (d) d.open = true;
  }
  if (focus) restoreFocus(focus);
  if (scroller) scroller.scrollTop = scrollTop;
}

export function initDay(): void {
  // «Actualizar» shows the day as it is now: the last action's message goes with it.
  el('day-refresh').addEventListener('click', () => {
    outcomes.clear();
    void loadDay();
  });
  document.querySelectorAll<HTMLInputElement>('input[name="scope"]').forEach((input) => {
    input.addEventListener('change', () => {
      if (!input.checked) return;
      scope = input.value === 'all' ? 'all' : 'mine';
      void loadDay();
    });
  });
  if (!ticking) ticking = setInterval(() => {
    tick();
    maybeRefresh();
  }, 1000);
  // Back on screen after a while (another tab, a minimised window): up to date at once if due.
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) maybeRefresh();
  });
}

// ---------------------------------------------------------------------------- rendering

function countsOf(list: readonly AppointmentView[]): DayCounts {
  const c: DayCounts = { total: list.length, attended: 0, abandoned: 0, open: 0, cancelled: 0 };
  for (const a of list) {
    if (a.status === 'Atendida') c.attended++;
    else if (a.status === 'Abandonada') c.abandoned++;
    else if (a.status === 'Cancelada') c.cancelled++;
    else if (a.status === 'Programada' || a.status === 'En atención') c.open++;
  }
  return c;
}

function statusClass(status: string): string {
  switch (status) {
    case 'Programada': return 'chip chip-scheduled';
    case 'En atención': return 'chip chip-active';
    case 'Atendida': return 'chip chip-done';
    case 'Abandonada': return 'chip chip-abandoned';
    case 'Cancelada': return 'chip chip-cancelled';
    default: return 'chip';
  }
}

export function renderDay(): void {
  if (!view) return;
  const v = view;
  if (v.spreadsheetName) el('sheet-name').textContent = v.spreadsheetName;
  el('day-date').textContent = v.dateText;
  el('scope-mine-label').textContent = M.day.mine(v.mineCount);
  el('scope-all-label').textContent = M.day.all(v.allCount);
  el<HTMLInputElement>('scope-mine').checked = scope === 'mine';
  el<HTMLInputElement>('scope-all').checked = scope === 'all';
  const counts = countsOf(v.appointments);
  el('day-counts').textContent = M.day.counts(counts.attended, counts.abandoned, counts.open);

  const notices = el('day-notices');
  clear(notices);
  const items = [
    ...(v.reviewCount > 0 ? [M.day.review(v.reviewCount)] : []),
    ...(v.pendingMail && v.pendingMail.message ? [v.pendingMail.message] : []),
    ...v.notices,
  ];
  for (const text of items) notices.appendChild(h('li', { text }));
  notices.hidden = items.length === 0;

  // «Pendientes de días anteriores»: the user's own leftovers, above today's.
  const earlier = v.earlier ?? [];
  const earlierList = el('day-earlier-list');
  clear(earlierList);
  for (const a of earlier) earlierList.appendChild(renderRow(a));
  el('day-earlier').hidden = earlier.length === 0;

  const list = el('day-list');
  clear(list);
  for (const a of v.appointments) list.appendChild(renderRow(a));
  const empty = el('day-empty');
  empty.textContent = v.appointments.length ? '' : scope === 'mine' && v.allCount > 0 ? M.day.emptyMine : M.day.empty;
  empty.hidden = v.appointments.length > 0;
  tick();
}

function renderRow(a: AppointmentView): HTMLLIElement {
  const open = openId === a.id;
  const detailId = `detalle-${cssSafe(a.id)}`;
  const summary = h(
    'button',
    { class: 'appt-summary', attrs: { type: 'button', 'aria-expanded': String(open), 'aria-controls': detailId } },
    h('span', { class: 'appt-time', text: a.time }),
    h('span', { class: 'appt-name', text: a.fullName || a.dni || a.id }),
    h('span', { class: statusClass(a.status), text: a.status }),
    a.onBehalf ? h('span', { class: 'chip chip-onbehalf', text: M.day.onBehalfBadge(a.consultant) }) : null,
    a.earlier ? h('span', { class: 'appt-date', text: a.dateText }) : null,
    a.status === 'Programada' && !a.earlier ? countdownNode(a, true) : null,
  );
  summary.addEventListener('click', () => {
    openId = openId === a.id ? null : a.id;
    renderDay();
    const again = document.querySelector<HTMLElement>(`li[data-id="${CSS.escape(a.id)}"] .appt-summary`);
    again?.focus();
  });
  const label = a.earlier ? `${a.dateText} ${a.time} ${a.fullName}` : `${a.time} ${a.fullName}`;
  const li = h('li', { class: open ? 'appt open' : 'appt', attrs: { 'data-id': a.id, 'aria-label': label } }, summary);
  if (open) li.appendChild(renderDetail(a, detailId));
  return li;
}

/** An element id derived from the appointment's ID (only one detail is open at a time). */
function cssSafe(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '_');
}

function countdownNode(a: AppointmentView, short: boolean): HTMLElement {
  const node = h('span', {
    class: short ? 'countdown' : 'countdown countdown-big',
    attrs: { role: 'timer', 'data-start': String(a.startMs), 'data-end': String(a.toleranceEndsMs), 'data-short': short ? '1' : '0' },
  });
  return node;
}

/** The running time of an attention 'En atención' (its start as the server recorded it). */
function sessionNode(startedAtMs: number): HTMLElement {
  return h('span', { class: 'countdown countdown-session', attrs: { role: 'timer', 'data-started': String(startedAtMs) } });
}

/** Updates every countdown on the page from the server's clock. */
function tick(): void {
  const now = clock.now();
  document.querySelectorAll<HTMLElement>('[data-start][data-end]').forEach((node) => {
    const state = countdownState(Number(node.dataset.start), Number(node.dataset.end), now);
    const text = countdownText(state, node.dataset.short === '1');
    if (node.textContent !== text) node.textContent = text;
    node.dataset.phase = state.phase;
  });
  const standard = view?.standardMinutes ?? 0;
  document.querySelectorAll<HTMLElement>('[data-started]').forEach((node) => {
    const state = sessionState(Number(node.dataset.started), standard, now);
    const text = sessionText(state, standard);
    if (node.textContent !== text) node.textContent = text;
    node.dataset.phase = state.over ? 'over' : 'running';
  });
}

function field(labelText: string, control: HTMLElement, help?: string): HTMLElement {
  const id = nextId('campo');
  control.id = id;
  const label = h('label', { text: labelText, attrs: { for: id } });
  const wrap = h('div', { class: 'field' }, label, control);
  if (help) {
    const helpId = `${id}-ayuda`;
    control.setAttribute('aria-describedby', helpId);
    wrap.appendChild(h('p', { class: 'help', id: helpId, text: help }));
  }
  return wrap;
}

function select(options: readonly string[], placeholder: string, value: string): HTMLSelectElement {
  const s = h('select');
  s.appendChild(h('option', { text: placeholder, attrs: { value: '' } }));
  for (const o of options) {
    const opt = h('option', { text: o });
    opt.value = o;
    s.appendChild(opt);
  }
  s.value = options.includes(value) ? value : '';
  return s;
}

function textarea(value: string, rows = 3): HTMLTextAreaElement {
  const t = h('textarea', { attrs: { rows: String(rows) } });
  t.value = value;
  return t;
}

function button(text: string, cls: 'action' | 'secondary' | 'danger', onClick: () => void): HTMLButtonElement {
  const b = h('button', { class: cls, text, attrs: { type: 'button' } });
  b.addEventListener('click', onClick);
  return b;
}

function draftOf(id: string): Draft {
  let d = drafts.get(id);
  if (!d) {
    d = {};
    drafts.set(id, d);
  }
  return d;
}

function keepDraft(id: string, key: keyof Draft, control: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement): void {
  // Found again after an automatic redraw (the focus and cursor go back to it).
  control.dataset.draft = key;
  const save = () => (draftOf(id)[key] = control.value);
  control.addEventListener('input', save);
  control.addEventListener('change', save);
}

function renderScript(sections: readonly ScriptSection[], userName: string): HTMLElement {
  const box = h('section', { class: 'script', attrs: { 'aria-label': M.day.scriptTitle } }, h('h3', { text: M.day.scriptTitle }));
  for (const s of sections) {
    box.appendChild(h('h4', { text: s.title }));
    const ul = h('ul');
    for (const line of s.lines) {
      // The server leaves '{usuario}' in the day's script; the name goes in as text.
      const text = line.text.split(USER_PLACEHOLDER).join(userName || 'señor(a)');
      ul.appendChild(
        h('li', { class: line.kind === 'say' ? 'say' : 'do' }, h('span', { class: 'line-kind', text: line.kind === 'say' ? M.day.sayLabel : M.day.doLabel }), ' ', text),
      );
    }
    box.appendChild(ul);
  }
  return box;
}

function renderDetail(a: AppointmentView, detailId: string): HTMLElement {
  const v = view!;
  const d = draftOf(a.id);
  const box = h('div', { class: 'appt-detail', id: detailId });

  // Outcome of the last action on this appointment.
  const outcome = outcomes.get(a.id);
  if (outcome) {
    const role = outcome.kind === 'ok' ? 'status' : 'alert';
    const cls = outcome.kind === 'ok' ? 'notice notice-ok' : outcome.kind === 'warn' ? 'notice notice-warn' : 'notice notice-error';
    box.appendChild(h('p', { class: `${cls} outcome`, text: outcome.text, attrs: { role, tabindex: '-1' } }));
  }

  // Iniciar (A04) first: the next action, above the contact and the extranet checklist.
  if (a.allowed.start) box.appendChild(h('div', { class: 'buttons next-action' }, button(M.day.start, 'action', () => void onStart(a))));

  // Contact (A03): email, phone, WhatsApp, Meet — or, for another consultant's, who has it.
  const contact = h('section', { class: 'contact', attrs: { 'aria-label': M.day.contact } });
  if (a.consultant && (!a.mine || a.onBehalf)) contact.appendChild(h('p', { class: 'facts-line', text: M.day.consultant(a.consultant) }));
  if (a.restricted) {
    contact.appendChild(h('p', { class: 'help restricted', text: a.allowed.onBehalf ? M.day.restricted(a.consultant) : M.day.restrictedClosed(a.consultant) }));
    box.appendChild(contact);
  } else {
    box.appendChild(renderContact(a, contact));
  }

  if (a.allowed.onBehalf) box.appendChild(renderOnBehalf(a));

  if (a.status === 'Programada' && !a.earlier) box.appendChild(countdownNode(a, false));
  if (a.status === 'En atención' && !a.earlier && a.startedAtMs !== null) box.appendChild(sessionNode(a.startedAtMs));

  // State of the row and its emails.
  const facts = h('dl', { class: 'facts compact' });
  const fact = (label: string, value: string) => facts.append(h('dt', { text: label }), h('dd', { text: value }));
  fact(M.day.statusTitle, a.status);
  if (a.statusProblem) fact('', a.statusProblem);
  fact('', a.reminderText);
  if (a.status === 'Atendida') fact('', a.surveyText);
  if (a.status === 'Abandonada') fact('', a.abandonmentEmailText);
  if (a.invitationStatus) fact('', a.invitationText);
  if (a.durationMinutes !== null) fact('', M.day.duration(a.durationMinutes));
  // Observaciones: the consultant's text with its line breaks (CSS pre-line, text nodes only),
  // and the system's notes («Reactivada el …») apart, one per line.
  if (a.status !== 'En atención') {
    if (a.consultantObservations) facts.append(h('dt', { text: M.day.observationsSaved }), h('dd', { class: 'observations', text: a.consultantObservations }));
    if (a.systemNotes.length) facts.append(h('dt', { text: M.day.systemNotes }), h('dd', { class: 'system-notes' }, ...a.systemNotes.map((n) => h('span', { class: 'system-note', text: n }))));
  }
  box.appendChild(facts);

  // Extranet checklist (A02): no API, so a ready-to-paste message and a tick (one's own only).
  if (a.status === 'Programada' && a.mine && !a.earlier) box.appendChild(renderExtranet(a));

  // During the attention: the script, topic and notes, invitation, Finalizar (A04–A06).
  if (a.status === 'En atención') box.appendChild(renderScript(scripts.get(a.id) ?? v.attentionScript, a.fullName));

  let topic: HTMLSelectElement | null = null;
  let notes: HTMLTextAreaElement | null = null;
  if (a.allowed.saveConsultation) {
    topic = select(v.catalogues.topics, M.day.chooseTopic, d.topic ?? a.topic);
    notes = textarea(d.notes ?? a.notes);
    keepDraft(a.id, 'topic', topic);
    keepDraft(a.id, 'notes', notes);
    const t = topic;
    const n = notes;
    box.appendChild(
      h(
        'div',
        { class: 'consultation' },
        field(M.day.topic, t),
        field(M.day.notes, n),
        h('div', { class: 'buttons' }, button(M.day.save, 'secondary', () => void onSave(a, t.value, n.value))),
      ),
    );
  }
  // Issue 15: what the service already did with this person (only shown with the person's data: one's own, or a coordinator's view).
  if (a.status === 'En atención' && !a.restricted) box.appendChild(renderAttentionHistory(a.id));
  if (a.allowed.invite) box.appendChild(h('div', { class: 'buttons' }, button(M.day.invite, 'secondary', () => void onInvite(a))));

  if (a.allowed.finish) {
    const obs = textarea(d.observations ?? '');
    keepDraft(a.id, 'observations', obs);
    const t = topic;
    const n = notes;
    // An earlier day's leftover: the duration is the consultant's to give (the clock cannot tell).
    let duration: HTMLInputElement | null = null;
    if (a.earlier) {
      duration = h('input', { attrs: { type: 'number', min: '1', max: '240', step: '1', inputmode: 'numeric', required: '' } }) as HTMLInputElement;
      duration.value = d.duration ?? String(v.standardMinutes || '');
      keepDraft(a.id, 'duration', duration);
    }
    const dur = duration;
    box.appendChild(
      h(
        'div',
        { class: 'finish' },
        dur ? field(M.day.lateDuration, dur, M.day.lateDurationHelp) : null,
        field(M.day.observations, obs),
        h(
          'div',
          { class: 'buttons' },
          button(M.day.finish, 'action', () => void onFinish(a, obs.value, t?.value ?? '', n?.value ?? '', dur?.value)),
        ),
      ),
    );
  }

  // Marcar abandonada (A03).
  if (a.allowed.abandon) {
    const reason = select(v.catalogues.abandonReasons, M.day.chooseReason, d.reason ?? '');
    const detail = textarea(d.detail ?? '', 2);
    keepDraft(a.id, 'reason', reason);
    keepDraft(a.id, 'detail', detail);
    // Abandoned before and reactivated: the citizen already has the email; resend only if asked.
    let resend: HTMLInputElement | null = null;
    let resendField: HTMLElement | null = null;
    if (a.abandonmentEmailStatus === 'enviado') {
      const box = (resend = h('input', { attrs: { type: 'checkbox' } }));
      box.id = nextId('reenviar');
      const label = h('label', { text: ` ${M.day.resendAbandonment}`, attrs: { for: box.id } });
      resendField = h('div', { class: 'field checkbox' }, box, label, h('p', { class: 'help', text: M.day.resendAbandonmentHelp }));
    }
    const fs = h(
      'fieldset',
      { class: 'abandon' },
      h('legend', { text: M.day.abandonTitle }),
      field(M.day.reason, reason),
      field(M.day.detail, detail, M.day.detailHelp),
      a.earlier ? h('p', { class: 'help', text: M.day.lateAbandonHelp }) : null,
      resendField,
      h('div', { class: 'buttons' }, button(M.day.abandon, 'danger', () => void onAbandon(a, reason.value, detail.value, resend?.checked === true))),
    );
    box.appendChild(fs);
  }

  // «Cancelar cita» by hand, with a reason.
  if (a.allowed.cancel) {
    const why = textarea(d.cancelReason ?? '', 2);
    keepDraft(a.id, 'cancelReason', why);
    box.appendChild(
      h(
        'fieldset',
        { class: 'cancel' },
        h('legend', { text: M.day.cancelTitle }),
        field(M.day.cancelReason, why, M.day.cancelReasonHelp),
        h('div', { class: 'buttons' }, button(M.day.cancelButton, 'danger', () => void onCancel(a, why.value))),
      ),
    );
  }

  // Reactivar: an abandoned user turned up the same day (or a wrong click).
  if (a.allowed.reinstate) {
    box.appendChild(h('p', { class: 'help', text: M.day.reinstateHelp }));
    box.appendChild(h('div', { class: 'buttons' }, button(M.day.reinstate, 'secondary', () => void onReinstate(a))));
  }
  return box;
}

/** The citizen's document and the ways to reach them (the user's own appointment, or any for a coordinator). */
function renderContact(a: AppointmentView, contact: HTMLElement): HTMLElement {
  contact.insertBefore(h('p', { class: 'facts-line', text: M.day.dni(a.documentType, a.dni) }), contact.firstChild);
  const links = h('p', { class: 'links' });
  const mail = link(a.mailto, `${M.day.email}: ${a.email}`, ['mailto:'], 'contact-link');
  const tel = link(a.telUrl, `${M.day.call}: ${a.phone}`, ['tel:'], 'contact-link');
  const wa = link(a.whatsappUrl, M.day.whatsapp, ['https:'], 'contact-link');
  for (const l of [mail, tel, wa]) if (l) links.appendChild(l);
  if (!mail) links.appendChild(h('span', { class: 'help', text: M.day.noEmail }));
  if (!tel) links.appendChild(h('span', { class: 'help', text: M.day.noPhone }));
  contact.appendChild(links);
  const meet = link(a.meetUrl, M.day.meet, ['https:'], 'link-button action');
  contact.appendChild(meet ?? h('p', { class: 'help', text: M.day.noMeet }));
  return contact;
}

/**
 * «Atender en lugar de»: a button that opens a small form asking why (required); confirming it
 * takes the appointment over (audited) and the answer replaces the card.
 */
function renderOnBehalf(a: AppointmentView): HTMLElement {
  const d = draftOf(a.id);
  const formId = `en-lugar-${cssSafe(a.id)}`;
  const wrap = h('div', { class: 'on-behalf-box' });
  if (!onBehalfOpen.has(a.id)) {
    const open = button(M.day.onBehalf, 'secondary', () => {
      onBehalfOpen.add(a.id);
      renderDay();
      document.querySelector<HTMLElement>(`#${CSS.escape(formId)} textarea`)?.focus();
    });
    open.setAttribute('aria-expanded', 'false');
    open.setAttribute('aria-controls', formId);
    wrap.appendChild(h('div', { class: 'buttons' }, open));
    return wrap;
  }
  const reason = textarea(d.onBehalfReason ?? '', 3);
  reason.required = true;
  reason.setAttribute('aria-required', 'true');
  reason.maxLength = 300;
  keepDraft(a.id, 'onBehalfReason', reason);
  const problem = h('p', { class: 'field-problem', attrs: { role: 'alert' } });
  problem.hidden = true;
  const reasonField = field(M.day.onBehalfReason, reason, M.day.onBehalfReasonHelp);
  reasonField.appendChild(problem);
  reason.addEventListener('input', () => {
    if (problem.hidden || !reason.value.trim()) return;
    problem.hidden = true;
    reason.removeAttribute('aria-invalid');
  });
  const form = h(
    'form',
    { class: 'on-behalf-form', id: formId, attrs: { novalidate: '', 'aria-label': M.day.onBehalfTitle(a.consultant) } },
    h(
      'fieldset',
      { class: 'on-behalf' },
      h('legend', { text: M.day.onBehalfTitle(a.consultant) }),
      h('p', { class: 'help', text: M.day.onBehalfHelp }),
      reasonField,
      h(
        'div',
        { class: 'buttons' },
        h('button', { class: 'action', text: M.day.onBehalfConfirm, attrs: { type: 'submit' } }),
        button(M.day.cancel, 'secondary', () => {
          onBehalfOpen.delete(a.id);
          renderDay();
          document.querySelector<HTMLElement>(`li[data-id="${CSS.escape(a.id)}"] .on-behalf-box button`)?.focus();
        }),
      ),
    ),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const why = reason.value.trim();
    if (!why) {
      problem.id = `${reason.id}-problema`;
      problem.textContent = M.day.onBehalfReasonMissing;
      problem.hidden = false;
      reason.setAttribute('aria-invalid', 'true');
      reason.setAttribute('aria-describedby', `${reason.getAttribute('aria-describedby') ?? ''} ${problem.id}`.trim());
      reason.focus();
      return;
    }
    void onActOnBehalf(a, why);
  });
  wrap.appendChild(form);
  return wrap;
}

function renderExtranet(a: AppointmentView): HTMLElement {
  const fs = h('fieldset', { class: 'extranet' }, h('legend', { text: M.day.extranetTitle }));
  if (a.extranetMessage) {
    const message = textarea(a.extranetMessage, 5);
    message.readOnly = true;
    const feedback = h('p', { class: 'help', attrs: { role: 'status' } });
    const parts = [
      field(M.day.extranetMessage, message),
      h('div', { class: 'buttons' }, button(M.day.copy, 'secondary', () => void copyText(message, feedback))),
      feedback,
    ];
    // Once the notice is done, the message folds away: the card stays short.
    if (a.extranetNotified) fs.appendChild(h('details', { class: 'extranet-message' }, h('summary', { text: M.day.extranetShowMessage }), ...parts));
    else fs.append(...parts);
  } else {
    fs.appendChild(h('p', { class: 'help', text: a.extranetHelp }));
  }
  const box = h('input', { attrs: { type: 'checkbox' } });
  box.checked = a.extranetNotified;
  const id = nextId('extranet');
  box.id = id;
  box.addEventListener('change', () => void onExtranet(a, box.checked));
  fs.appendChild(h('div', { class: 'field checkbox' }, box, h('label', { text: ` ${M.day.extranetDone}`, attrs: { for: id } })));
  return fs;
}

async function copyText(source: HTMLTextAreaElement, feedback: HTMLElement): Promise<void> {
  try {
    await navigator.clipboard.writeText(source.value);
    feedback.textContent = M.day.copied;
  } catch {
    // Sidebars are iframes where the clipboard API may be refused: fall back to a selection.
    source.focus();
    source.select();
    let ok = false;
    try {
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    }
    feedback.textContent = ok ? M.day.copied : M.day.copyFailed;
  }
}

// ---------------------------------------------------------------------------- actions

function replaceAppointment(a: AppointmentView): void {
  if (!view) return;
  const i = view.appointments.findIndex((x) => x.id === a.id);
  if (i >= 0) view.appointments[i] = a;
  // A leftover stays in its section, closed, until «Actualizar» (the consultant sees what happened;
  // an automatic load keeps it: keepClosedLeftovers).
  const j = (view.earlier ?? []).findIndex((x) => x.id === a.id);
  if (j >= 0) view.earlier[j] = a;
}

async function act(a: AppointmentView, busyText: string, run: () => Promise<DayActionResult>, after?: (r: DayActionResult) => void): Promise<void> {
  hideError();
  acting++;
  try {
    const r = await busy(busyText, run);
    generation++;
    if (!r) throw new Error(M.unknownError);
    // The answer carries the server's time: the countdown it brings back (a reactivated
    // appointment's tolerance) runs on it, however long the page has been open.
    if (r.appointment) {
      clock.sync(r.appointment.asOfMs);
      replaceAppointment(r.appointment);
    }
    if (r.ok) {
      const text = [r.message, r.warning].filter(Boolean).join(' ');
      outcomes.set(a.id, { kind: r.warning ? 'warn' : 'ok', text });
    } else {
      outcomes.set(a.id, { kind: 'error', text: r.message });
    }
    after?.(r);
    openId = a.id;
    renderDay();
    document.querySelector<HTMLElement>(`li[data-id="${CSS.escape(a.id)}"] .outcome`)?.focus();
  } catch (e) {
    showError(e, null);
  } finally {
    acting--;
    // The rest of the day may have changed with it (counts, a colleague's rows): load it again.
    refreshSoon();
  }
}

function onStart(a: AppointmentView): Promise<void> {
  return act(a, M.day.busyStart, () => call('startAttention', a.id), (r) => {
    if (r.ok && r.script) scripts.set(a.id, r.script);
  });
}

function onSave(a: AppointmentView, topic: string, notes: string): Promise<void> {
  return act(a, M.day.busySave, () => call('saveConsultation', a.id, { topic, notes }), (r) => {
    if (r.ok) {
      const d = draftOf(a.id);
      delete d.topic;
      delete d.notes;
    }
  });
}

function onInvite(a: AppointmentView): Promise<void> {
  return act(a, M.day.busyInvite, () => call('inviteToWorkshops', a.id));
}

function onFinish(a: AppointmentView, observations: string, topic: string, notes: string, duration?: string): Promise<void> {
  const input = { observations, ...(topic ? { topic } : {}), ...(notes ? { notes } : {}), ...(duration !== undefined ? { durationMinutes: duration } : {}) };
  return act(a, M.day.busyFinish, () => call('finishAttention', a.id, input), (r) => {
    if (r.ok) drafts.delete(a.id);
  });
}

function onAbandon(a: AppointmentView, reason: string, detail: string, resendEmail: boolean): Promise<void> {
  return act(a, M.day.busyAbandon, () => call('abandonAppointment', a.id, { reason, detail, ...(resendEmail ? { resendEmail } : {}) }), (r) => {
    if (r.ok) drafts.delete(a.id);
  });
}

function onCancel(a: AppointmentView, reason: string): Promise<void> {
  return act(a, M.day.busyCancel, () => call('cancelAppointment', a.id, reason), (r) => {
    if (r.ok) drafts.delete(a.id);
  });
}

function onActOnBehalf(a: AppointmentView, reason: string): Promise<void> {
  return act(a, M.day.busyOnBehalf, () => call('actOnBehalf', a.id, reason), (r) => {
    if (r.ok) {
      delete draftOf(a.id).onBehalfReason;
      onBehalfOpen.delete(a.id);
    }
  });
}

function onReinstate(a: AppointmentView): Promise<void> {
  return act(a, M.day.busyReinstate, () => call('reinstateAppointment', a.id));
}

function onExtranet(a: AppointmentView, done: boolean): Promise<void> {
  return act(a, M.day.busyExtranet, () => call('markExtranetNotified', a.id, done));
}
