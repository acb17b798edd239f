import { expectLinear } from '../../support/linear';
import { readFileSync } from 'fs';
import { join } from 'path';
import { decodeText, decodeWindows1252 } from '../../../src/domain/import/decode';

const FIXTURES = join(__dirname, '../../fixtures/reports');

/** Apps Script's Blob.getBytes() gives Java bytes: -128…127. */
function toJavaBytes(b: Uint8Array): number[] {
  return Array.from(b, (x) => (x > 127 ? x - 256 : x));
}

describe('decodeText', () => {
  it('decodes UTF-8 without BOM (ñ, á, curly apostrophe, emoji)', () => {
    const text = 'Ñahui Huamán D’Onofrio 😀';
    const r = decodeText(new Uint8Array(Buffer.from(text, 'utf8')));
    expect(r).toEqual({ text, encoding: 'utf-8' });
  });

  it('detects and removes a UTF-8 BOM', () => {
    const r = decodeText(new Uint8Array(Buffer.from('\ufeffCódigo;Peña', 'utf8')));
    expect(r).toEqual({ text: 'Código;Peña', encoding: 'utf-8-bom' });
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8 (Excel "CSV" on Spanish Windows)', () => {
    // 'Peña Díaz' in Windows-1252: ñ = F1, í = ED — each alone is invalid UTF-8.
    const r = decodeText([0x50, 0x65, 0xf1, 0x61, 0x20, 0x44, 0xed, 0x61, 0x7a]);
    expect(r).toEqual({ text: 'Peña Díaz', encoding: 'windows-1252' });
  });

  it('maps the whole 0x80–0x9F range of Windows-1252 (€ ‚ ƒ „ … ‘ ’ “ ” • – — ™ Ÿ)', () => {
    const bytes = new Uint8Array([0x80, 0x82, 0x83, 0x84, 0x85, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x99, 0x9f]);
    expect(decodeWindows1252(bytes)).toBe('€‚ƒ„…‘’“”•–—™Ÿ');
    // Undefined bytes map to C1 controls (as browsers do) instead of disappearing.
    expect(decodeWindows1252(new Uint8Array([0x81, 0x8d])).split('').map((c) => c.charCodeAt(0))).toEqual([0x81, 0x8d]);
  });

  it('accepts the signed bytes Apps Script returns, with the same result', () => {
    const bytes = new Uint8Array(Buffer.from('\ufeffMaría Ñahui', 'utf8'));
    expect(decodeText(toJavaBytes(bytes))).toEqual(decodeText(bytes));
    expect(decodeText(toJavaBytes(new Uint8Array([0x50, 0x65, 0xf1, 0x61]))).text).toBe('Peña');
  });

  it.each([
    ['overlong encoding of "/"', [0xc0, 0xaf]],
    ['UTF-16 surrogate encoded in UTF-8', [0xed, 0xa0, 0x80]],
    ['code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['truncated sequence at the end', [0x41, 0xc3]],
    ['stray continuation byte', [0x41, 0x80, 0x42]],
  ])('treats %s as not UTF-8', (_label, bytes) => {
    expect(decodeText(bytes as number[]).encoding).toBe('windows-1252');
  });

  it('decodes UTF-16 LE with BOM (Excel "Texto Unicode")', () => {
    const body = Buffer.from('DNI\tNombre\r\n01234567\tÑahui', 'utf16le');
    const r = decodeText(new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), body])));
    expect(r).toEqual({ text: 'DNI\tNombre\r\n01234567\tÑahui', encoding: 'utf-16le' });
  });

  it('decodes the three report fixtures to the same names', () => {
    const names = ['María José', 'Ñahui Huamán', 'D’Onofrio Güemes', 'Muñoz Díaz', 'Raúl'];
    const expectations: [string, string][] = [
      ['citas-plataforma-utf8.csv', 'utf-8'],
      ['citas-excel-utf8-bom.csv', 'utf-8-bom'],
      ['citas-excel-windows1252.csv', 'windows-1252'],
    ];
    for (const [file, encoding] of expectations) {
      const r = decodeText(new Uint8Array(readFileSync(join(FIXTURES, file))));
      expect(r.encoding).toBe(encoding);
      for (const n of names) expect(r.text).toContain(n);
      expect(r.text).not.toContain('\ufffd');
    }
  });

  it('decodes a large file in linear time', () => {
    const line = 'Ñahui Huamán;01234567;maria@gmail.com\r\n';
    const files = new Map([2_500, 50_000].map((n) => [n, new Uint8Array(Buffer.from(line.repeat(n), 'utf8'))]));
    const r = decodeText(files.get(50_000)!);
    expect(r.text.length).toBe(line.length * 50_000);
    expectLinear((n) => decodeText(files.get(n)!), 2_500, 50_000);
  });
});
