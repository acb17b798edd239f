/**
 * Compiles an HtmlTemplate (developers.google.com/apps-script/guides/html/templates) into the
 * source of a JavaScript function that runs in the script's own context, as Apps Script runs
 * templates: scriptlets see the script's globals and the template's variables.
 *
 * - `<? code ?>` runs code (it may open a block that a later scriptlet closes);
 * - `<?= expr ?>` prints the value HTML-escaped ("printing scriptlets … use contextual escaping");
 * - `<?!= expr ?>` prints the value as it is ("force-printing scriptlets").
 * Inside scriptlets, `output.append(s)` and `output.appendUntrusted(s)` add to the page.
 *
 * The function takes one argument, an object holding the template's variables; a variable
 * shadows a global of the same name, as assigning `template.x` does in Apps Script.
 */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const ESCAPE_SOURCE = `function (v) { return String(v).replace(/[&<>"']/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]; }); }`;

/** Text segments and the three kinds of scriptlet, in order. */
export type Segment = { kind: 'text' | 'code' | 'print' | 'raw'; text: string };

export function parseTemplate(source: string): Segment[] {
  const out: Segment[] = [];
  const re = /<\?(!=|=)?([\s\S]*?)\?>/g;
  let last = 0;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    if (m.index > last) out.push({ kind: 'text', text: source.slice(last, m.index) });
    out.push({ kind: m[1] === '!=' ? 'raw' : m[1] === '=' ? 'print' : 'code', text: m[2] });
    last = re.lastIndex;
  }
  if (last < source.length) out.push({ kind: 'text', text: source.slice(last) });
  return out;
}

/** `(function (__vars) { … return html; })` — sloppy mode, for `with`. */
export function compileTemplate(source: string): string {
  const body: string[] = [];
  for (const s of parseTemplate(source)) {
    if (s.kind === 'text') body.push(`__out.push(${JSON.stringify(s.text)});`);
    else if (s.kind === 'code') body.push(s.text + '\n;');
    else {
      const expr = s.text.trim().replace(/;+$/, '');
      body.push(s.kind === 'print' ? `__out.push(__esc((${expr})));` : `__out.push(String((${expr})));`);
    }
  }
  return [
    '(function (__vars) {',
    '  var __out = [];',
    `  var __esc = ${ESCAPE_SOURCE};`,
    '  var output = {',
    '    append: function (s) { __out.push(String(s)); return output; },',
    '    appendUntrusted: function (s) { __out.push(__esc(s)); return output; },',
    '    clear: function () { __out.length = 0; return output; },',
    "    getContent: function () { return __out.join(''); }",
    '  };',
    '  with (__vars) {',
    ...body.map((l) => '    ' + l),
    '  }',
    "  return __out.join('');",
    '})',
  ].join('\n');
}
