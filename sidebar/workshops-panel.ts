/**
 * Where each module stands, in «Módulos» (issue 11, item 6): in the list, a compact line of its
 * B01–B05 stage ("B03 de B05 · Siguiente: …") and its registrations ("Inscritos 42/60 · Espera
 * 5"); in the module's detail (a disclosure under the module), the B01–B05 checklist — each step's
 * state written out next to its icon, never a colour alone — with "Siguiente paso" and "Qué lo
 * bloquea", the blocks other parts of the panel add (invitations, ficha técnica), and
 * «Inscripciones»: the counts, a table of the registrants and the waiting list in its order,
 * read with one call when the detail is opened. Data goes into the page as text only (./dom.ts).
 */
import type { ModuleDetail, ModuleView, RegistrantView, StageStep } from '../src/api';
import { clear, h, type Child } from './dom';
import { M } from './messages';
import { call } from './server';
// Issue 14 (i14-panel): the module's real timings (B01–B12).
import { timingsSection } from './external-timings';

/** The texts this part of the panel writes (the server's sentences are shown as they come). */
const T = {
  counts: (confirmed: number, capacity: number, waiting: number, review: number) =>
    `Inscritos ${confirmed}/${capacity} · Espera ${waiting}${review > 0 ? ` · Por revisar ${review}` : ''}`,
  detail: 'Ver pasos e inscripciones',
  detailLabel: (name: string) => `Pasos e inscripciones del módulo «${name}»`,
  stepsTitle: 'Pasos B01 a B05',
  stepsLabel: (name: string) => `Pasos B01 a B05 del módulo «${name}»`,
  step: (s: StageStep) => `${s.code} · ${s.title}: `,
  next: 'Siguiente paso: ',
  blockers: 'Qué lo bloquea',
  registrationsTitle: 'Inscripciones',
  loading: 'Cargando las inscripciones…',
  detailCounts: (confirmed: number, capacity: number, waiting: number, review: number, withdrawn: number) =>
    `Inscritos ${confirmed} de ${capacity} · En lista de espera ${waiting} · Por revisar ${review} · Retirados ${withdrawn}`,
  registrantsCaption: 'Personas inscritas (por orden de inscripción)',
  noRegistrants: 'Todavía no hay inscripciones.',
  columns: ['Nombre', 'Estado', 'Inscripción', 'Aviso', ''] as const,
  waitingTitle: 'Lista de espera (en orden)',
  waitingLabel: (name: string) => `Lista de espera del módulo «${name}», en orden`,
  noWaiting: 'Nadie en lista de espera.',
  waitingLine: (r: RegistrantView) => `${r.position}. ${r.name} — ${r.registeredAt} · aviso: ${r.notice}`,
  promoted: (when: string) => ` (cupo asignado el ${when})`,
} as const;

/** Icons drawn beside each step's written state (aria-hidden: the state is in the text). */
const ICONS: Record<StageStep['state'], string> = { hecho: '✓', 'en curso': '…', pendiente: '○', bloqueado: '✕' };

/** Registrants read per module since the list was last loaded (cleared by `forgetDetails`). */
const details = new Map<string, ModuleDetail>();
/** Modules whose detail is open: a redraw of the list keeps them open. */
const open = new Set<string>();

/** The list was read again: the next opening reads the registrants again too. */
export function forgetDetails(): void {
  details.clear();
}

/** The list's compact lines: where the module stands, and its registrations. */
export function stageSummary(m: ModuleView): HTMLDivElement {
  const r = m.registrations;
  return h(
    'div',
    { class: 'module-stage-summary' },
    h('p', { class: 'module-stage', text: m.stage.line }),
    h('p', { class: 'module-counts', text: T.counts(r.confirmed, r.capacity, r.waiting, r.review) }),
  );
}

function stepItem(s: StageStep): HTMLLIElement {
  return h(
    'li',
    { class: `stage-step stage-${s.state.replace(' ', '-')}`, attrs: { 'data-step': s.code, 'data-state': s.state } },
    h('span', { class: 'stage-icon', text: ICONS[s.state], attrs: { 'aria-hidden': 'true' } }),
    h('span', { class: 'stage-text' }, h('strong', { text: T.step(s) }), h('span', { class: 'stage-state', text: s.stateLabel }), ` — ${s.text}`),
  );
}

/** The B01–B05 checklist with the next step and what blocks the module. */
export function stageChecklist(m: ModuleView): HTMLElement {
  const st = m.stage;
  return h(
    'section',
    { class: 'module-checklist', attrs: { 'aria-label': T.stepsLabel(m.name) } },
    h('h4', { text: T.stepsTitle }),
    st.steps.length > 0 ? h('ol', { class: 'stage-steps' }, ...st.steps.map(stepItem)) : h('p', { class: 'help', text: st.line }),
    st.next ? h('p', { class: 'stage-next' }, h('strong', { text: T.next }), st.next) : null,
    st.blockers.length > 0
      ? h('div', { class: 'notice notice-warn stage-blockers' }, h('p', { class: 'notice-title', text: T.blockers }), h('ul', {}, ...st.blockers.map((b) => h('li', { text: b }))))
      : null,
  );
}

