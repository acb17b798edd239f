import * as XLSX from 'xlsx';
import { openCompoundFile } from '../../../src/domain/import/cfb';
import { parseBiffWorkbook, parseXls, XLS_MESSAGES } from '../../../src/domain/import/xls';
import { XlsxFormatError, type XlsxValue } from '../../../src/domain/import/xlsx';
import { limaDate } from '../../../src/domain/lima-time';
import { normaliseDni } from '../../../src/domain/validation';

// ---------------------------------------------------------------------------- real .xls files (SheetJS)

type Cell = string | number | boolean | null | XLSX.CellObject;

/** The Excel serial of a Lima wall-clock date and time (1900 date system, from March 1900 on). */
function serial(y: number, m: number, d: number, h = 0, min = 0): number {
  return (Date.UTC(y, m - 1, d, h, min) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

/** A number cell shown with a number format, as Excel stores dates and times. */
const formatted = (v: number, z: string): XLSX.CellObject => ({ t: 'n', v, z });

function sheetOf(rows: Cell[][]): XLSX.WorkSheet {
  const ws: XLSX.WorkSheet = {};
  let lastCol = 0;
  rows.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v === null || v === undefined) return;
      const ref = XLSX.utils.encode_cell({ r, c });
      if (typeof v === 'object') ws[ref] = v;
      else ws[ref] = { t: typeof v === 'number' ? 'n' : typeof v === 'boolean' ? 'b' : 's', v };
      lastCol = Math.max(lastCol, c);
    }),
  );
  ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: Math.max(rows.length - 1, 0), c: lastCol } });
  return ws;
}

function writeXls(sheets: Record<string, Cell[][]>, opts: { bookType?: 'biff8' | 'biff5'; bookSST?: boolean } = {}): Uint8Array {
  const wb = XLSX.utils.book_new();
  for (const [name, rows] of Object.entries(sheets)) XLSX.utils.book_append_sheet(wb, sheetOf(rows), name);
  return new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: opts.bookType ?? 'biff8', bookSST: opts.bookSST ?? false }) as Buffer);
}

/** The BIFF records of a stream, as [type, data length] pairs. */
function recordTypes(stream: Uint8Array): number[] {
  const types: number[] = [];
  for (let p = 0; p + 4 <= stream.length; p += 4 + (stream[p + 2] | (stream[p + 3] << 8))) types.push(stream[p] | (stream[p + 1] << 8));
  return types;
}

function workbookStreamOf(file: Uint8Array): Uint8Array {
  const cfb = openCompoundFile(file);
  return (cfb.readStream('Workbook') ?? cfb.readStream('Book'))!;
}

// ---------------------------------------------------------------------------- hand-built BIFF records

type Bytes = number[] | Uint8Array;

const le16 = (v: number) => [v & 0xff, (v >>> 8) & 0xff];
const le32 = (v: number) => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
function f64(v: number): number[] {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setFloat64(0, v, true);
  return Array.from(b);
}
const latin1 = (s: string) => Array.from(s, (c) => c.charCodeAt(0));
const utf16 = (s: string) => Array.from(s).flatMap((c) => le16(c.charCodeAt(0)));

