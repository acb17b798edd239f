/**
 * A module's invitations in «Módulos» (B05): a folded section that, when opened, asks the server
 * for its state (one call, so the list itself stays one round trip): how many are queued, sent,
 * skipped and waiting for mail quota; «Enviar invitaciones» (off, with the reason, until the
 * banner is validated); and the import of a list with its declared legal basis. Data goes into
 * the page as text only (./dom.ts).
 */
import type { InvitationActionResult, InvitationStatus, ModuleView } from '../src/api';
import { h, nextId } from './dom';
import { readAsBase64 } from './import';
import { busy, call, showError } from './server';

const T = {
  summary: 'Invitaciones',
  send: 'Enviar invitaciones',
  sending: 'Enviando…',
  loading: 'Consultando…',
  importing: 'Importando…',
  counts: (s: InvitationStatus) =>
    `En cola: ${s.counts.queued} · Enviadas: ${s.counts.sent} · Omitidas: ${s.counts.skipped} · Esperan cupo: ${s.waiting}${s.counts.review ? ` · Por revisar: ${s.counts.review}` : ''}`,
  fileLabel: 'Lista de invitados (CSV o Excel con la columna «Correo» y, si desea, «Nombre»)',
  basisLabel: 'Base legal de la lista (obligatoria)',
  basisHelp: 'Diga cómo obtuvo el consentimiento de estas personas, por ejemplo: «Consentimiento recogido en la feria del 10/11/2026» (Ley 29733).',
  import: 'Importar lista',
  noFile: 'Elija el archivo de la lista.',
} as const;

/** The invitations section of one module. */
export function invitationControls(m: ModuleView, say: (text: string, tone: 'ok' | 'error') => void): HTMLElement {
  const counts = h('p', { class: 'help invitation-counts' });
  const warning = h('p', { class: 'help invitation-warning', attrs: { hidden: '' } });
  const reason = h('p', { class: 'help invitation-blocked', text: m.banner.invitationsAllowed ? '' : m.banner.blockedReason });
  const send = h('button', { class: 'small', text: T.send, attrs: { type: 'button' } });
  send.disabled = !m.banner.invitationsAllowed;

  const show = (s: InvitationStatus) => {
    counts.textContent = T.counts(s);
    warning.textContent = s.webAppWarning;
    warning.hidden = s.webAppWarning === '';
    reason.textContent = s.blockedReason;
    send.disabled = !s.allowed;
  };
  const answer = (r: InvitationActionResult) => {
    if (r.status) show(r.status);
    say(r.message, r.ok ? 'ok' : 'error');
  };

  send.addEventListener('click', () => {
    busy(T.sending, () => call('sendInvitations', m.id)).then(answer, (e) => showError(e, null));
  });

  const fileId = nextId('invitation-file');
  const basisId = nextId('invitation-basis');
  const file = h('input', { id: fileId, attrs: { type: 'file', accept: '.csv,.xlsx,.xls,.ods,text/csv' } });
  const basis = h('textarea', { id: basisId, attrs: { rows: '2', maxlength: '300' } });
  const importButton = h('button', { class: 'secondary small', text: T.import, attrs: { type: 'button' } });
  importButton.addEventListener('click', () => {
    const chosen = file.files && file.files[0];
    if (!chosen) {
      say(T.noFile, 'error');
      return;
    }
    busy(T.importing, async () => call('importInvitationList', m.id, { name: chosen.name, base64: await readAsBase64(chosen) }, basis.value)).then(answer, (e) =>
      showError(e, null),
    );
  });

  const section = h(
    'details',
    { class: 'module-invitations-section' },
    h('summary', { text: T.summary }),
    counts,
    warning,
    reason,
    h('div', { class: 'buttons' }, send),
    h(
      'div',
      { class: 'field invitation-import' },
      h('label', { text: T.fileLabel, attrs: { for: fileId } }),
      file,
      h('label', { text: T.basisLabel, attrs: { for: basisId } }),
      basis,
      h('p', { class: 'help', text: T.basisHelp }),
      h('div', { class: 'buttons' }, importButton),
    ),
  );
  let loaded = false;
  section.addEventListener('toggle', () => {
    if (!(section as HTMLDetailsElement).open || loaded) return;
    loaded = true;
    busy(T.loading, () => call('getInvitationStatus', m.id)).then(show, (e) => {
      loaded = false;
      showError(e, null);
    });
  });
  return section;
}
