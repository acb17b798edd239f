/**
 * Turns the bytes of a downloaded report into text, whatever Excel or the platform used.
 *
 * Files reach us in one of these encodings:
 * - UTF-8 with a BOM: Excel's "CSV UTF-8 (delimitado por comas)";
 * - UTF-8 without a BOM: most web platforms' exports;
 * - Windows-1252: Excel's plain "CSV (delimitado por comas)" on a Spanish Windows;
 * - UTF-16 with a BOM: Excel's "Texto Unicode" (tab-separated).
 *
 * Apps Script V8 has no TextDecoder, and `Blob.getBytes()` returns signed Java bytes
 * (-128…127), so decoding is done here, by hand, for both signed and unsigned input.
 */

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'utf-16le' | 'utf-16be';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

/**
 * Windows-1252 code points for bytes 0x80–0x9F (WHATWG Encoding Standard, index-windows-1252).
 * The five bytes Microsoft left undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to the C1 control
 * of the same number, as browsers do. Bytes 0x00–0x7F and 0xA0–0xFF equal their Latin-1 code point.
 */
const CP1252_80_9F = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, // € · ‚ ƒ „ … † ‡
  0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f, // ˆ ‰ Š ‹ Œ · Ž ·
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, // · ‘ ’ “ ” • – —
  0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178, // ˜ ™ š › œ · ž Ÿ
];

/** Collects UTF-16 code units and turns them into a string in chunks (no quadratic concatenation). */
class StringBuilder {
  private readonly parts: string[] = [];
  private units: number[] = [];

  push(unit: number): void {
    this.units.push(unit);
    if (this.units.length >= 8192) this.flush();
  }

  pushCodePoint(cp: number): void {
    if (cp >= 0x10000) {
      const v = cp - 0x10000;
      this.push(0xd800 + (v >> 10));
      this.push(0xdc00 + (v & 0x3ff));
    } else {
      this.push(cp);
    }
  }

  private flush(): void {
    if (this.units.length > 0) {
      this.parts.push(String.fromCharCode.apply(null, this.units));
      this.units = [];
    }
  }

  toString(): string {
    this.flush();
    return this.parts.join('');
  }
}

/** Unsigned view of the input: Java's signed bytes (-128…127) become 0…255. */
function toUnsigned(bytes: Uint8Array | ArrayLike<number>): Uint8Array {
  if (bytes instanceof Uint8Array) return bytes;
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = bytes[i] & 0xff;
  return out;
}

/**
 * Strict UTF-8 decoding (RFC 3629): rejects overlong forms, surrogates, code points above
 * U+10FFFF, stray continuation bytes and truncated sequences. Returns null if the bytes are not
 * UTF-8, which for a report means they are Windows-1252 (a Latin-1 'ñ' is a lone 0xF1 byte).
 */
export function decodeUtf8Strict(b: Uint8Array, start = 0): string | null {
  const out = new StringBuilder();
  const n = b.length;
  let i = start;
  while (i < n) {
    const b0 = b[i];
    if (b0 < 0x80) {
      out.push(b0);
      i++;
      continue;
    }
    let need: number;
    let cp: number;
    let min: number;
    if (b0 >= 0xc2 && b0 <= 0xdf) { need = 1; cp = b0 & 0x1f; min = 0x80; }
    else if (b0 >= 0xe0 && b0 <= 0xef) { need = 2; cp = b0 & 0x0f; min = 0x800; }
    else if (b0 >= 0xf0 && b0 <= 0xf4) { need = 3; cp = b0 & 0x07; min = 0x10000; }
    else return null; // 0x80–0xC1 (continuation or overlong lead) or 0xF5–0xFF
    if (i + need >= n) return null; // sequence cut off by the end of the file
    for (let k = 1; k <= need; k++) {
      const c = b[i + k];
      if ((c & 0xc0) !== 0x80) return null;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
    out.pushCodePoint(cp);
    i += need + 1;
  }
  return out.toString();
}

/** Windows-1252 decoding with the full table; every byte maps to a character. */
export function decodeWindows1252(b: Uint8Array, start = 0): string {
  const out = new StringBuilder();
  for (let i = start; i < b.length; i++) {
    const c = b[i];
    out.push(c >= 0x80 && c <= 0x9f ? CP1252_80_9F[c - 0x80] : c);
  }
  return out.toString();
}

function decodeUtf16(b: Uint8Array, start: number, littleEndian: boolean): string {
  const out = new StringBuilder();
  for (let i = start; i + 1 < b.length; i += 2) {
    out.push(littleEndian ? b[i] | (b[i + 1] << 8) : (b[i] << 8) | b[i + 1]);
  }
  return out.toString();
}

/**
 * Decodes a text file: a UTF-8 BOM (EF BB BF) or UTF-16 BOM decides; otherwise strict UTF-8 is
 * tried and, if the bytes are not valid UTF-8, Windows-1252 is used. The BOM is not part of the
 * returned text. Accepts unsigned bytes, and the signed bytes Apps Script's `getBytes()` returns.
 */
export function decodeText(bytes: Uint8Array | number[]): DecodedText {
  const b = toUnsigned(bytes);
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
    const text = decodeUtf8Strict(b, 3);
    if (text !== null) return { text, encoding: 'utf-8-bom' };
    // A BOM followed by invalid UTF-8 means a tool glued a BOM onto a Latin file: trust the body.
    return { text: decodeWindows1252(b, 3), encoding: 'windows-1252' };
  }
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return { text: decodeUtf16(b, 2, true), encoding: 'utf-16le' };
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return { text: decodeUtf16(b, 2, false), encoding: 'utf-16be' };
  const utf8 = decodeUtf8Strict(b);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  return { text: decodeWindows1252(b), encoding: 'windows-1252' };
}
