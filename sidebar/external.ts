/**
 * «Solicitudes externas» (C01–C04) in "Programación Talleres Masivos": the institutions' requests
 * with a filter by state and the counts, the request form's link to share, and one request's
 * detail — what the institution asked, its preferred slots, the proposal and the decision, the
 * real timings — with «Enviar a aprobación» (slot 1, 2 or another date; end time, speaker, their
 * email, certificates) and, for coordinators, «Registrar decisión» (approved or rejected outside
 * the emailed link). The server checks everything and answers per field; its messages are shown
 * next to each field. Data always goes into the page as text (./dom.ts).
 */
import type { ApprovalField, ApprovalProposalInput, DecisionInput, ExternalActionResult, ExternalRequestDetail, ExternalRequestsView, ExternalRequestSummary, SlotView } from '../src/api';
import { clear, el, h, link, nextId } from './dom';
import { timingsSection } from './external-timings';
import { M } from './messages';
import { busy, call, hideError, showError } from './server';

const STATES = ['Recibida', 'Enviada a aprobación', 'Aprobada', 'Rechazada', 'Programada', 'Realizada', 'Cerrada'] as const;

const T = {
  loading: 'Cargando las solicitudes…',
  loadingOne: 'Cargando la solicitud…',
  sending: 'Enviando la propuesta a aprobación…',
  deciding: 'Registrando la decisión…',
  all: (n: number) => `Todas (${n})`,
  state: (s: string, n: number) => `${s} (${n})`,
  counts: (shown: number, total: number) => (shown === total ? `${total} solicitud(es)` : `${shown} de ${total} solicitud(es)`),
  noneInState: 'No hay solicitudes en ese estado.',
  formTitle: 'Formulario de solicitud para instituciones',
  formHelp: 'Comparta este enlace con los CETPRO, institutos y otras instituciones que quieran solicitar un taller.',
  formOpen: 'Abrir el formulario',
  formLabel: 'Enlace del formulario de solicitud',
  formMissing: 'El formulario de solicitud todavía no existe: la coordinación debe ejecutar la configuración de esta hoja.',
  open: 'Ver solicitud',
  openLabel: (r: ExternalRequestSummary) => `Ver la solicitud de ${r.institution || r.id}`,
  received: (when: string) => `Recibida el ${when}`,
  expected: (n: number) => `${n} participante(s) esperado(s)`,
  proposed: (when: string) => `Propuesta: ${when}`,
  detailTitle: (institution: string) => `Solicitud de ${institution || 'una institución'}`,
  next: 'Siguiente paso: ',
  requestData: 'Datos de la solicitud',
  labels: {
    id: 'Código',
    institution: 'Institución',
    ruc: 'RUC',
    institutionType: 'Tipo de institución',
    place: 'Región y distrito',
    contact: 'Persona de contacto',
    contactEmail: 'Correo de contacto',
    contactPhone: 'Celular de contacto',
    topic: 'Tema',
    expected: 'Participantes esperados',
    capacity: 'Cupos del taller (con margen)',
    modality: 'Modalidad',
    notes: 'Observaciones de la institución',
  },
  slotsTitle: 'Fechas preferidas por la institución',
  slot: (n: number, s: SlotView) => `Opción ${n}: ${s.label || 'no indicada'}${s.past ? ' (ya pasó)' : ''}`,
  proposalTitle: 'Propuesta enviada a aprobación',
  proposal: (d: ExternalRequestDetail) => [
    `Fecha y hora: ${d.proposal.start}${d.proposal.end ? ` a ${d.proposal.end}` : ''}`,
    `Ponente: ${d.proposal.speaker}${d.proposal.speakerEmail ? ` (${d.proposal.speakerEmail})` : ''}`,
    `Certificados: ${d.proposal.certificates ? 'sí' : 'no'}`,
    `Envío n.° ${d.proposal.round}${d.proposal.sentAt ? ` · ${d.proposal.sentAt}` : ''}${d.proposal.sentBy ? ` · por ${d.proposal.sentBy}` : ''}`,
  ],
  decisionTitle: 'Decisión',
  decision: (d: ExternalRequestDetail) =>
    [
      `${d.decision.decision}${d.decision.at ? ` el ${d.decision.at}` : ''}${d.decision.by ? ` por ${d.decision.by}` : ''}${d.decision.channel ? ` (${d.decision.channel === 'Panel' ? 'registrada en el panel' : 'con el enlace del correo'})` : ''}`,
      d.decision.reason ? `Motivo: ${d.decision.reason}` : '',
    ].filter((x) => x !== ''),
  workshopTitle: 'Taller',
  workshop: (name: string, id: string) => `${name || 'Taller'} (${id})`,
  goModule: 'Ver el taller en «Módulos»',
  timingsCaption: 'Tiempos reales de la solicitud (C01–C04)',
  back: 'Volver a la lista',
  // «Enviar a aprobación»
  sendTitle: 'Enviar a aprobación',
  sendHelp: 'La Sub Dirección recibe un correo con el resumen y dos botones, «Aprobar» y «Rechazar». Un nuevo envío reemplaza la propuesta anterior.',
  slotLegend: 'Fecha del taller',
  slotOption: (n: number, s: SlotView) => `Opción ${n} de la institución: ${s.label}${s.past ? ' (ya pasó)' : ''}`,
  slotOther: 'Otra fecha',
  date: 'Fecha',
  startTime: 'Hora de inicio',
  endTime: 'Hora de fin',
  speaker: 'Ponente',
  speakerEmail: 'Correo del ponente',
  certificates: 'El taller emite certificados',
  certificatesHelp: 'Desmárquelo si la institución no necesita certificados para este taller.',
  send: 'Enviar a aprobación',
  sendAgain: 'Enviar una nueva propuesta',
  fixFields: 'Revise los campos marcados.',
  // «Registrar decisión»
  decideTitle: 'Registrar decisión',
  decideHelp: 'Solo para coordinación: registre una decisión tomada fuera del correo (por ejemplo, por teléfono). Queda registrado quién y cuándo.',
  decideLegend: 'Decisión',
  approve: 'Aprobada',
  reject: 'Rechazada',
  reason: 'Motivo del rechazo (se envía a la institución)',
  note: 'Cómo se decidió (por ejemplo, «por teléfono»)',
  decide: 'Registrar decisión',
  chooseDecision: 'Elija «Aprobada» o «Rechazada».',
  reasonRequired: 'Escriba el motivo del rechazo.',
} as const;

