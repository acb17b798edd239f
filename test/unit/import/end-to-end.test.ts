/**
 * From the file a consultant downloads to the plan applied to the register: bytes → text → rows →
 * appointments → plan → summary, for the three CSV encodings and for XLSX.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { csvRowsFromBytes, DEFAULT_HEADER_ALIASES, parseReport, parseXlsx, reconcileImport, summariseImport } from '../../../src/domain/import';
import { limaDate } from '../../../src/domain/lima-time';
import { readZipEntries, writeXlsx, type XlsxCellSpec } from '../../support/xlsx-writer';
import { HEADER, NOW } from './report-fixtures';

const FIXTURES = join(__dirname, '../../fixtures/reports');

/** What every fixture holds: the same five people (see make-fixtures.ts). */
const EXPECTED = [
  { key: '000123', documentType: 'DNI', dni: '01234567', fullName: 'María José Ñahui Huamán', email: 'maria.nahui@gmail.com', phone: '+51 987654321', start: limaDate(2026, 3, 10, 9, 0), consultant: 'Ana Peña' },
  { key: '000124', documentType: 'DNI', dni: '45879632', fullName: 'José Ángel Peña Cárdenas', email: 'JOSE.PENA@hotmail.com', phone: '+51 912345678', start: limaDate(2026, 3, 10, 9, 35), consultant: 'Ana Peña' },
  { key: '000125', documentType: 'DNI', dni: '70123456', fullName: 'Lucía D’Onofrio Güemes', email: 'lucia.donofrio@outlook.com', phone: '(01) 456-7890', start: limaDate(2026, 3, 10, 15, 30), consultant: 'Luis Ñique' },
  { key: '000126', documentType: 'CE', dni: '001234567', fullName: 'Ángela Muñoz Díaz', email: 'angela.munoz@yahoo.es', phone: '+51 987111222', start: limaDate(2026, 3, 11, 10, 10), consultant: 'Luis Ñique' },
  { key: '000127', documentType: 'DNI', dni: '08123456', fullName: 'Raúl Quispe Mamani', email: 'raul.quispe@gmail.com', phone: '+51 999888777', start: limaDate(2026, 3, 11, 16, 20), consultant: 'Ana Peña' },
];

function toJavaBytes(b: Uint8Array): number[] {
  return Array.from(b, (x) => (x > 127 ? x - 256 : x));
}

describe.each([
  ['citas-plataforma-utf8.csv', 'utf-8', 4],
  ['citas-excel-utf8-bom.csv', 'utf-8-bom', 1],
  ['citas-excel-windows1252.csv', 'windows-1252', 1],
])('%s', (file, encoding, headerLine) => {
  const bytes = new Uint8Array(readFileSync(join(FIXTURES, file)));
  // As Apps Script hands them over: Blob.getBytes() is signed.
  const { rows, encoding: detected } = csvRowsFromBytes(toJavaBytes(bytes));
  const result = parseReport(rows, DEFAULT_HEADER_ALIASES, { now: NOW });

  it(`is read as ${encoding} with accents, ñ and apostrophes intact`, () => {
    expect(detected).toBe(encoding);
    expect(result.headerLine).toBe(headerLine);
    expect(result.rejected).toEqual([]);
    expect(result.appointments.map(({ key, documentType, dni, fullName, email, phone, start, consultant }) => ({ key, documentType, dni, fullName, email, phone, start, consultant }))).toEqual(EXPECTED);
  });

  it('keeps the landline as typed and says so', () => {
    expect(result.warnings.map((w) => w.message)).toEqual([
      `Fila ${headerLine + 3}: el teléfono «(01) 456-7890» no es un celular peruano (+51 9XXXXXXXX); se guardó tal como está`,
    ]);
  });
});

it('the UTF-8 platform export keeps the quoted comment with its comma and line break as one row', () => {
  const { rows } = csvRowsFromBytes(new Uint8Array(readFileSync(join(FIXTURES, 'citas-plataforma-utf8.csv'))));
  expect(rows[5][12]).toBe('Tiene una bodega, quiere formalizarla.\nPregunta por el RUC');
  expect(rows[6][12]).toBe('Dijo "urgente"');
  expect(rows).toHaveLength(9);
});