function concat(parts: Bytes[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function rec(type: number, ...parts: Bytes[]): Uint8Array {
  const data = concat(parts);
  return concat([le16(type), le16(data.length), data]);
}

/** BIFF8 XLUnicodeString: 16-bit count, option byte, characters (8-bit when all fit in Latin-1). */
function str(s: string, sixteenBit = /[^\u0000-\u00ff]/.test(s)): number[] {
  return [...le16(s.length), sixteenBit ? 1 : 0, ...(sixteenBit ? utf16(s) : latin1(s))];
}

const BOF = (substream: number, version = 0x0600) =>
  version === 0x0600 ? rec(0x0809, le16(version), le16(substream), le16(0x0dbb), le16(0x07cc), le32(0), le32(6)) : rec(0x0809, le16(version), le16(substream), le16(0x0dbb), le16(0x07cc));
const EOF = rec(0x000a);
const CODEPAGE = (cp: number) => rec(0x0042, le16(cp));
const DATEMODE = (v: number) => rec(0x0022, le16(v));
const FORMAT = (id: number, code: string) => rec(0x041e, le16(id), str(code));
const XF = (ifmt: number) => rec(0x00e0, le16(0), le16(ifmt), new Uint8Array(16));
const cellHead = (r: number, c: number, xf = 0) => [...le16(r), ...le16(c), ...le16(xf)];
const NUMBER = (r: number, c: number, v: number, xf = 0) => rec(0x0203, cellHead(r, c, xf), f64(v));
const RK = (r: number, c: number, rk: number, xf = 0) => rec(0x027e, cellHead(r, c, xf), le32(rk));
const MULRK = (r: number, c: number, cells: [xf: number, rk: number][]) =>
  rec(0x00bd, le16(r), le16(c), ...cells.map(([xf, rk]) => [...le16(xf), ...le32(rk)]), le16(c + cells.length - 1));
const LABEL = (r: number, c: number, s: string, sixteenBit?: boolean) => rec(0x0204, cellHead(r, c), str(s, sixteenBit));
const LABELSST = (r: number, c: number, i: number) => rec(0x00fd, cellHead(r, c), le32(i));
const BOOLERR = (r: number, c: number, v: number, isError: boolean) => rec(0x0205, cellHead(r, c), [v, isError ? 1 : 0]);
const BLANK = (r: number, c: number) => rec(0x0201, cellHead(r, c));
const DIMENSIONS = (rows: number, cols: number) => rec(0x0200, le32(0), le32(rows), le16(0), le16(cols), le16(0));
/** A FORMULA record with its cached result (8 bytes) and a one-token formula (=1). */
const FORMULA = (r: number, c: number, result: number[], xf = 0) => rec(0x0006, cellHead(r, c, xf), result, le16(0), le32(0), le16(3), [0x1e, 1, 0]);
const STRING = (s: string) => rec(0x0207, str(s));
const CONTINUE = (...parts: Bytes[]) => rec(0x003c, ...parts);
const FILEPASS = rec(0x002f, le16(1), le16(1), le16(1), new Uint8Array(48));

const SHEET_WORKSHEET = 0;
const SHEET_CHART = 2;

/**
 * A workbook stream: globals (BOF, the given records, one BOUNDSHEET per sheet pointing at it,
 * EOF), then each sheet's substream (BOF, its records, EOF).
 */
function workbook(opts: { globals?: Uint8Array[]; sheets: Uint8Array[][]; sheetTypes?: number[]; biff?: 5 | 8 }): Uint8Array {
  const biff = opts.biff ?? 8;
  const version = biff === 8 ? 0x0600 : 0x0500;
  const boundSheet = (pos: number, i: number) => {
    const name = `Hoja${i + 1}`;
    const type = opts.sheetTypes?.[i] ?? SHEET_WORKSHEET;
    return rec(0x0085, le32(pos), [0, type], biff === 8 ? [name.length, 0, ...latin1(name)] : [name.length, ...latin1(name)]);
  };
  const head = concat([BOF(5, version), ...(opts.globals ?? [])]);
  const sheetBytes = opts.sheets.map((records, i) => concat([BOF(opts.sheetTypes?.[i] === SHEET_CHART ? 0x20 : 0x10, version), ...records, EOF]));
  const boundSheetsLength = opts.sheets.reduce((n, _, i) => n + boundSheet(0, i).length, 0);
  let pos = head.length + boundSheetsLength + EOF.length;
  const boundSheets = opts.sheets.map((_, i) => {
    const b = boundSheet(pos, i);
    pos += sheetBytes[i].length;
    return b;
  });
  return concat([head, ...boundSheets, EOF, ...sheetBytes]);
}

/** A compound file holding the given streams (written by SheetJS's CFB writer). */
function compoundFile(streams: Record<string, Uint8Array>): Uint8Array {
  const cfb = XLSX.CFB.utils.cfb_new();
  for (const [name, data] of Object.entries(streams)) XLSX.CFB.utils.cfb_add(cfb, name, data);
  return new Uint8Array(XLSX.CFB.write(cfb, { type: 'buffer' }) as Buffer);
}

function pseudoRandom(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x100000000;
  };
}

/** Runs fn; it must either return or throw an XlsxFormatError (never another error). */
function parsesOrRefuses(fn: () => XlsxValue[][]): XlsxValue[][] | XlsxFormatError {
  try {
    return fn();
  } catch (e) {
    expect(e).toBeInstanceOf(XlsxFormatError);
    return e as XlsxFormatError;
  }
}

// ---------------------------------------------------------------------------- tests

describe('parseXls on .xls files like the platform exports', () => {
  const report: Cell[][] = [
    ['Reporte de citas reservadas – Centro de Empleo (marzo 2026)'],
    ['Código', 'Tipo de documento', 'N° de documento', 'Nombres y apellidos', 'Correo electrónico', 'Fecha de cita', 'Hora de cita', 'Fecha y hora', 'Monto', 'Asistió', 'Observación', 'Error'],
    [
      '000123',
      'DNI',
      '01234567',
      'María José Ñahui Peña',
      'mjose.nahui@gmail.com',
      formatted(serial(2026, 3, 10), 'dd/mm/yyyy'),
      formatted(serial(2026, 3, 10, 15, 30) - serial(2026, 3, 10), 'hh:mm'),
      formatted(serial(2026, 3, 10, 15, 30), 'dd/mm/yyyy hh:mm'),
      1234.5,
      true,
      null,
      { t: 'e', v: 0x07 },
    ],
    [
      124,
      'DNI',
      1234567,
      'José D’Ávila Güemes',
      'jose@hotmail.com',
      formatted(serial(2026, 3, 11), 'm/d/yy'), // built-in format 14
      formatted((9 * 60 + 5) / 1440, 'h:mm'), // built-in format 20
      formatted(serial(2026, 3, 11, 9, 5), '[$-280A]dd/mm/yyyy\\ hh:mm;@'),
      formatted(1500, '#,##0'),
      false,
      { t: 's', v: '' },
      { t: 'e', v: 0x2a },
    ],
  ];

  function checkReport(rows: XlsxValue[][]) {
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.length === 12)).toBe(true);
    expect(rows[0]).toEqual(['Reporte de citas reservadas – Centro de Empleo (marzo 2026)', ...new Array(11).fill(null)]);
    expect(rows[1]).toEqual(report[1]);
    expect(rows[2]).toEqual([
      '000123',
      'DNI',
      '01234567',
      'María José Ñahui Peña',
      'mjose.nahui@gmail.com',
      limaDate(2026, 3, 10),
      // A time alone is a time on Excel's day 0 (31/12/1899), in Lima.
      new Date(limaDate(1899, 12, 31).getTime() + (15 * 60 + 30) * 60_000),
      limaDate(2026, 3, 10, 15, 30),
      1234.5,
      true,
      null,
      '#DIV/0!',
    ]);
    expect(rows[3]).toEqual([
      124,
      'DNI',
      1234567,
      'José D’Ávila Güemes',
      'jose@hotmail.com',
      limaDate(2026, 3, 11),
      new Date(limaDate(1899, 12, 31).getTime() + (9 * 60 + 5) * 60_000),
      limaDate(2026, 3, 11, 9, 5),
      1500,
      false,
      null,
      '#N/A',
    ]);
    // A DNI typed into a numeric cell lost its zero; the number comes back and normaliseDni restores it.
    expect(normaliseDni(rows[3][2])).toBe('01234567');
  }

  it('reads text (accents, ñ, a DNI with its leading zero), numbers, dates, times, booleans, errors and gaps', () => {
    checkReport(parseXls(writeXls({ Citas: report })));
  });

  it('reads the same report when its strings are in the shared string table (LABELSST)', () => {
    const file = writeXls({ Citas: report }, { bookSST: true });
    expect(recordTypes(workbookStreamOf(file))).toContain(0x00fd);
    checkReport(parseXls(file));
  });

  it('reads a shared string table long enough to go on in CONTINUE records', () => {
    const rows: Cell[][] = [['Nombres y apellidos', 'Distrito']];
    for (let i = 0; i < 700; i++) rows.push([`Persona ${i} Ñahui Peña de la Cruz`, `Distrito número ${i} – Lima`]);
    const file = writeXls({ Citas: rows }, { bookSST: true });
    const types = recordTypes(workbookStreamOf(file));
    expect(types.indexOf(0x003c)).toBe(types.indexOf(0x00fc) + 1); // SST, then CONTINUE
    const parsed = parseXls(file);
    expect(parsed).toHaveLength(701);
    expect(parsed[0]).toEqual(['Nombres y apellidos', 'Distrito']);
    for (const i of [0, 1, 150, 299, 300, 301, 450, 699]) {
      expect(parsed[i + 1]).toEqual([`Persona ${i} Ñahui Peña de la Cruz`, `Distrito número ${i} – Lima`]);
    }
  });

  it('reads the first sheet of a workbook with several', () => {
    const file = writeXls({ Citas: [['primera', 1]], Resumen: [['segunda', 2]], Otra: [['tercera']] });
    expect(parseXls(file)).toEqual([['primera', 1]]);
  });

  it('drops empty rows at the end and keeps empty rows in between', () => {
    const file = writeXls({ Citas: [['A1'], [null], [null, null, 'C3'], [null], [{ t: 's', v: '' }]] });
    expect(parseXls(file)).toEqual([
      ['A1', null, null],
      [null, null, null],
      [null, null, 'C3'],
    ]);
  });

  it('parses a 5,000-row report', () => {
    const rows: Cell[][] = [['Código', 'DNI', 'Nombre', 'Correo', 'Fecha', 'Hora']];
    for (let i = 0; i < 5000; i++) {
      rows.push([String(i).padStart(6, '0'), String(10_000_000 + i), `Persona ${i} Ñahui`, `p${i}@gmail.com`, formatted(serial(2026, 3, 10), 'dd/mm/yyyy'), formatted((9 * 60 + (i % 60)) / 1440, 'hh:mm')]);
    }
    // Inline LABEL strings: SheetJS's shared-string writer is quadratic, and the table is covered above.
    const file = writeXls({ Citas: rows });
    const parsed = parseXls(file);
    expect(parsed).toHaveLength(5001);
    expect(parsed[5000].slice(0, 5)).toEqual(['004999', '10004999', 'Persona 4999 Ñahui', 'p4999@gmail.com', limaDate(2026, 3, 10)]);
  });
});

