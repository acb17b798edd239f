/**
 * HTML → blocks of visible text, for rendering an HTML blob as a PDF. Not a browser: tags are
 * stripped; headings, paragraphs, list items, table rows and `<br>` start lines; `<script>`,
 * `<style>` and `<head>` contribute nothing; entities are decoded.
 */
export type BlockKind = 'h1' | 'h2' | 'h3' | 'p';
export interface TextBlock {
  kind: BlockKind;
  text: string;
}

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0',
  aacute: 'á', eacute: 'é', iacute: 'í', oacute: 'ó', uacute: 'ú', ntilde: 'ñ', uuml: 'ü',
  Aacute: 'Á', Eacute: 'É', Iacute: 'Í', Oacute: 'Ó', Uacute: 'Ú', Ntilde: 'Ñ', Uuml: 'Ü',
  iquest: '¿', iexcl: '¡', laquo: '«', raquo: '»', ordm: 'º', ordf: 'ª', deg: '°', copy: '©',
  reg: '®', euro: '€', middot: '·', ndash: '–', mdash: '—', hellip: '…', lsquo: '‘', rsquo: '’',
  ldquo: '“', rdquo: '”', bull: '•', times: '×', shy: '',
};

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    return NAMED[e] ?? m;
  });
}

const BREAKING = new Set([
  'p', 'div', 'section', 'article', 'header', 'footer', 'main', 'aside', 'nav', 'blockquote', 'pre',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'caption', 'hr',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'body', 'html', 'form', 'fieldset', 'figure', 'figcaption', 'address',
]);
const HEADING: Record<string, BlockKind> = { h1: 'h1', h2: 'h2', h3: 'h3', h4: 'h3', h5: 'h3', h6: 'h3' };

/** Between table cells: survives whitespace collapsing, then becomes three spaces. */
const CELL_GAP = '\u0000';

export function htmlToBlocks(html: string): TextBlock[] {
  const src = String(html)
    .replace(/\u0000/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<![^>]*>|<\?[^>]*>/g, '')
    .replace(/<(script|style|head|template|title)\b[\s\S]*?<\/\1\s*>/gi, '');
  const blocks: TextBlock[] = [];
  let kind: BlockKind = 'p';
  let buf = '';
  let cellsInRow = 0;
  const flush = () => {
    const text = decodeEntities(buf).replace(/[ \t\r\n\f]+/g, ' ').replace(/\u00a0/g, ' ').trim().replace(/ ?\u0000 ?/g, '   ').trim();
    if (text) blocks.push({ kind, text });
    buf = '';
  };
  const re = /<\/?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>|([^<]+)|(<)/g;
  for (const m of src.matchAll(re)) {
    if (m[2] !== undefined || m[3] !== undefined) {
      buf += m[2] ?? m[3];
      continue;
    }
    const tag = m[1].toLowerCase();
    const closing = m[0][1] === '/';
    if (tag === 'br') {
      flush();
      continue;
    }
    if (tag === 'td' || tag === 'th') {
      if (!closing && cellsInRow++ > 0) buf += CELL_GAP;
      continue;
    }
    if (BREAKING.has(tag)) {
      flush();
      if (tag === 'tr') cellsInRow = 0;
      if (HEADING[tag]) kind = closing ? 'p' : HEADING[tag];
      if (tag === 'li' && !closing) buf += '• ';
    }
  }
  flush();
  return blocks;
}
