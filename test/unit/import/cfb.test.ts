import * as XLSX from 'xlsx';
import { CompoundFileError, isCompoundFile, openCompoundFile } from '../../../src/domain/import/cfb';

const CFB = XLSX.CFB;

/** Deterministic pseudo-random bytes (xorshift), so failures reproduce. */
function pseudoRandomBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

/** Byte-for-byte equality; jest's toEqual walks a typed array element by element, too slowly for megabytes. */
function expectSameBytes(actual: Uint8Array | null, expected: Uint8Array): void {
  expect(actual).not.toBeNull();
  expect(actual!.length).toBe(expected.length);
  expect(Buffer.compare(Buffer.from(actual!.buffer, actual!.byteOffset, actual!.length), Buffer.from(expected.buffer, expected.byteOffset, expected.length))).toBe(0);
}

function patternBytes(n: number, salt: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i * 31 + salt + (i >> 8)) & 0xff;
  return out;
}

/** A compound file written by SheetJS's CFB writer (the library Excel files are read with elsewhere). */
function sheetJsCfb(streams: Record<string, Uint8Array>): Uint8Array {
  const cfb = CFB.utils.cfb_new();
  for (const [name, data] of Object.entries(streams)) CFB.utils.cfb_add(cfb, name, data);
  return new Uint8Array(CFB.write(cfb, { type: 'buffer' }) as Buffer);
}

const u32At = (b: Uint8Array, at: number) => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
const setU32 = (b: Uint8Array, at: number, v: number) => {
  b[at] = v & 0xff;
  b[at + 1] = (v >>> 8) & 0xff;
  b[at + 2] = (v >>> 16) & 0xff;
  b[at + 3] = (v >>> 24) & 0xff;
};

const END = 0xfffffffe;
const FREE = 0xffffffff;
const FATSECT = 0xfffffffd;

/**
 * A minimal compound file writer, to control what SheetJS's writer does not: version 4
 * (4096-byte sectors), storages, and broken structures. Directory siblings are chained through
 * their right links (a valid, if unbalanced, tree).
 */
function buildCfb(opts: { version?: 3 | 4; streams: { name: string; data: Uint8Array }[]; storage?: { name: string; stream: string } }): Uint8Array {
  const v4 = opts.version === 4;
  const ss = v4 ? 4096 : 512;
  const sectors: Uint8Array[] = [];
  const fat: number[] = [];
  const chain = (data: Uint8Array): number => {
    if (data.length === 0) return END;
    const first = sectors.length;
    for (let off = 0; off < data.length; off += ss) {
      const sec = new Uint8Array(ss);
      sec.set(data.subarray(off, off + ss));
      sectors.push(sec);
      fat.push(off + ss < data.length ? sectors.length : END);
    }
    return first;
  };

  const miniParts: Uint8Array[] = [];
  const miniFat: number[] = [];
  const placed = opts.streams.map(({ name, data }) => {
    if (data.length >= 4096) return { name, size: data.length, start: chain(data) };
    if (data.length === 0) return { name, size: 0, start: END };
    const first = miniFat.length;
    for (let off = 0; off < data.length; off += 64) {
      const m = new Uint8Array(64);
      m.set(data.subarray(off, off + 64));
      miniParts.push(m);
      miniFat.push(off + 64 < data.length ? miniFat.length + 1 : END);
    }
    return { name, size: data.length, start: first };
  });
  const miniStream = new Uint8Array(miniParts.length * 64);
  miniParts.forEach((m, i) => miniStream.set(m, i * 64));
  const miniStart = chain(miniStream);
  const miniFatBytes = new Uint8Array(miniFat.length * 4);
  miniFat.forEach((v, i) => setU32(miniFatBytes, i * 4, v));
  const miniFatStart = chain(miniFatBytes);

  type Entry = { name: string; type: number; child: number; right: number; start: number; size: number };
  const entries: Entry[] = [{ name: 'Root Entry', type: 5, child: FREE, right: FREE, start: miniStart, size: miniStream.length }];
  const top: number[] = [];
  for (const p of placed) {
    if (opts.storage && p.name === opts.storage.stream) continue;
    top.push(entries.length);
    entries.push({ name: p.name, type: 2, child: FREE, right: FREE, start: p.start, size: p.size });
  }
  if (opts.storage) {
    const inner = placed.find((p) => p.name === opts.storage!.stream)!;
    top.push(entries.length);
    entries.push({ name: opts.storage.name, type: 1, child: entries.length + 1, right: FREE, start: 0, size: 0 });
    entries.push({ name: inner.name, type: 2, child: FREE, right: FREE, start: inner.start, size: inner.size });
  }
  entries[0].child = top.length ? top[0] : FREE;
  for (let i = 0; i + 1 < top.length; i++) entries[top[i]].right = top[i + 1];
  const dir = new Uint8Array(Math.ceil((entries.length * 128) / ss) * ss);
  entries.forEach((e, i) => {
    const at = i * 128;
    for (let k = 0; k < e.name.length; k++) {
      dir[at + k * 2] = e.name.charCodeAt(k) & 0xff;
      dir[at + k * 2 + 1] = e.name.charCodeAt(k) >> 8;
    }
    dir[at + 64] = (e.name.length + 1) * 2;
    dir[at + 66] = e.type;
    dir[at + 67] = 1; // black
    setU32(dir, at + 68, FREE);
    setU32(dir, at + 72, e.right);
    setU32(dir, at + 76, e.child);
    setU32(dir, at + 116, e.start);
    setU32(dir, at + 120, e.size);
  });
  for (let i = entries.length; i < dir.length / 128; i++) {
    setU32(dir, i * 128 + 68, FREE);
    setU32(dir, i * 128 + 72, FREE);
    setU32(dir, i * 128 + 76, FREE);
  }
  const dirStart = chain(dir);

  const per = ss / 4;
  let nFat = 1;
  while (nFat * per < sectors.length + nFat) nFat++;
  if (nFat > 109) throw new Error('buildCfb does not write DIFAT sectors');
  const fatIds: number[] = [];
  for (let i = 0; i < nFat; i++) {
    fatIds.push(sectors.length);
    sectors.push(new Uint8Array(ss));
    fat.push(FATSECT);
  }
  fatIds.forEach((id, k) => {
    for (let i = 0; i < per; i++) setU32(sectors[id], i * 4, fat[k * per + i] ?? FREE);
  });

  const header = new Uint8Array(ss);
  header.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  header[24] = 0x3e;
  header[26] = v4 ? 4 : 3;
  header[28] = 0xfe;
  header[29] = 0xff;
  header[30] = v4 ? 12 : 9;
  header[32] = 6;
  if (v4) setU32(header, 40, dir.length / ss);
  setU32(header, 44, nFat);
  setU32(header, 48, dirStart);
  setU32(header, 56, 4096);
  setU32(header, 60, miniFatStart);
  setU32(header, 64, miniFatBytes.length ? Math.ceil(miniFatBytes.length / ss) : 0);
  setU32(header, 68, END);
  for (let i = 0; i < 109; i++) setU32(header, 76 + i * 4, i < nFat ? fatIds[i] : FREE);

  const out = new Uint8Array(ss * (sectors.length + 1));
  out.set(header);
  sectors.forEach((s, i) => out.set(s, (i + 1) * ss));
  return out;
}