/** What each registrant's line offers (B05 «Anular»), set by the «Módulos» screen; null: nothing. */
let registrantAction: ((r: RegistrantView) => HTMLElement | null) | null = null;

export function setRegistrantAction(fn: (r: RegistrantView) => HTMLElement | null): void {
  registrantAction = fn;
}

function registrantsTable(list: readonly RegistrantView[]): HTMLElement {
  if (list.length === 0) return h('p', { class: 'help', text: T.noRegistrants });
  const head = h('tr', {}, ...T.columns.map((c) => h('th', { text: c, attrs: { scope: 'col' } })));
  const rows = list.map((r) =>
    h(
      'tr',
      { attrs: { 'data-id': r.id } },
      h('td', { text: r.name + (r.promotedAt ? T.promoted(r.promotedAt) : '') }),
      h('td', { text: r.status }),
      h('td', { text: r.registeredAt }),
      h('td', { text: r.notice }),
      h('td', {}, registrantAction ? registrantAction(r) : null),
    ),
  );
  return h('table', { class: 'registrants' }, h('caption', { text: T.registrantsCaption }), h('thead', {}, head), h('tbody', {}, ...rows));
}

function registrationsBlock(m: ModuleView, box: HTMLElement, d: ModuleDetail): void {
  clear(box);
  if (!d.ok) {
    box.appendChild(h('p', { class: 'notice notice-error', text: d.message, attrs: { role: 'status' } }));
    return;
  }
  const r = d.module.registrations;
  box.appendChild(h('p', { class: 'registration-counts', text: T.detailCounts(r.confirmed, r.capacity, r.waiting, r.review, r.withdrawn) }));
  box.appendChild(registrantsTable(d.registrants));
  box.appendChild(h('h5', { text: T.waitingTitle }));
  box.appendChild(
    d.waitingList.length > 0
      ? h('ol', { class: 'waiting-list', attrs: { 'aria-label': T.waitingLabel(m.name) } }, ...d.waitingList.map((x) => h('li', { attrs: { 'data-id': x.id } }, T.waitingLine(x), registrantAction ? registrantAction(x) : null)))
      : h('p', { class: 'help', text: T.noWaiting }),
  );
  // Issue 14: the module's real timings against the seed's 2 d 3 h (internal modules).
  if (d.timings) box.appendChild(timingsSection(d.timings, 'Tiempos reales del módulo (B01–B12)', 'module-timings'));
}

async function loadRegistrations(m: ModuleView, box: HTMLElement): Promise<void> {
  // Opened by the person or reopened by a redraw: the block is filled once.
  if (box.dataset.filled) return;
  box.dataset.filled = 'yes';
  const known = details.get(m.id);
  if (known) return registrationsBlock(m, box, known);
  clear(box);
  box.appendChild(h('p', { class: 'help', text: T.loading }));
  box.setAttribute('aria-busy', 'true');
  try {
    const d = await call('getModuleDetail', m.id);
    if (!d) throw new Error(M.unknownError);
    details.set(m.id, d);
    registrationsBlock(m, box, d);
  } catch (e) {
    delete box.dataset.filled;
    clear(box);
    box.appendChild(h('p', { class: 'notice notice-error', text: e instanceof Error ? e.message : M.unknownError, attrs: { role: 'status' } }));
  } finally {
    box.removeAttribute('aria-busy');
  }
}

/**
 * The module's detail, closed until the person opens it: the checklist, then `blocks` (the hook
 * point: each other part of the panel passes its block, one line each in sidebar/workshops.ts),
 * then «Inscripciones», read when the detail opens.
 */
export function moduleDetailBlock(m: ModuleView, ...blocks: Child[]): HTMLDetailsElement {
  const box = h('div', { class: 'registrations-body', attrs: { 'aria-live': 'polite' } });
  const registrations = h('section', { class: 'module-registrations', attrs: { 'aria-label': T.registrationsTitle } }, h('h4', { text: T.registrationsTitle }), box);
  const d = h(
    'details',
    { class: 'module-detail', attrs: { 'data-module': m.id } },
    h('summary', { text: T.detail, attrs: { 'aria-label': T.detailLabel(m.name) } }),
    stageChecklist(m),
    ...blocks,
    registrations,
  );
  d.addEventListener('toggle', () => {
    if (d.open) {
      open.add(m.id);
      void loadRegistrations(m, box);
    } else open.delete(m.id);
  });
  if (open.has(m.id)) {
    d.open = true;
    void loadRegistrations(m, box);
  }
  return d;
}
