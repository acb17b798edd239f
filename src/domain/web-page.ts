/**
 * The pages of the web app (docs/web-app.md): one small, complete, mobile-friendly Spanish HTML
 * page — the service's name, a title, paragraphs and, when there is something to confirm, a form
 * that POSTs only the token back with one button. Everything from data is escaped (domain/html.ts):
 * a module's name or a handler's sentence arrives as text, never as markup.
 *
 * Pure: the gas side (src/gas/webapp-output.ts) hands the HTML to HtmlService, with the title and
 * the viewport meta tag (HtmlService ignores a <meta name="viewport"> in the content).
 */
import { html, joinHtml, safeUrl, type SafeHtml } from './html';

export const WEB_SERVICE_NAME = 'Servicio de Orientación para el Emprendimiento – MTPE';

/** The viewport the page is laid out for (phones first: most links are opened from a phone). */
export const WEB_VIEWPORT = 'width=device-width, initial-scale=1';

export interface WebPageForm {
  /** Where the button POSTs: the web app's own /exec address ('' = the address it was served from). */
  action: string;
  /** The signed token, sent back as the hidden field `t` (the only field). */
  token: string;
  /** Text of the button. */
  button: string;
  /** C01: a text area posted with the token (the reason of a rejection), named `name`. */
  field?: { name: string; label: string; maxLength: number; required: boolean };
}

/**
 * B12: a GET form with one text field (a certificate's code typed by whoever verifies it). It
 * carries no token and acts on nothing: the answer is a page like the link's.
 */
export interface WebPageLookup {
  /** The web app's /exec address ('' = the address it was served from). */
  action: string;
  /** The query parameter's name. */
  field: string;
  label: string;
  /** What the field shows (the normalised code, or ''). */
  value: string;
  placeholder: string;
  button: string;
}

export interface WebPage {
  title: string;
  paragraphs: readonly string[];
  form?: WebPageForm;
  lookup?: WebPageLookup;
}

/** Document property recording the spreadsheet's ID at setup: a web app execution opens it when no spreadsheet is active. */
export const SPREADSHEET_ID_PROPERTY = 'SOE_SPREADSHEET_ID';

const STYLE = [
  'body{margin:0;font-family:Arial,Helvetica,sans-serif;background:#f5f5f5;color:#1f2937;line-height:1.5}',
  'header{background:#c8102e;color:#fff;padding:12px 16px;font-size:15px}',
  'main{max-width:560px;margin:16px auto;background:#fff;padding:20px;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.15)}',
  'h1{font-size:21px;margin:0 0 12px}',
  'p{margin:0 0 12px;font-size:16px}',
  'textarea{font-size:16px;padding:10px;width:100%;box-sizing:border-box;border:1px solid #9ca3af;border-radius:6px;font-family:inherit}',
  'input{font-size:17px;padding:10px;width:100%;box-sizing:border-box;border:1px solid #9ca3af;border-radius:6px;font-family:monospace}',
  'button{font-size:17px;padding:12px 20px;border:0;border-radius:6px;background:#c8102e;color:#fff;cursor:pointer;width:100%}',
  'footer{max-width:560px;margin:0 auto 24px;padding:0 20px;font-size:13px;color:#6b7280}',
].join('');

function formHtml(form: WebPageForm): SafeHtml {
  const action = form.action ? safeUrl(form.action, ['https:']) : null;
  const f = form.field;
  const field = f
    ? html`<p><label for="${f.name}">${f.label}</label></p><p><textarea id="${f.name}" name="${f.name}" rows="4" maxlength="${String(f.maxLength)}"${f.required ? html` required` : ''}></textarea></p>`
    : '';
  return html`<form method="post"${action ? html` action="${action}" target="_top"` : ''}><input type="hidden" name="t" value="${form.token}">${field}<button type="submit" id="confirmar">${form.button}</button></form>`;
}

function lookupHtml(l: WebPageLookup): SafeHtml {
  const action = l.action ? safeUrl(l.action, ['https:']) : null;
  return html`<form method="get"${action ? html` action="${action}" target="_top"` : ''}><p><label for="${l.field}">${l.label}</label></p><p><input type="text" id="${l.field}" name="${l.field}" value="${l.value}" placeholder="${l.placeholder}" maxlength="40" autocomplete="off" autocapitalize="characters" spellcheck="false"></p><button type="submit" id="verificar">${l.button}</button></form>`;
}

/** The whole page, escaped. */
export function renderWebPage(page: WebPage): string {
  const paragraphs = joinHtml(page.paragraphs.map((p) => html`<p>${p}</p>`));
  return html`<!DOCTYPE html>
<html lang="es-PE"><head><meta charset="utf-8"><meta name="viewport" content="${WEB_VIEWPORT}"><title>${page.title}</title><style>${STYLE}</style></head>
<body><header>${WEB_SERVICE_NAME}</header><main><h1>${page.title}</h1>${paragraphs}${page.form ? formHtml(page.form) : ''}${page.lookup ? lookupHtml(page.lookup) : ''}</main>
<footer>Ministerio de Trabajo y Promoción del Empleo</footer></body></html>`.value;
}

export { WEB_APP_MESSAGES } from './messages/web-app';
