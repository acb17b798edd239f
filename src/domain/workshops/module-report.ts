/**
 * The module's report to the Dirección (B12, issue 13 item 5): one HTML page the Drive adapter
 * turns into a PDF (Blob.getAs, like the ficha técnica) — the module's figures, attendance and
 * satisfaction per session drawn as bars (HTML tables with coloured cells: what Apps Script's
 * HTML → PDF conversion renders; no script, no image, no outside service), the attendance lists
 * (names only: no document, no email) and the survey summary with its comments (no names).
 * And the short email that carries the PDF.
 *
 * Pure. Every value from the sheet is escaped (the `html` tag).
 */
import { html, rawHtml, type SafeHtml } from '../html';
import { formatLimaDate, formatLimaDateTime } from '../lima-time';
import { emailDocument, oneLine, paragraph, SENDER_NAME, textDocument, type EmailMessage } from '../messages/email-layout';
import { CONSOLIDATION_TEXT as C, REPORT_EMAIL as E, REPORT_TEXT as T } from '../messages/workshops-report';
import type { ModuleConsolidation } from './consolidation';
import { WORKSHOP_SURVEY_RECOMMEND_CHOICES } from './survey-form';

export interface ReportModule {
  name: string;
  quarter: string;
  year: number;
  /** '01/12, 03/12 y 10/12/2026' */
  dates: string;
}

const CELL = 'padding:3px 6px;border:1px solid #9ca3af;vertical-align:top;text-align:left;';
const STYLE =
  `body{font-family:Arial,Helvetica,sans-serif;font-size:10pt;color:#111827;margin:24px}h1{font-size:18pt;margin:0 0 4px 0}` +
  `h2{font-size:13pt;margin:18px 0 6px 0}h3{font-size:11pt;margin:12px 0 4px 0}table{border-collapse:collapse;width:100%}` +
  `th,td{${CELL}}th{background:#f3f4f6}p{margin:4px 0}.bars td{border:none;padding:2px 4px}.num{text-align:right;white-space:nowrap}`;

/** A horizontal bar of `share` (0–1) of the width, as two table cells (no image, no script). */
function bar(share: number, colour: string): SafeHtml {
  const pct = Math.max(0, Math.min(100, Math.round(share * 100)));
  if (pct === 0) return html`<td style="width:60%"><table style="width:100%;border-collapse:collapse"><tr><td style="height:12px;background:#f3f4f6;border:none"></td></tr></table></td>`;
  const rest = 100 - pct;
  return html`<td style="width:60%"><table style="width:100%;border-collapse:collapse"><tr><td style="${rawHtml(`width:${pct}%;height:12px;background:${colour};border:none`)}"></td>${
    rest > 0 ? html`<td style="${rawHtml(`width:${rest}%;background:#f3f4f6;border:none`)}"></td>` : ''
  }</tr></table></td>`;
}

function barChart(rows: readonly { label: string; value: number | null; max: number; shown: string }[], colour: string): SafeHtml {
  return html`<table class="bars">${rows.map(
    (r) => html`<tr><td style="width:20%">${r.label}</td>${bar(r.value === null || r.max <= 0 ? 0 : r.value / r.max, colour)}<td class="num">${r.shown}</td></tr>`,
  )}</table>`;
}

const fmt1 = (n: number | null) => (n === null ? T.noAnswers : n.toFixed(1).replace('.', ','));

function figures(c: ModuleConsolidation): SafeHtml {
  const F = T.figure;
  const f = c.figures;
  const rule = f.ruleSet ? T.ruleText(f.minSessions, f.sessions) : T.noRule;
  const rows: [string, string | number][] = [
    [F.registered, f.registered],
    [F.confirmed, f.confirmed],
    [F.waiting, f.waiting],
    [F.withdrawn, f.withdrawn],
    [F.sessions, f.sessions],
    [F.completion, T.completionValue(f.meetsRule, f.confirmed, rule)],
    [F.certificates, f.certificatesIssued],
    [F.answers, f.surveyAnswers],
  ];
  return html`<table>${rows.map(([k, v]) => html`<tr><th style="width:45%">${k}</th><td>${v}</td></tr>`)}</table>`;
}

function attendanceLists(c: ModuleConsolidation): SafeHtml {
  const H = C.matrixHeaders;
  if (c.matrix.length === 0) return html`<p>${C.nobody}</p>`;
  return html`<table><thead><tr><th>${H.number}</th><th>${H.name}</th>${c.sessions.map((s) => html`<th>${C.session(s.number)}</th>`)}<th>${H.attended}</th><th>${H.percent}</th><th>${H.meets}</th></tr></thead><tbody>${c.matrix.map(
    (p, k) =>
      html`<tr><td>${k + 1}</td><td>${oneLine(p.name)}</td>${p.marks.map((m) => html`<td>${m ? C.present : '–'}</td>`)}<td class="num">${p.attended}</td><td class="num">${p.percent} %</td><td>${p.meetsRule ? C.yes : C.no}</td></tr>`,
  )}</tbody></table>`;
}