describe('parseBiffWorkbook on hand-built records', () => {
  it('reads shared strings split across CONTINUE records, switching between 8-bit and 16-bit characters', () => {
    const sst = [
      // 0: whole in the SST record, 8-bit.
      ...str('Código'),
      // 1: starts 8-bit; the CONTINUE restarts with option byte 1 and goes on in 16-bit.
      ...le16('Señora Ñahui'.length), 0, ...latin1('Señ'),
    ];
    const cont1 = [
      0x01, ...utf16('ora Ñahui'),
      // 2: starts 16-bit, goes on 8-bit.
      ...le16('Ω-Peña'.length), 1, ...utf16('Ω-'),
    ];
    const cont2 = [
      0x00, ...latin1('Peña'),
      // 3: rich text (2 runs of 4 bytes) whose runs straddle the next boundary, which has no option byte.
      ...le16(4), 0x08, ...le16(2), ...latin1('Rico'), 1, 0, 2,
    ];
    const cont3 = [
      0, 3, 0, 4, 0,
      // 4: Far-East phonetic data (10 bytes) straddling the next boundary.
      ...le16(8), 0x04, ...le32(10), ...latin1('Fonético'), 1, 2, 3, 4,
    ];
    const cont4 = [
      5, 6, 7, 8, 9, 10,
      // 5: rich text and phonetic data, 16-bit; its header ends exactly at the boundary.
      ...le16(3), 0x0d, ...le16(1), ...le32(2),
    ];
    const cont5 = [
      0x01, ...utf16('Ñoño'.slice(0, 3)), 0, 0, 1, 0, 0xaa, 0xbb,
    ];
    const cont6 = [
      // 6: the next string's header starts a CONTINUE (no option byte: only characters get one).
      ...str('Ayacucho'),
      // 7: an empty string.
      ...le16(0), 0,
    ];
    const stream = workbook({
      globals: [rec(0x00fc, le32(8), le32(8), sst), CONTINUE(cont1), CONTINUE(cont2), CONTINUE(cont3), CONTINUE(cont4), CONTINUE(cont5), CONTINUE(cont6)],
      sheets: [[0, 1, 2, 3, 4, 5, 6, 7].map((i) => LABELSST(i, 0, i))],
    });
    expect(parseBiffWorkbook(stream).map((r) => r[0])).toEqual(['Código', 'Señora Ñahui', 'Ω-Peña', 'Rico', 'Fonético', 'Ñoñ', 'Ayacucho']);
  });

  it('refuses a 16-bit character cut in half by a CONTINUE boundary', () => {
    const stream = workbook({ globals: [rec(0x00fc, le32(1), le32(1), le16(2), [1, 0x41]), CONTINUE([1, 0, 0x42, 0])], sheets: [[LABELSST(0, 0, 0)]] });
    expect(() => parseBiffWorkbook(stream)).toThrow(XLS_MESSAGES.damaged);
  });

  it('decodes RK and MULRK numbers: integers, ×100 and truncated doubles', () => {
    const rkInt = (n: number) => ((n << 2) | 2) >>> 0;
    const rkFloat = (v: number) => {
      const b = new DataView(new ArrayBuffer(8));
      b.setFloat64(0, v, true);
      return b.getUint32(4, true) & 0xfffffffc;
    };
    const stream = workbook({
      globals: [XF(0), XF(14)],
      sheets: [
        [
          RK(0, 0, rkInt(42)),
          RK(0, 1, rkInt(-7)),
          RK(0, 2, rkInt(12345) | 1), // 123.45
          RK(0, 3, rkFloat(1.5)),
          RK(0, 4, rkFloat(1234.5) | 1), // 12.345
          RK(0, 5, rkInt(serial(2025, 3, 10)), 1), // a date
          MULRK(1, 1, [
            [0, rkInt(1)],
            [1, rkInt(serial(2025, 3, 11))],
            [0, rkFloat(-0.25)],
          ]),
        ],
      ],
    });
    expect(parseBiffWorkbook(stream)).toEqual([
      [42, -7, 123.45, 1.5, 12.345, limaDate(2025, 3, 10)],
      [null, 1, limaDate(2025, 3, 11), -0.25, null, null],
    ]);
  });

  it('reads cells written out of order, whatever DIMENSIONS says', () => {
    const stream = workbook({ sheets: [[DIMENSIONS(1, 1), NUMBER(2, 3, 4), LABEL(0, 0, 'primero'), NUMBER(2, 0, 3), LABEL(1, 1, 'Ñ'), NUMBER(0, 0, 9)]] });
    expect(parseBiffWorkbook(stream)).toEqual([
      [9, null, null, null],
      [null, 'Ñ', null, null],
      [3, null, null, 4],
    ]);
  });

  it('reads formulas’ cached results: numbers, dates, text from the STRING record, booleans, errors and empty text', () => {
    const stringResult = [0, 0, 0, 0, 0, 0, 0xff, 0xff];
    const stream = workbook({
      globals: [XF(0), FORMAT(164, 'dd/mm/yyyy hh:mm'), XF(164)],
      sheets: [
        [
          FORMULA(0, 0, f64(2.5)),
          FORMULA(0, 1, f64(serial(2026, 3, 10, 15, 30)), 1),
          FORMULA(0, 2, stringResult),
          STRING('Raúl Quispe'),
          // A shared formula: SHRFMLA comes between the FORMULA and its STRING.
          FORMULA(0, 3, stringResult),
          rec(0x04bc, new Uint8Array(10)),
          STRING('Ω compartido'),
          FORMULA(0, 4, [1, 0, 1, 0, 0, 0, 0xff, 0xff]),
          FORMULA(0, 5, [1, 0, 0, 0, 0, 0, 0xff, 0xff]),
          FORMULA(0, 6, [2, 0, 0x17, 0, 0, 0, 0xff, 0xff]),
          FORMULA(0, 7, [3, 0, 0, 0, 0, 0, 0xff, 0xff]),
          // A text result whose STRING record is missing stays empty; the next cell is not affected.
          FORMULA(1, 0, stringResult),
          NUMBER(1, 1, 7),
          STRING('no es de ninguna celda'),
        ],
      ],
    });
    expect(parseBiffWorkbook(stream)).toEqual([
      // The empty text result in the last column is a missing cell: rows are as wide as the data.
      [2.5, limaDate(2026, 3, 10, 15, 30), 'Raúl Quispe', 'Ω compartido', true, false, '#REF!'],
      [null, 7, null, null, null, null, null],
    ]);
  });

  it('reads a formula’s long text result that goes on in a CONTINUE record', () => {
    const long = 'Observación '.repeat(800); // 9,600 characters, 8-bit
    const head = [...le16(long.length), 0, ...latin1(long.slice(0, 8000))];
    const stream = workbook({
      sheets: [[FORMULA(0, 0, [0, 0, 0, 0, 0, 0, 0xff, 0xff]), rec(0x0207, head), CONTINUE([1], utf16(long.slice(8000)))]],
    });
    expect(parseBiffWorkbook(stream)).toEqual([[long]]);
  });

  it('reads LABEL in 8-bit and 16-bit form, RSTRING, INTEGER, BOOLERR and ignores BLANK', () => {
    const stream = workbook({
      sheets: [
        [
          LABEL(0, 0, 'Ñandú', false),
          LABEL(0, 1, 'Ñandú', true),
          rec(0x00d6, cellHead(0, 2), str('Rico'), le16(1), le16(0), le16(1)), // RSTRING with one run
          rec(0x0002, le16(0), le16(3), [0, 0, 0], le16(321)), // INTEGER (BIFF2 layout)
          BOOLERR(0, 4, 1, false),
          BOOLERR(0, 5, 0, false),
          BOOLERR(0, 6, 0x2a, true),
          BOOLERR(0, 7, 0x24, true),
          BLANK(0, 8),
          rec(0x00be, le16(1), le16(0), le16(0), le16(0), le16(3)), // MULBLANK
        ],
      ],
    });
    expect(parseBiffWorkbook(stream)).toEqual([['Ñandú', 'Ñandú', 'Rico', 321, true, false, '#N/A', '#NUM!']]);
  });

  it('takes dates from built-in formats 14–22 and 45–47 and from custom date codes, not from number codes', () => {
    const d = serial(2026, 3, 10, 15, 30);
    const ifmts = [0, 14, 22, 45, 47, 164, 165, 4, 5];
    const stream = workbook({
      globals: [FORMAT(164, '[$-280A]dd/mm/yyyy;@'), FORMAT(165, '#,##0.00 "días"'), FORMAT(5, '"S/."#,##0;\\-"S/."#,##0'), ...ifmts.map(XF)],
      sheets: [ifmts.map((_, i) => NUMBER(0, i, d, i))],
    });
    const [row] = parseBiffWorkbook(stream);
    expect(row.map((v) => v instanceof Date)).toEqual([false, true, true, true, true, true, false, false, false]);
    expect(row[5]).toEqual(limaDate(2026, 3, 10, 15, 30));
  });

  it('honours the 1904 date system (DATEMODE)', () => {
    const stream = workbook({ globals: [DATEMODE(1), XF(14)], sheets: [[NUMBER(0, 0, 44196, 0), NUMBER(0, 1, 44196.5)]] });
    expect(parseBiffWorkbook(stream)).toEqual([[limaDate(2025, 1, 1), limaDate(2025, 1, 1, 12, 0)]]);
  });

  it('skips chart sheets and reads the first worksheet', () => {
    const stream = workbook({ sheets: [[NUMBER(0, 0, 1)], [LABEL(0, 0, 'la hoja')]], sheetTypes: [SHEET_CHART, SHEET_WORKSHEET] });
    expect(parseBiffWorkbook(stream)).toEqual([['la hoja']]);
  });

  it('ignores the cached values of a chart embedded in the worksheet', () => {
    const chart = [BOF(0x20), NUMBER(0, 0, 999), LABEL(5, 5, 'serie'), EOF];
    const stream = workbook({ sheets: [[LABEL(0, 0, 'antes'), ...chart, LABEL(1, 0, 'después')]] });
    expect(parseBiffWorkbook(stream)).toEqual([['antes'], ['después']]);
  });

  it('says so when the workbook has no worksheet', () => {
    const stream = workbook({ sheets: [[NUMBER(0, 0, 1)]], sheetTypes: [SHEET_CHART] });
    expect(() => parseBiffWorkbook(stream)).toThrow(XLS_MESSAGES.noSheets);
  });

  it('refuses a shared string index beyond the table', () => {
    const stream = workbook({ globals: [rec(0x00fc, le32(1), le32(1), str('uno'))], sheets: [[LABELSST(0, 0, 0), LABELSST(1, 0, 1)]] });
    expect(() => parseBiffWorkbook(stream)).toThrow(XLS_MESSAGES.damaged);
  });
});

