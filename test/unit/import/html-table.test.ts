import * as XLSX from 'xlsx';
import { decodeHtmlEntities, looksLikeHtmlTable, parseHtmlTable, parseHtmlTables } from '../../../src/domain/import/html-table';
import { DEFAULT_HEADER_ALIASES, parseReport } from '../../../src/domain/import/report';
import { XlsxFormatError } from '../../../src/domain/import/xlsx';
import { limaDate } from '../../../src/domain/lima-time';
import { NOW } from './report-fixtures';

/**
 * A Peruvian platform's "Exportar a Excel" as it really arrives: an HTML page named .xls, a
 * layout table with the logo and the title first, then the report with a colspan title row,
 * <th> headers written with entities, <br> inside cells, unclosed <td>/<tr>, unquoted and
 * single-quoted attributes, upper-case tags, Excel's text format on the DNI column.
 */
const PLATFORM_XLS = `\uFEFF<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">
<head>
<meta http-equiv="Content-Type" content="application/vnd.ms-excel; charset=UTF-8">
<title>Reporte de citas</title>
<style>td { mso-number-format:"\\@"; } .num { mso-number-format:0; }</style>
<script type="text/javascript">var t = "<table><tr><td>no</td><td>es</td></tr><tr><td>una</td><td>tabla</td></tr></table>";</script>
<!--[if gte mso 9]><xml><x:ExcelWorkbook><x:ExcelWorksheets><x:ExcelWorksheet><x:Name>Citas</x:Name></x:ExcelWorksheet></x:ExcelWorksheets></x:ExcelWorkbook></xml><![endif]-->
</head>
<body>
<table width="100%"><tr><td><img src="logo_mtpe.png" alt="MTPE"></td><td><b>Ministerio de Trabajo y Promoci&oacute;n del Empleo</b></td></tr></table>
<TABLE border=1 cellspacing='0' class="reporte">
<THEAD>
<TR><TD colspan=8 align=center><FONT size=4><B>Reporte de citas reservadas &ndash; Centro de Empleo Lima</B></FONT></TD></TR>
<TR>
  <TH>C&oacute;digo de cita</TH><TH>Tipo de documento</TH><TH>N&deg; Documento</TH>
  <TH>Apellidos y nombres</TH><TH>Correo electr&oacute;nico</TH><TH>Celular</TH>
  <TH>Fecha de cita</TH><TH>Hora de cita</TH>
</TR>
</THEAD>
<TBODY>
<TR>
  <TD>000101<TD>DNI<TD style="mso-number-format:'\\@'">01234567
  <TD>&Ntilde;AHUI HUAM&Aacute;N,<br>Mar&iacute;a Jos&eacute;
  <TD><a href="mailto:maria.nahui@gmail.com">maria.nahui@gmail.com</a>
  <TD x:str>987654321<TD>10/03/2026<TD>09:00 a.&nbsp;m.
<TR>
  <TD>000102</TD><TD>DNI</TD><TD class=txt x:str>41234567</TD>
  <TD>PE&Ntilde;A C&Aacute;RDENAS, Jos&eacute; &Aacute;ngel</TD>
  <TD>jose.pena@hotmail.com</TD><TD>912 345 678</TD><TD>10/03/2026</TD><TD>15:30</TD>
</TR>
</TBODY>
<tfoot><tr><td colspan="8">Total: 2 citas &iquest;Dudas? Escr&iacute;banos</td></tr></tfoot>
</TABLE>
</body>
</html>`;

describe('parseHtmlTable on a platform export (.xls that is HTML)', () => {
  const rows = parseHtmlTable(PLATFORM_XLS);

  it('skips the layout table and reads the report, with a colspan title row', () => {
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.length === 8)).toBe(true);
    expect(rows[0]).toEqual(['Reporte de citas reservadas – Centro de Empleo Lima', null, null, null, null, null, null, null]);
    expect(rows[4][0]).toBe('Total: 2 citas ¿Dudas? Escríbanos');
  });

  it('decodes entities in headers and collapses the markup white space', () => {
    expect(rows[1]).toEqual([
      'Código de cita',
      'Tipo de documento',
      'N° Documento',
      'Apellidos y nombres',
      'Correo electrónico',
      'Celular',
      'Fecha de cita',
      'Hora de cita',
    ]);
  });

  it('closes cells and rows that were never closed, keeps text as text (leading zeros), <br> as a line break', () => {
    expect(rows[2]).toEqual([
      '000101',
      'DNI',
      '01234567',
      'ÑAHUI HUAMÁN,\nMaría José',
      'maria.nahui@gmail.com',
      '987654321',
      '10/03/2026',
      '09:00 a. m.',
    ]);
    expect(rows[3][2]).toBe('41234567');
    expect(rows[3][3]).toBe('PEÑA CÁRDENAS, José Ángel');
  });

  it('gives rows the report importer turns into appointments at Lima time', () => {
    const result = parseReport(rows, DEFAULT_HEADER_ALIASES, { now: NOW });
    expect(result.fileProblem).toBeNull();
    expect(result.headerLine).toBe(2);
    expect(result.appointments.map((a) => [a.code, a.dni, a.start])).toEqual([
      ['000101', '01234567', limaDate(2026, 3, 10, 9, 0)],
      ['000102', '41234567', limaDate(2026, 3, 10, 15, 30)],
    ]);
    expect(result.appointments[0].email).toBe('maria.nahui@gmail.com');
  });
});

