/**
 * Files that are not what the consultant thinks, CSV as messy as real exports get, and every
 * encoding the importer accepts. A wrong file is refused as a whole with a Spanish sentence and
 * nothing written; a messy CSV loses no row.
 */
import { citas, createAttentionWorld, makeReportRows, REPORT_HEADER, type AttentionWorld, type ReportRow } from '../../support/attention-world';
import { accountFor, brokenExecutions, formulaCells, imported, reviewRows, tried, type RowOutcome } from '../checks';
import { csvText, encode, fitsWindows1252, reportLines, reportXlsx, wrongFiles, type CsvOptions, type Encoding } from '../corpus';

/** Each case imports its own day (from 1 December 2026 on), so a report never touches another's rows. */
let dayIndex = 0;
function nextDay(): { day: string; dmy: string; prefix: string } {
  dayIndex++;
  const d = new Date(Date.UTC(2026, 11, dayIndex));
  const iso = d.toISOString().slice(0, 10);
  const [y, m, dd] = iso.split('-');
  return { day: iso, dmy: `${dd}/${m}/${y}`, prefix: `X${String(dayIndex).padStart(2, '0')}-` };
}

function rowsFor(n: number): { rows: ReportRow[]; dmy: string } {
  const { day, dmy, prefix } = nextDay();
  return { rows: makeReportRows(day, n, { codePrefix: prefix }), dmy };
}

const storedAs = (line: number, r: ReportRow, cells: Record<string, string> = {}): RowOutcome => ({ line, id: r.code, cells: { DNI: r.dni, ...cells } });
const fullName = (r: ReportRow) => `${r.names} ${r.lastNames}`;

function importCsv(w: AttentionWorld, name: string, text: string, encoding: Encoding = 'utf-8') {
  return imported(w.ws, w.atenciones, name, encode(text, encoding));
}

