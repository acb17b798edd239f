import { inflateSync } from 'node:zlib';

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
      lines.push(new TextDecoder('windows-1252').decode(b));
    }
  }
  return lines;
}
