/**
 * Reads streams out of an OLE2 / Compound File Binary file ([MS-CFB]), the container of legacy
 * Office files: Excel 97–2003 `.xls` keeps its workbook in a stream named 'Workbook' (Excel 5/95:
 * 'Book'), Word `.doc` in 'WordDocument', a password-protected `.xlsx` in 'EncryptedPackage'.
 *
 * Plain TypeScript on Uint8Array (Apps Script V8 has no Buffer). The file is untrusted: every
 * sector number is range-checked and every chain is capped at the number of sectors the file or
 * table can hold, so a cyclic FAT, a truncated file or random bytes end in a `CompoundFileError`,
 * never in a loop or an out-of-range read. Only root-level streams are looked up: a Word document
 * with an embedded spreadsheet is not an Excel workbook.
 */

/** D0 CF 11 E0 A1 B1 1A E1: the first eight bytes of every compound file. */
export const CFB_SIGNATURE: readonly number[] = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** The bytes are not a readable compound file (the message is for developers, not people). */
export class CompoundFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CompoundFileError';
  }
}

export interface CompoundFileEntry {
  name: string;
  kind: 'stream' | 'storage';
  size: number;
}

export interface CompoundFile {
  /** Streams and storages directly under the root, in directory order. */
  readonly rootEntries: readonly CompoundFileEntry[];
  /** The bytes of a root-level stream, its name compared without regard to case; null if absent. */
  readStream(name: string): Uint8Array | null;
}

export function isCompoundFile(bytes: Uint8Array): boolean {
  if (bytes.length < CFB_SIGNATURE.length) return false;
  for (let i = 0; i < CFB_SIGNATURE.length; i++) if (bytes[i] !== CFB_SIGNATURE[i]) return false;
  return true;
}

// Special sector numbers ([MS-CFB] 2.1).
const MAX_REG_SECT = 0xfffffffa;
const END_OF_CHAIN = 0xfffffffe;
const FREE_SECT = 0xffffffff;
const NO_STREAM = 0xffffffff;

const HEADER_DIFAT_ENTRIES = 109;
const DIR_ENTRY_SIZE = 128;
const TYPE_STORAGE = 1;
const TYPE_STREAM = 2;
const TYPE_ROOT = 5;

interface DirEntry {
  name: string;
  type: number;
  left: number;
  right: number;
  child: number;
  start: number;
  size: number;
}

/** Little-endian integers, as every Microsoft binary format stores them (also used by ./xls). */
export function u16(b: Uint8Array, at: number): number {
  return b[at] | (b[at + 1] << 8);
}

export function u32(b: Uint8Array, at: number): number {
  return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
}

/**
 * Follows a chain of `next` links from `start` until END_OF_CHAIN. At most `limit` links are
 * followed: a longer chain must revisit a sector, i.e. it is a cycle.
 */
function followChain(start: number, next: (s: number) => number, count: number, limit: number, what: string): number[] {
  const chain: number[] = [];
  let s = start;
  while (s !== END_OF_CHAIN) {
    if (s >= count) throw new CompoundFileError(`${what}: sector ${s} is outside the file`);
    if (chain.length >= limit) throw new CompoundFileError(`${what}: the sector chain loops`);
    chain.push(s);
    s = next(s);
  }
  return chain;
}

