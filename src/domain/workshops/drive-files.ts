/**
 * Pure rules about a module's files in Drive (B04, B05): which uploaded bytes are a banner (by
 * their first bytes, never by the name a browser sends), and the Drive ID inside a link the
 * product recorded (the folder's and the ficha's).
 */

/** A banner may be this big (the panel says so; Apps Script's own limits are far above). */
export const MAX_BANNER_BYTES = 5 * 1024 * 1024;

export type BannerMime = 'image/png' | 'image/jpeg' | 'application/pdf';

const EXTENSION: Record<BannerMime, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'application/pdf': 'pdf' };

/** Bytes as JavaScript or Apps Script (signed Java bytes) give them. */
const at = (bytes: ArrayLike<number>, i: number) => (i < bytes.length ? bytes[i] & 0xff : -1);
const starts = (bytes: ArrayLike<number>, sig: readonly number[]) => sig.every((b, i) => at(bytes, i) === b);

/**
 * What the bytes really are: PNG (89 50 4E 47 0D 0A 1A 0A), JPEG (FF D8 FF) or PDF ('%PDF-');
 * null for anything else — whatever the file's name or the type the browser claimed.
 */
export function sniffBannerType(bytes: ArrayLike<number>): BannerMime | null {
  if (starts(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  return null;
}

/** The most bytes a base64 text of `chars` characters can hold (to refuse a huge upload before decoding it). */
export function base64MaxBytes(chars: number): number {
  return Math.floor(chars / 4) * 3 + 3;
}

/** Text that can only be base64 (standard alphabet, optional padding, no line breaks). */
export function isBase64(s: string): boolean {
  return s.length > 0 && s.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(s);
}

/** A file or folder name for Drive from a module's name: no slashes or control characters. */
export function driveSafeName(name: string): string {
  return name.replace(/[\\/\u0000-\u001f]/g, '-').trim() || 'módulo';
}

/** The banner's file name in the module's folder: 'Banner – <módulo>.<ext>', the extension from the bytes' real type. */
export function bannerFileName(moduleName: string, mime: BannerMime): string {
  return `Banner – ${driveSafeName(moduleName)}.${EXTENSION[mime]}`;
}

const DRIVE_ID = '[A-Za-z0-9_-]{10,200}';
const FOLDER_URL = new RegExp(`^https://drive\\.google\\.com/drive/(?:u/\\d+/)?folders/(${DRIVE_ID})(?:[/?#].*)?$`);
const FILE_URL = new RegExp(`^https://(?:drive|docs)\\.google\\.com/(?:file/d/|open\\?id=|uc\\?id=)(${DRIVE_ID})(?:[/?#&].*)?$`);

/** The folder's ID in a 'https://drive.google.com/drive/folders/<id>' link; null otherwise. */
export function folderIdOf(url: unknown): string | null {
  if (typeof url !== 'string') return null;
  return FOLDER_URL.exec(url.trim())?.[1] ?? null;
}

/** The file's ID in a 'https://drive.google.com/file/d/<id>/view' link (or open?id=, uc?id=); null otherwise. */
export function fileIdOf(url: unknown): string | null {
  if (typeof url !== 'string') return null;
  return FILE_URL.exec(url.trim())?.[1] ?? null;
}
