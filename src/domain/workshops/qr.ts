/**
 * The certificate's QR code (B12 item 4): the verification URL as a QR image made here, with no
 * outside service. qrcode-generator (MIT, bundled by esbuild) draws it and returns a GIF as a
 * data URL; the base64 is decoded here (no atob/Buffer in Apps Script's V8 without a service
 * call), so the bytes go straight to `CertificateRender.qrImage`.
 *
 * Error correction level M (15 % of the symbol can be damaged or covered: a printed certificate,
 * folded or stamped, still scans). Pure: no I/O.
 */
import qrcode from 'qrcode-generator';

export interface QrImage {
  bytes: number[];
  mimeType: 'image/gif';
  /** Modules per side (the symbol's size), for tests and the panel. */
  modules: number;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 (RFC 4648 §4) to bytes; throws on anything else. */
export function decodeBase64(s: string): number[] {
  const clean = s.replace(/=+$/, '');
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < clean.length; i++) {
    const v = B64.indexOf(clean[i]!);
    if (v < 0) throw new Error(`decodeBase64: invalid character at ${i}`);
    buffer = ((buffer << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >>> bits) & 255);
    }
  }
  return out;
}

/** The QR of `url` as a GIF: `cellSize` pixels per module, a 4-module quiet zone. */
export function qrGif(url: string, cellSize = 4): QrImage {
  const qr = qrcode(0, 'M');
  qr.addData(url, 'Byte');
  qr.make();
  const dataUrl = qr.createDataURL(cellSize, cellSize * 4);
  const prefix = 'data:image/gif;base64,';
  if (!dataUrl.startsWith(prefix)) throw new Error('qrGif: unexpected data URL');
  return { bytes: decodeBase64(dataUrl.slice(prefix.length)), mimeType: 'image/gif', modules: qr.getModuleCount() };
}