describe('parseHtmlTable on SheetJS HTML output', () => {
  it('reads strings, spans and line breaks as Excel would show them', () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['Reporte de citas'],
      ['Código de cita', 'DNI', 'Apellidos y nombres', 'Monto'],
      ['000101', '01234567', 'Peña & <Hijos>', 12.5],
      ['000102', '41234567', 'línea 1\nlínea 2', 3],
    ]);
    ws['!merges'] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: 3 } }];
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'Citas');
    const html = XLSX.write(wb, { type: 'string', bookType: 'html' }) as string;
    expect(looksLikeHtmlTable(html)).toBe(true);
    expect(parseHtmlTable(html)).toEqual([
      ['Reporte de citas', null, null, null],
      ['Código de cita', 'DNI', 'Apellidos y nombres', 'Monto'],
      ['000101', '01234567', 'Peña & <Hijos>', '12.5'],
      ['000102', '41234567', 'línea 1\nlínea 2', '3'],
    ]);
  });
});

describe('table layout', () => {
  it('puts a spanned value in its top-left cell and the rest of the span to null', () => {
    const rows = parseHtmlTable(`<table>
      <tr><td rowspan="2">A</td><td colspan="2">B</td><td>C</td></tr>
      <tr><td>D</td><td>E</td><td>F</td></tr>
      <tr><td>G</td><td rowspan=3 colspan=2>H</td><td>I</td></tr>
      <tr><td>J</td><td>K</td></tr>
    </table>`);
    expect(rows).toEqual([
      ['A', 'B', null, 'C'],
      [null, 'D', 'E', 'F'],
      ['G', 'H', null, 'I'],
      ['J', null, null, 'K'],
    ]);
  });

  it('makes every row as wide as the widest, drops trailing empty rows, keeps empty rows in between', () => {
    const rows = parseHtmlTable('<table><tr><td>a<td>b<tr><td>c<td>d<td>e<tr><tr><td><td>f<tr><td>&nbsp;<td> </table>');
    expect(rows).toEqual([
      ['a', 'b', null],
      ['c', 'd', 'e'],
      [null, null, null],
      [null, 'f', null],
    ]);
  });

  it('reads a table without <tr> and ignores text between rows', () => {
    expect(parseHtmlTable('<table>suelto<td>a<td>b</td>tambi&eacute;n<tr><td>c<td>d</table>')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('ends a table when another one starts outside a cell (missing </table>)', () => {
    const tables = parseHtmlTables('<table><tr><td>Título</td></tr><table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>');
    expect(tables).toEqual([[['Título']], [['a', 'b'], ['c', 'd']]]);
  });

  it('finds a data table nested in a layout table, and keeps a nested table\'s text in its cell otherwise', () => {
    const layout = `<table><tr><td><h1>Citas</h1>
      <table><tr><th>DNI</th><th>Nombre</th></tr><tr><td>01234567</td><td>Ana</td></tr></table>
      </td></tr></table>`;
    expect(parseHtmlTable(layout)).toEqual([['DNI', 'Nombre'], ['01234567', 'Ana']]);

    const inCell = `<table><tr><th>DNI</th><th>Contacto</th></tr>
      <tr><td>01234567</td><td><table><tr><td>Correo:</td><td>ana@x.pe</td></tr></table></td></tr>
      <tr><td>41234567</td><td>-</td></tr></table>`;
    expect(parseHtmlTable(inCell)).toEqual([
      ['DNI', 'Contacto'],
      ['01234567', 'Correo: ana@x.pe'],
      ['41234567', '-'],
    ]);
  });

  it('falls back to the first table with data when none has two full rows', () => {
    expect(parseHtmlTable('<table><tr><td></td></tr></table><table><tr><td>Solo</td></tr><tr><td>una columna</td></tr></table>')).toEqual([
      ['Solo'],
      ['una columna'],
    ]);
  });

  it('lists every table with data in parseHtmlTables', () => {
    const html = '<table><tr><td>Reporte</td><td>2026</td></tr><tr><td>Sede</td><td>Lima</td></tr></table><p>x</p><table><tr><td>DNI</td><td>Nombre</td></tr></table>';
    expect(parseHtmlTables(html)).toEqual([
      [['Reporte', '2026'], ['Sede', 'Lima']],
      [['DNI', 'Nombre']],
    ]);
    expect(parseHtmlTables('<p>sin tablas</p>')).toEqual([]);
  });
});

describe('cell text', () => {
  function cell(inner: string): unknown {
    return parseHtmlTable(`<table><tr><td>${inner}</td><td>x</td></tr><tr><td>y</td><td>z</td></tr></table>`)[0][0];
  }

  it('strips inline markup and keeps its text', () => {
    expect(cell('<b>Jos&eacute;</b> <span style="color:red">P<i>e</i>ña</span> <font face=Arial>Q.</font>')).toBe('José Peña Q.');
  });

  it('turns block elements into lines and collapses white space around them', () => {
    expect(cell('  <p>Primera   línea </p>\n<div>Segunda\tlínea</div>  ')).toBe('Primera línea\nSegunda línea');
    expect(cell('a <br/> b<BR>c<br><br>d<br>')).toBe('a\nb\nc\n\nd');
  });

  it('keeps &nbsp; as a space inside the text and trims it at the ends', () => {
    expect(cell('&nbsp;a&nbsp;&nbsp;b&nbsp;')).toBe('a  b');
    expect(cell('&nbsp;')).toBeNull();
  });

  it('skips scripts, styles and comments entirely', () => {
    expect(cell('Ana<script>alert(1)</script> <style>b{}</style>Pérez<!-- <td>oculto</td> -->')).toBe('Ana Pérez');
    expect(cell('<SCRIPT>document.write("</td><td>")</SCRIPT>ok')).toBe('ok');
  });

  it('gives markup written as text back as plain text, and formulas as the text typed', () => {
    expect(cell('&lt;script&gt;alert(1)&lt;/script&gt;')).toBe('<script>alert(1)</script>');
    expect(cell('<img src=x onerror="alert(1)">Ana')).toBe('Ana');
    expect(cell('=HYPERLINK("http://malo.example","clic")')).toBe('=HYPERLINK("http://malo.example","clic")');
    expect(cell('=HYPERLINK(&quot;http://malo.example&quot;;&quot;clic&quot;)')).toBe('=HYPERLINK("http://malo.example";"clic")');
  });
});

describe('decodeHtmlEntities', () => {
  it('decodes the Latin-1 set, typographic names and numeric references', () => {
    expect(decodeHtmlEntities('&aacute;&eacute;&iacute;&oacute;&uacute;&ntilde;&Ntilde;&uuml;&Uuml;')).toBe('áéíóúñÑüÜ');
    expect(decodeHtmlEntities('&iexcl;Hola! &iquest;Qu&eacute;? 1&ordm; 2&ordf; 30&deg; &laquo;x&raquo; &copy; &reg;')).toBe('¡Hola! ¿Qué? 1º 2ª 30° «x» © ®');
    expect(decodeHtmlEntities('&amp; &lt; &gt; &quot; &apos; &nbsp;')).toBe('& < > " \' \u00a0');
    expect(decodeHtmlEntities('&ndash;&mdash;&hellip;&euro;&ldquo;&rdquo;')).toBe('–—…€“”');
    expect(decodeHtmlEntities('&#241;&#xF1;&#XD1;&#8211;')).toBe('ññÑ–');
  });

  it('reads what browsers accept: legacy names without ";", Windows-1252 numbers', () => {
    expect(decodeHtmlEntities('Pe&ntildea &amp Hijos &copy2026')).toBe('Peña & Hijos ©2026');
    expect(decodeHtmlEntities('&#150; &#147;x&#148;')).toBe('– “x”');
    expect(decodeHtmlEntities('&#0;&#xD800;&#x110000;')).toBe('\uFFFD\uFFFD\uFFFD');
  });

  it('leaves text that is not a reference alone', () => {
    expect(decodeHtmlEntities('AT&T, R&D; &foo; & ; &#; &#x;')).toBe('AT&T, R&D; &foo; & ; &#; &#x;');
  });
});

describe('looksLikeHtmlTable', () => {
  it.each([
    ['an HTML page', '<!DOCTYPE html><html><body><table><tr><td>x</td></tr></table></body></html>'],
    ['a bare table with a BOM', '\uFEFF\r\n  <TABLE border=1><TR><TD>x'],
    ['XHTML', '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x"><html xmlns="http://www.w3.org/1999/xhtml"><body><table>'],
    ['a PHP warning before the table', '<br />\n<b>Warning</b>: Undefined index in /var/www/reporte.php on line 12<br />\n<table border="1"><tr>'],
    ['the platform export', PLATFORM_XLS],
  ])('recognises %s', (_label, text) => expect(looksLikeHtmlTable(text)).toBe(true));

  it.each([
    ['a CSV', 'Código;DNI;Nombre\n000101;01234567;Ana\n'],
    ['Excel 2003 XML', '<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet><Table><Row>'],
    ['a flat OpenDocument spreadsheet', '<?xml version="1.0"?><office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"><office:body><office:spreadsheet><table:table>'],
    ['plain text mentioning tables', 'Las tablas <tablas> de la semana'],
  ])('does not take %s for HTML', (_label, text) => expect(looksLikeHtmlTable(text)).toBe(false));
});

describe('size and bad input', () => {
  it('reads a 5,000-row report completely', () => {
    const body = Array.from({ length: 5000 }, (_, i) => `<tr><td>${String(i + 1).padStart(6, '0')}<td>${String(10000000 + i)}<td>Persona ${i + 1}<td>10/03/2026<td>09:00`).join('\n');
    const rows = parseHtmlTable(`<table><tr><th>Código de cita<th>DNI<th>Nombre<th>Fecha<th>Hora\n${body}</table>`);
    expect(rows).toHaveLength(5001);
    expect(rows[5000]).toEqual(['005000', '10004999', 'Persona 5000', '10/03/2026', '09:00']);
  });

  it('reads a truncated page up to where it stops', () => {
    const full = '<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr><tr><td>e</td><td class="x';
    expect(parseHtmlTable(full)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', null],
    ]);
    expect(parseHtmlTable('<table><tr><td>a<td>b<tr><td>c<td>d <!-- sin cerrar <td>e')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parseHtmlTable('<table><tr><td>a<td>b<tr><td>c<td>d<script>nunca termina <td>e')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('refuses a page without a table, with a Spanish message', () => {
    expect(() => parseHtmlTable('<html><body><p>Sesión expirada</p></body></html>')).toThrow(XlsxFormatError);
    expect(() => parseHtmlTable('<html><body><p>Sesión expirada</p></body></html>')).toThrow(/página web.*ninguna tabla/);
    expect(() => parseHtmlTable('')).toThrow(XlsxFormatError);
    expect(() => parseHtmlTable('<table></table>')).toThrow(XlsxFormatError);
  });

  it('does not hang or crash on pathological markup', () => {
    const garbage = [
      '<'.repeat(100_000),
      '<table' + ' a='.repeat(20_000),
      '<table><tr><td>' + '&'.repeat(50_000) + '&#'.repeat(20_000),
      '<table><tr><td>' + '\u00a0'.repeat(50_000) + 'x' + ' '.repeat(50_000),
      '<table>' + '<td>'.repeat(20_000),
      '</td></tr></table>'.repeat(5_000),
      '<table><tr><td>x'.repeat(30_000), // deep nesting: each level's text must not be copied into every parent
      '<table><tr><td>x'.repeat(2_000) + '</td></tr></table>'.repeat(2_000),
      '\u0000\u0001\u00ff<<>>&&;;</>',
    ];
    for (const g of garbage) {
      try {
        const rows = parseHtmlTable(g);
        expect(Array.isArray(rows)).toBe(true);
      } catch (e) {
        expect(e).toBeInstanceOf(XlsxFormatError);
      }
    }
  });

  it('refuses spans that would make an absurdly wide sheet, without building it', () => {
    const row = '<tr>' + '<td colspan=1000></td>'.repeat(17) + '<td>x</td></tr>';
    expect(() => parseHtmlTable(`<table>${row}${row}</table>`)).toThrow(XlsxFormatError);
    // Wide but legal rows, many times over: refused by the size limit, not allocated.
    const wide = '<tr>' + '<td colspan=1000></td>'.repeat(15) + '<td>x</td><td>y</td></tr>';
    expect(() => parseHtmlTable(`<table>${wide.repeat(200)}</table>`)).toThrow(/demasiado grande/);
  });
});