function surveySummary(c: ModuleConsolidation): SafeHtml {
  const Q = C.questionHeaders;
  const block = (label: string, qs: ModuleConsolidation['moduleQuestions']) =>
    qs.map(
      (q, k) =>
        html`<tr><td>${label}</td><td>${C.questions[k]}</td><td class="num">${q.answers}</td><td class="num">${fmt1(q.mean)}</td>${q.distribution.map((n) => html`<td class="num">${n}</td>`)}</tr>`,
    );
  const questions = html`<table><thead><tr><th>${Q.session}</th><th>${Q.question}</th><th>${Q.answers}</th><th>${Q.mean}</th><th>1</th><th>2</th><th>3</th><th>4</th><th>5</th></tr></thead><tbody>${c.sessions.map((s) =>
    block(C.session(s.number), s.questions),
  )}${block(C.allSessions, c.moduleQuestions)}</tbody></table>`;
  const choices = WORKSHOP_SURVEY_RECOMMEND_CHOICES;
  const recommend = html`<h3>${T.recommend}</h3><table><thead><tr><th>${C.recommendHeaders.session}</th>${choices.map((k) => html`<th>${k}</th>`)}</tr></thead><tbody>${[
    ...c.sessions.map((s) => [C.session(s.number), s.recommend] as const),
    [C.allSessions, c.moduleRecommend] as const,
  ].map(([label, r]) => html`<tr><td>${label}</td>${choices.map((k) => html`<td class="num">${r[k] ?? 0}</td>`)}</tr>`)}</tbody></table>`;
  const all = c.sessions.flatMap((s) => s.comments.map((t) => [C.session(s.number), t] as const));
  const comments = html`<h3>${T.comments}</h3>${
    all.length === 0 ? html`<p>${C.noComments}</p>` : html`<table><tbody>${all.map(([label, t]) => html`<tr><td style="width:18%">${label}</td><td>${t}</td></tr>`)}</tbody></table>`
  }`;
  return html`${questions}${recommend}${comments}`;
}

/** The whole page, as a string ready for an HTML blob. */
export function moduleReportHtml(m: ReportModule, c: ModuleConsolidation, version: number, at: Date): string {
  const title = `${T.title} – ${m.name}`;
  const maxAttended = Math.max(1, c.figures.confirmed, ...c.sessions.map((s) => s.attended));
  const attendance = barChart(
    c.sessions.map((s) => ({
      label: `${C.session(s.number)}${s.start ? ` (${formatLimaDate(s.start)})` : ''}`,
      value: s.attended,
      max: maxAttended,
      shown: `${s.attended} (${s.percentOfConfirmed} %)`,
    })),
    '#2563eb',
  );
  const satisfaction = barChart(
    c.sessions.map((s) => ({ label: C.session(s.number), value: s.satisfaction, max: 5, shown: `${fmt1(s.satisfaction)} · ${s.answers} resp.` })),
    '#16a34a',
  );
  return html`<!DOCTYPE html><html lang="es-PE"><head><meta charset="utf-8"><title>${title}</title><style>${rawHtml(STYLE)}</style></head><body>
<h1>${T.title}</h1>
<h2>${m.name}</h2>
<p>${T.programme}</p>
<p>Trimestre ${m.quarter} de ${m.year}${m.dates ? ` · ${m.dates}` : ''}</p>
<p>${T.version(version, formatLimaDateTime(at))}</p>
<h2>${T.figures}</h2>
${figures(c)}
<h2>${T.attendance}</h2>
${attendance}
<h2>${T.satisfaction}</h2>
${satisfaction}
<h2>${T.lists}</h2>
${attendanceLists(c)}
<h2>${T.survey}</h2>
${surveySummary(c)}
</body></html>`.value;
}

/** The email to the Dirección that carries the PDF (attached by the use case). */
export function moduleReportEmail(m: ReportModule, c: ModuleConsolidation, version: number): EmailMessage {
  const name = oneLine(m.name);
  const subject = E.subject(name, version);
  const intro = E.intro(name, oneLine(m.dates));
  const summary = E.summary(c.figures.confirmed, c.figures.meetsRule, c.figures.certificatesIssued);
  const again = version > 1 ? E.newVersion(version) : null;
  const body = html`${paragraph(E.greeting)}${paragraph(intro)}${again ? paragraph(again) : ''}${paragraph(summary)}${paragraph(E.signature)}`;
  return {
    subject,
    html: emailDocument(subject, body, intro),
    text: textDocument([E.greeting, intro, again, summary, E.signature]),
    senderName: SENDER_NAME,
  };
}

/**
 * Which version a send makes, from the row's version and its delivery state: the first is 1; a
 * version not sent yet (pending, refused before sending) is sent as it is; once a version went
 * out (or may have: 'enviando') only «Enviar nueva versión» sends, as n + 1.
 */
export function reportTarget(version: number, delivery: string, newVersion: boolean): { version: number } | { refuse: 'sent' | 'ambiguous' } {
  const v = Number.isFinite(version) && version > 0 ? Math.trunc(version) : 0;
  if (v === 0) return { version: 1 };
  if (delivery === 'enviado') return newVersion ? { version: v + 1 } : { refuse: 'sent' };
  if (delivery === 'enviando') return newVersion ? { version: v + 1 } : { refuse: 'ambiguous' };
  return { version: v };
}
