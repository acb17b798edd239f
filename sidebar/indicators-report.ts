/**
 * «Informe mensual a la Sub Dirección» (issue 15, item 3, i15-report): a folded block of the
 * «Indicadores» screen in "Programación Talleres Masivos" (sidebar/indicators.ts appends
 * `monthlyReportControls(say)`). When opened it reads the state of the previous month's report
 * (or of the month chosen); «Enviar informe mensual» sends it once; once sent, «Enviar nueva
 * versión» asks first and sends the next version. The panel passes back the version it showed,
 * so a double click or a colleague's send meanwhile sends nothing more. Data goes into the page
 * as text only (./dom.ts).
 */
import type { MonthlyReportView, MonthlySendResult } from '../src/api';
import { clear, h, link } from './dom';
import { busy, call, showError } from './server';

const T = {
  summary: 'Informe mensual a la Sub Dirección',
  help: 'Se envía solo el primer día hábil de cada mes, con el PDF del mes anterior (se guarda en «Informes mensuales» de Drive).',
  month: 'Mes (aaaa-mm)',
  show: 'Ver',
  loading: 'Consultando…',
  state: (v: MonthlyReportView) => {
    if (v.delivery === 'enviado') return `Informe de ${v.label}: versión ${v.version} enviada el ${v.sentAt} a ${v.recipient || 'la Sub Dirección'}.`;
    if (v.delivery === 'enviando') return `El envío de la versión ${v.version} del informe de ${v.label} se interrumpió: confirme con la Sub Dirección si lo recibió (anotado en «Revisión»).`;
    if (v.delivery === 'error') return `La versión ${v.version} del informe de ${v.label} no se pudo enviar; puede intentarlo de nuevo.`;
    return `El informe de ${v.label} aún no se ha enviado.`;
  },
  pdf: (n: number) => `Abrir el PDF (versión ${n})`,
  recipient: (to: string) => `Destinatario: ${to}`,
  send: 'Enviar informe mensual',
  sendNew: 'Enviar nueva versión',
  sending: 'Enviando el informe…',
  askNew: (n: number, label: string) => `Ya se envió la versión ${n} del informe de ${label}. ¿Desea enviar una nueva versión (${n + 1}) con las cifras actuales?`,
  yesNew: (n: number) => `Sí, enviar la versión ${n}`,
  cancel: 'Cancelar',
} as const;

type View = MonthlyReportView;

/** The monthly report's block; `say` shows a message in the screen. */
export function monthlyReportControls(say: (text: string, tone: 'ok' | 'error') => void): HTMLElement {
  const body = h('div', { class: 'monthly-report-body', attrs: { 'aria-live': 'polite' } });
  const monthInput = h('input', { attrs: { type: 'month', 'aria-label': T.month, class: 'monthly-report-month' } }) as HTMLInputElement;
  const show = h('button', { class: 'secondary small', text: T.show, attrs: { type: 'button' } });
  let view: View | null = null;

  const render = () => {
    clear(body);
    const v = view;
    if (!v) return;
    monthInput.value = v.month;
    body.appendChild(h('p', { class: 'help monthly-report-state', text: T.state(v) }));
    const pdf = v.url ? link(v.url, T.pdf(v.version), ['https:']) : null;
    if (pdf) body.appendChild(h('p', {}, pdf));
    body.appendChild(h('p', { class: v.recipient ? 'help' : 'notice notice-warn', text: v.recipient ? T.recipient(v.recipient) : v.recipientProblem }));
    const send = h('button', { class: 'small', text: v.canSendNew ? T.sendNew : T.send, attrs: { type: 'button' } });
    send.disabled = !(v.canSend || v.canSendNew) || !v.recipient;
    const question = h('div', { class: 'notice notice-warning report-confirm', attrs: { role: 'alertdialog', hidden: '' } });
    const go = (newVersion: boolean) => {
      busy(T.sending, () => call('sendMonthlyReport', v.month, newVersion, v.version)).then((r: MonthlySendResult) => {
        say(r.message, r.ok ? 'ok' : 'error');
        if (r.view) {
          view = r.view;
          render();
        }
      }, (e) => showError(e, null));
    };
    send.addEventListener('click', () => {
      if (!v.canSendNew) return go(false);
      clear(question);
      const yes = h('button', { class: 'small', text: T.yesNew(v.version + 1), attrs: { type: 'button' } });
      const no = h('button', { class: 'secondary small', text: T.cancel, attrs: { type: 'button' } });
      yes.addEventListener('click', () => {
        question.hidden = true;
        go(true);
      });
      no.addEventListener('click', () => {
        question.hidden = true;
      });
      question.appendChild(h('p', { text: T.askNew(v.version, v.label) }));
      question.appendChild(h('div', { class: 'buttons' }, yes, no));
      question.hidden = false;
      yes.focus();
    });
    body.appendChild(h('div', { class: 'buttons' }, send));
    body.appendChild(question);
  };

  const load = (month: string) => {
    busy(T.loading, () => call('getMonthlyReportView', month)).then(
      (r) => {
        if (!r.ok && !('month' in r)) {
          say(r.message, 'error');
          return;
        }
        view = r as View;
        render();
      },
      (e) => showError(e, null),
    );
  };
  show.addEventListener('click', () => load(monthInput.value));

  const section = h(
    'details',
    { class: 'monthly-report-section' },
    h('summary', { text: T.summary }),
    h('p', { class: 'help', text: T.help }),
    h('div', { class: 'buttons' }, monthInput, show),
    body,
  );
  let loaded = false;
  section.addEventListener('toggle', () => {
    if (!(section as HTMLDetailsElement).open || loaded) return;
    loaded = true;
    load('');
  });
  return section;
}
