import { sheetJsWorkbook } from './sheetjs-workbook';
import * as XLSX from 'xlsx';
import { DEFAULT_HEADER_ALIASES, parseReport } from '../../../src/domain/import/report';
import { isoDateTimeToLima, looksLikeSpreadsheetMl, parseSpreadsheetMl } from '../../../src/domain/import/spreadsheetml';
import { excelSerialToDate, XlsxFormatError } from '../../../src/domain/import/xlsx';
import { limaDate, limaParts } from '../../../src/domain/lima-time';
import { NOW } from './report-fixtures';

/** Shaped like Excel 2003's "Guardar como > Hoja de cálculo XML 2003" and platform exporters copying it. */
const EXCEL_2003 = `<?xml version="1.0" encoding="UTF-8"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:o="urn:schemas-microsoft-com:office:office"
 xmlns:x="urn:schemas-microsoft-com:office:excel"
 xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:html="http://www.w3.org/TR/REC-html40">
 <DocumentProperties xmlns="urn:schemas-microsoft-com:office:office">
  <Author>Plataforma de citas</Author>
  <Created>2026-03-09T07:45:00Z</Created>
 </DocumentProperties>
 <ExcelWorkbook xmlns="urn:schemas-microsoft-com:office:excel"><WindowHeight>8000</WindowHeight></ExcelWorkbook>
 <Styles>
  <Style ss:ID="Default" ss:Name="Normal"><Alignment ss:Vertical="Bottom"/></Style>
  <Style ss:ID="sDate"><NumberFormat ss:Format="Short Date"/></Style>
  <Style ss:ID="sText"><NumberFormat ss:Format="@"/></Style>
 </Styles>
 <Worksheet ss:Name="Citas reservadas">
  <Table ss:ExpandedColumnCount="9" ss:ExpandedRowCount="7" x:FullColumns="1" x:FullRows="1">
   <Column ss:Index="3" ss:Width="120"/>
   <Row>
    <Cell ss:MergeAcross="8"><Data ss:Type="String">Reporte de citas reservadas &#8211; Centro de Empleo Lima</Data></Cell>
   </Row>
   <Row ss:Index="3">
    <Cell><Data ss:Type="String">Código de cita</Data></Cell>
    <Cell><Data ss:Type="String">Tipo de documento</Data></Cell>
    <Cell><Data ss:Type="String">N° Documento</Data></Cell>
    <Cell><Data ss:Type="String">Apellidos y nombres</Data></Cell>
    <Cell><Data ss:Type="String">Correo electrónico</Data></Cell>
    <Cell><Data ss:Type="String">Celular</Data></Cell>
    <Cell><Data ss:Type="String">Fecha de cita</Data></Cell>
    <Cell><Data ss:Type="String">Hora de cita</Data></Cell>
    <Cell><Data ss:Type="String">Asistió</Data></Cell>
   </Row>
   <Row>
    <Cell ss:StyleID="sText"><Data ss:Type="String">000101</Data></Cell>
    <Cell><Data ss:Type="String">DNI</Data></Cell>
    <Cell ss:StyleID="sText"><Data ss:Type="String">01234567</Data></Cell>
    <Cell><ss:Data ss:Type="String" xmlns="http://www.w3.org/TR/REC-html40"><B>ÑAHUI HUAMÁN</B>, <Font html:Color="#FF0000">María José</Font></ss:Data><Comment ss:Author="Ana"><ss:Data><B>Ana:</B> revisar</ss:Data></Comment></Cell>
    <Cell><Data ss:Type="String">maria.nahui@gmail.com</Data></Cell>
    <Cell><Data ss:Type="Number">987654321</Data></Cell>
    <Cell ss:StyleID="sDate"><Data ss:Type="DateTime">2026-03-10T00:00:00.000</Data></Cell>
    <Cell><Data ss:Type="DateTime">1899-12-31T09:00:00.000</Data></Cell>
    <Cell><Data ss:Type="Boolean">1</Data></Cell>
   </Row>
   <Row>
    <Cell><Data ss:Type="String">000102</Data></Cell>
    <Cell><Data ss:Type="String">DNI</Data></Cell>
    <Cell ss:Index="4"><Data ss:Type="String">PEÑA CÁRDENAS,&#10;José Ángel</Data></Cell>
    <Cell ss:Index="6" ss:Formula="=&quot;9&quot;&amp;&quot;12345678&quot;"><Data ss:Type="String">912345678</Data></Cell>
    <Cell ss:MergeDown="1"><Data ss:Type="DateTime">2026-03-10T15:30:00.000</Data></Cell>
    <Cell><Data ss:Type="Error">#N/A</Data></Cell>
    <Cell><Data ss:Type="Boolean">0</Data></Cell>
   </Row>
   <Row ss:Span="1"/>
   <Row ss:Index="8"><Cell ss:Index="2"><Data ss:Type="String">=HYPERLINK("http://malo.example","clic")</Data></Cell><Cell><Data ss:Type="String">&lt;script&gt;alert(1)&lt;/script&gt;</Data></Cell></Row>
   <Row ss:Index="20"><Cell><Data ss:Type="String"></Data></Cell><Cell ss:Index="9000"/></Row>
  </Table>
  <WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><Selected/></WorksheetOptions>
 </Worksheet>
 <Worksheet ss:Name="Otra hoja"><Table><Row><Cell><Data ss:Type="String">no se lee</Data></Cell></Row></Table></Worksheet>
</Workbook>`;

