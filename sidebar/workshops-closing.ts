/**
 * B11 in «Módulos» (issue 12, item 7): a folded section «Cierre: orden de presentación» of the
 * module's detail. When opened it reads the closing session and its presenters (the volunteers
 * from registration, or the order saved), each with its slot and what was sent to them. The
 * consultant moves a presenter up or down, removes one, adds a confirmed registrant, then
 * «Guardar orden» (the server recomputes the slots) and «Enviar orden de presentación» (each email
 * once; after a change only those whose slot changed). Data goes into the page as text only.
 */
import type { ClosingResult, ClosingView, ModuleView, PresenterView } from '../src/api';
import { clear, h, nextId } from './dom';
import { busy, call, showError } from './server';

const T = {
  summary: 'Cierre: orden de presentación (B11)',
  loading: 'Consultando…',
  session: (v: ClosingView) => (v.session ? `Sesión de cierre: ${v.session.number} · ${v.session.when} · ${v.minutes} minutos por persona${v.session.speaker ? ` · Ponente: ${v.session.speaker}` : ''}` : 'El módulo no tiene sesión de cierre.'),
  over: 'La sesión de cierre ya terminó.',
  none: 'Nadie presenta todavía.',
  listLabel: 'Orden de presentación',
  line: (p: PresenterView, changed: boolean) => `${p.order}. ${p.name} — ${p.slot}${p.volunteered ? '' : ' (agregado)'}${p.mail === 'enviado' ? ' · turno enviado' : changed ? ' · cambió: se enviará el nuevo turno' : p.mail === 'enviando' ? ' · envío por revisar' : ''}`,
  up: (name: string) => `Subir a ${name}`,
  down: (name: string) => `Bajar a ${name}`,
  remove: (name: string) => `Quitar a ${name}`,
  addLabel: 'Agregar a un inscrito',
  add: 'Agregar',
  save: 'Guardar orden',
  saving: 'Guardando…',
  send: 'Enviar orden de presentación',
  sending: 'Enviando…',
  sent: 'El orden mostrado ya se envió al ponente y a usted.',
  unsaved: 'Hay cambios sin guardar: «Guardar orden» antes de enviar.',
} as const;

/** The B11 section of one module. */
export function closingControls(m: ModuleView, say: (text: string, tone: 'ok' | 'error') => void): HTMLElement {
  const body = h('div', { class: 'closing-body', attrs: { 'aria-live': 'polite' } });
  let view: ClosingView | null = null;
  /** The list as the consultant is editing it (registration IDs). */
  let order: string[] = [];
  let dirty = false;

  const nameOf = (id: string) => view?.presenters.find((p) => p.id === id)?.name ?? view?.others.find((o) => o.id === id)?.name ?? id;

  const render = () => {
    clear(body);
    if (!view) return;
    const v = view;
    body.appendChild(h('p', { class: 'help', text: T.session(v) }));
    if (v.session?.over) body.appendChild(h('p', { class: 'notice notice-warn', text: T.over }));
    const list = h('ol', { class: 'closing-order', attrs: { 'aria-label': T.listLabel } });
    order.forEach((id, i) => {
      const p = v.presenters.find((x) => x.id === id);
      const shown: PresenterView = p && !dirty ? p : { id, name: nameOf(id), order: i + 1, slot: '', volunteered: p?.volunteered ?? v.others.find((o) => o.id === id)?.volunteered ?? false, mail: '' };
      const move = (delta: number) => () => {
        const j = i + delta;
        if (j < 0 || j >= order.length) return;
        [order[i], order[j]] = [order[j], order[i]];
        dirty = true;
        render();
      };
      const button = (text: string, label: string, fn: () => void) => {
        const b = h('button', { class: 'secondary small', text, attrs: { type: 'button', 'aria-label': label } });
        b.addEventListener('click', fn);
        return b;
      };
      list.appendChild(
        h(
          'li',
          { attrs: { 'data-id': id } },
          dirty ? `${i + 1}. ${shown.name}` : T.line(shown, shown.mail === 'cambió'),
          ' ',
          button('↑', T.up(shown.name), move(-1)),
          button('↓', T.down(shown.name), move(1)),
          button('✕', T.remove(shown.name), () => {
            order = order.filter((x) => x !== id);
            dirty = true;
            render();
          }),
        ),
      );
    });
    body.appendChild(order.length > 0 ? list : h('p', { class: 'help', text: T.none }));

    const candidates = [...v.others, ...v.presenters.filter((p) => !order.includes(p.id))].filter((c) => !order.includes(c.id));
    if (candidates.length > 0) {
      const selectId = nextId('closing-add');
      const select = h('select', { id: selectId });
      for (const c of candidates) select.appendChild(h('option', { text: c.name, attrs: { value: c.id } }));
      const add = h('button', { class: 'secondary small', text: T.add, attrs: { type: 'button' } });
      add.addEventListener('click', () => {
        if (!select.value) return;
        order = [...order, select.value];
        dirty = true;
        render();
      });
      body.appendChild(h('div', { class: 'field closing-add' }, h('label', { text: T.addLabel, attrs: { for: selectId } }), select, add));
    }
    const save = h('button', { class: 'secondary small', text: T.save, attrs: { type: 'button' } });
    save.addEventListener('click', () => {
      busy(T.saving, () => call('saveClosingOrder', m.id, order)).then(answer, (e) => showError(e, null));
    });
    const send = h('button', { class: 'small', text: T.send, attrs: { type: 'button' } });
    send.disabled = dirty || order.length === 0 || v.session === null || v.session.over;
    send.addEventListener('click', () => {
      busy(T.sending, () => call('sendClosingOrder', m.id)).then(answer, (e) => showError(e, null));
    });
    body.appendChild(h('div', { class: 'buttons' }, save, send));
    if (dirty) body.appendChild(h('p', { class: 'help', text: T.unsaved }));
    else if (v.orderSent) body.appendChild(h('p', { class: 'help', text: T.sent }));
  };

  const take = (v: ClosingView) => {
    view = v;
    order = v.presenters.map((p) => p.id);
    dirty = false;
    render();
  };
  function answer(r: ClosingResult): void {
    if (r.view) take(r.view);
    if (r.message) say(r.message, r.ok ? 'ok' : 'error');
  }

  const section = h('details', { class: 'module-closing-section', attrs: { 'data-module': m.id } }, h('summary', { text: T.summary }), body);
  let loaded = false;
  section.addEventListener('toggle', () => {
    if (!(section as HTMLDetailsElement).open || loaded) return;
    loaded = true;
    busy(T.loading, () => call('getClosingView', m.id)).then(answer, (e) => {
      loaded = false;
      showError(e, null);
    });
  });
  return section;
}
