/**
 * The ficha técnica of a module (B05): one HTML page the adapter turns into a PDF — the module's
 * name, quarter, objective, audience, places, certificate rule, its sessions (topic, Lima date and
 * time, speaker and their answer) and how many people have registered so far.
 *
 * Pure. Every value from the sheet is escaped (the `html` tag): a module named
 * `<img src=x onerror=…>` prints as text. Registrants appear only as two counts — the ficha
 * travels (the Dirección, the speakers), personal data does not (Ley 29733).
 */
import { html, rawHtml, type SafeHtml } from '../html';
import { formatHHmm, formatLimaDate, formatLimaDateTime } from '../lima-time';
import { FACT_SHEET_TEXT as T } from '../messages/workshops-files';

export interface FactSheetSession {
  number: number;
  topic: string;
  start: Date;
  end: Date;
  speaker: string;
  /** 'Aceptó', 'Declinó' or 'Pendiente'. */
  speakerAnswer: string;
}

export interface FactSheetModule {
  name: string;
  year: number;
  quarter: string;
  objective: string;
  audience: string;
  capacity: number;
  /** The certificate's rule: at least this many sessions (0: not set). */
  minSessions: number;
  sessions: readonly FactSheetSession[];
  /** Registrations 'Inscrito' and 'En lista de espera' so far. */
  confirmed: number;
  waiting: number;
  generatedAt: Date;
}

const CELL = 'padding:4px 6px;border:1px solid #9ca3af;vertical-align:top;text-align:left;';
const STYLE = `body{font-family:Arial,Helvetica,sans-serif;font-size:11pt;color:#111827;margin:24px}h1{font-size:18pt;margin:0 0 4px 0}h2{font-size:13pt;margin:16px 0 6px 0}table{border-collapse:collapse;width:100%}th,td{${CELL}}th{background:#f3f4f6}p{margin:4px 0}`;

/** Counts as the sheet may hold them: a whole number, never negative. */
const count = (n: number) => (Number.isFinite(n) && n > 0 ? Math.trunc(n) : 0);

function sessionsTable(sessions: readonly FactSheetSession[]): SafeHtml {
  if (sessions.length === 0) return html`<p>${T.noSessions}</p>`;
  const H = T.headers;
  const rows = sessions.map(
    (s) =>
      html`<tr><td>${s.number}</td><td>${s.topic}</td><td>${formatLimaDate(s.start)}, ${T.timeRange(formatHHmm(s.start), formatHHmm(s.end))}</td><td>${s.speaker}</td><td>${s.speakerAnswer}</td></tr>`,
  );
  return html`<table><thead><tr><th>${H.number}</th><th>${H.topic}</th><th>${H.date}</th><th>${H.speaker}</th><th>${H.answer}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** The whole page, as a string ready for an HTML blob. */
export function factSheetHtml(m: FactSheetModule): string {
  const sessions = [...m.sessions].sort((a, b) => a.number - b.number);
  const rule = m.minSessions > 0 && sessions.length > 0 ? T.certificateRule(m.minSessions, sessions.length) : T.noCertificateRule;
  const title = `${T.title} – ${m.name}`;
  return html`<!DOCTYPE html><html lang="es-PE"><head><meta charset="utf-8"><title>${title}</title><style>${rawHtml(STYLE)}</style></head><body>
<h1>${T.title}</h1>
<h2>${m.name}</h2>
<p>${T.programme}</p>
<p>${T.quarter(m.quarter, m.year)}</p>
<h2>${T.objective}</h2>
<p>${m.objective || T.noObjective}</p>
<h2>${T.audience}</h2>
<p>${m.audience}</p>
<p>${T.capacity}: ${count(m.capacity)}</p>
<h2>${T.certificate}</h2>
<p>${rule}</p>
<h2>${T.sessions}</h2>
${sessionsTable(sessions)}
<h2>${T.registrants}</h2>
<p>${T.confirmed}: ${count(m.confirmed)}</p>
<p>${T.waiting}: ${count(m.waiting)}</p>
<p>${T.generatedAt(formatLimaDateTime(m.generatedAt))}</p>
</body></html>`.value;
}