let view: ExternalRequestsView | null = null;
let current: ExternalRequestDetail | null = null;
let show: (v: 'externas' | 'externa') => void = () => undefined;
let openModule: (moduleId: string) => void = () => undefined;

// ---------------------------------------------------------------------------- live regions

function say(box: string, text: string, tone: 'ok' | 'error'): void {
  const b = el(box);
  b.className = `live-message notice notice-${tone}`;
  b.textContent = text;
}

function silence(box: string): void {
  const b = el(box);
  b.className = 'live-message';
  b.textContent = '';
}

// ---------------------------------------------------------------------------- the list

function requestItem(r: ExternalRequestSummary): HTMLLIElement {
  const open = h('button', { class: 'secondary small', text: T.open, attrs: { type: 'button', 'aria-label': T.openLabel(r) } });
  open.addEventListener('click', () => void openDetail(r.id));
  return h(
    'li',
    { class: 'external-request', attrs: { 'data-id': r.id, 'data-state': r.state } },
    h('div', { class: 'title-row' }, h('h3', { class: 'external-institution', text: r.institution || r.id }), h('span', { class: 'chip external-state', text: r.state || '—' })),
    h('p', { class: 'external-topic', text: r.topic }),
    h('p', { class: 'help', text: [T.received(r.receivedAt), T.expected(r.expected), r.proposedWhen ? T.proposed(r.proposedWhen) : ''].filter((x) => x).join(' · ') }),
    r.nextStep ? h('p', { class: 'external-next' }, h('strong', { text: T.next }), r.nextStep) : null,
    open,
  );
}