/** Parses the header, FAT (with its DIFAT), directory and mini stream of a compound file. */
export function openCompoundFile(bytes: Uint8Array): CompoundFile {
  if (!isCompoundFile(bytes)) throw new CompoundFileError('not a compound file (signature)');
  if (bytes.length < 512) throw new CompoundFileError('truncated header');
  if (u16(bytes, 28) !== 0xfffe) throw new CompoundFileError('bad byte-order mark');
  const sectorShift = u16(bytes, 30);
  const miniShift = u16(bytes, 32);
  // Version 3 files have 512-byte sectors, version 4 files 4096-byte ones; the mini sector is 64.
  if (sectorShift !== 9 && sectorShift !== 12) throw new CompoundFileError(`unsupported sector size 2^${sectorShift}`);
  if (miniShift !== 6) throw new CompoundFileError(`unsupported mini sector size 2^${miniShift}`);
  const sectorSize = 1 << sectorShift;
  const miniSize = 1 << miniShift;
  const perSector = sectorSize / 4;
  // Sector n starts at (n + 1) × sectorSize: the header occupies the place of sector −1. A last
  // sector cut short still counts; reading past the end of the file gives zeros, and a stream
  // that needs more sectors than exist fails its chain check.
  const sectorCount = Math.max(0, Math.ceil((bytes.length - sectorSize) / sectorSize));

  const numFatSectors = u32(bytes, 44);
  const firstDirSector = u32(bytes, 48);
  // Streams shorter than this live in the mini stream; [MS-CFB] fixes it at 4096.
  const miniCutoff = u32(bytes, 56);
  if (miniCutoff !== 4096) throw new CompoundFileError(`unexpected mini stream cutoff ${miniCutoff}`);
  const firstMiniFatSector = u32(bytes, 60);
  const firstDifatSector = u32(bytes, 68);

  const sectorAt = (s: number): Uint8Array => {
    const start = (s + 1) * sectorSize;
    if (start + sectorSize <= bytes.length) return bytes.subarray(start, start + sectorSize);
    const padded = new Uint8Array(sectorSize);
    if (start < bytes.length) padded.set(bytes.subarray(start));
    return padded;
  };

  // FAT sectors: the first 109 are listed in the header, the rest in a chain of DIFAT sectors,
  // each holding perSector − 1 entries and the number of the next DIFAT sector.
  if (numFatSectors > sectorCount) throw new CompoundFileError(`${numFatSectors} FAT sectors in a file of ${sectorCount} sectors`);
  const fatSectors: number[] = [];
  for (let i = 0; i < HEADER_DIFAT_ENTRIES && fatSectors.length < numFatSectors; i++) {
    const s = u32(bytes, 76 + i * 4);
    if (s !== FREE_SECT) fatSectors.push(s);
  }
  let difat = firstDifatSector;
  let difatRead = 0;
  while (fatSectors.length < numFatSectors && difat <= MAX_REG_SECT) {
    if (difat >= sectorCount) throw new CompoundFileError(`DIFAT sector ${difat} is outside the file`);
    if (difatRead >= sectorCount) throw new CompoundFileError('the DIFAT chain loops');
    const d = sectorAt(difat);
    for (let i = 0; i < perSector - 1 && fatSectors.length < numFatSectors; i++) {
      const s = u32(d, i * 4);
      if (s !== FREE_SECT) fatSectors.push(s);
    }
    difat = u32(d, (perSector - 1) * 4);
    difatRead++;
  }
  if (fatSectors.length < numFatSectors) throw new CompoundFileError('the DIFAT lists fewer FAT sectors than the header says');

  const fat = new Uint32Array(fatSectors.length * perSector);
  fatSectors.forEach((s, k) => {
    if (s >= sectorCount) throw new CompoundFileError(`FAT sector ${s} is outside the file`);
    const sec = sectorAt(s);
    for (let i = 0; i < perSector; i++) fat[k * perSector + i] = u32(sec, i * 4);
  });
  const fatLimit = Math.min(sectorCount, fat.length);
  const nextSector = (s: number) => fat[s];

  /** Bytes of a chain of regular sectors, cut to `size` (the whole chain when size is undefined). */
  const readRegular = (start: number, size: number | undefined, what: string): Uint8Array => {
    if (size === 0) return new Uint8Array(0);
    const chain = followChain(start, nextSector, fatLimit, fatLimit, what);
    const total = size ?? chain.length * sectorSize;
    if (chain.length * sectorSize < total) throw new CompoundFileError(`${what}: the file ends before the stream does`);
    const out = new Uint8Array(total);
    for (let i = 0; i * sectorSize < total; i++) {
      const sec = sectorAt(chain[i]);
      const n = Math.min(sectorSize, total - i * sectorSize);
      out.set(n === sectorSize ? sec : sec.subarray(0, n), i * sectorSize);
    }
    return out;
  };

  // Directory: 128-byte entries; entry 0 is the root storage, whose stream is the mini stream.
  const dirBytes = readRegular(firstDirSector, undefined, 'directory');
  const entries: DirEntry[] = [];
  for (let at = 0; at + DIR_ENTRY_SIZE <= dirBytes.length; at += DIR_ENTRY_SIZE) {
    const nameBytes = Math.min(u16(dirBytes, at + 64), 64);
    let name = '';
    for (let i = 0; i + 1 < nameBytes; i += 2) {
      const c = u16(dirBytes, at + i);
      if (c === 0) break;
      name += String.fromCharCode(c);
    }
    // Version 3 files may leave garbage in the size's high 32 bits ([MS-CFB] 2.6.3).
    const high = sectorShift === 9 ? 0 : u32(dirBytes, at + 124);
    entries.push({
      name,
      type: dirBytes[at + 66],
      left: u32(dirBytes, at + 68),
      right: u32(dirBytes, at + 72),
      child: u32(dirBytes, at + 76),
      start: u32(dirBytes, at + 116),
      size: u32(dirBytes, at + 120) + high * 0x100000000,
    });
  }
  const root = entries[0];
  if (!root || root.type !== TYPE_ROOT) throw new CompoundFileError('no root entry');

  // The root's children form a binary tree through left/right siblings; walk it, visiting each
  // entry once (a tree pointing back at itself is damage, not a reason to loop).
  const childIds: number[] = [];
  const seen = new Set<number>();
  const stack = [root.child];
  while (stack.length > 0) {
    const id = stack.pop() as number;
    if (id === NO_STREAM || id === 0 || id >= entries.length || seen.has(id)) continue;
    seen.add(id);
    const e = entries[id];
    if (e.type !== TYPE_STREAM && e.type !== TYPE_STORAGE) continue;
    childIds.push(id);
    stack.push(e.right, e.left);
  }
  const rootChildren = childIds.sort((a, b) => a - b).map((id) => entries[id]);

  let miniStream: Uint8Array | undefined;
  let miniFat: Uint32Array | undefined;
  const readMini = (start: number, size: number, what: string): Uint8Array => {
    if (!miniStream || !miniFat) {
      miniStream = readRegular(root.start, root.size, 'mini stream');
      const miniFatBytes = firstMiniFatSector === END_OF_CHAIN ? new Uint8Array(0) : readRegular(firstMiniFatSector, undefined, 'mini FAT');
      miniFat = new Uint32Array(miniFatBytes.length / 4);
      for (let i = 0; i < miniFat.length; i++) miniFat[i] = u32(miniFatBytes, i * 4);
    }
    const ms = miniStream;
    const mf = miniFat;
    const count = Math.min(mf.length, Math.ceil(ms.length / miniSize));
    const chain = followChain(start, (s) => mf[s], count, count, what);
    if (chain.length * miniSize < size) throw new CompoundFileError(`${what}: the mini stream ends before the stream does`);
    const out = new Uint8Array(size);
    for (let i = 0; i * miniSize < size; i++) {
      const from = chain[i] * miniSize;
      const n = Math.min(miniSize, size - i * miniSize);
      if (from + n > ms.length) throw new CompoundFileError(`${what}: mini sector outside the mini stream`);
      out.set(ms.subarray(from, from + n), i * miniSize);
    }
    return out;
  };

  return {
    rootEntries: rootChildren.map((e) => ({ name: e.name, kind: e.type === TYPE_STREAM ? 'stream' : 'storage', size: e.size })),
    readStream(name: string): Uint8Array | null {
      const wanted = name.toUpperCase();
      const e = rootChildren.find((x) => x.type === TYPE_STREAM && x.name.toUpperCase() === wanted);
      if (!e) return null;
      // A stream can't be larger than the file that holds it; a bigger size is damage.
      if (e.size > bytes.length) throw new CompoundFileError(`stream ${e.name}: size ${e.size} exceeds the file`);
      if (e.size === 0) return new Uint8Array(0);
      return e.size < miniCutoff ? readMini(e.start, e.size, `stream ${e.name}`) : readRegular(e.start, e.size, `stream ${e.name}`);
    },
  };
}
