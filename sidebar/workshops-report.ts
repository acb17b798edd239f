/**
 * B12 in «Módulos» (issue 13, items 1 and 5): a folded section «Consolidado e informe» of the
 * module's detail. When opened it reads the module's figures and the report's state. «Consolidar»
 * rewrites the module's attendance and survey tabs (with their charts) and says when; «Enviar
 * informe a la Dirección» sends the report (its PDF attached) once; once sent, «Enviar nueva
 * versión» asks first and sends the next version. The panel passes back the version it showed, so
 * a double click or a colleague's send meanwhile sends nothing more. Data goes into the page as
 * text only (./dom.ts).
 */
import type { ConsolidationResult, ModuleReportView, ModuleView, ReportSendResult } from '../src/api';
import { clear, h, link } from './dom';
import { busy, call, showError } from './server';

type View = Extract<ModuleReportView, { ok: true }>;

const T = {
  summary: 'Consolidado e informe a la Dirección (B12)',
  loading: 'Consultando…',
  notEnded: (when: string) => `El módulo aún no termina${when ? ` (última sesión: ${when})` : ''}. El consolidado se hace solo un día después de la última sesión; puede hacerlo antes con «Consolidar».`,
  consolidatedAt: (when: string) => `Consolidado por última vez el ${when}.`,
  never: 'Aún no se ha consolidado.',
  tabs: (a: string, s: string) => `Pestañas de la hoja: «${a}» y «${s}».`,
  consolidate: 'Consolidar',
  consolidating: 'Consolidando…',
  figuresLabel: 'Cifras del módulo',
  figures: (v: View) => [
    `Inscripciones recibidas: ${v.figures.registered}`,
    `Inscritos confirmados: ${v.figures.confirmed} · En lista de espera: ${v.figures.waiting} · Retirados: ${v.figures.withdrawn}`,
    v.figures.ruleSet
      ? `Cumplen la regla del certificado (al menos ${v.figures.minSessions} de ${v.figures.sessions} sesiones): ${v.figures.meetsRule} de ${v.figures.confirmed}`
      : 'Regla del certificado por definir («Asistencia mínima» en 0).',
    `Certificados emitidos: ${v.figures.certificatesIssued} · Encuestas respondidas: ${v.figures.surveyAnswers}`,
  ],
  sessionLine: (s: View['sessions'][number]) =>
    `${s.label}: ${s.attended} asistentes (${s.percent} %) · satisfacción ${s.satisfaction === null ? 'sin respuestas' : `${String(s.satisfaction).replace('.', ',')} de 5 (${s.answers} resp.)`}`,
  reportNone: 'El informe aún no se ha enviado.',
  reportState: (v: View) => {
    const r = v.report;
    if (r.delivery === 'enviado') return `Versión ${r.version} enviada el ${r.sentAt} a ${v.recipient || 'la Dirección'}.`;
    if (r.delivery === 'enviando') return `El envío de la versión ${r.version} se interrumpió: confirme con la Dirección si lo recibió (anotado en «Revisión»).`;
    if (r.delivery === 'error') return `La versión ${r.version} no se pudo enviar; puede intentarlo de nuevo.`;
    return r.version > 0 ? `Versión ${r.version} preparada, sin enviar.` : T.reportNone;
  },
  pdf: (n: number) => `Abrir el PDF (versión ${n})`,
  recipient: (to: string) => `Destinatario: ${to}`,
  send: 'Enviar informe a la Dirección',
  sendNew: 'Enviar nueva versión',
  sending: 'Enviando el informe…',
  askNew: (n: number) => `Ya se envió la versión ${n}. ¿Desea enviar a la Dirección una nueva versión (${n + 1}) con las cifras actuales?`,
  yesNew: (n: number) => `Sí, enviar la versión ${n}`,
  cancel: 'Cancelar',
} as const;