describe('Excel 5.0/95 workbooks (BIFF5)', () => {
  it('reads a BIFF5 file from its Book stream', () => {
    const file = writeXls({ Citas: [['Codigo', 'DNI', 'Fecha'], ['000123', '01234567', formatted(serial(2026, 3, 10), 'dd/mm/yyyy')], [124, 7.5, true]] }, { bookType: 'biff5' });
    expect(openCompoundFile(file).readStream('Book')).not.toBeNull();
    expect(openCompoundFile(file).readStream('Workbook')).toBeNull();
    expect(parseXls(file)).toEqual([
      ['Codigo', 'DNI', 'Fecha'],
      ['000123', '01234567', limaDate(2026, 3, 10)],
      [124, 7.5, true],
    ]);
  });

  it('decodes 8-bit strings in the Windows-1252 code page', () => {
    const label5 = (r: number, c: number, bytes: number[]) => rec(0x0204, cellHead(r, c), le16(bytes.length), bytes);
    const stream = workbook({
      biff: 5,
      globals: [CODEPAGE(1252), rec(0x041e, le16(164), [10], latin1('dd/mm/yyyy')), rec(0x00e0, le16(0), le16(0), new Uint8Array(12)), rec(0x00e0, le16(0), le16(164), new Uint8Array(12))],
      sheets: [
        [
          label5(0, 0, [0x50, 0x65, 0xf1, 0x61]), // Peña
          label5(0, 1, [0x80, 0x20, 0x35]), // € 5
          NUMBER(0, 2, serial(2026, 3, 10), 1),
          rec(0x00d6, cellHead(0, 3), le16(4), latin1('Rico'), [1], le16(0), le16(0)), // RSTRING
          FORMULA(0, 4, [0, 0, 0, 0, 0, 0, 0xff, 0xff]),
          rec(0x0207, le16(5), [0xc1, 0x6e, 0x67, 0x65, 0x6c]), // Ángel
        ],
      ],
    });
    expect(parseBiffWorkbook(stream)).toEqual([['Peña', '€ 5', limaDate(2026, 3, 10), 'Rico', 'Ángel']]);
  });

  it('refuses a code page it cannot decode, and asks for .xlsx or CSV UTF-8', () => {
    const stream = workbook({ biff: 5, globals: [CODEPAGE(0x8000)], sheets: [[rec(0x0204, cellHead(0, 0), le16(1), [0x96])]] });
    expect(() => parseBiffWorkbook(stream)).toThrow(XLS_MESSAGES.codePage);
    expect(XLS_MESSAGES.codePage).toMatch(/\.xlsx.*CSV UTF-8/);
  });
});