function renderFilter(v: ExternalRequestsView): void {
  const select = el<HTMLSelectElement>('external-filter');
  const chosen = select.value;
  clear(select);
  select.appendChild(h('option', { text: T.all(v.requests.length), attrs: { value: '' } }));
  for (const s of STATES) select.appendChild(h('option', { text: T.state(s, v.counts[s] ?? 0), attrs: { value: s } }));
  select.value = STATES.includes(chosen as (typeof STATES)[number]) ? chosen : '';
}

function renderFormLink(v: ExternalRequestsView): void {
  const box = el('external-form');
  clear(box);
  box.hidden = !v.ready;
  if (!v.ready) return;
  box.appendChild(h('h3', { text: T.formTitle }));
  const a = link(v.formUrl, T.formOpen, ['https:']);
  if (!a) {
    box.appendChild(h('p', { class: 'help', text: T.formMissing }));
    return;
  }
  const id = nextId('external-form-url');
  const input = h('input', { id, attrs: { type: 'text', readonly: '', value: v.formUrl } });
  input.addEventListener('focus', () => input.select());
  box.appendChild(h('p', { class: 'help', text: T.formHelp }));
  box.appendChild(h('div', { class: 'field' }, h('label', { text: T.formLabel, attrs: { for: id } }), input));
  box.appendChild(h('div', { class: 'buttons' }, a));
}

function renderList(): void {
  const v = view;
  const list = el('external-list');
  clear(list);
  if (!v) return;
  renderFilter(v);
  renderFormLink(v);
  el('external-filter-field').hidden = !v.ready || v.requests.length === 0;
  const state = el<HTMLSelectElement>('external-filter').value;
  const shown = v.requests.filter((r) => state === '' || r.state === state);
  for (const r of shown) list.appendChild(requestItem(r));
  el('external-counts').textContent = v.ready && v.requests.length > 0 ? T.counts(shown.length, v.requests.length) : '';
  const empty = el('external-empty');
  empty.textContent = v.message || (v.requests.length > 0 && shown.length === 0 ? T.noneInState : '');
  empty.hidden = empty.textContent === '';
}

/** Reads the requests (one call) and shows the list. */
export async function loadExternal(): Promise<ExternalRequestsView | null> {
  hideError();
  try {
    const v = await busy(T.loading, () => call('getExternalRequests'));
    if (!v) throw new Error(M.unknownError);
    view = v;
    renderList();
    return v;
  } catch (e) {
    showError(e, () => void loadExternal());
    return null;
  }
}

// ---------------------------------------------------------------------------- the detail

function dl(rows: readonly [string, string][]): HTMLDListElement {
  const list = h('dl', { class: 'external-data' });
  for (const [k, v] of rows) {
    if (v === '') continue;
    list.appendChild(h('dt', { text: k }));
    list.appendChild(h('dd', { text: v }));
  }
  return list;
}

function section(title: string, className: string, ...children: (Node | null)[]): HTMLElement {
  return h('section', { class: className, attrs: { 'aria-label': title } }, h('h3', { text: title }), ...children);
}

/** One control with its label and its problem line; `field` names it for the server's errors. */
function control(field: string, label: string, input: HTMLInputElement | HTMLTextAreaElement): HTMLDivElement {
  const id = nextId(`ext-${field}`);
  input.id = id;
  input.dataset.field = field;
  input.setAttribute('aria-describedby', `${id}-problem`);
  return h('div', { class: 'field' }, h('label', { text: label, attrs: { for: id } }), input, h('p', { id: `${id}-problem`, class: 'field-problem', attrs: { hidden: '' } }));
}