/** The B12 section of one module. */
export function reportControls(m: ModuleView, say: (text: string, tone: 'ok' | 'error') => void): HTMLElement {
  const body = h('div', { class: 'report-body', attrs: { 'aria-live': 'polite' } });
  let view: View | null = null;

  const render = () => {
    clear(body);
    const v = view;
    if (!v) return;
    if (!v.ended) body.appendChild(h('p', { class: 'notice notice-warn', text: T.notEnded(v.endsAt) }));
    body.appendChild(h('p', { class: 'help report-consolidated', text: v.consolidatedAt ? T.consolidatedAt(v.consolidatedAt) : T.never }));
    if (v.tabs.exist) body.appendChild(h('p', { class: 'help', text: T.tabs(v.tabs.attendance, v.tabs.survey) }));
    const consolidate = h('button', { class: 'secondary small', text: T.consolidate, attrs: { type: 'button' } });
    consolidate.addEventListener('click', () => {
      busy(T.consolidating, () => call('consolidateModule', m.id)).then((r: ConsolidationResult) => {
        say(r.message, r.ok ? 'ok' : 'error');
        if (r.ok) reload();
      }, (e) => showError(e, null));
    });
    body.appendChild(h('div', { class: 'buttons' }, consolidate));

    body.appendChild(h('ul', { class: 'report-figures', attrs: { 'aria-label': T.figuresLabel } }, ...T.figures(v).map((t) => h('li', { text: t }))));
    if (v.sessions.length > 0) body.appendChild(h('ul', { class: 'report-sessions' }, ...v.sessions.map((s) => h('li', { text: T.sessionLine(s) }))));

    body.appendChild(h('p', { class: 'help report-state', text: T.reportState(v) }));
    const pdf = v.report.url ? link(v.report.url, T.pdf(v.report.version), ['https:']) : null;
    if (pdf) body.appendChild(h('p', {}, pdf));
    body.appendChild(h('p', { class: v.recipient ? 'help' : 'notice notice-warn', text: v.recipient ? T.recipient(v.recipient) : v.recipientProblem }));
    const send = h('button', { class: 'small', text: v.canSendNew ? T.sendNew : T.send, attrs: { type: 'button' } });
    send.disabled = !(v.canSend || v.canSendNew) || !v.recipient;
    const question = h('div', { class: 'notice notice-warning report-confirm', attrs: { role: 'alertdialog', hidden: '' } });
    const go = (newVersion: boolean) => {
      busy(T.sending, () => call('sendModuleReport', m.id, newVersion, v.report.version)).then((r: ReportSendResult) => {
        say(r.message, r.ok ? 'ok' : 'error');
        if (r.view && r.view.ok) {
          view = r.view;
          render();
        }
      }, (e) => showError(e, null));
    };
    send.addEventListener('click', () => {
      if (!v.canSendNew) return go(false);
      // A new version goes to the Dirección too: asked first, in the page (no browser dialog).
      clear(question);
      const yes = h('button', { class: 'small', text: T.yesNew(v.report.version + 1), attrs: { type: 'button' } });
      const no = h('button', { class: 'secondary small', text: T.cancel, attrs: { type: 'button' } });
      yes.addEventListener('click', () => {
        question.hidden = true;
        go(true);
      });
      no.addEventListener('click', () => {
        question.hidden = true;
      });
      question.appendChild(h('p', { text: T.askNew(v.report.version) }));
      question.appendChild(h('div', { class: 'buttons' }, yes, no));
      question.hidden = false;
      yes.focus();
    });
    body.appendChild(h('div', { class: 'buttons' }, send));
    body.appendChild(question);
  };

  const take = (r: ModuleReportView) => {
    if (!r.ok) {
      say(r.message, 'error');
      return;
    }
    view = r;
    render();
  };
  function reload(): void {
    busy(T.loading, () => call('getModuleReportView', m.id)).then(take, (e) => showError(e, null));
  }

  const section = h('details', { class: 'module-report-section', attrs: { 'data-module': m.id } }, h('summary', { text: T.summary }), body);
  let loaded = false;
  section.addEventListener('toggle', () => {
    if (!(section as HTMLDetailsElement).open || loaded) return;
    loaded = true;
    busy(T.loading, () => call('getModuleReportView', m.id)).then(take, (e) => {
      loaded = false;
      showError(e, null);
    });
  });
  return section;
}