describe('parseSpreadsheetMl on an Excel 2003 XML workbook', () => {
  const rows = parseSpreadsheetMl(EXCEL_2003);

  it('reads the first worksheet only, rows at their ss:Index, every row as wide as the widest', () => {
    expect(rows).toHaveLength(8);
    expect(rows.every((r) => r.length === 9)).toBe(true);
    expect(rows[0]).toEqual(['Reporte de citas reservadas – Centro de Empleo Lima', null, null, null, null, null, null, null, null]);
    expect(rows[1]).toEqual(new Array(9).fill(null));
    expect(rows[2][2]).toBe('N° Documento');
    expect(rows.flat()).not.toContain('no se lee');
  });

  it('keeps text as text, numbers as numbers, and reads rich text without its markup or comments', () => {
    expect(rows[3].slice(0, 6)).toEqual(['000101', 'DNI', '01234567', 'ÑAHUI HUAMÁN, María José', 'maria.nahui@gmail.com', 987654321]);
  });

  it('reads dates and times as Lima wall-clock, a time alone like Excel\'s day fraction', () => {
    expect(rows[3][6]).toEqual(limaDate(2026, 3, 10));
    expect(rows[3][7]).toEqual(excelSerialToDate(9 / 24));
    expect(rows[4][6]).toEqual(limaDate(2026, 3, 10, 15, 30));
  });

  it('reads booleans, errors, line breaks and sparse cells (ss:Index), with MergeDown leaving the cell below empty', () => {
    expect(rows[3][8]).toBe(true);
    expect(rows[4]).toEqual(['000102', 'DNI', null, 'PEÑA CÁRDENAS,\nJosé Ángel', null, '912345678', limaDate(2026, 3, 10, 15, 30), '#N/A', false]);
    expect(rows[5]).toEqual(new Array(9).fill(null));
  });

  it('honours ss:Span on an empty row and keeps formulas and markup as the plain text typed', () => {
    expect(rows[7]).toEqual([null, '=HYPERLINK("http://malo.example","clic")', '<script>alert(1)</script>', null, null, null, null, null, null]);
  });

  it('gives rows the report importer turns into appointments', () => {
    const result = parseReport(rows, DEFAULT_HEADER_ALIASES, { now: NOW });
    expect(result.headerLine).toBe(3);
    expect(result.appointments).toHaveLength(1);
    expect(result.appointments[0]).toMatchObject({ code: '000101', dni: '01234567', start: limaDate(2026, 3, 10, 9, 0), phone: '+51 987654321' });
    // The second row has no DNI and no e-mail: rejected with its reasons, not lost.
    expect(result.rejected.map((r) => r.line)).toContain(5);
  });
});

describe('parseSpreadsheetMl on SheetJS "xlml" output', () => {
  it('round-trips strings, a text DNI, numbers, booleans, a merged title and a date instant', () => {
    const { wb, start } = sheetJsWorkbook();
    const xml = XLSX.write(wb, { type: 'string', bookType: 'xlml' }) as string;
    expect(looksLikeSpreadsheetMl(xml)).toBe(true);
    const rows = parseSpreadsheetMl(xml);
    expect(rows).toEqual([
      ['Citas', null, null, null, null],
      ['Código', 'DNI', 'Fecha y hora', 'Monto', 'Activo'],
      ['000101', '01234567', start, 12.5, true],
      ['x & <y>', 'a\nb', null, -3, false],
    ]);
  });
});

describe('isoDateTimeToLima', () => {
  it('reads wall-clock times as Lima, explicit zones as instants, and refuses impossible dates', () => {
    expect(isoDateTimeToLima('2026-11-27T10:00:00.000')).toEqual(limaDate(2026, 11, 27, 10, 0));
    expect(isoDateTimeToLima('2026-11-27')).toEqual(limaDate(2026, 11, 27));
    expect(isoDateTimeToLima('2026-11-27T15:00:00Z')).toEqual(limaDate(2026, 11, 27, 10, 0));
    expect(isoDateTimeToLima('2026-11-27T10:00:00-05:00')).toEqual(limaDate(2026, 11, 27, 10, 0));
    const p = limaParts(isoDateTimeToLima('2026-11-27T10:29:59.999') as Date);
    expect([p.hour, p.minute, p.second]).toEqual([10, 30, 0]);
    expect(isoDateTimeToLima('2026-02-30T10:00:00')).toBeNull();
    expect(isoDateTimeToLima('27/11/2026')).toBeNull();
  });
});