export function importFilesSuite(): void {
  describe('files that are not the report', () => {
    const w = createAttentionWorld();

    test.each(wrongFiles().map((f) => [f.label, f] as const))('%s: refused with a clear message, nothing written', (_label, f) => {
      const citasBefore = w.ws.values(w.atenciones, 'Citas');
      const reviewBefore = reviewRows(w.ws, w.atenciones).length;
      const r = imported(w.ws, w.atenciones, f.fileName, f.bytes);
      tried('archivos equivocados');
      expect(r.ok).toBe(false);
      expect(r.counts).toMatchObject({ inserted: 0, rejected: 0 });
      expect(r.problem).toMatch(f.problem);
      expect(r.summary).toBe(r.problem);
      expect(w.ws.values(w.atenciones, 'Citas')).toEqual(citasBefore);
      expect(reviewRows(w.ws, w.atenciones)).toHaveLength(reviewBefore);
      expect(w.ws.readTab(w.atenciones, 'Registro de auditoría').at(-1)).toMatchObject({ 'Acción': 'Importación de citas', Para: f.fileName, Resultado: 'Error' });
      expect(brokenExecutions(w.ws)).toEqual([]);
    });

    test('whatever the panel sends instead of a file (not base64, null, an object, a number) is answered in Spanish', () => {
      const calls: [unknown, unknown][] = [
        ['reporte.csv', '%%% esto no es base64 %%%'],
        ['reporte.csv', null],
        [null, null],
        [{ nombre: 'x' }, { datos: 'y' }],
        [12345, 67890],
        ['', ''],
      ];
      for (const [name, data] of calls) {
        const r = w.ws.callFromSidebar(w.atenciones, 'importReport', [name, data]);
        tried('archivos equivocados');
        expect(r).toMatchObject({ ok: true, value: { ok: false } });
        expect((r as { value: { problem: string } }).value.problem).toMatch(/^(No se pudo leer el archivo enviado|El archivo está vacío|El archivo no es un CSV|No se encontró la fila de encabezados)/);
      }
      expect(brokenExecutions(w.ws)).toEqual([]);
      expect(formulaCells(w.ws, w.atenciones)).toEqual([]);
    });

    test('a file over 10 MB is refused before it is read', () => {
      const big = new Uint8Array(10 * 1024 * 1024 + 1).fill(0x41);
      const r = imported(w.ws, w.atenciones, 'enorme.csv', big);
      tried('archivos equivocados');
      expect(r.problem).toMatch(/^El archivo es demasiado grande \(más de 10 MB\)/);
      expect(brokenExecutions(w.ws)).toEqual([]);
    });
  });

  describe('a file is read by its content, not its name', () => {
    const w = createAttentionWorld();

    test('an XLSX named .csv, a CSV named .xlsx or .xls, a file with no name, a data URL: all imported', () => {
      const a = rowsFor(2);
      const b = rowsFor(2);
      const c = rowsFor(2);
      const d = rowsFor(2);
      const xlsxAsCsv = imported(w.ws, w.atenciones, 'reporte.csv', reportXlsx(a.rows));
      const csvAsXlsx = imported(w.ws, w.atenciones, 'reporte.xlsx', encode(csvText(reportLines(b.rows)), 'utf-8'));
      const noName = imported(w.ws, w.atenciones, '', encode(csvText(reportLines(c.rows)), 'utf-8'));
      const dataUrl = w.ws.callFromSidebar(w.atenciones, 'importReport', ['reporte.xls', 'data:application/vnd.ms-excel;base64,' + Buffer.from(csvText(reportLines(d.rows))).toString('base64')]);
      tried('nombres de archivo', 4);
      expect([xlsxAsCsv.format, csvAsXlsx.format, noName.format]).toEqual(['xlsx', 'csv', 'csv']);
      expect(noName.fileName).toBe('reporte');
      expect(dataUrl).toMatchObject({ ok: true, value: { ok: true, counts: { inserted: 2 } } });
      const ids = citas(w.ws, w.atenciones).map((r) => r['ID de cita']);
      expect(ids).toEqual([...a.rows, ...b.rows, ...c.rows, ...d.rows].map((r) => r.code));
      expect(brokenExecutions(w.ws)).toEqual([]);
    });

    test('a 300-character file name full of markup and formulas is kept as text where it is written', () => {
      const a = rowsFor(2);
      const name = ('=HYPERLINK("http://x","y") <script>alert(1)</script> ' + 'ñ'.repeat(300)).slice(0, 300) + '.csv';
      const bad = { ...a.rows[1], email: 'no-es-correo' };
      const r = imported(w.ws, w.atenciones, name, encode(csvText(reportLines([a.rows[0], bad])), 'utf-8'));
      tried('nombres de archivo');
      expect(r.fileName).toBe(name);
      expect(reviewRows(w.ws, w.atenciones).map((x) => x['Referencia'])).toEqual([`${name} · fila 3`]);
      expect(formulaCells(w.ws, w.atenciones)).toEqual([]);
    });
  });

  describe('CSV as messy as real exports get: no row lost', () => {
    const w = createAttentionWorld();

    function check(name: string, text: string, expected: RowOutcome[], encoding: Encoding = 'utf-8') {
      const r = importCsv(w, name, text, encoding);
      tried('estructura CSV');
      expect(brokenExecutions(w.ws)).toEqual([]);
      expect(r.ok).toBe(true);
      expect(accountFor(w.ws, w.atenciones, r, expected)).toEqual([]);
      expect(r.counts.inserted + r.counts.rejected).toBe(expected.length);
      return r;
    }

    test('quoted line breaks inside names and services; row numbers count records, as Excel shows them', () => {
      const { rows } = rowsFor(4);
      rows[0].names = 'Rosa\nElvira';
      rows[1].service = 'Orientación\r\npara el\remprendimiento';
      rows[3].email = 'sin arroba';
      const text = csvText(reportLines(rows));
      expect(text.split('\n').length).toBeGreaterThan(rows.length + 2);
      check('saltos.csv', text, [
        storedAs(2, rows[0], { 'Nombres y apellidos': `Rosa Elvira ${rows[0].lastNames}` }),
        storedAs(3, rows[1], { Servicio: 'Orientación para el emprendimiento' }),
        storedAs(4, rows[2]),
        { line: 5, rejected: /el correo electrónico «sin arroba» no es válido/ },
      ]);
    });

    test('mixed line endings (CRLF, LF, CR) in one file', () => {
      const { rows } = rowsFor(6);
      const endings = ['\r\n', '\n', '\r'];
      check('finales.csv', csvText(reportLines(rows), { eol: (i) => endings[(i + 3) % 3] }), rows.map((r, i) => storedAs(i + 2, r)));
    });

    test('Excel\'s «sep=;» first line, and a delimiter after every line', () => {
      const a = rowsFor(3);
      const b = rowsFor(3);
      check('sep.csv', csvText(reportLines(a.rows), { delimiter: ';', sepLine: true }), a.rows.map((r, i) => storedAs(i + 2, r)));
      check('finales-coma.csv', csvText(reportLines(b.rows), { trailingDelimiter: true }), b.rows.map((r, i) => storedAs(i + 2, r)));
    });

    test('extra columns, extra cells, blank lines and title rows: ignored, and row numbers still match the file', () => {
      const { rows, dmy } = rowsFor(4);
      const lines: string[][] = [
        ['Reporte de citas reservadas'],
        [`Del ${dmy} al ${dmy}`],
        [],
        [...REPORT_HEADER, 'Observación interna', 'Columna sin nombre'],
        ...rows.map((r, i) => [...reportLines([r])[1], `nota ${i}`, '=1+2', 'celda de más']),
      ];
      lines.splice(6, 0, [], ['', '', '']); // a blank line and a line of empty cells between appointments
      lines[lines.length - 1][5] = ''; // the last one has no email
      check('columnas.csv', csvText(lines), [storedAs(5, rows[0]), storedAs(6, rows[1]), storedAs(9, rows[2]), { line: 10, rejected: /falta el correo electrónico/ }]);
    });

    test('duplicate header columns: both «Nombres» are joined, the first «Correo electrónico» is used', () => {
      const { rows } = rowsFor(2);
      const header = ['Código de cita', 'N° Documento', 'Nombres', 'Nombres', 'Apellidos', 'Correo electrónico', 'Correo electrónico', 'Fecha de cita', 'Hora de cita'];
      const lines = [header, ...rows.map((r) => [r.code, r.dni, r.names, 'Segundo', r.lastNames, r.email, 'otro@correo.pe', r.date, r.time])];
      check('duplicadas.csv', csvText(lines), rows.map((r, i) => storedAs(i + 2, r, { 'Nombres y apellidos': `${r.names} Segundo ${r.lastNames}`, Correo: r.email })));
    });

    test('short rows, a quote inside an unquoted name, text after a closing quote, spaces before a quote', () => {
      const { rows } = rowsFor(4);
      const lines = reportLines(rows).map((l) => l.join(','));
      lines[1] = lines[1].replace(rows[0].names, 'Rosa "La Flaca"');
      lines[2] = lines[2].replace(rows[1].names, '"Ana"María');
      lines[3] = lines[3].split(',').map((f) => ` "${f}"`).join(',');
      lines[4] = lines[4].split(',').slice(0, 4).join(','); // cut after the names
      check('comillas.csv', lines.join('\n') + '\n', [
        storedAs(2, rows[0], { 'Nombres y apellidos': `Rosa "La Flaca" ${rows[0].lastNames}` }),
        storedAs(3, rows[1], { 'Nombres y apellidos': `AnaMaría ${rows[1].lastNames}` }),
        storedAs(4, rows[2], { 'Nombres y apellidos': fullName(rows[2]) }),
        { line: 5, rejected: /falta el correo electrónico; falta la fecha de la cita/ },
      ]);
    });

    test('an opening quote never closed: the appointments after it are not swallowed into one cell', () => {
      const { rows } = rowsFor(6);
      const lines = reportLines(rows).map((l) => l.join(','));
      lines[2] = lines[2].replace(rows[1].names, '"Rosa');
      // Row 3 has a stray opening quote: it may be imported (the quote kept as text) or rejected
      // with its reason, but rows 4–7 are complete appointments and must be imported.
      const r = importCsv(w, 'sin-cerrar.csv', lines.join('\n') + '\n');
      tried('estructura CSV');
      expect(brokenExecutions(w.ws)).toEqual([]);
      const row3 = citas(w.ws, w.atenciones).some((x) => x['ID de cita'] === rows[1].code) || r.rejected.some((x) => x.line === 3);
      expect(row3).toBe(true);
      expect(accountFor(w.ws, w.atenciones, r, [storedAs(2, rows[0]), ...rows.slice(2).map((x, i) => storedAs(i + 4, x))])).toEqual([]);
    });
  });

  describe('accents, ñ and other letters in every encoding the importer accepts', () => {
    const w = createAttentionWorld();
    const NAMES = ['Begoña Ñahui', 'José Güemes Peña', "D'Onofrio O’Brien", 'Ítalo Ávila Zúñiga', 'François Œuvre €', 'Jose\u0301 Nu\u0301n\u0303ez', '👩🏽 Rosa 🇵🇪', 'Ch’aska Ñusta'];
    const encodings: [Encoding, CsvOptions][] = [
      ['utf-8', {}],
      ['utf-8-bom', { delimiter: ';', eol: '\r\n' }],
      ['windows-1252', { delimiter: ';', eol: '\r\n' }],
      ['utf-16le', { delimiter: '\t', eol: '\r\n' }],
      ['utf-16be', { delimiter: '\t' }],
    ];

    test.each(encodings)('%s', (encoding, opts) => {
      const names = NAMES.filter((n) => encoding !== 'windows-1252' || fitsWindows1252(n));
      const { rows } = rowsFor(names.length);
      rows.forEach((r, i) => {
        r.names = names[i];
        r.lastNames = 'Quispe';
      });
      const r = importCsv(w, `acentos-${encoding}.csv`, csvText(reportLines(rows), opts), encoding);
      tried('codificaciones', rows.length);
      expect(r.encoding).toBe(encoding);
      const byId = new Map(citas(w.ws, w.atenciones).map((x) => [x['ID de cita'], x['Nombres y apellidos']]));
      expect(rows.map((x) => byId.get(x.code))).toEqual(names.map((n) => `${n.normalize('NFC')} Quispe`));
    });

    test('an XLSX keeps them too (shared and inline strings)', () => {
      const { rows } = rowsFor(NAMES.length);
      rows.forEach((r, i) => (r.names = NAMES[i]));
      const r = imported(w.ws, w.atenciones, 'acentos.xlsx', reportXlsx(rows, (i, _f, v) => (i % 2 ? { inline: v } : { text: v })));
      tried('codificaciones', rows.length);
      expect(r.counts.inserted).toBe(rows.length);
      const byId = new Map(citas(w.ws, w.atenciones).map((x) => [x['ID de cita'], x['Nombres y apellidos']]));
      expect(rows.map((x) => byId.get(x.code))).toEqual(rows.map((x) => `${x.names.normalize('NFC')} ${x.lastNames}`));
    });
  });
}