describe('XLSX as Excel saves it', () => {
  const cell = (d: number, h: number, m: number) => ({ date: limaDate(2026, 3, d, h, m), format: 'time' as const });
  const day = (d: number) => ({ date: limaDate(2026, 3, d), format: 'date' as const });
  const rows: XlsxCellSpec[][] = [
    ['Reporte de citas reservadas - Centro de Empleo Lima'],
    [],
    HEADER,
    [{ text: '000123' }, 'DNI', { text: '01234567' }, 'María José', 'Ñahui Huamán', 'maria.nahui@gmail.com', 987654321, day(10), cell(10, 9, 0), 'Orientación para el emprendimiento', 'Ana Peña', 'Reservada'],
    [{ text: '000124' }, 'DNI', 8123456, 'Raúl', 'Quispe Mamani', 'raul.quispe@gmail.com', { text: '999 888 777' }, day(11), cell(11, 16, 20), 'Orientación para el emprendimiento', 'Ana Peña', 'Reservada'],
    [{ text: '000125' }, 'DNI', 45879632, { rich: ['Lucía ', 'D’Onofrio'] }, 'Güemes', 'lucia@outlook.com', undefined, { date: limaDate(2026, 3, 10, 15, 30), format: 'datetime' }, cell(10, 15, 30), 'Orientación para el emprendimiento', 'Luis Ñique', 'Reservada'],
    [{ text: '000126' }, 'DNI', { text: '1234' }, 'Sin', 'Correo', undefined, undefined, day(11), cell(11, 10, 0), 'Orientación para el emprendimiento', 'Luis Ñique', 'Reservada'],
    [{ text: '000127' }, 'DNI', { text: '70123456' }, 'Rosa', 'Pérez', 'p@gmail.com', undefined, { serial: 46092, format: 'locale-date' }, '03:30 p.\u00a0m.', '=HYPERLINK("http://x.example";"clic")', 'Luis Ñique', 'Anulada'],
  ];
  const bytes = writeXlsx(rows, { mergeTitle: true });
  const result = parseReport(parseXlsx(readZipEntries(bytes)), DEFAULT_HEADER_ALIASES, { now: NOW });

  it('imports text and numeric DNIs with their leading zero, dates and times in Lima', () => {
    expect(result.headerLine).toBe(3);
    expect(result.appointments.map((a) => [a.key, a.dni, a.fullName, a.phone, a.start])).toEqual([
      ['000123', '01234567', 'María José Ñahui Huamán', '+51 987654321', limaDate(2026, 3, 10, 9, 0)],
      ['000124', '08123456', 'Raúl Quispe Mamani', '+51 999888777', limaDate(2026, 3, 11, 16, 20)],
      ['000125', '45879632', 'Lucía D’Onofrio Güemes', null, limaDate(2026, 3, 10, 15, 30)],
      ['000127', '70123456', 'Rosa Pérez', null, limaDate(2026, 3, 11, 15, 30)],
    ]);
    // A formula outside the name is kept as typed (the sheet writer neutralises it).
    expect(result.appointments[3].service).toBe('=HYPERLINK("http://x.example";"clic")');
    expect(result.appointments[3].cancelledOnPlatform).toBe(true);
  });

  it('rejects the bad row with every reason', () => {
    expect(result.rejected.map((r) => r.reason)).toEqual(['Fila 7: el DNI «1234» no tiene 8 dígitos; falta el correo electrónico']);
  });

  it('plans and summarises the import for the sidebar', () => {
    const plan = reconcileImport([], result.appointments, NOW);
    expect(summariseImport(plan, result.rejected)).toBe(
      'Se importaron 3 citas nuevas. 1 cita anulada en la plataforma no se registró. 1 fila rechazada: Fila 7: el DNI «1234» no tiene 8 dígitos; falta el correo electrónico.',
    );
  });
});
