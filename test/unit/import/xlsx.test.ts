import { expectLinear } from '../../support/linear';
import { excelSerialToDate, isDateFormatCode, parseXlsx, XlsxFormatError } from '../../../src/domain/import/xlsx';
import { limaDate, limaParts } from '../../../src/domain/lima-time';
import { normaliseDni } from '../../../src/domain/validation';
import { buildXlsxParts, readZipEntries, writeXlsx, type XlsxCellSpec } from '../../support/xlsx-writer';

function roundTrip(rows: XlsxCellSpec[][], options = {}) {
  return parseXlsx(readZipEntries(writeXlsx(rows, options)));
}

describe('excelSerialToDate (Lima wall-clock)', () => {
  it('reads modern dates and times', () => {
    expect(excelSerialToDate(45658)).toEqual(limaDate(2025, 1, 1));
    expect(excelSerialToDate(45658.6458333333)).toEqual(limaDate(2025, 1, 1, 15, 30));
  });

  it('reproduces the 1900 leap-year bug: serial 59 = 28 Feb 1900, 61 = 1 Mar 1900', () => {
    expect(excelSerialToDate(1)).toEqual(limaDate(1900, 1, 1));
    expect(excelSerialToDate(59)).toEqual(limaDate(1900, 2, 28));
    expect(excelSerialToDate(61)).toEqual(limaDate(1900, 3, 1));
  });

  it('honours the 1904 date system', () => {
    expect(excelSerialToDate(0, true)).toEqual(limaDate(1904, 1, 1));
    expect(excelSerialToDate(44196, true)).toEqual(limaDate(2025, 1, 1));
  });

  it('gives time-only values their Lima hour and minute', () => {
    const p = limaParts(excelSerialToDate(0.6458333333333334));
    expect([p.hour, p.minute, p.second]).toEqual([15, 30, 0]);
  });

  it('rounds to the second (no 15:29:59.999)', () => {
    const p = limaParts(excelSerialToDate(45658 + (9 * 60 + 35) / 1440 - 1e-9));
    expect([p.hour, p.minute, p.second]).toEqual([9, 35, 0]);
  });
});

describe('isDateFormatCode', () => {
  it.each(['dd/mm/yyyy', 'd/m/yy', '[$-280A]dd/mm/yyyy;@', 'h:mm AM/PM', '[h]:mm:ss', 'mmm-yy', 'dd/mm/yyyy\\ hh:mm', 'yyyy-mm-dd'])(
    '%j is a date/time format',
    (code) => expect(isDateFormatCode(code)).toBe(true),
  );
  it.each(['General', '0', '#,##0.00', '"S/" #,##0.00', '0.00E+00', '#,##0 "días"', '[Red]0.00', '@', '[>=100]0;0', '_-* #,##0_-'])(
    '%j is not',
    (code) => expect(isDateFormatCode(code)).toBe(false),
  );
});

