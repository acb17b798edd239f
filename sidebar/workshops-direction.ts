/**
 * A module's dealings with the Dirección in «Módulos» (B03, B04): «Enviar programación a la Sub
 * Dirección» (asking before a second send), «Solicitar banner», and the banner's state with its
 * link and «Marcar recibido» / «Marcar validado». The banner file is not uploaded from the panel
 * in this version: the consultant pastes its Drive (or other https://) link. Data goes into the
 * page as text only (./dom.ts).
 */
import type { DirectionResult, ModuleView, SendAgainOptions } from '../src/api';
import { h, link, nextId } from './dom';
import { M } from './messages';
import { busy, call, showError } from './server';
import { bannerUploadControls } from './workshops-files';

/** The texts this part of the panel writes (the server's answers are shown as they come). */
const T = {
  programme: 'Enviar programación a la Sub Dirección',
  programmeSentAt: (when: string) => `Programación enviada: ${when}`,
  programmeNotSent: 'Programación: sin enviar a la Sub Dirección',
  banner: 'Solicitar banner',
  again: 'Sí, enviar de nuevo',
  cancel: 'No',
  linkLabel: 'Enlace del banner (Drive u otra dirección https://)',
  linkHelp: 'O suba el archivo con «Subir banner»: queda en la carpeta del módulo en Drive.',
  received: 'Marcar recibido',
  validated: 'Marcar validado',
  openBanner: 'Abrir el banner',
  sending: 'Enviando…',
  saving: 'Guardando…',
} as const;

type Action = (options: SendAgainOptions) => Promise<DirectionResult>;

/** The controls of one module; `updated` gets the module as the server answers it. */
export function directionControls(m: ModuleView, updated: (m: ModuleView, message: string) => void, say: (text: string, tone: 'ok' | 'error') => void): HTMLElement {
  const question = h('div', { class: 'notice notice-warning direction-confirm', attrs: { role: 'alertdialog', hidden: '' } });

  const answer = (r: DirectionResult | null | undefined, again: Action) => {
    if (!r) throw new Error(M.unknownError);
    if (r.ok) return updated(r.module, r.message);
    if (r.confirm) return ask(r.confirm.question, r.confirm.previous, again);
    if (r.module) updated(r.module, '');
    say(r.message, 'error');
  };

  const run = async (text: string, action: Action, options: SendAgainOptions = {}) => {
    try {
      answer(await busy(text, () => action(options)), action);
    } catch (e) {
      showError(e, null);
    }
  };

  function ask(text: string, previous: string, action: Action): void {
    while (question.firstChild) question.removeChild(question.firstChild);
    const yes = h('button', { class: 'small', text: T.again, attrs: { type: 'button' } });
    const no = h('button', { class: 'secondary small', text: T.cancel, attrs: { type: 'button' } });
    yes.addEventListener('click', () => {
      question.hidden = true;
      void run(T.sending, action, { again: true, previous });
    });
    no.addEventListener('click', () => {
      question.hidden = true;
    });
    question.appendChild(h('p', { text }));
    question.appendChild(h('div', { class: 'buttons' }, yes, no));
    question.hidden = false;
    yes.focus();
  }

  const sendProgramme: Action = (o) => call('sendProgramme', m.id, o);
  const requestBanner: Action = (o) => call('requestBanner', m.id, o);

  const programme = h('button', { class: 'secondary small', text: T.programme, attrs: { type: 'button' } });
  programme.addEventListener('click', () => void run(T.sending, sendProgramme));
  const banner = h('button', { class: 'secondary small', text: T.banner, attrs: { type: 'button' } });
  banner.hidden = m.banner.state === 'Recibido' || m.banner.state === 'Validado';
  banner.addEventListener('click', () => void run(T.sending, requestBanner));

  const linkId = nextId('banner-link');
  const linkInput = h('input', { id: linkId, attrs: { type: 'url', inputmode: 'url', autocomplete: 'off', placeholder: 'https://drive.google.com/…' } });
  linkInput.value = m.banner.link;
  const setState = (state: 'Recibido' | 'Validado') =>
    void run(T.saving, () => call('setBannerState', m.id, { state, link: linkInput.value.trim() }));
  const received = h('button', { class: 'secondary small', text: T.received, attrs: { type: 'button' } });
  received.addEventListener('click', () => setState('Recibido'));
  const validated = h('button', { class: 'secondary small', text: T.validated, attrs: { type: 'button' } });
  validated.addEventListener('click', () => setState('Validado'));
  const stateFields =
    m.banner.state === 'Solicitado' || m.banner.state === 'Recibido'
      ? h(
          'div',
          { class: 'field banner-fields' },
          h('label', { text: T.linkLabel, attrs: { for: linkId } }),
          linkInput,
          h('p', { class: 'help', text: T.linkHelp }),
          h('div', { class: 'buttons' }, received, m.banner.state === 'Recibido' ? validated : null),
          bannerUploadControls(m, updated, say),
        )
      : null;

  return h(
    'div',
    { class: 'module-direction' },
    h('p', { class: 'help module-programme', text: m.programmeSentAt ? T.programmeSentAt(m.programmeSentAt) : T.programmeNotSent }),
    h('p', { class: 'help module-banner' }, m.banner.label, m.banner.link ? ' · ' : null, m.banner.link ? link(m.banner.link, T.openBanner, ['https:'], 'link') : null),
    m.banner.blockedReason ? h('p', { class: 'help module-invitations', text: m.banner.blockedReason }) : null,
    h('div', { class: 'buttons' }, programme, banner),
    question,
    stateFields,
  );
}
