/**
 * The monthly report to the Sub Dirección (issue 15 item 3): what is due when, the month's
 * modules and external workshops, the HTML page the Drive adapter turns into a PDF (Blob.getAs,
 * like the B12 module report) and the short email that carries it.
 *
 * The charts are drawn as bars made of HTML table cells (what Apps Script's HTML → PDF conversion
 * renders reliably; no script, no image, no outside service): every table of a section that the
 * dashboard draws as a chart gets one bar chart per numeric column. The figures themselves are
 * the providers' sections (src/app/indicators/providers.ts) for the previous month: this module
 * computes none of them.
 *
 * Pure. Every value is escaped (the `html` tag).
 */
import { html, rawHtml, type SafeHtml } from '../html';
import { formatLimaDateTime, formatLimaShortDate, limaDate, limaDateKey, limaParts } from '../lima-time';
import { emailDocument, oneLine, paragraph, SENDER_NAME, textDocument, type EmailMessage } from '../messages/email-layout';
import { firstWorkingDay, inPeriod, monthPeriod, previousMonth, type Period } from './period';
import type { IndicatorCell, IndicatorSection, IndicatorTable } from './sections';

// ---------------------------------------------------------------------------- when it is due

/** The hour (Lima) of the monthly trigger on day 1, and of the one-off run on the first working day. */
export const MONTHLY_REPORT_HOUR = 8;
/** How many past months an automatic run catches up (a missed month is sent by the next run). */
export const CATCH_UP_MONTHS = 3;

/** 'yyyy-mm' → its month, or null (not a month key). */
export function monthOfKey(raw: unknown): Period | null {
  const m = typeof raw === 'string' ? /^(\d{4})-(\d{2})$/.exec(raw.trim()) : null;
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (year < 2000 || year > 2100 || month < 1 || month > 12) return null;
  return monthPeriod(year, month);
}

/** The month before `p` (a month). */
function monthBefore(p: Period): Period {
  return previousMonth(new Date(p.start.getTime() + 12 * 3600_000));
}

export type MonthlyDue =
  /** Today is the first working day or later: these months (oldest first) have no report yet and go now. */
  | { kind: 'send'; months: Period[] }
  /** Day 1 is a weekend day: the run is asked for at `at` (the first working day, at the report's hour). */
  | { kind: 'wait'; at: Date };

/**
 * What an automatic run does at `now`: before the month's first working day, wait for it; from it
 * on, send the previous month and — when the last month recorded as sent (`lastSent`, 'yyyy-mm')
 * is older — the months missed since, at most CATCH_UP_MONTHS, oldest first. Months already
 * decided (`done`: sent, or left to a person after an interrupted send) are not due again. Without
 * `lastSent` (never sent here) only the previous month is due: installing the product does not send
 * a backlog.
 */
export function monthlyDue(now: Date, lastSent: string | null, done: ReadonlySet<string>): MonthlyDue {
  const first = firstWorkingDay(now);
  if (limaDateKey(now) < limaDateKey(first)) {
    const p = limaParts(first);
    return { kind: 'wait', at: limaDate(p.year, p.month, p.day, MONTHLY_REPORT_HOUR) };
  }
  const last = monthOfKey(lastSent);
  const months: Period[] = [];
  let m = previousMonth(now);
  for (let k = 0; k < CATCH_UP_MONTHS; k++) {
    if (last && m.key <= last.key) break;
    if (!done.has(m.key)) months.unshift(m);
    if (!last) break;
    m = monthBefore(m);
  }
  return { kind: 'send', months };
}

/** True when `p` has ended at `now` (only a whole month is reported). */
export function monthEnded(p: Period, now: Date): boolean {
  return p.end.getTime() <= now.getTime();
}

// ---------------------------------------------------------------------------- the month's workshops

export interface ReportModuleRow {
  id: string;
  name: string;
  /** 'Interno' | 'Externo' */
  kind: string;
  institution: string;
  status: string;
}

export interface ReportSessionRow {
  moduleId: string;
  start: Date | null;
  status: string;
}

export interface MonthWorkshop {
  name: string;
  institution: string;
  status: string;
  /** Sessions held or programmed in the month (cancelled ones not counted). */
  sessions: number;
  /** '01/12/2026, 03/12/2026' */
  dates: string;
}

/**
 * The modules (kind 'Interno' or empty) and the external workshops ('Externo') with at least one
 * session in the month that was not cancelled, in the order of their first session that month.
 */
