import { inflateSync } from 'node:zlib';

/**
 * WinAnsi (Windows-1252) bytes as text. Node's TextDecoder('windows-1252') without full ICU
 * reads 0x80–0x9F as Latin-1 control characters; those 27 code points are mapped here
 * (– — ‘ ’ “ ” € …).
 */
const CP1252_HIGH: Record<number, number> = {
  0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x0192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021, 0x88: 0x02c6,
  0x89: 0x2030, 0x8a: 0x0160, 0x8b: 0x2039, 0x8c: 0x0152, 0x8e: 0x017d, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201c,
  0x94: 0x201d, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02dc, 0x99: 0x2122, 0x9a: 0x0161, 0x9b: 0x203a,
  0x9c: 0x0153, 0x9e: 0x017e, 0x9f: 0x0178,
};

function winAnsi(b: Uint8Array): string {
  let out = '';
  for (const x of b) out += String.fromCodePoint(CP1252_HIGH[x] ?? x);
  return out;
}

/**
 * The text lines a PDF shows, in drawing order, for tests and the scripting API. Reads the
 * PDFs this emulator writes (pdf-lib: each line one hex string shown with `Tj`, WinAnsi
 * encoded, in Flate-compressed or plain content streams); not a general PDF text extractor.
 */
export function pdfText(bytes: Uint8Array): string[] {
  const raw = Buffer.from(bytes).toString('latin1');
  const lines: string[] = [];
  const streamRe = /<<((?:(?!>>\s*stream)[\s\S])*)>>\s*stream\r?\n/g;
  for (const m of raw.matchAll(streamRe)) {
    const dict = m[1];
    const len = /\/Length\s+(\d+)/.exec(dict);
    if (!len) continue;
    const start = m.index! + m[0].length;
    let data = Buffer.from(raw.slice(start, start + Number(len[1])), 'latin1');
    if (/\/FlateDecode/.test(dict)) {
      try {
        data = inflateSync(data);
      } catch {
        continue;
      }
    }
    const content = data.toString('latin1');
    for (const t of content.matchAll(/<([0-9A-Fa-f\s]*)>\s*Tj|\(((?:[^()\\]|\\.)*)\)\s*Tj/g)) {
      const b = t[1] !== undefined ? Buffer.from(t[1].replace(/\s+/g, ''), 'hex') : Buffer.from(t[2].replace(/\\(.)/g, '$1'), 'latin1');
      lines.push(winAnsi(b));
    }
  }
  return lines;
}