describe('openCompoundFile on files written by SheetJS', () => {
  it('reads small streams from the mini stream and large ones through the FAT, byte for byte', () => {
    const small = patternBytes(3000, 1);
    const large = patternBytes(70_000, 2);
    const file = sheetJsCfb({ Workbook: small, Big: large, Empty: new Uint8Array(0) });
    expect(isCompoundFile(file)).toBe(true);
    const cfb = openCompoundFile(file);
    expect(cfb.readStream('Workbook')).toEqual(small);
    expect(cfb.readStream('Big')).toEqual(large);
    expect(cfb.readStream('Empty')).toEqual(new Uint8Array(0));
    expect(cfb.rootEntries.map((e) => e.name)).toEqual(expect.arrayContaining(['Workbook', 'Big', 'Empty']));
    expect(cfb.rootEntries.find((e) => e.name === 'Big')).toEqual({ name: 'Big', kind: 'stream', size: 70_000 });
  });

  it('finds a stream whatever the case of its name, and answers null for one that is not there', () => {
    const cfb = openCompoundFile(sheetJsCfb({ Workbook: patternBytes(100, 3) }));
    expect(cfb.readStream('WORKBOOK')).toEqual(patternBytes(100, 3));
    expect(cfb.readStream('workbook')).toEqual(patternBytes(100, 3));
    expect(cfb.readStream('Book')).toBeNull();
  });

  it('follows the DIFAT chain when the FAT needs more than the 109 sectors the header lists', () => {
    // 7.5 MB of sectors need about 121 FAT sectors: the last ones are only reachable through a DIFAT sector.
    const big = patternBytes(7.5 * 1024 * 1024, 4);
    const tail = patternBytes(5000, 5);
    const file = sheetJsCfb({ Big: big, Tail: tail });
    expect(u32At(file, 44)).toBeGreaterThan(109); // FAT sectors
    expect(u32At(file, 72)).toBeGreaterThanOrEqual(1); // DIFAT sectors
    const cfb = openCompoundFile(file);
    expectSameBytes(cfb.readStream('Big'), big);
    expectSameBytes(cfb.readStream('Tail'), tail);
  });
});

