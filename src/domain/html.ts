/**
 * Building HTML from data without forgetting to escape.
 *
 * Emails are not sandboxed: a citizen named `<img src=x onerror=…>` must arrive as text. The
 * `html` tag escapes every interpolated value unless it is already `SafeHtml` (the result of
 * another `html` call), so escaping is the default and trusting is the exception, visible as
 * `rawHtml`. URLs placed in href attributes are also checked for their scheme, because escaping
 * does not stop `javascript:`.
 */
import { escapeHtml } from './text';

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Anything that may be interpolated: text is escaped, SafeHtml is kept, lists are concatenated. */
export type HtmlValue = SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

function render(v: HtmlValue): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) return (v as readonly HtmlValue[]).map(render).join('');
  return escapeHtml(String(v));
}

/** Tagged template: html`<p>Hola ${name}</p>` escapes `name`. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/** Marks a string written by the program (never by a person) as HTML. */
export function rawHtml(trusted: string): SafeHtml {
  return new SafeHtml(trusted);
}

/** Joins fragments with a separator (the separator is escaped like any text unless SafeHtml). */
export function joinHtml(parts: readonly HtmlValue[], separator: HtmlValue = ''): SafeHtml {
  const sep = render(separator);
  return new SafeHtml(parts.map(render).join(sep));
}

const LINK_SCHEMES = ['https:', 'http:', 'mailto:', 'tel:'];

/**
 * The URL, trimmed, when it is absolute and its scheme is one a link in an email may have
 * (https, http, mailto, tel); otherwise null. Escape the result like any other value.
 */
export function safeUrl(url: string | null | undefined, schemes: readonly string[] = LINK_SCHEMES): string | null {
  if (typeof url !== 'string') return null;
  const u = url.trim();
  // No whitespace or control characters inside: they hide schemes ("java\nscript:") and break links.
  if (!u || /[\s\u0000-\u001f\u007f]/.test(u)) return null;
  const m = /^([a-z][a-z0-9+.-]*:)/i.exec(u);
  if (!m || !schemes.includes(m[1].toLowerCase())) return null;
  if ((m[1].toLowerCase() === 'https:' || m[1].toLowerCase() === 'http:') && !/^https?:\/\/[^/?#]+/i.test(u)) return null;
  return u;
}