function inputOf(type: string, attrs: Record<string, string> = {}): HTMLInputElement {
  return h('input', { attrs: { type, autocomplete: 'off', ...attrs } });
}

function clearProblems(form: HTMLElement): void {
  form.querySelectorAll<HTMLElement>('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
  form.querySelectorAll<HTMLElement>('.field-problem').forEach((p) => {
    p.textContent = '';
    p.hidden = true;
  });
}

/** Marks each field the server named; the first one gets the focus (else the form's message). */
function showProblems(form: HTMLElement, r: ExternalActionResult, general: HTMLElement): void {
  let first: HTMLElement | null = null;
  for (const [field, text] of Object.entries(r.errors ?? {}) as [ApprovalField, string][]) {
    if (!text) continue;
    const target = form.querySelector<HTMLElement>(`[data-field="${field}"]`);
    if (!target) continue;
    target.setAttribute('aria-invalid', 'true');
    const p = form.querySelector<HTMLElement>(`#${target.id}-problem`);
    if (p) {
      p.textContent = text;
      p.hidden = false;
    }
    first = first ?? target;
  }
  general.textContent = r.message || T.fixFields;
  general.hidden = false;
  (first ?? general).focus();
}

function sendForm(d: ExternalRequestDetail): HTMLFormElement {
  const form = h('form', { class: 'external-send', attrs: { novalidate: '', 'aria-label': T.sendTitle } });
  const general = h('p', { class: 'notice notice-error form-problem', attrs: { hidden: '', tabindex: '-1', role: 'alert' } });
  const name = nextId('ext-slot');
  const slots = h('fieldset', { class: 'choices', attrs: { 'data-field': 'slot', id: `${name}-set`, tabindex: '-1', 'aria-describedby': `${name}-set-problem` } }, h('legend', { text: T.slotLegend }));
  const radio = (value: string, text: string, checked: boolean) => {
    const r = h('input', { attrs: { type: 'radio', name, value } });
    r.checked = checked;
    slots.appendChild(h('label', {}, r, ' ', text));
    return r;
  };
  const options: HTMLInputElement[] = [];
  const firstFuture = d.slots.findIndex((s) => s.label !== '' && !s.past);
  d.slots.forEach((s, i) => {
    if (s.label) options.push(radio(String(i + 1), T.slotOption(i + 1, s), i === firstFuture));
  });
  const other = radio('otra', T.slotOther, firstFuture < 0);
  options.push(other);
  slots.appendChild(h('p', { id: `${name}-set-problem`, class: 'field-problem', attrs: { hidden: '' } }));
  const date = inputOf('date');
  const start = inputOf('time', { step: '300' });
  const otherFields = h('div', { class: 'field-row external-other' }, control('date', T.date, date), control('startTime', T.startTime, start));
  const syncOther = () => {
    otherFields.hidden = !other.checked;
  };
  for (const o of options) o.addEventListener('change', syncOther);
  syncOther();
  const end = inputOf('time', { step: '300' });
  const speaker = inputOf('text', { maxlength: '120' });
  const speakerEmail = inputOf('email', { maxlength: '120' });
  speaker.value = d.proposal.speaker;
  speakerEmail.value = d.proposal.speakerEmail;
  end.value = d.proposal.end;
  const certificates = h('input', { attrs: { type: 'checkbox' } });
  certificates.checked = d.proposal.round > 0 ? d.proposal.certificates : true;
  const certId = nextId('ext-certificates');
  certificates.id = certId;
  certificates.setAttribute('aria-describedby', `${certId}-help`);
  const submit = h('button', { class: 'action', text: d.proposal.round > 0 ? T.sendAgain : T.send, attrs: { type: 'submit' } });
  form.append(
    h('h3', { text: T.sendTitle }),
    h('p', { class: 'help', text: T.sendHelp }),
    slots,
    otherFields,
    control('endTime', T.endTime, end),
    control('speaker', T.speaker, speaker),
    control('speakerEmail', T.speakerEmail, speakerEmail),
    h('div', { class: 'field checkbox' }, certificates, h('label', { text: T.certificates, attrs: { for: certId } }), h('p', { id: `${certId}-help`, class: 'help', text: T.certificatesHelp })),
    general,
    h('div', { class: 'buttons' }, submit),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const slot = options.find((o) => o.checked)?.value ?? '';
    const input: ApprovalProposalInput = {
      requestId: d.id,
      slot,
      ...(slot === 'otra' ? { date: date.value.trim(), startTime: start.value.trim() } : {}),
      endTime: end.value.trim(),
      speaker: speaker.value.trim(),
      speakerEmail: speakerEmail.value.trim(),
      certificates: certificates.checked,
      seenRound: d.proposal.round,
    };
    void act(form, general, T.sending, () => call('sendExternalForApproval', input));
  });
  return form;
}

