/** The web app's page renderer (src/domain/web-page.ts): complete, Spanish, mobile-friendly, and escaped. */
import { renderWebPage, WEB_SERVICE_NAME } from '../../../src/domain/web-page';

const HOSTILE = `<script>alert("x")</script><img src=x onerror=alert(1)> & 'comillas'`;

test('a complete page: doctype, Spanish, viewport, title, the service name, paragraphs', () => {
  const out = renderWebPage({ title: 'Dejar de recibir invitaciones', paragraphs: ['Uno.', 'Dos: Ñandú, María José.'] });
  expect(out.startsWith('<!DOCTYPE html>')).toBe(true);
  expect(out).toContain('<html lang="es-PE">');
  expect(out).toContain('<meta charset="utf-8">');
  expect(out).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
  expect(out).toContain('<title>Dejar de recibir invitaciones</title>');
  expect(out).toContain(`<header>${WEB_SERVICE_NAME}</header>`);
  expect(out).toContain('<p>Uno.</p><p>Dos: Ñandú, María José.</p>');
  expect(out).not.toContain('<form');
  expect(out.endsWith('</html>')).toBe(true);
});

test('hostile text in the title, paragraphs, token and button arrives as text', () => {
  const out = renderWebPage({ title: HOSTILE, paragraphs: [HOSTILE], form: { action: 'https://script.google.com/macros/s/AKfycbX1234567890/exec', token: `"><script>x</script>`, button: HOSTILE } });
  expect(out).not.toMatch(/<script|<img|onerror=alert\(1\)>/);
  expect(out).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  expect(out).toContain('value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
  expect(out).toContain('&amp; &#39;comillas&#39;');
});

test('the form: POST, only the hidden token, one button, to an https action (anything else: no action)', () => {
  const out = renderWebPage({ title: 'T', paragraphs: [], form: { action: 'https://script.google.com/macros/s/AKfycbX1234567890/exec', token: 'abc.def', button: 'Confirmar' } });
  expect(out).toContain('<form method="post" action="https://script.google.com/macros/s/AKfycbX1234567890/exec" target="_top"><input type="hidden" name="t" value="abc.def"><button type="submit" id="confirmar">Confirmar</button></form>');
  expect(out.match(/<input/g)).toHaveLength(1);
  for (const action of ['javascript:alert(1)', 'http://example.org/exec', '']) {
    const o = renderWebPage({ title: 'T', paragraphs: [], form: { action, token: 't', button: 'B' } });
    expect(o).toContain('<form method="post"><input');
  }
});