describe('parseXls refuses what it cannot read, in Spanish', () => {
  const readable = () => workbook({ sheets: [[LABEL(0, 0, 'Código'), NUMBER(1, 0, 1)]] });

  function refusal(file: Uint8Array): string {
    try {
      parseXls(file);
    } catch (e) {
      expect(e).toBeInstanceOf(XlsxFormatError);
      return (e as Error).message;
    }
    throw new Error('parseXls did not refuse the file');
  }

  it('reads a hand-built stream wrapped in a compound file (sanity check for the cases below)', () => {
    expect(parseXls(compoundFile({ Workbook: readable() }))).toEqual([['Código'], [1]]);
  });

  it('a password-protected workbook (FILEPASS)', () => {
    const stream = workbook({ globals: [FILEPASS, XF(0)], sheets: [[LABEL(0, 0, 'cifrado')]] });
    expect(refusal(compoundFile({ Workbook: stream }))).toBe(XLS_MESSAGES.encrypted);
    expect(XLS_MESSAGES.encrypted).toMatch(/protegido con contraseña/);
  });

  it('a password-protected .xlsx (an encrypted package in a compound file)', () => {
    expect(refusal(compoundFile({ EncryptionInfo: new Uint8Array(200), EncryptedPackage: new Uint8Array(5000) }))).toBe(XLS_MESSAGES.encrypted);
  });

  it('a compound file without a workbook: a Word document, or something else', () => {
    expect(refusal(compoundFile({ WordDocument: new Uint8Array(5000), '1Table': new Uint8Array(100) }))).toMatch(/no es un libro de Excel \(parece un documento de Word\)/);
    expect(refusal(compoundFile({ Contenido: new Uint8Array(100) }))).toMatch(/^El archivo no es un libro de Excel/);
  });

  it('an Excel 4.0 or older workbook', () => {
    expect(refusal(compoundFile({ Book: concat([rec(0x0409, le16(0), le16(0x10)), EOF]) }))).toBe(XLS_MESSAGES.tooOld);
  });

  it('an empty Workbook stream, or one that is not BIFF', () => {
    expect(refusal(compoundFile({ Workbook: new Uint8Array(0) }))).toBe(XLS_MESSAGES.damaged);
    expect(refusal(compoundFile({ Workbook: new TextEncoder().encode('Código,DNI\n1,2\n') }))).toBe(XLS_MESSAGES.damaged);
  });

  it('a truncated file: refused, or read whole, never read in part', () => {
    const file = writeXls({ Citas: [['Código', 'Nombre'], ...Array.from({ length: 300 }, (_, i): Cell[] => [i, `Persona ${i} Ñahui`])] }, { bookSST: true });
    const whole = parseXls(file);
    let refused = 0;
    for (let cut = 0; cut < file.length; cut += 97) {
      const result = parsesOrRefuses(() => parseXls(file.slice(0, cut)));
      if (result instanceof XlsxFormatError) refused++;
      else expect(result).toEqual(whole);
    }
    expect(refused).toBeGreaterThan(0);
    // The workbook stream itself cut anywhere: always refused, since the sheet's EOF is missing.
    const stream = workbookStreamOf(file);
    for (let cut = 0; cut < stream.length; cut += 13) {
      expect(() => parseBiffWorkbook(stream.slice(0, cut))).toThrow(XlsxFormatError);
    }
  });

  it('random bytes that start with the compound file signature', () => {
    const next = pseudoRandom(7);
    for (let i = 0; i < 100; i++) {
      const file = new Uint8Array(512 * (2 + (i % 6)));
      for (let k = 0; k < file.length; k++) file[k] = Math.floor(next() * 256);
      file.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
      expect(refusal(file)).toBe(XLS_MESSAGES.damaged);
    }
  });

  it('a workbook stream with random damage: read or refused, never another error or a hang', () => {
    const stream = workbookStreamOf(writeXls({ Citas: [['Código', 'Fecha'], ['000123', formatted(serial(2026, 3, 10), 'dd/mm/yyyy')], [true, 1.5]] }, { bookSST: true }));
    const next = pseudoRandom(11);
    for (let i = 0; i < 400; i++) {
      const damagedStream = stream.slice();
      for (let k = 0; k < 1 + (i % 8); k++) damagedStream[Math.floor(next() * damagedStream.length)] = Math.floor(next() * 256);
      parsesOrRefuses(() => parseBiffWorkbook(damagedStream));
    }
  });
});
