import { html, joinHtml, rawHtml, safeUrl } from '../../../src/domain/html';

describe('html template (escaping by default)', () => {
  test('interpolated text is escaped, nested html is kept, lists are concatenated', () => {
    const name = '<b>Ana</b> & "Luis"';
    const inner = html`<em>${name}</em>`;
    const out = html`<p>${inner} ${[html`<i>1</i>`, '<2>']} ${null}${undefined}${false}${3}</p>`.value;
    expect(out).toContain('<em>&lt;b&gt;Ana&lt;/b&gt; &amp; ');
    expect(out).not.toContain('"Luis"');
    expect(out).toContain('<i>1</i>&lt;2&gt;');
    expect(out.endsWith(' 3</p>')).toBe(true);
  });

  test('only rawHtml bypasses escaping', () => {
    expect(html`${rawHtml('<br>')}`.value).toBe('<br>');
    expect(joinHtml(['<a>', html`<b></b>`], rawHtml('<hr>')).value).toBe('&lt;a&gt;<hr><b></b>');
  });
});

describe('safeUrl', () => {
  test('keeps web, mail and phone links', () => {
    expect(safeUrl(' https://meet.google.com/abc-defg-hij ')).toBe('https://meet.google.com/abc-defg-hij');
    expect(safeUrl('http://serviciosvirtuales.trabajo.gob.pe/extra-net/web/citas')).toBe('http://serviciosvirtuales.trabajo.gob.pe/extra-net/web/citas');
    expect(safeUrl('mailto:ana@example.pe')).toBe('mailto:ana@example.pe');
    expect(safeUrl('tel:+51987654321')).toBe('tel:+51987654321');
  });

  test('refuses scripts, relative and malformed links', () => {
    for (const bad of ['javascript:alert(1)', 'JavaScript:alert(1)', 'java\nscript:alert(1)', 'data:text/html,x', '/relative', 'https://', 'https:///x', '', null, undefined, 'https://a b.pe']) {
      expect(safeUrl(bad as string)).toBeNull();
    }
  });
});
