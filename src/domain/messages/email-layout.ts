/**
 * The look of every email the service sends: one HTML shell with inline styles only (mail
 * clients drop <style> blocks and external images are often blocked), and a matching plain-text
 * body for clients that show no HTML. Data goes through the `html` tag, so it is escaped.
 */
import { html, rawHtml, safeUrl, type HtmlValue, type SafeHtml } from '../html';
import { formatLimaTime } from '../lima-time';

/** Display name of every email's sender (MailApp `name` option). */
export const SENDER_NAME = 'Servicio de Orientación para el Emprendimiento – MTPE';

/**
 * Where a citizen books (or rebooks) an appointment: the citizen platform (A01). HTTPS: the
 * MTPE's platform is served over HTTPS (gob.pe sites are), and a link in an email must not send
 * a citizen's session over plain HTTP. The setting 'Enlace para reservar cita' can override it.
 */
export const REBOOK_URL = 'https://serviciosvirtuales.trabajo.gob.pe/extra-net/web/citas';

/** The default that spreadsheets set up before it moved to HTTPS may still hold. */
export const LEGACY_REBOOK_URL = 'http://serviciosvirtuales.trabajo.gob.pe/extra-net/web/citas';

/** The link to put in emails for the setting's value: the old plain-HTTP default becomes HTTPS. */
export function rebookLink(setting: string): string {
  return setting.trim() === LEGACY_REBOOK_URL ? REBOOK_URL : setting;
}

export interface EmailMessage {
  subject: string;
  /** Plain-text body (MailApp `body`). */
  text: string;
  /** HTML body (MailApp `htmlBody`). */
  html: string;
  /** Sender display name (MailApp `name`). */
  senderName: string;
}

const BRAND = '#b5121b';
const INK = '#1f2937';
const MUTED = '#6b7280';

const FOOTER_TEXT =
  'Este es un mensaje automático del Servicio de Orientación para el Emprendimiento del Ministerio de Trabajo y ' +
  'Promoción del Empleo (MTPE). Sus datos personales se tratan conforme a la Ley N.° 29733, Ley de Protección de ' +
  'Datos Personales, únicamente para brindarle este servicio.';

/** A value from data as one line: line breaks and tabs would let a name reshape a text email. */
export function oneLine(s: string | null | undefined): string {
  return (s ?? '').replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s{2,}/g, ' ').trim();
}

/** 'Estimado(a) Ana Quispe:' — or a neutral greeting when the name is missing. */
export function greeting(fullName: string | null | undefined): string {
  const name = oneLine(fullName);
  return name ? `Estimado(a) ${name}:` : 'Estimado(a) usuario(a):';
}

/** Ends a sentence with a period unless it already has one ('… 3:30 p. m.' does). */
export function endSentence(s: string): string {
  return /[.!?…]$/.test(s) ? s : s + '.';
}

/** 'a las 3:30 p. m.' / 'a la 1:00 p. m.' — Spanish uses the singular for one o'clock. */
export function atLimaTime(d: Date): string {
  const t = formatLimaTime(d);
  return t.startsWith('1:') ? `a la ${t}` : `a las ${t}`;
}

/** A link the email may carry; a programming error (empty or unsafe URL) stops the send. */
export function requireUrl(url: string | null | undefined, what: string): string {
  const ok = safeUrl(url);
  if (!ok) throw new Error(`${what}: not a usable http(s)/mailto/tel URL: ${JSON.stringify(url)}`);
  return ok;
}

export function paragraph(content: HtmlValue): SafeHtml {
  return html`<p style="margin:0 0 16px 0;">${content}</p>`;
}

export function heading(text: HtmlValue): SafeHtml {
  return html`<h2 style="margin:24px 0 8px 0;font-size:17px;color:${rawHtml(BRAND)};">${text}</h2>`;
}

export function bulletList(items: readonly HtmlValue[]): SafeHtml {
  return html`<ul style="margin:0 0 16px 0;padding-left:22px;">${items.map(
    (i) => html`<li style="margin:0 0 6px 0;">${i}</li>`,
  )}</ul>`;
}

export function link(url: string, label?: HtmlValue): SafeHtml {
  return html`<a href="${url}" style="color:${rawHtml(BRAND)};">${label ?? url}</a>`;
}

/** A big button, with the address written below it for clients that hide buttons. */
export function button(url: string, label: string): SafeHtml {
  return html`<table role="presentation" cellpadding="0" cellspacing="0" style="margin:8px 0 8px 0;"><tr><td style="border-radius:6px;background:${rawHtml(BRAND)};"><a href="${url}" style="display:inline-block;padding:12px 22px;color:#ffffff;font-weight:bold;text-decoration:none;border-radius:6px;">${label}</a></td></tr></table>
<p style="margin:0 0 16px 0;font-size:13px;color:${rawHtml(MUTED)};word-break:break-all;">${link(url)}</p>`;
}

/** Label/value pairs (date, time, consultant) as a small highlighted table. */
export function factsTable(rows: readonly (readonly [string, HtmlValue])[]): SafeHtml {
  return html`<table role="presentation" cellpadding="0" cellspacing="0" style="margin:0 0 16px 0;background:#f9fafb;border:1px solid #e5e7eb;border-radius:6px;width:100%;">${rows.map(
    ([label, value]) =>
      html`<tr><td style="padding:8px 12px;color:${rawHtml(MUTED)};width:35%;vertical-align:top;">${label}</td><td style="padding:8px 12px;font-weight:bold;">${value}</td></tr>`,
  )}</table>`;
}

/** The full HTML document around a body. */
export function emailDocument(title: string, body: SafeHtml, preheader = ''): string {
  return html`<!DOCTYPE html>
<html lang="es">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>
<body style="margin:0;padding:0;background:#f3f4f6;">
<div style="display:none;max-height:0;overflow:hidden;">${preheader}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f4f6;"><tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;border-radius:8px;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:${rawHtml(INK)};">
<tr><td style="background:${rawHtml(BRAND)};color:#ffffff;padding:16px 24px;border-radius:8px 8px 0 0;"><div style="font-size:13px;">Ministerio de Trabajo y Promoción del Empleo</div><div style="font-size:17px;font-weight:bold;">Servicio de Orientación para el Emprendimiento</div></td></tr>
<tr><td style="padding:24px;">${body}</td></tr>
<tr><td style="padding:16px 24px;background:#f9fafb;color:${rawHtml(MUTED)};font-size:12px;border-radius:0 0 8px 8px;">${FOOTER_TEXT}</td></tr>
</table>
</td></tr></table>
</body>
</html>`.value;
}

/** Plain-text body: blocks separated by a blank line, then the footer. */
export function textDocument(blocks: readonly (string | false | null | undefined)[]): string {
  return [...blocks.filter((b): b is string => typeof b === 'string' && b !== ''), '—', FOOTER_TEXT].join('\n\n');
}

/** Plain-text bullet list. */
export function textList(items: readonly string[]): string {
  return items.map((i) => `• ${i}`).join('\n');
}
