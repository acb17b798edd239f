/**
 * B12 in «Módulos» (issue 13, items 2–4): a folded section «Certificados» of the module's detail.
 * When opened it reads the module's certificates: the template's check (the placeholders it
 * lacks), a progress bar (issued / to issue / waiting for quota / errors), «Vista previa» for a
 * chosen participant, «Emitir certificados» (a job: the bar is refreshed while it runs), and one
 * line per person with the code, state, delivery and PDF; a coordinator may «Corregir nombre y
 * reemitir» and «Revocar» (reason required). Data goes into the page as text only.
 */
import type { CertificateActionResult, CertificatePersonView, CertificatesView, ModuleView } from '../src/api';
import { clear, h, link, nextId } from './dom';
import { busy, call, showError } from './server';

const T = {
  summary: 'Certificados (B12)',
  loading: 'Consultando certificados…',
  facts: (v: CertificatesView) =>
    `${v.sessions} sesión(es) · ${v.hours} hora(s) · ${v.dates || 'sin fechas'} · asistencia mínima: ${v.minSessions || 'sin definir'}`,
  templateOk: 'La plantilla tiene los marcadores necesarios.',
  templateLink: 'Abrir la plantilla en Slides',
  progressLabel: 'Avance de la emisión de certificados',
  progress: (v: CertificatesView) =>
    `Emitidos: ${v.progress.issued} · Por emitir: ${v.progress.toIssue} · En espera de cupo: ${v.progress.waitingForQuota} · Con error: ${v.progress.errors}${v.progress.revoked ? ` · Revocados: ${v.progress.revoked}` : ''}`,
  waiting: (when: string) => `Se agotó el cupo diario de correos: la emisión continuará automáticamente (${when}).`,
  running: 'La emisión está en curso. Puede cerrar el panel: continúa sola.',
  previewFor: 'Participante de la vista previa',
  preview: 'Vista previa',
  previewing: 'Generando la vista previa…',
  openPreview: 'Abrir la vista previa (PDF)',
  issue: 'Emitir certificados',
  issuing: 'Iniciando la emisión…',
  refresh: 'Actualizar',
  people: 'Participantes',
  none: 'No hay participantes inscritos.',
  line: (p: CertificatePersonView) =>
    `${p.fullName} — ${p.attended} sesión(es)${p.meetsRule ? '' : ' (no cumple la asistencia mínima)'}${p.code ? ` · ${p.code}` : ''}${p.state ? ` · ${p.state}` : ''}${p.delivery ? ` · ${DELIVERY[p.delivery] ?? p.delivery}` : ''}${p.hasEmail ? '' : ' · sin correo válido'}`,
  pdf: 'PDF',
  fix: 'Corregir nombre y reemitir',
  fixLabel: (name: string) => `Nombre corregido para ${name}`,
  fixing: 'Reemitiendo…',
  revoke: 'Revocar',
  revokeLabel: (name: string) => `Motivo de la revocación del certificado de ${name}`,
  revoking: 'Revocando…',
  reasonRequired: 'Indique el motivo de la revocación.',
  nameRequired: 'Escriba el nombre corregido.',
  confirmRevoke: (name: string, code: string) => `¿Revocar el certificado ${code} de ${name}? La página de verificación dirá que ya no es válido.`,
} as const;

const DELIVERY: Record<string, string> = {
  pendiente: 'envío pendiente',
  enviando: 'envío por revisar',
  enviado: 'enviado',
  error: 'no enviado',
};