describe('looksLikeSpreadsheetMl', () => {
  it('recognises the mso-application marker or the namespace on <Workbook>', () => {
    expect(looksLikeSpreadsheetMl(EXCEL_2003)).toBe(true);
    expect(looksLikeSpreadsheetMl('\uFEFF<ss:Workbook xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><ss:Worksheet>')).toBe(true);
  });

  it('does not take HTML, XLSX parts, other XML or CSV for it', () => {
    expect(looksLikeSpreadsheetMl('<html xmlns:x="urn:schemas-microsoft-com:office:excel"><body><table><tr><td>x</td></tr></table>')).toBe(false);
    expect(looksLikeSpreadsheetMl('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/>')).toBe(false);
    expect(looksLikeSpreadsheetMl('<?xml version="1.0"?><rss><channel/></rss>')).toBe(false);
    expect(looksLikeSpreadsheetMl('Código,DNI\n1,Workbook urn:schemas-microsoft-com:office:spreadsheet')).toBe(false);
  });
});

describe('bad input', () => {
  const ns = 'xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"';

  it('refuses a workbook without a worksheet or table, with a Spanish message', () => {
    expect(() => parseSpreadsheetMl(`<Workbook ${ns}><Styles/></Workbook>`)).toThrow(/no tiene ninguna hoja/);
    expect(() => parseSpreadsheetMl(`<Workbook ${ns}><Worksheet ss:Name="Vacía"/></Workbook>`)).toThrow(XlsxFormatError);
  });

  it('refuses XML that is not a workbook, and broken or truncated XML', () => {
    expect(() => parseSpreadsheetMl('<?xml version="1.0"?><rss><channel/></rss>')).toThrow(/no es un libro de Excel/);
    // A download cut in the middle of a text: what arrived is read.
    const cutInText = parseSpreadsheetMl(EXCEL_2003.slice(0, EXCEL_2003.indexOf('nahui@gmail')));
    expect(cutInText).toHaveLength(4);
    expect(cutInText[3].slice(0, 5)).toEqual(['000101', 'DNI', '01234567', 'ÑAHUI HUAMÁN, María José', 'maria.']);
    for (const cut of [EXCEL_2003.slice(0, EXCEL_2003.indexOf('<Row ss:Index="3"') + 5), '', 'basura <<<', '<Workbook ' + '<'.repeat(10_000)]) {
      expect(() => parseSpreadsheetMl(cut)).toThrow(XlsxFormatError);
    }
  });

  it('returns no rows for an empty table, and reads an empty sparse row without allocating it', () => {
    expect(parseSpreadsheetMl(`<Workbook ${ns}><Worksheet><Table/></Worksheet></Workbook>`)).toEqual([]);
    expect(parseSpreadsheetMl(`<Workbook ${ns}><Worksheet><Table><Row ss:Index="1000000"><Cell ss:Index="16000"/></Row></Table></Worksheet></Workbook>`)).toEqual([]);
  });

  it('refuses values outside the sheet or a sheet too large to build', () => {
    expect(() =>
      parseSpreadsheetMl(`<Workbook ${ns}><Worksheet><Table><Row ss:Index="2000000"><Cell><Data ss:Type="String">x</Data></Cell></Row></Table></Worksheet></Workbook>`),
    ).toThrow(/fuera de los límites/);
    expect(() =>
      parseSpreadsheetMl(
        `<Workbook ${ns}><Worksheet><Table><Row><Cell ss:Index="16000"><Data ss:Type="String">x</Data></Cell></Row><Row ss:Index="1000"><Cell><Data ss:Type="String">y</Data></Cell></Row></Table></Worksheet></Workbook>`,
      ),
    ).toThrow(/demasiado grande/);
  });

  it('reads a 5,000-row workbook completely', () => {
    const body = Array.from(
      { length: 5000 },
      (_, i) => `<Row><Cell><Data ss:Type="String">${String(i + 1).padStart(6, '0')}</Data></Cell><Cell><Data ss:Type="Number">${i}</Data></Cell><Cell><Data ss:Type="DateTime">2026-03-10T09:00:00.000</Data></Cell></Row>`,
    ).join('\n');
    const rows = parseSpreadsheetMl(`<?xml version="1.0"?><Workbook ${ns}><Worksheet><Table>${body}</Table></Worksheet></Workbook>`);
    expect(rows).toHaveLength(5000);
    expect(rows[4999]).toEqual(['005000', 4999, limaDate(2026, 3, 10, 9, 0)]);
  });
});
