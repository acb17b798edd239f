/**
 * A module's registration in «Módulos» (B05): «Abrir inscripción» (the module becomes a choice of
 * the one registration form and gets its own link), the link to copy and share, «Revisar
 * respuestas pendientes», and «Anular» on a registrant (with a reason: the place goes to the
 * first person waiting). Data goes into the page as text only (./dom.ts).
 */
import type { ModuleView } from '../src/api';
import { h, nextId } from './dom';
import { M } from './messages';
import { busy, call, showError } from './server';

const T = {
  title: 'Inscripción',
  open: 'Abrir inscripción',
  refresh: 'Actualizar enlace',
  linkLabel: 'Enlace de inscripción de este módulo (compártalo o úselo en las invitaciones)',
  openLink: 'Abrir el formulario',
  pending: 'Revisar respuestas pendientes',
  pendingDone: (n: { confirmed: number; waiting: number; updated: number; forReview: number }) =>
    n.confirmed + n.waiting + n.updated + n.forReview === 0
      ? 'No había respuestas pendientes: todas las inscripciones ya están registradas.'
      : `Se registraron ${n.confirmed} inscripción(es) confirmada(s), ${n.waiting} en lista de espera, ${n.updated} actualización(es) y ${n.forReview} por revisar.`,
  notOpen: 'La inscripción aún no está abierta: nadie puede inscribirse en este módulo.',
  working: 'Un momento…',
  annul: 'Anular',
  annulReason: 'Motivo de la anulación (queda en la hoja y en el registro de auditoría)',
  annulConfirm: 'Anular inscripción',
  cancel: 'Cancelar',
} as const;

/** The module's registration controls; `reload` redraws the list after a change. */
export function registrationControls(m: ModuleView, reload: () => void, say: (text: string, tone: 'ok' | 'error') => void): HTMLElement {
  const isOpen = m.status === 'Inscripción abierta' && m.registrationUrl !== '';
  const box = h('section', { class: 'module-registration', attrs: { 'aria-label': `${T.title}: ${m.name}` } }, h('h4', { text: T.title }));
  if (isOpen) {
    const id = nextId('reg-link');
    const input = h('input', { attrs: { id, type: 'text', readonly: '', value: m.registrationUrl, class: 'registration-link' } });
    box.appendChild(h('label', { text: T.linkLabel, attrs: { for: id } }));
    box.appendChild(input);
    box.appendChild(h('p', {}, h('a', { text: T.openLink, attrs: { href: m.registrationUrl, target: '_blank', rel: 'noopener' } })));
  } else {
    box.appendChild(h('p', { class: 'help', text: T.notOpen }));
  }
  const openButton = h('button', { text: isOpen ? T.refresh : T.open, class: isOpen ? 'secondary' : 'action', attrs: { type: 'button', 'data-action': 'open-registration' } });
  openButton.addEventListener('click', async () => {
    try {
      const r = await busy(T.working, () => call('openRegistration', m.id));
      if (!r) throw new Error(M.unknownError);
      say(r.message, r.ok ? 'ok' : 'error');
      if (r.ok) reload();
    } catch (e) {
      showError(e, null);
    }
  });
  const pendingButton = h('button', { text: T.pending, class: 'secondary', attrs: { type: 'button', 'data-action': 'pending-registrations' } });
  pendingButton.addEventListener('click', async () => {
    try {
      const r = await busy(T.working, () => call('processPendingRegistrations'));
      if (!r) throw new Error(M.unknownError);
      say(T.pendingDone(r), 'ok');
      reload();
    } catch (e) {
      showError(e, null);
    }
  });
  box.appendChild(h('div', { class: 'actions' }, openButton, isOpen ? pendingButton : null));
  return box;
}

/** «Anular» on one registrant: asks the reason in place, then calls the server. */
export function annulButton(registrationId: string, name: string, reload: () => void, say: (text: string, tone: 'ok' | 'error') => void): HTMLElement {
  const wrap = h('span', { class: 'annul' });
  const button = h('button', { text: T.annul, class: 'secondary small', attrs: { type: 'button', 'aria-label': `${T.annul}: ${name}`, 'data-action': 'annul' } });
  button.addEventListener('click', () => {
    button.hidden = true;
    const id = nextId('annul-reason');
    const reason = h('input', { attrs: { id, type: 'text', maxlength: '300' } });
    const confirm = h('button', { text: T.annulConfirm, class: 'danger', attrs: { type: 'button', 'data-action': 'annul-confirm' } });
    const cancel = h('button', { text: T.cancel, class: 'secondary', attrs: { type: 'button' } });
    const form = h('div', { class: 'annul-form' }, h('label', { text: T.annulReason, attrs: { for: id } }), reason, confirm, cancel);
    cancel.addEventListener('click', () => {
      form.remove();
      button.hidden = false;
    });
    confirm.addEventListener('click', async () => {
      try {
        const r = await busy(T.working, () => call('annulRegistration', registrationId, reason.value));
        if (!r) throw new Error(M.unknownError);
        say(r.message, r.ok ? 'ok' : 'error');
        if (r.ok) reload();
      } catch (e) {
        showError(e, null);
      }
    });
    wrap.appendChild(form);
    reason.focus();
  });
  wrap.appendChild(button);
  return wrap;
}
