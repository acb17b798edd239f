/**
 * Building the page from data without ever parsing data as HTML: elements are created one by
 * one and text goes in as text nodes. Links get an address only if its scheme is one the panel
 * expects (a value like "javascript:…" never becomes a link).
 */

export function el<T extends HTMLElement = HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`missing #${id}`);
  return e as T;
}

export function clear(node: Node): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

export type Child = Node | string | null | undefined | false;

export interface Props {
  class?: string;
  text?: string;
  id?: string;
  attrs?: Record<string, string>;
}

/** An element with text and children; strings become text nodes (never markup). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (props.class) e.className = props.class;
  if (props.id) e.id = props.id;
  if (props.text !== undefined) e.textContent = props.text;
  for (const [k, v] of Object.entries(props.attrs ?? {})) e.setAttribute(k, v);
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return e;
}

/** The URL when its scheme is one of `schemes` (lower case, with the colon), else null. */
export function safeHref(url: string, schemes: readonly string[]): string | null {
  const u = (url ?? '').trim();
  if (!u || /[\s\u0000-\u001f\u007f]/.test(u)) return null;
  const m = /^([a-z][a-z0-9+.-]*:)/i.exec(u);
  return m && schemes.includes(m[1].toLowerCase()) ? u : null;
}

/** A link, or nothing when the address is not acceptable. External pages open in a new tab. */
export function link(url: string, label: string, schemes: readonly string[], className = 'link-button'): HTMLAnchorElement | null {
  const href = safeHref(url, schemes);
  if (!href) return null;
  const a = h('a', { class: className, text: label });
  a.href = href;
  if (/^https?:/i.test(href)) {
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
  }
  return a;
}

export function listInto(list: HTMLElement, items: readonly string[]): void {
  clear(list);
  for (const text of items) list.appendChild(h('li', { text }));
}

let uid = 0;
/** A unique id for label/aria wiring of generated controls. */
export function nextId(prefix: string): string {
  uid++;
  return `${prefix}-${uid}`;
}