export function monthWorkshops(modules: readonly ReportModuleRow[], sessions: readonly ReportSessionRow[], p: Pick<Period, 'start' | 'end'>): { modules: MonthWorkshop[]; external: MonthWorkshop[] } {
  const byModule = new Map<string, Date[]>();
  for (const s of sessions) {
    if (s.status === 'Cancelada' || !inPeriod(p, s.start)) continue;
    const list = byModule.get(s.moduleId) ?? [];
    list.push(s.start!);
    byModule.set(s.moduleId, list);
  }
  const found = modules
    .filter((m) => m.id !== '' && byModule.has(m.id))
    .map((m) => {
      const starts = [...byModule.get(m.id)!].sort((a, b) => a.getTime() - b.getTime());
      return { m, first: starts[0]!.getTime(), w: { name: m.name, institution: m.institution, status: m.status, sessions: starts.length, dates: starts.map(formatLimaShortDate).join(', ') } };
    })
    .sort((a, b) => a.first - b.first || (a.m.name < b.m.name ? -1 : 1));
  return {
    modules: found.filter((f) => f.m.kind !== 'Externo').map((f) => f.w),
    external: found.filter((f) => f.m.kind === 'Externo').map((f) => f.w),
  };
}

// ---------------------------------------------------------------------------- the page

export const MONTHLY_TEXT = {
  title: 'Informe mensual del Servicio de Orientación para el Emprendimiento',
  programme: 'Dirección de Promoción del Empleo y Autoempleo – Sub Dirección de Autoempleo',
  period: (label: string) => `Periodo: ${label}`,
  version: (n: number, at: string) => (n > 1 ? `Versión ${n}, generada el ${at}` : `Generado el ${at}`),
  modules: 'Módulos de «Aprende a Emprender» del mes',
  external: 'Talleres externos del mes',
  none: 'Ninguno en el mes.',
  noData: '(sin datos en el periodo)',
  noSections: 'No hay indicadores disponibles para este periodo.',
  workshopHeader: ['Módulo o taller', 'Institución', 'Sesiones en el mes', 'Fechas', 'Estado'],
  chartOf: (table: string, column: string) => `${table}: ${column}`,
  /** The PDF's name in Drive: found again by it after a crash. */
  fileName: (key: string, version: number) => `Informe mensual SOE ${key} – v${version}.pdf`,
  folderName: 'Informes mensuales',
} as const;

const CELL = 'padding:3px 6px;border:1px solid #9ca3af;vertical-align:top;text-align:left;';
const STYLE =
  `body{font-family:Arial,Helvetica,sans-serif;font-size:10pt;color:#111827;margin:24px}h1{font-size:17pt;margin:0 0 4px 0}` +
  `h2{font-size:13pt;margin:18px 0 6px 0}h3{font-size:11pt;margin:12px 0 4px 0}table{border-collapse:collapse;width:100%}` +
  `th,td{${CELL}}th{background:#f3f4f6}p{margin:4px 0}.bars td{border:none;padding:2px 4px}.num{text-align:right;white-space:nowrap}.note{color:#4b5563;font-size:9pt}`;
const COLOURS = ['#2563eb', '#16a34a', '#d97706', '#7c3aed'];

function cellText(v: IndicatorCell): string {
  return typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(1).replace('.', ',')) : v;
}

/** A horizontal bar of `share` (0–1) of the width, as table cells. */
function bar(share: number, colour: string): SafeHtml {
  const pct = Math.max(0, Math.min(100, Math.round(share * 100)));
  const rest = 100 - pct;
  return html`<td style="width:60%"><table style="width:100%;border-collapse:collapse"><tr>${
    pct > 0 ? html`<td style="${rawHtml(`width:${pct}%;height:12px;background:${colour};border:none`)}"></td>` : ''
  }${rest > 0 ? html`<td style="${rawHtml(`width:${rest}%;height:12px;background:#f3f4f6;border:none`)}"></td>` : ''}</tr></table></td>`;
}

/** The numeric columns of a table (every row's value a number), by index ≥ 1. */
export function numericColumns(t: Pick<IndicatorTable, 'header' | 'rows'>): number[] {
  const out: number[] = [];
  for (let c = 1; c < t.header.length; c++) {
    if (t.rows.length > 0 && t.rows.every((r) => typeof r[c] === 'number' && Number.isFinite(r[c] as number))) out.push(c);
  }
  return out;
}

/** One bar chart per numeric column of a charted table (bars scaled to the column's largest value). */
function tableCharts(t: IndicatorTable): SafeHtml {
  if (!t.chart || t.rows.length === 0) return html``;
  return html`${numericColumns(t).map((c, k) => {
    const max = Math.max(0, ...t.rows.map((r) => Math.abs(r[c] as number)));
    return html`<h3>${MONTHLY_TEXT.chartOf(t.title, t.header[c] ?? '')}</h3><table class="bars">${t.rows.map(
      (r) => html`<tr><td style="width:25%">${cellText(r[0] ?? '')}</td>${bar(max > 0 ? Math.abs(r[c] as number) / max : 0, COLOURS[k % COLOURS.length]!)}<td class="num">${cellText(r[c] as number)}</td></tr>`,
    )}</table>`;
  })}`;
}