describe('parseXlsx on workbooks shaped like Excel output', () => {
  const start = limaDate(2026, 3, 10, 15, 30);

  it('reads strings, a text DNI with leading zero, numbers, dates, times and booleans', () => {
    const rows = roundTrip([
      ['Código', 'DNI', 'Nombre', 'Fecha', 'Hora', 'Fecha y hora', 'Monto', 'Activo'],
      [{ text: '000123' }, { text: '01234567' }, 'María José Ñahui', { date: limaDate(2026, 3, 10), format: 'date' }, { date: start, format: 'time' }, start, 1234.5, true],
      [124, 1234567, 'José Peña', { date: limaDate(2026, 3, 11), format: 'locale-date' }, { date: limaDate(2026, 3, 11, 9, 5), format: 'time' }, { date: limaDate(2026, 3, 11, 9, 5), format: 'datetime' }, { number: 1500, format: 'thousands' }, false],
    ]);
    expect(rows[0]).toEqual(['Código', 'DNI', 'Nombre', 'Fecha', 'Hora', 'Fecha y hora', 'Monto', 'Activo']);
    expect(rows[1][0]).toBe('000123');
    expect(rows[1][1]).toBe('01234567');
    expect(rows[1][2]).toBe('María José Ñahui');
    expect(rows[1][3]).toEqual(limaDate(2026, 3, 10));
    const time = limaParts(rows[1][4] as Date);
    expect([time.hour, time.minute]).toEqual([15, 30]);
    expect(rows[1][5]).toEqual(start);
    expect(rows[1][6]).toBe(1234.5);
    expect(rows[1][7]).toBe(true);
    // A DNI typed into a numeric cell lost its zero; the number comes back and normaliseDni restores it.
    expect(rows[2][1]).toBe(1234567);
    expect(normaliseDni(rows[2][1])).toBe('01234567');
    expect(rows[2][3]).toEqual(limaDate(2026, 3, 11)); // custom '[$-280A]dd/mm/yyyy;@'
    expect(rows[2][5]).toEqual(limaDate(2026, 3, 11, 9, 5));
    expect(rows[2][6]).toBe(1500); // '#,##0' is a number format, not a date
    expect(rows[2][7]).toBe(false);
  });

  it('places sparse cells in their real row and column, with null for gaps', () => {
    const rows = roundTrip([
      ['Reporte de citas'],
      [],
      [undefined, undefined, 'C3'],
      ['A4', undefined, undefined, 'D4'],
    ]);
    expect(rows).toEqual([
      ['Reporte de citas', null, null, null],
      [null, null, null, null],
      [null, null, 'C3', null],
      ['A4', null, null, 'D4'],
    ]);
  });

  it('reads inline strings, formula text results, rich text runs (without phonetic runs) and errors', () => {
    const rows = roundTrip([[{ inline: 'Ángela Muñoz' }, { formula: 'CONCAT(A1," ")', result: 'Raúl Quispe' }, { rich: ['Lucía ', 'D’Onofrio', ' Güemes'] }, { error: '#N/A' }]]);
    expect(rows[0]).toEqual(['Ángela Muñoz', 'Raúl Quispe', 'Lucía D’Onofrio Güemes', '#N/A']);
  });

  it('keeps XML special characters, spaces and hostile text as plain strings', () => {
    const hostile = '=HYPERLINK("http://x.example/?a=1&b=<2>","clic")';
    const rows = roundTrip([[hostile, '  con espacios  ', 'Línea 1\nLínea 2', 'tab\tdentro', 'ctl\u0001']]);
    expect(rows[0]).toEqual([hostile, '  con espacios  ', 'Línea 1\nLínea 2', 'tab\tdentro', 'ctl\u0001']);
  });

  it('honours date1904 workbooks', () => {
    const rows = roundTrip([[{ date: start, format: 'datetime' }]], { date1904: true });
    expect(rows[0][0]).toEqual(start);
  });

  it('takes the first sheet in workbook order, whatever its part name, relationship order or target style', () => {
    const rows = roundTrip([['primera']], { sheetFile: 'sheet3.xml', secondSheet: [['segunda']], absoluteTargets: true });
    expect(rows).toEqual([['primera']]);
  });

  it('reads parts written with an x: namespace prefix (OpenXML SDK)', () => {
    const rows = roundTrip([['DNI', 'Fecha'], [{ text: '01234567' }, { date: start, format: 'datetime' }]], { prefixed: true });
    expect(rows).toEqual([['DNI', 'Fecha'], ['01234567', start]]);
  });

  it('looks parts up whatever the case and leading slash of the zip entry names', () => {
    const parts = buildXlsxParts([['Ñandú']]);
    const renamed: Record<string, string> = {};
    for (const [k, v] of Object.entries(parts)) renamed['/' + k.toUpperCase()] = v;
    expect(parseXlsx(renamed)).toEqual([['Ñandú']]);
  });

  it('reads hand-written XML: entities, character references, xml:space, rows and cells without r', () => {
    const entries = {
      'xl/workbook.xml': `<?xml version="1.0"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
  <!-- comentario con <etiquetas> -->
  <sheets><sheet name="Hoja &amp; 1" sheetId="1" r:id="rId1"/></sheets>
</workbook>`,
      'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id='rId1' Type='http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet' Target='worksheets/hoja.xml'/>
</Relationships>`,
      'xl/sharedStrings.xml': `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
  <si>
    <t>Jos&#233; Pe&#xF1;a</t>
  </si>
  <si><t xml:space="preserve">  Ana  </t></si>
  <si><t>a &lt; b &amp;&amp; c &gt; d &quot;q&quot; &apos;s&apos;</t></si>
  <si><t>l&#237;nea_x000D_
otra_x005F_x</t></si>
  <si><t><![CDATA[<cdata & más>]]></t></si>
  <si>
    <t>
      Indentado por un programa
    </t>
  </si>
  <si><r><t>Run con espacio </t></r><r><t>final</t></r></si>
</sst>`,
      'xl/worksheets/hoja.xml': `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
  <sheetData>
    <row><c t="s"><v>0</v></c><c t="s"><v>1</v></c></row>
    <row><c t="s"><v>2</v></c><c t="s"><v>3</v></c><c t="s"><v>4</v></c></row>
    <row r="5"><c r="B5"><v>1.5E3</v></c><c t="b"><v>1</v></c></row>
    <row><c t="s"><v>5</v></c><c t="s"><v>6</v></c></row>
  </sheetData>
</worksheet>`,
    };
    expect(parseXlsx(entries)).toEqual([
      ['José Peña', '  Ana  ', null],
      ['a < b && c > d "q" \'s\'', 'línea\r\notra_x', '<cdata & más>'],
      [null, null, null],
      [null, null, null],
      [null, 1500, true],
      ['Indentado por un programa', 'Run con espacio final', null],
    ]);
  });

  it('reports a file that is not a workbook in Spanish', () => {
    expect(() => parseXlsx({ 'word/document.xml': '<w:document/>' })).toThrow(XlsxFormatError);
    expect(() => parseXlsx({ 'word/document.xml': '<w:document/>' })).toThrow(/no es un libro de Excel/);
  });

  it('parses a 5,000-row sheet, in time linear in its size', () => {
    const sheet = (n: number) => {
      const rows: XlsxCellSpec[][] = [['Código', 'DNI', 'Nombre', 'Correo', 'Fecha', 'Hora']];
      for (let i = 0; i < n; i++) {
        rows.push([{ text: String(i).padStart(6, '0') }, { text: String(10000000 + i) }, `Persona ${i} Ñahui`, `p${i}@gmail.com`, { date: limaDate(2026, 3, 10), format: 'date' }, { date: limaDate(2026, 3, 10, 9, i % 60), format: 'time' }]);
      }
      return readZipEntries(writeXlsx(rows));
    };
    const files = new Map([250, 5000].map((n) => [n, sheet(n)]));
    const parsed = parseXlsx(files.get(5000)!);
    expect(parsed).toHaveLength(5001);
    expect(parsed[5000][0]).toBe('004999');
    expectLinear((n) => parseXlsx(files.get(n)!), 250, 5000);
  });
});