function decideForm(d: ExternalRequestDetail): HTMLFormElement {
  const form = h('form', { class: 'external-decide', attrs: { novalidate: '', 'aria-label': T.decideTitle } });
  const general = h('p', { class: 'notice notice-error form-problem', attrs: { hidden: '', tabindex: '-1', role: 'alert' } });
  const name = nextId('ext-decision');
  const choices = h('fieldset', { class: 'choices' }, h('legend', { text: T.decideLegend }));
  const radio = (value: string, text: string) => {
    const r = h('input', { attrs: { type: 'radio', name, value } });
    choices.appendChild(h('label', {}, r, ' ', text));
    return r;
  };
  const approve = radio('Aprobada', T.approve);
  const reject = radio('Rechazada', T.reject);
  const reason = h('textarea', { attrs: { rows: '3', maxlength: '500' } });
  const note = inputOf('text', { maxlength: '200' });
  const reasonField = control('reason', T.reason, reason);
  const sync = () => {
    reasonField.hidden = !reject.checked;
  };
  approve.addEventListener('change', sync);
  reject.addEventListener('change', sync);
  sync();
  const noteId = nextId('ext-note');
  note.id = noteId;
  form.append(
    h('h3', { text: T.decideTitle }),
    h('p', { class: 'help', text: T.decideHelp }),
    choices,
    reasonField,
    h('div', { class: 'field' }, h('label', { text: T.note, attrs: { for: noteId } }), note),
    general,
    h('div', { class: 'buttons' }, h('button', { class: 'action', text: T.decide, attrs: { type: 'submit' } })),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    clearProblems(form);
    general.hidden = true;
    // What the panel can tell at once; the server checks everything again.
    if (!approve.checked && !reject.checked) {
      general.textContent = T.chooseDecision;
      general.hidden = false;
      approve.focus();
      return;
    }
    if (reject.checked && reason.value.trim() === '') {
      showProblems(form, { ok: false, message: T.fixFields, errors: { reason: T.reasonRequired } }, general);
      return;
    }
    const input: DecisionInput = {
      requestId: d.id,
      decision: approve.checked ? 'Aprobada' : 'Rechazada',
      ...(reject.checked ? { reason: reason.value.trim() } : {}),
      ...(note.value.trim() ? { note: note.value.trim() } : {}),
      seenRound: d.proposal.round,
    };
    void act(form, general, T.deciding, () => call('recordExternalDecision', input));
  });
  return form;
}

/** Runs an action; its answer either redraws the request (with its message) or marks the fields. */
async function act(form: HTMLElement, general: HTMLElement, text: string, work: () => Promise<ExternalActionResult>): Promise<void> {
  hideError();
  clearProblems(form);
  general.hidden = true;
  try {
    const r = await busy(text, work);
    if (!r) throw new Error(M.unknownError);
    const fieldProblems = Object.keys(r.errors ?? {}).length > 0;
    // Refused with field problems (or without the request to redraw): shown in the form.
    if (!r.ok && (fieldProblems || !r.detail)) return showProblems(form, r, general);
    if (r.detail) renderDetail(r.detail);
    say('external-detail-message', r.message, r.ok ? 'ok' : 'error');
    // The list's state and counts changed: it is read again when the person goes back.
    view = null;
  } catch (e) {
    showError(e, null);
  }
}

