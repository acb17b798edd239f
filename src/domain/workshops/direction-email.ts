/**
 * The emails to the Dirección about a module: its programme for the Sub Director (B03) and the
 * banner request (B04). Pure: every value from the sheet is escaped in the HTML part (the `html`
 * tag) and kept on one line in the text part.
 */
import { html, rawHtml } from '../html';
import { formatHHmm, formatLimaDate } from '../lima-time';
import { DIRECTION_EMAILS as E } from '../messages/workshops-direction';
import { emailDocument, factsTable, oneLine, paragraph, SENDER_NAME, textDocument, type EmailMessage } from '../messages/email-layout';

export interface ProgrammeSession {
  number: number;
  topic: string;
  start: Date;
  end: Date;
  speaker: string;
}

export interface ProgrammeModule {
  name: string;
  year: number;
  quarter: string;
  audience: string;
  capacity: number;
  dates: string;
  sessions: readonly ProgrammeSession[];
}

const CELL = 'padding:6px 8px;border:1px solid #d1d5db;vertical-align:top;text-align:left;';
const HEAD = `${CELL}background:#f3f4f6;font-weight:bold;`;

/** The sessions as an HTML table: N.°, tema, fecha, hora de Lima, ponente (every value escaped). */
export function programmeTable(sessions: readonly ProgrammeSession[]): string {
  const H = E.headers;
  const th = (t: string) => html`<th style="${rawHtml(HEAD)}">${t}</th>`;
  const td = (t: string | number) => html`<td style="${rawHtml(CELL)}">${t}</td>`;
  return html`<table cellpadding="0" cellspacing="0" style="border-collapse:collapse;width:100%;margin:0 0 16px 0;font-size:14px;"><thead><tr>${[
    th(H.number),
    th(H.topic),
    th(H.date),
    th(H.time),
    th(H.speaker),
  ]}</tr></thead><tbody>${sessions.map(
    (s) =>
      html`<tr>${[td(s.number), td(oneLine(s.topic)), td(formatLimaDate(s.start)), td(E.timeRange(formatHHmm(s.start), formatHHmm(s.end))), td(oneLine(s.speaker))]}</tr>`,
  )}</tbody></table>`.value;
}

/** The same table as text lines: '1. Tema — martes 1 de diciembre de 2026, 18:00 a 20:00 (hora de Lima) — Ponente'. */
export function programmeText(sessions: readonly ProgrammeSession[]): string {
  return sessions
    .map((s) => `${s.number}. ${oneLine(s.topic)} — ${formatLimaDate(s.start)}, ${E.timeRange(formatHHmm(s.start), formatHHmm(s.end))} (hora de Lima) — ${oneLine(s.speaker)}`)
    .join('\n');
}

function facts(m: ProgrammeModule): [string, string][] {
  const F = E.facts;
  return [
    [F.module, oneLine(m.name)],
    [F.quarter, `${m.quarter} de ${m.year}`],
    [F.dates, oneLine(m.dates)],
    [F.audience, oneLine(m.audience)],
    [F.capacity, String(m.capacity)],
    [F.sessions, String(m.sessions.length)],
  ];
}

/** B03: the programme for the Sub Director. */
export function programmeEmail(m: ProgrammeModule, again: boolean): EmailMessage {
  const subject = E.programmeSubject(oneLine(m.name));
  const intro = E.programmeIntro(oneLine(m.name), m.quarter, m.year);
  const body = html`${paragraph(E.greeting)}${paragraph(intro)}${again ? paragraph(E.programmeAgain) : ''}${factsTable(facts(m))}${rawHtml(programmeTable(m.sessions))}${paragraph(E.signature)}`;
  return {
    subject,
    html: emailDocument(subject, body, intro),
    text: textDocument([
      E.greeting,
      intro,
      again ? E.programmeAgain : null,
      facts(m).map(([k, v]) => `${k}: ${v}`).join('\n'),
      programmeText(m.sessions),
      E.signature,
    ]),
    senderName: SENDER_NAME,
  };
}

/** B04: the banner request for the Dirección, with the module's details and its sessions. */
export function bannerRequestEmail(m: ProgrammeModule): EmailMessage {
  const subject = E.bannerSubject(oneLine(m.name));
  const intro = E.bannerIntro(oneLine(m.name));
  const body = html`${paragraph(E.greeting)}${paragraph(intro)}${factsTable(facts(m))}${rawHtml(programmeTable(m.sessions))}${paragraph(E.bannerClosing)}${paragraph(E.signature)}`;
  return {
    subject,
    html: emailDocument(subject, body, intro),
    text: textDocument([E.greeting, intro, facts(m).map(([k, v]) => `${k}: ${v}`).join('\n'), programmeText(m.sessions), E.bannerClosing, E.signature]),
    senderName: SENDER_NAME,
  };
}