function dataTable(t: IndicatorTable): SafeHtml {
  const body = t.rows.length === 0 ? html`<tr><td colspan="${t.header.length}">${MONTHLY_TEXT.noData}</td></tr>` : t.rows.map((r) => html`<tr>${t.header.map((_, c) => html`<td>${cellText(r[c] ?? '')}</td>`)}</tr>`);
  return html`<h3>${t.title}</h3><table><thead><tr>${t.header.map((h) => html`<th>${h}</th>`)}</tr></thead><tbody>${body}</tbody></table>${t.note ? html`<p class="note">${t.note}</p>` : ''}${tableCharts(t)}`;
}

function section(s: IndicatorSection): SafeHtml {
  const headline = s.headline.length === 0 ? '' : html`<table>${s.headline.map(([k, v]) => html`<tr><th style="width:55%">${k}</th><td>${cellText(v)}</td></tr>`)}</table>`;
  return html`<h2>${s.title}</h2>${headline}${s.tables.map(dataTable)}`;
}

function workshopsTable(list: readonly MonthWorkshop[]): SafeHtml {
  if (list.length === 0) return html`<p>${MONTHLY_TEXT.none}</p>`;
  return html`<table><thead><tr>${MONTHLY_TEXT.workshopHeader.map((h) => html`<th>${h}</th>`)}</tr></thead><tbody>${list.map(
    (w) => html`<tr><td>${w.name}</td><td>${w.institution || '–'}</td><td class="num">${w.sessions}</td><td>${w.dates}</td><td>${w.status}</td></tr>`,
  )}</tbody></table>`;
}

export interface MonthlyReportInput {
  period: Period;
  sections: readonly IndicatorSection[];
  workshops: { modules: readonly MonthWorkshop[]; external: readonly MonthWorkshop[] };
  version: number;
  at: Date;
}

/** The whole page, as a string ready for an HTML blob. */
export function monthlyReportHtml(r: MonthlyReportInput): string {
  const title = `${MONTHLY_TEXT.title} – ${r.period.label}`;
  return html`<!DOCTYPE html><html lang="es-PE"><head><meta charset="utf-8"><title>${title}</title><style>${rawHtml(STYLE)}</style></head><body>
<h1>${MONTHLY_TEXT.title}</h1>
<p>${MONTHLY_TEXT.programme}</p>
<p><strong>${MONTHLY_TEXT.period(r.period.label)}</strong></p>
<p>${MONTHLY_TEXT.version(r.version, formatLimaDateTime(r.at))}</p>
${r.sections.length === 0 ? html`<p>${MONTHLY_TEXT.noSections}</p>` : r.sections.map(section)}
<h2>${MONTHLY_TEXT.modules}</h2>
${workshopsTable(r.workshops.modules)}
<h2>${MONTHLY_TEXT.external}</h2>
${workshopsTable(r.workshops.external)}
</body></html>`.value;
}

export const MONTHLY_EMAIL = {
  subject: (label: string, version: number) => (version > 1 ? `Informe mensual del SOE – ${label} (versión ${version})` : `Informe mensual del SOE – ${label}`),
  greeting: 'Estimada Sub Dirección:',
  intro: (label: string) => `Le hacemos llegar, adjunto en PDF, el informe del Servicio de Orientación para el Emprendimiento correspondiente a ${label}: los indicadores del mes, sus gráficos, los tiempos del procedimiento y los módulos y talleres externos realizados.`,
  newVersion: (n: number) => `Esta es la versión ${n} del informe; reemplaza a las anteriores.`,
  summary: (modules: number, external: number) =>
    `En el mes hubo ${modules === 1 ? '1 módulo' : `${modules} módulos`} de «Aprende a Emprender» y ${external === 1 ? '1 taller externo' : `${external} talleres externos`} con sesiones.`,
  signature: 'Atentamente,\nServicio de Orientación para el Emprendimiento – MTPE',
} as const;

/** The email to the Sub Dirección that carries the PDF (attached by the use case). */
export function monthlyReportEmail(r: Pick<MonthlyReportInput, 'period' | 'workshops' | 'version'>): EmailMessage {
  const E = MONTHLY_EMAIL;
  const subject = E.subject(oneLine(r.period.label), r.version);
  const intro = E.intro(r.period.label);
  const again = r.version > 1 ? E.newVersion(r.version) : null;
  const summary = E.summary(r.workshops.modules.length, r.workshops.external.length);
  const body = html`${paragraph(E.greeting)}${paragraph(intro)}${again ? paragraph(again) : ''}${paragraph(summary)}${paragraph(E.signature)}`;
  return { subject, html: emailDocument(subject, body, intro), text: textDocument([E.greeting, intro, again, summary, E.signature]), senderName: SENDER_NAME };
}
