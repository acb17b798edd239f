/**
 * Sessions and speakers in «Módulos» (B02): «Invitar a los ponentes» per module, each session's
 * speaker answer (Aceptó / Declinó / Pendiente), whether the invitation went out and its Meet
 * link, and a visible warning on the module when a speaker declined. Data goes into the page as
 * text only (./dom.ts); the Meet link is an https:// address or nothing.
 */
import type { InviteSpeakersResult, ModuleView, SessionView } from '../src/api';
import { h, link } from './dom';
import { M } from './messages';
import { busy, call, showError } from './server';

/** The texts this part of the panel writes (the server's answers are shown as they come). */
const T = {
  invite: 'Invitar a los ponentes',
  inviteLabel: (name: string) => `Invitar a los ponentes del módulo «${name}»`,
  inviting: 'Creando los eventos e invitando a los ponentes…',
  answer: (a: string) => `Ponente: ${a}`,
  invited: 'invitación enviada',
  notInvited: 'sin invitar',
  inviteUncertain: 'envío por revisar',
  inviteError: 'invitación rechazada',
  meet: 'Enlace Meet',
  meetLabel: (n: number) => `Abrir el enlace de Google Meet de la sesión ${n}`,
  session: (n: number) => `Sesión ${n}`,
  listLabel: 'Ponentes de las sesiones',
} as const;

function invitationText(s: SessionView): string {
  switch (s.invitation) {
    case 'enviado':
      return T.invited;
    case 'enviando':
      return T.inviteUncertain;
    case 'error':
      return T.inviteError;
    default:
      return T.notInvited;
  }
}

/** One session's line in «Ponentes»: the speaker's answer, the invitation's state, the Meet link. */
export function sessionSpeakerLine(s: SessionView): HTMLLIElement {
  const answer = s.speakerAnswer || 'Pendiente';
  const meet = s.meetUrl ? link(s.meetUrl, T.meet, ['https:'], 'session-meet') : null;
  meet?.setAttribute('aria-label', T.meetLabel(s.number));
  return h(
    'li',
    { class: 'help session-speaker', attrs: { 'data-session': s.id } },
    `${T.session(s.number)}: `,
    h('span', { class: `chip speaker-answer${answer === 'Declinó' ? ' speaker-declined' : ''}`, text: T.answer(answer), attrs: { 'data-answer': answer } }),
    ` · ${invitationText(s)}`,
    meet ? ' · ' : '',
    meet,
  );
}

/**
 * The module's warning (a speaker declined), each session's speaker line and «Invitar a los
 * ponentes». After the action the
 * list is read again (one call), so each session shows its event and invitation.
 */
export function speakerControls(m: ModuleView, reload: () => Promise<unknown>, say: (text: string, tone: 'ok' | 'error') => void): HTMLDivElement {
  const warning = m.speakerWarning ? h('p', { class: 'notice notice-error speaker-warning', text: m.speakerWarning, attrs: { role: 'status' } }) : null;
  const hasSessions = m.sessions.length > 0;
  const button = hasSessions
    ? h('button', { class: 'secondary small invite-speakers', text: T.invite, attrs: { type: 'button', 'aria-label': T.inviteLabel(m.name) } })
    : null;
  button?.addEventListener('click', () => {
    void (async () => {
      try {
        const r: InviteSpeakersResult = await busy(T.inviting, () => call('inviteSpeakers', m.id));
        if (!r) throw new Error(M.unknownError);
        await reload();
        say(r.message, r.ok ? 'ok' : 'error');
      } catch (e) {
        showError(e, null);
      }
    })();
  });
  const answers = m.sessions.length > 0 ? h('ul', { class: 'session-speakers', attrs: { 'aria-label': T.listLabel } }, ...m.sessions.map(sessionSpeakerLine)) : null;
  return h('div', { class: 'module-speakers' }, warning, answers, button);
}
