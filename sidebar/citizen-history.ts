/**
 * «Historial del ciudadano» (issue 15 item 4): what the service already did with one person —
 * earlier attentions with their topics, the modules they registered for with the sessions
 * attended and the certificate, and the open modules they have not taken (to invite them).
 *
 * Two places, one rendering: in «Citas de hoy», inside the card of an appointment being attended
 * (a button loads it once; the answer is kept per appointment, so the panel's minute refresh does
 * not lose it), and the «Historial» screen, by document number. One server call each
 * (getCitizenHistory); everything goes into the page as text (./dom.ts).
 */
import type { CitizenHistoryResult } from '../src/api';
import { clear, el, h } from './dom';
import { busy, call, hideError, showError } from './server';

/** This screen's texts (Spanish, Peru). */
export const HM = {
  title: 'Historial del ciudadano',
  show: 'Ver historial',
  reload: 'Actualizar historial',
  loading: 'Buscando el historial…',
  help: 'Lo que el servicio ya hizo con esta persona: atenciones anteriores, módulos y certificados, y a qué módulos abiertos puede invitarla.',
  attentions: 'Atenciones',
  noAttentions: 'Sin otras atenciones.',
  modules: 'Módulos',
  noModules: 'No se ha inscrito en ningún módulo.',
  toInvite: 'Puede invitarle a',
  completed: 'Completado',
  documentMissing: 'Escriba el número de documento (DNI) de la persona.',
} as const;

/** Answers already loaded during an attention, by appointment ID (kept across the day's redraws). */
const loaded = new Map<string, CitizenHistoryResult>();

/** The history as a list of sections (text only). */
export function renderHistory(r: CitizenHistoryResult, headingLevel: 'h3' | 'h4' = 'h4'): HTMLElement {
  const box = h('div', { class: 'citizen-history' });
  if (!r.ok) {
    box.appendChild(h('p', { class: 'notice notice-warn history-message', text: r.message, attrs: { role: 'status' } }));
    return box;
  }
  const v = r.history;
  box.appendChild(h('p', { class: 'history-summary', text: r.message, attrs: { role: 'status' } }));
  if (r.notes.length) box.appendChild(h('ul', { class: 'warnings' }, ...r.notes.map((n) => h('li', { text: n }))));

  box.appendChild(h(headingLevel, { text: HM.attentions }));
  if (v.attentions.length === 0) box.appendChild(h('p', { class: 'help', text: HM.noAttentions }));
  else
    box.appendChild(
      h(
        'ul',
        { class: 'history-attentions' },
        ...v.attentions.map((a) => h('li', { attrs: { 'data-id': a.id } }, h('span', { class: 'history-date', text: a.dateText }), ` — ${a.status} — `, h('span', { class: 'history-topic', text: a.topic }))),
      ),
    );

  box.appendChild(h(headingLevel, { text: HM.modules }));
  if (v.modules.length === 0) box.appendChild(h('p', { class: 'help', text: HM.noModules }));
  else
    box.appendChild(
      h(
        'ul',
        { class: 'history-modules' },
        ...v.modules.map((m) =>
          h(
            'li',
            { attrs: { 'data-module': m.moduleId } },
            h('strong', { text: m.name }),
            m.datesText ? ` (${m.datesText})` : '',
            ` — ${m.registrationStatus}`,
            m.completed ? h('span', { class: 'chip chip-ok', text: HM.completed }) : null,
            h('br'),
            m.attendanceText,
            h('br'),
            m.certificateText,
          ),
        ),
      ),
    );

  box.appendChild(h(headingLevel, { text: HM.toInvite }));
  if (v.toInvite.length === 0) box.appendChild(h('p', { class: 'help', text: v.toInviteNote }));
  else box.appendChild(h('ul', { class: 'history-invite' }, ...v.toInvite.map((m) => h('li', { attrs: { 'data-module': m.moduleId } }, h('strong', { text: m.name }), m.datesText ? ` (${m.datesText})` : ''))));
  return box;
}

/** The section inside an appointment's card during the attention. */
export function renderAttentionHistory(appointmentId: string): HTMLElement {
  const section = h('section', { class: 'attention-history', attrs: { 'aria-label': HM.title } }, h('h3', { text: HM.title }));
  const result = loaded.get(appointmentId);
  const body = h('div', { class: 'attention-history-body' });
  const load = async () => {
    hideError();
    try {
      const r = await busy(HM.loading, () => call('getCitizenHistory', { appointmentId }));
      loaded.set(appointmentId, r);
      clear(body);
      body.appendChild(renderHistory(r));
      button.textContent = HM.reload;
      section.querySelector(':scope > p.help')?.remove();
    } catch (e) {
      showError(e, () => void load());
    }
  };
  const button = h('button', { class: 'secondary history-load', text: result ? HM.reload : HM.show, attrs: { type: 'button' } });
  button.addEventListener('click', () => void load());
  if (result) body.appendChild(renderHistory(result));
  else section.appendChild(h('p', { class: 'help', text: HM.help }));
  section.append(h('div', { class: 'buttons' }, button), body);
  return section;
}

/** «Historial»: the search by document number. */
export function initCitizenHistory(): void {
  const form = el<HTMLFormElement>('history-form');
  const input = el<HTMLInputElement>('history-document');
  const problem = el('history-problem');
  const out = el('history-result');
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const document_ = input.value.trim();
    problem.hidden = true;
    if (document_ === '') {
      problem.textContent = HM.documentMissing;
      problem.hidden = false;
      input.focus();
      return;
    }
    void (async () => {
      hideError();
      try {
        const r = await busy(HM.loading, () => call('getCitizenHistory', { document: document_ }));
        clear(out);
        out.appendChild(renderHistory(r, 'h3'));
        out.hidden = false;
      } catch (e) {
        showError(e, null);
      }
    })();
  });
}
