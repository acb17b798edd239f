/**
 * What the emulator reads of an image: its type and pixel size (PNG, JPEG, GIF: the formats
 * Slides accepts), and a GIF's first frame as RGB pixels, to draw it into a PDF (pdf-lib embeds
 * PNG and JPEG natively, not GIF).
 */
export interface ImageSize {
  mimeType: 'image/png' | 'image/jpeg' | 'image/gif';
  width: number;
  height: number;
  /** JPEG: colour components (1 grey, 3 RGB/YCbCr, 4 CMYK). */
  components?: number;
}

export function imageSize(b: Uint8Array): ImageSize | null {
  if (b.length >= 24 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) {
    const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
    return { mimeType: 'image/png', width: dv.getUint32(16), height: dv.getUint32(20) };
  }
  if (b.length >= 10 && b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38) {
    return { mimeType: 'image/gif', width: b[6] | (b[7] << 8), height: b[8] | (b[9] << 8) };
  }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) {
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) return null;
      const marker = b[i + 1];
      const len = (b[i + 2] << 8) | b[i + 3];
      // SOF0…SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { mimeType: 'image/jpeg', height: (b[i + 5] << 8) | b[i + 6], width: (b[i + 7] << 8) | b[i + 8], components: b[i + 9] };
      }
      i += 2 + len;
    }
  }
  return null;
}

export interface DecodedGif {
  width: number;
  height: number;
  /** width × height × 3 bytes. */
  rgb: Uint8Array;
  /** width × height bytes, 0 where the pixel is transparent; null when no pixel is. */
  alpha: Uint8Array | null;
}

/** The first frame of a GIF (87a/89a), composed on a transparent canvas of the logical screen size. */
export function decodeGif(b: Uint8Array): DecodedGif {
  if (imageSize(b)?.mimeType !== 'image/gif') throw new Error('not a GIF');
  const width = b[6] | (b[7] << 8);
  const height = b[8] | (b[9] << 8);
  const flags = b[10];
  let pos = 13;
  let globalTable: Uint8Array | null = null;
  if (flags & 0x80) {
    const size = 3 * (1 << ((flags & 7) + 1));
    globalTable = b.subarray(pos, pos + size);
    pos += size;
  }
  let transparent = -1;
  const rgb = new Uint8Array(width * height * 3);
  const alpha = new Uint8Array(width * height);
  let anyTransparent = false;
  while (pos < b.length) {
    const block = b[pos++];
    if (block === 0x21) {
      const label = b[pos++];
      if (label === 0xf9 && b[pos] === 4) {
        if (b[pos + 1] & 1) transparent = b[pos + 4];
      }
      while (b[pos] !== 0) pos += b[pos] + 1;
      pos++;
      continue;
    }
    if (block !== 0x2c) break; // trailer (0x3b) or garbage
    const left = b[pos] | (b[pos + 1] << 8);
    const top = b[pos + 2] | (b[pos + 3] << 8);
    const w = b[pos + 4] | (b[pos + 5] << 8);
    const h = b[pos + 6] | (b[pos + 7] << 8);
    const iflags = b[pos + 8];
    pos += 9;
    let table = globalTable;
    if (iflags & 0x80) {
      const size = 3 * (1 << ((iflags & 7) + 1));
      table = b.subarray(pos, pos + size);
      pos += size;
    }
    const interlaced = (iflags & 0x40) !== 0;
    const minCode = b[pos++];
    const data: number[] = [];
    while (b[pos] !== 0 && pos < b.length) {
      const n = b[pos];
      for (let i = 1; i <= n; i++) data.push(b[pos + i]);
      pos += n + 1;
    }
    const indices = lzw(minCode, data, w * h);
    const rows = interlaced ? interlaceOrder(h) : Array.from({ length: h }, (_, i) => i);
    for (let k = 0; k < indices.length && k < w * h; k++) {
      const x = left + (k % w);
      const y = top + rows[Math.floor(k / w)];
      if (x >= width || y >= height) continue;
      const p = y * width + x;
      const idx = indices[k];
      if (idx === transparent || !table) {
        anyTransparent = true;
        continue;
      }
      rgb[p * 3] = table[idx * 3];
      rgb[p * 3 + 1] = table[idx * 3 + 1];
      rgb[p * 3 + 2] = table[idx * 3 + 2];
      alpha[p] = 255;
    }
    // Pixels outside the frame stay transparent.
    if (left > 0 || top > 0 || w < width || h < height) anyTransparent = true;
    break; // first frame only
  }
  return { width, height, rgb, alpha: anyTransparent ? alpha : null };
}

function interlaceOrder(h: number): number[] {
  const rows: number[] = [];
  for (const [start, step] of [[0, 8], [4, 8], [2, 4], [1, 2]]) for (let y = start; y < h; y += step) rows.push(y);
  return rows;
}

/** GIF's variable-width LZW. */
function lzw(minCode: number, data: number[], max: number): number[] {
  const clear = 1 << minCode;
  const end = clear + 1;
  let size = minCode + 1;
  let dict: number[][] = [];
  const reset = () => {
    dict = [];
    for (let i = 0; i < clear; i++) dict.push([i]);
    dict.push([], []);
    size = minCode + 1;
  };
  reset();
  const out: number[] = [];
  let prev: number[] | null = null;
  let bits = 0;
  let acc = 0;
  let i = 0;
  while (out.length < max) {
    while (bits < size && i < data.length) {
      acc |= data[i++] << bits;
      bits += 8;
    }
    if (bits < size) break;
    const code = acc & ((1 << size) - 1);
    acc >>>= size;
    bits -= size;
    if (code === clear) {
      reset();
      prev = null;
      continue;
    }
    if (code === end) break;
    let entry: number[];
    if (code < dict.length) entry = dict[code];
    else if (prev) entry = [...prev, prev[0]];
    else break;
    for (const v of entry) out.push(v);
    if (prev && dict.length < 4096) dict.push([...prev, entry[0]]);
    prev = entry;
    if (dict.length === 1 << size && size < 12) size++;
  }
  return out;
}