function renderDetail(d: ExternalRequestDetail): void {
  current = d;
  el('external-detail-title').textContent = T.detailTitle(d.institution);
  const box = el('external-detail');
  clear(box);
  const L = T.labels;
  const email = link(`mailto:${d.contactEmail}`, d.contactEmail, ['mailto:'], 'external-mail');
  box.append(
    h('div', { class: 'title-row' }, h('span', { class: 'chip external-state', text: d.state || '—' }), h('span', { class: 'help', text: d.id })),
    d.nextStep ? h('p', { class: 'external-next' }, h('strong', { text: T.next }), d.nextStep) : '',
    section(
      T.requestData,
      'external-request-data',
      dl([
        [L.institution, d.institution],
        [L.ruc, d.ruc],
        [L.institutionType, d.institutionType],
        [L.place, [d.region, d.district].filter((x) => x).join(' · ')],
        [L.contact, [d.contactName, d.contactRole].filter((x) => x).join(' — ')],
        [L.contactPhone, d.contactPhone],
        [L.topic, d.topic],
        [L.expected, String(d.expected)],
        [L.capacity, String(d.capacity)],
        [L.modality, d.modality],
        [L.notes, d.notes],
      ]),
      d.contactEmail ? h('p', {}, h('strong', { text: `${L.contactEmail}: ` }), email ?? d.contactEmail) : null,
    ),
    section(T.slotsTitle, 'external-slots', h('ul', {}, ...d.slots.map((s, i) => h('li', { class: s.past ? 'slot-past' : 'slot', text: T.slot(i + 1, s) })))),
    d.proposal.round > 0 ? section(T.proposalTitle, 'external-proposal', h('ul', {}, ...T.proposal(d).map((x) => h('li', { text: x })))) : '',
    d.decision.decision ? section(T.decisionTitle, 'external-decision', h('ul', {}, ...T.decision(d).map((x) => h('li', { text: x })))) : '',
  );
  if (d.moduleId) {
    const go = h('button', { class: 'secondary small', text: T.goModule, attrs: { type: 'button' } });
    go.addEventListener('click', () => openModule(d.moduleId));
    box.append(section(T.workshopTitle, 'external-workshop', h('p', { text: T.workshop(d.moduleName, d.moduleId) }), go));
  }
  box.append(timingsSection(d.timings, T.timingsCaption, 'external-timings'));
  if (d.allowed.sendForApproval) box.append(sendForm(d));
  if (d.allowed.decide) box.append(decideForm(d));
}

async function openDetail(id: string): Promise<void> {
  hideError();
  silence('external-detail-message');
  try {
    const r = await busy(T.loadingOne, () => call('getExternalRequestDetail', id));
    if (!r) throw new Error(M.unknownError);
    if (!r.ok) {
      say('external-message', r.message, 'error');
      return;
    }
    renderDetail(r.detail);
    show('externa');
  } catch (e) {
    showError(e, () => void openDetail(id));
  }
}

/** The request being shown, if any (for tests and the back button). */
export function shownRequest(): ExternalRequestDetail | null {
  return current;
}

/** Back from the detail: the list as it was, or read again after an action changed it. */
async function backToList(): Promise<void> {
  show('externas');
  if (view) renderList();
  else await loadExternal();
}

export function initExternal(showView: (v: 'externas' | 'externa') => void, goToModule: (moduleId: string) => void): void {
  show = showView;
  openModule = goToModule;
  el('external-refresh').addEventListener('click', () => {
    silence('external-message');
    void loadExternal();
  });
  el('external-filter').addEventListener('change', () => renderList());
  el('external-back').addEventListener('click', () => void backToList());
}