/** The B12 section of one module. */
export function certificateControls(m: ModuleView, say: (text: string, tone: 'ok' | 'error') => void): HTMLElement {
  const body = h('div', { class: 'certificates-body', attrs: { 'aria-live': 'polite' } });
  let view: CertificatesView | null = null;
  let timer: number | null = null;
  /** The last preview's PDF (shown until the next one). */
  let previewUrl = '';

  const load = () => busy(T.loading, () => call('getCertificatesView', m.id)).then(take, (e) => showError(e, null));

  const render = () => {
    clear(body);
    if (!view) return;
    const v = view;
    if (!v.ok) {
      body.appendChild(h('p', { class: 'notice notice-warn', text: v.message }));
      return;
    }
    body.appendChild(h('p', { class: 'help', text: T.facts(v) }));
    const preview0 = previewUrl ? link(previewUrl, T.openPreview, ['https:']) : null;
    if (preview0) body.appendChild(h('p', { class: 'certificate-link' }, preview0));
    // The template's check.
    const tpl = h('div', { class: 'certificate-template' });
    tpl.appendChild(h('p', { class: v.template.ok && !v.template.message ? 'help' : v.template.ok ? 'notice' : 'notice notice-warn', text: v.template.message || T.templateOk }));
    const tplLink = link(v.templateUrl, T.templateLink, ['https:']);
    if (tplLink) tpl.appendChild(tplLink);
    body.appendChild(tpl);
    if (v.blocked) body.appendChild(h('p', { class: 'notice notice-warn certificate-blocked', text: v.blocked }));
    // Progress.
    const base = v.progress.issued + v.progress.toIssue + v.progress.waitingForQuota + v.progress.errors;
    const bar = h('progress', { class: 'certificate-progress', attrs: { max: String(Math.max(1, base)), value: String(v.progress.issued), 'aria-label': T.progressLabel } });
    body.appendChild(h('div', { class: 'field' }, bar, h('p', { class: 'help certificate-counts', text: T.progress(v) })));
    if (v.waitingUntil) body.appendChild(h('p', { class: 'notice', text: T.waiting(v.waitingUntil) }));
    else if (v.running) body.appendChild(h('p', { class: 'help', text: T.running }));
    // Preview and issue.
    const selectId = nextId('certificate-preview');
    const select = h('select', { id: selectId });
    for (const p of v.people) select.appendChild(h('option', { text: p.fullName + (p.meetsRule ? '' : ' (no cumple)'), attrs: { value: p.registrationId } }));
    const preview = h('button', { class: 'secondary small', text: T.preview, attrs: { type: 'button' } });
    preview.disabled = !v.template.ok || v.people.length === 0;
    preview.addEventListener('click', () => {
      busy(T.previewing, () => call('previewCertificate', m.id, select.value || undefined)).then(answer, (e) => showError(e, null));
    });
    const issue = h('button', { class: 'small', text: T.issue, attrs: { type: 'button' } });
    issue.disabled = !v.mayIssue;
    issue.addEventListener('click', () => {
      busy(T.issuing, () => call('issueCertificates', m.id)).then(answer, (e) => showError(e, null));
    });
    const refresh = h('button', { class: 'secondary small', text: T.refresh, attrs: { type: 'button' } });
    refresh.addEventListener('click', () => void load());
    if (v.people.length) body.appendChild(h('div', { class: 'field' }, h('label', { text: T.previewFor, attrs: { for: selectId } }), select));
    body.appendChild(h('div', { class: 'buttons' }, preview, issue, refresh));
    // People.
    body.appendChild(h('h4', { text: T.people }));
    if (!v.people.length) {
      body.appendChild(h('p', { class: 'help', text: T.none }));
      return;
    }
    const list = h('ul', { class: 'certificate-people' });
    for (const p of v.people) list.appendChild(personLine(p, v.isCoordinator));
    body.appendChild(list);
  };

  const personLine = (p: CertificatePersonView, coordinator: boolean): HTMLElement => {
    const li = h('li', { attrs: { 'data-registration': p.registrationId, ...(p.code ? { 'data-code': p.code } : {}) } }, T.line(p));
    const pdf = link(p.pdfUrl, T.pdf, ['https:'], 'link-button small');
    if (pdf) li.append(' ', pdf);
    if (coordinator && p.code && p.state === 'Vigente') {
      const fixId = nextId('certificate-fix');
      const name = h('input', { id: fixId, attrs: { type: 'text', maxlength: '100', value: p.fullName, 'aria-label': T.fixLabel(p.fullName) } });
      const fix = h('button', { class: 'secondary small', text: T.fix, attrs: { type: 'button' } });
      fix.addEventListener('click', () => {
        if (!name.value.trim()) return say(T.nameRequired, 'error');
        busy(T.fixing, () => call('reissueCertificate', p.code, name.value)).then(answer, (e) => showError(e, null));
      });
      const reasonId = nextId('certificate-revoke');
      const reason = h('input', { id: reasonId, attrs: { type: 'text', maxlength: '300', 'aria-label': T.revokeLabel(p.fullName), placeholder: 'Motivo' } });
      const revoke = h('button', { class: 'secondary small danger', text: T.revoke, attrs: { type: 'button' } });
      revoke.addEventListener('click', () => {
        if (!reason.value.trim()) return say(T.reasonRequired, 'error');
        if (!window.confirm(T.confirmRevoke(p.fullName, p.code))) return;
        busy(T.revoking, () => call('revokeCertificate', p.code, reason.value)).then(answer, (e) => showError(e, null));
      });
      li.appendChild(h('div', { class: 'certificate-actions' }, name, fix, reason, revoke));
    }
    return li;
  };

  function take(v: CertificatesView): void {
    view = v;
    render();
    // While the job runs, the bar is refreshed every 30 s as long as the section is open.
    if (timer !== null) window.clearTimeout(timer);
    timer = null;
    if (v.running && !v.waitingUntil && (section as HTMLDetailsElement).open) {
      timer = window.setTimeout(() => {
        timer = null;
        if ((section as HTMLDetailsElement).open) void call('getCertificatesView', m.id).then(take, () => undefined);
      }, 30_000);
    }
  }

  function answer(r: CertificateActionResult): void {
    if (r.view) take(r.view);
    if (r.url && !r.code) {
      previewUrl = r.url;
      render();
    }
    if (r.message) say(r.message, r.ok ? 'ok' : 'error');
  }

  const section = h('details', { class: 'module-certificates-section', attrs: { 'data-module': m.id } }, h('summary', { text: T.summary }), body);
  let loaded = false;
  section.addEventListener('toggle', () => {
    if (!(section as HTMLDetailsElement).open || loaded) return;
    loaded = true;
    load().catch(() => {
      loaded = false;
    });
  });
  return section;
}
