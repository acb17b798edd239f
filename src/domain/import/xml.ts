/**
 * A minimal XML reader for the parts of an XLSX workbook.
 *
 * Apps Script has no DOMParser, and its XmlService is a service global that the domain layer may
 * not touch, so the few things an XLSX needs are done here: elements, attributes (quoted with
 * either quote, '>' allowed inside), text, CDATA, the five named entities and numeric character
 * references; comments, processing instructions and the DOCTYPE are skipped. Namespace prefixes
 * are dropped from element names (`x:sheet` → `sheet`), which is how producers other than Excel
 * (OpenXML SDK, some exporters) write the same parts. No validation beyond what reading needs.
 */

export interface XmlElement {
  /** Local name, without namespace prefix. */
  name: string;
  /** Attributes by their full name as written ('r', 'r:id', 'xml:space'), entities decoded. */
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

export class XmlSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlSyntaxError';
  }
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const ENTITY = /&(#[xX][0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g;

/** Decodes &amp; &lt; &gt; &quot; &apos; &#233; &#x00E9;. Unknown or invalid references are kept. */
export function decodeXmlEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY, (whole, ref: string) => {
    if (ref[0] !== '#') return NAMED_ENTITIES[ref];
    const cp = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    if (!(cp >= 0 && cp <= 0x10ffff) || (cp >= 0xd800 && cp <= 0xdfff)) return whole;
    return String.fromCodePoint(cp);
  });
}

// One markup construct starting at '<' (sticky: matched exactly where the scanner stands).
// Groups: 1 '/', 2 name, 3 attributes, 4 '/' of a self-closing tag, 5 CDATA content.
const MARKUP =
  /<(?:(\/)?([A-Za-z_][\w.:-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/)?>|!\[CDATA\[([\s\S]*?)\]\]>|!--[\s\S]*?-->|\?[\s\S]*?\?>|!DOCTYPE[^>]*>)/y;
const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
}

function parseAttributes(source: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  if (source === '') return attrs;
  ATTRIBUTE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ATTRIBUTE.exec(source)) !== null) attrs[m[1]] = decodeXmlEntities(m[2] ?? m[3]);
  return attrs;
}

/** Parses an XML document and returns its root element. Throws XmlSyntaxError on broken markup. */
export function parseXml(xml: string): XmlElement {
  const top: XmlElement = { name: '#document', attrs: {}, children: [] };
  const stack: XmlElement[] = [top];
  let i = 0;
  const n = xml.length;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) {
      const text = xml.slice(i, textEnd);
      // XML normalises CRLF and CR to LF (XML 1.0 §2.11).
      stack[stack.length - 1].children.push(decodeXmlEntities(text.indexOf('\r') < 0 ? text : text.replace(/\r\n?/g, '\n')));
    }
    if (lt < 0) break;
    MARKUP.lastIndex = lt;
    const m = MARKUP.exec(xml);
    if (!m) throw new XmlSyntaxError(`Marcado XML inválido cerca de la posición ${lt}.`);
    i = MARKUP.lastIndex;
    if (m[5] !== undefined) {
      stack[stack.length - 1].children.push(m[5]);
    } else if (m[2] !== undefined) {
      const name = localName(m[2]);
      if (m[1]) {
        // Closing tag: pop to the matching element (tolerates a missing close in between).
        for (let k = stack.length - 1; k > 0; k--) {
          if (stack[k].name === name) {
            stack.length = k;
            break;
          }
        }
      } else {
        const el: XmlElement = { name, attrs: parseAttributes(m[3]), children: [] };
        stack[stack.length - 1].children.push(el);
        if (!m[4]) stack.push(el);
      }
    }
    // Comments, processing instructions and DOCTYPE: nothing to keep.
  }
  const root = top.children.find((c): c is XmlElement => typeof c !== 'string');
  if (!root) throw new XmlSyntaxError('El documento XML está vacío.');
  return root;
}

/** Child elements with the given local name. */
export function childElements(el: XmlElement, name?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) if (typeof c !== 'string' && (name === undefined || c.name === name)) out.push(c);
  return out;
}

/** First child element with the given local name. */
export function firstChild(el: XmlElement, name: string): XmlElement | undefined {
  for (const c of el.children) if (typeof c !== 'string' && c.name === name) return c;
  return undefined;
}

/** Concatenated text content of an element and its descendants. */
export function textContent(el: XmlElement): string {
  let s = '';
  for (const c of el.children) s += typeof c === 'string' ? c : textContent(c);
  return s;
}

/** An attribute by local name, whatever its prefix ('r:id', 'relationships:id' → 'id'). */
export function attrByLocalName(el: XmlElement, name: string): string | undefined {
  if (el.attrs[name] !== undefined) return el.attrs[name];
  for (const key of Object.keys(el.attrs)) if (localName(key) === name) return el.attrs[key];
  return undefined;
}