describe('openCompoundFile on hand-built files', () => {
  it('reads version 4 files (4096-byte sectors)', () => {
    const mini = patternBytes(200, 6);
    const regular = patternBytes(20_000, 7);
    const file = buildCfb({ version: 4, streams: [{ name: 'Workbook', data: mini }, { name: 'Datos', data: regular }] });
    expect(file.length % 4096).toBe(0);
    const cfb = openCompoundFile(file);
    expect(cfb.readStream('Workbook')).toEqual(mini);
    expect(cfb.readStream('Datos')).toEqual(regular);
  });

  it('reads version 3 files built independently of SheetJS', () => {
    const streams = [
      { name: 'Book', data: patternBytes(4095, 8) },
      { name: 'Workbook', data: patternBytes(4096, 9) },
      { name: '\u0005SummaryInformation', data: patternBytes(65, 10) },
    ];
    const cfb = openCompoundFile(buildCfb({ streams }));
    for (const s of streams) expect(cfb.readStream(s.name)).toEqual(s.data);
  });

  it('does not take a stream inside a storage for a root-level one', () => {
    const file = buildCfb({ streams: [{ name: 'WordDocument', data: patternBytes(100, 11) }, { name: 'Workbook', data: patternBytes(100, 12) }], storage: { name: 'ObjectPool', stream: 'Workbook' } });
    const cfb = openCompoundFile(file);
    expect(cfb.readStream('Workbook')).toBeNull();
    expect(cfb.rootEntries.map((e) => [e.name, e.kind])).toEqual([
      ['WordDocument', 'stream'],
      ['ObjectPool', 'storage'],
    ]);
  });
});

describe('openCompoundFile on damaged files', () => {
  const data = patternBytes(10_000, 13);
  const good = () => buildCfb({ streams: [{ name: 'Workbook', data }] });

  it('refuses a FAT chain that loops back on itself instead of reading forever', () => {
    const file = good();
    const fatSector = u32At(file, 76);
    const fatAt = (fatSector + 1) * 512;
    // The Workbook stream starts at sector 0: make its second sector point back to the first.
    expect(u32At(file, fatAt)).toBe(1);
    setU32(file, fatAt + 4, 0);
    expect(() => openCompoundFile(file).readStream('Workbook')).toThrow(CompoundFileError);
  });

  it('refuses a chain that points outside the file', () => {
    const file = good();
    setU32(file, (u32At(file, 76) + 1) * 512, 0x00fffff0);
    expect(() => openCompoundFile(file).readStream('Workbook')).toThrow(/outside the file/);
  });

  it('survives a directory tree whose siblings point back at each other', () => {
    const file = buildCfb({ streams: [{ name: 'A', data: patternBytes(10, 1) }, { name: 'Workbook', data: patternBytes(10, 2) }] });
    const dirAt = (u32At(file, 48) + 1) * 512;
    setU32(file, dirAt + 2 * 128 + 72, 1); // Workbook's right sibling is A, whose right sibling is Workbook
    const cfb = openCompoundFile(file);
    expect(cfb.rootEntries.map((e) => e.name)).toEqual(['A', 'Workbook']);
    expect(cfb.readStream('Workbook')).toEqual(patternBytes(10, 2));
  });

  it('refuses a truncated file, at whatever length it was cut', () => {
    const file = good();
    for (const cut of [0, 7, 100, 511, 512, 600, 5000, file.length - 512, file.length - 1]) {
      const part = file.slice(0, cut);
      let result: Uint8Array | null = null;
      try {
        result = openCompoundFile(part).readStream('Workbook');
      } catch (e) {
        expect(e).toBeInstanceOf(CompoundFileError);
        continue;
      }
      // A cut that only removed padding or unused sectors still gives the whole stream, never part of it.
      expect(result).toEqual(data);
    }
  });

  it('refuses random bytes that start with the compound file signature', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const file = pseudoRandomBytes(512 * (1 + (seed % 8)), seed);
      file.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
      // Make some of them pass the first header checks, so the FAT and directory code is exercised.
      if (seed % 2 === 0) file.set([0xfe, 0xff, 9, 0, 6, 0], 28);
      if (seed % 4 === 0) setU32(file, 56, 4096);
      try {
        const cfb = openCompoundFile(file);
        cfb.readStream('Workbook');
        cfb.readStream('Book');
      } catch (e) {
        expect(e).toBeInstanceOf(CompoundFileError);
      }
    }
  });

  it('refuses bytes that are not a compound file', () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]);
    expect(isCompoundFile(zip)).toBe(false);
    expect(() => openCompoundFile(zip)).toThrow(CompoundFileError);
    expect(() => openCompoundFile(new Uint8Array(0))).toThrow(CompoundFileError);
  });
});
