import { sheetJsWorkbook } from './sheetjs-workbook';
import * as XLSX from 'xlsx';
import { looksLikeFlatOds, parseOds, parseOdsXml } from '../../../src/domain/import/ods';
import { DEFAULT_HEADER_ALIASES, parseReport } from '../../../src/domain/import/report';
import { excelSerialToDate, XlsxFormatError } from '../../../src/domain/import/xlsx';
import { limaDate } from '../../../src/domain/lima-time';
import { readZipEntries } from '../../support/xlsx-writer';
import { NOW } from './report-fixtures';

const NAMESPACES =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" ' +
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" ' +
  'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xlink="http://www.w3.org/1999/xlink" ' +
  'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"';

/** content.xml around the given rows, as LibreOffice Calc writes it (one line, columns and styles first). */
function contentXml(rows: string, extraTable = ''): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content ${NAMESPACES} office:version="1.3">` +
    '<office:scripts/><office:font-face-decls><style:font-face style:name="Liberation Sans" svg:font-family="&apos;Liberation Sans&apos;"/></office:font-face-decls>' +
    '<office:automatic-styles><style:style style:name="co1" style:family="table-column"/><style:style style:name="ro1" style:family="table-row"/></office:automatic-styles>' +
    '<office:body><office:spreadsheet><table:calculation-settings table:automatic-find-labels="false"/>' +
    '<table:table table:name="Citas" table:style-name="ta1">' +
    '<table:table-column table:style-name="co1" table:number-columns-repeated="9" table:default-cell-style-name="Default"/>' +
    '<table:table-column table:style-name="co1" table:number-columns-repeated="16375" table:default-cell-style-name="Default"/>' +
    rows +
    '</table:table>' +
    extraTable +
    '<table:named-expressions/></office:spreadsheet></office:body></office:document-content>'
  );
}

const s = (text: string) => `<table:table-cell office:value-type="string" calcext:value-type="string"><text:p>${text}</text:p></table:table-cell>`;
const EMPTY_TO_END = (from: number) => `<table:table-cell table:number-columns-repeated="${16384 - from}"/>`;

/** A report saved from LibreOffice ("Guardar como .ods"): merged title, a blank row, the header, two bookings, the sheet's empty rest. */
const LIBREOFFICE_CONTENT = contentXml(
  '<table:table-row table:style-name="ro1"><table:table-cell table:number-columns-spanned="9" table:number-rows-spanned="1" office:value-type="string" calcext:value-type="string"><text:p>Reporte de citas reservadas – Centro de Empleo Lima</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated="8"/>' +
    EMPTY_TO_END(9) +
    '</table:table-row>' +
    `<table:table-row table:style-name="ro1">${EMPTY_TO_END(0)}</table:table-row>` +
    '<table:table-header-rows><table:table-row table:style-name="ro1">' +
    ['Código de cita', 'Tipo de documento', 'N° Documento', 'Apellidos y nombres', 'Correo electrónico', 'Celular', 'Fecha de cita', 'Hora de cita', 'Asistió'].map(s).join('') +
    EMPTY_TO_END(9) +
    '</table:table-row></table:table-header-rows>' +
    '<table:table-row table:style-name="ro1">' +
    s('000101') +
    s('DNI') +
    s('01234567') +
    '<table:table-cell office:value-type="string" calcext:value-type="string"><office:annotation><dc:creator>Ana</dc:creator><text:p>revisar el nombre</text:p></office:annotation>' +
    '<text:p><text:span text:style-name="T1">ÑAHUI</text:span> HUAMÁN,<text:s/><text:s text:c="2"/>María<text:line-break/>José</text:p></table:table-cell>' +
    '<table:table-cell office:value-type="string" calcext:value-type="string"><text:p><text:a xlink:href="mailto:maria.nahui@gmail.com" xlink:type="simple">maria.nahui@gmail.com</text:a></text:p></table:table-cell>' +
    '<table:table-cell office:value-type="float" office:value="987654321" calcext:value-type="float"><text:p>987654321</text:p></table:table-cell>' +
    '<table:table-cell table:style-name="ce2" office:value-type="date" office:date-value="2026-03-10" calcext:value-type="date"><text:p>10/03/26</text:p></table:table-cell>' +
    '<table:table-cell table:style-name="ce3" office:value-type="time" office:time-value="PT09H00M00S" calcext:value-type="time"><text:p>09:00:00 AM</text:p></table:table-cell>' +
    '<table:table-cell office:value-type="boolean" office:boolean-value="true" calcext:value-type="boolean"><text:p>VERDADERO</text:p></table:table-cell>' +
    EMPTY_TO_END(9) +
    '</table:table-row>' +
    '<table:table-row table:style-name="ro1">' +
    s('000102') +
    s('DNI') +
    s('41234567') +
    '<table:table-cell office:value-type="string" calcext:value-type="string"><text:p>PEÑA CÁRDENAS,</text:p><text:p>José Ángel</text:p></table:table-cell>' +
    s('jose.pena@hotmail.com') +
    s('912 345 678') +
    '<table:table-cell table:number-rows-spanned="1" office:value-type="date" office:date-value="2026-03-10T15:30:00" calcext:value-type="date"><text:p>10/03/26 15:30</text:p></table:table-cell>' +
    '<table:table-cell table:number-columns-repeated="2"/>' +
    EMPTY_TO_END(9) +
    '</table:table-row>' +
    `<table:table-row table:style-name="ro1" table:number-rows-repeated="1048570">${EMPTY_TO_END(0)}</table:table-row>` +
    `<table:table-row table:style-name="ro1">${EMPTY_TO_END(0)}</table:table-row>`,
  '<table:table table:name="Otra"><table:table-row>' + s('no se lee') + '</table:table-row></table:table>',
);

function odsEntries(content: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    mimetype: 'application/vnd.oasis.opendocument.spreadsheet',
    'META-INF/manifest.xml':
      '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>',
    'styles.xml': `<office:document-styles ${NAMESPACES}/>`,
    'content.xml': content,
    ...extra,
  };
}

describe('parseOds on a LibreOffice file', () => {
  const rows = parseOds(odsEntries(LIBREOFFICE_CONTENT));

  it('reads the first sheet only, and never expands the sheet\'s empty rest', () => {
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.length === 9)).toBe(true);
    expect(rows.flat()).not.toContain('no se lee');
  });

  it('keeps the merged title in its top-left cell and blank rows in place', () => {
    expect(rows[0]).toEqual(['Reporte de citas reservadas – Centro de Empleo Lima', null, null, null, null, null, null, null, null]);
    expect(rows[1]).toEqual(new Array(9).fill(null));
    expect(rows[2][2]).toBe('N° Documento');
  });

  it('reads text as text (leading zeros), rich text with its spaces and line breaks, numbers, dates, times and booleans', () => {
    expect(rows[3]).toEqual([
      '000101',
      'DNI',
      '01234567',
      'ÑAHUI HUAMÁN,   María\nJosé',
      'maria.nahui@gmail.com',
      987654321,
      limaDate(2026, 3, 10),
      excelSerialToDate(9 / 24),
      true,
    ]);
    expect(rows[4]).toEqual(['000102', 'DNI', '41234567', 'PEÑA CÁRDENAS,\nJosé Ángel', 'jose.pena@hotmail.com', '912 345 678', limaDate(2026, 3, 10, 15, 30), null, null]);
  });

  it('gives rows the report importer turns into appointments at Lima time', () => {
    const result = parseReport(rows, DEFAULT_HEADER_ALIASES, { now: NOW });
    expect(result.fileProblem).toBeNull();
    expect(result.headerLine).toBe(3);
    expect(result.appointments.map((a) => [a.code, a.dni, a.start, a.phone])).toEqual([
      ['000101', '01234567', limaDate(2026, 3, 10, 9, 0), '+51 987654321'],
      ['000102', '41234567', limaDate(2026, 3, 10, 15, 30), '+51 912345678'],
    ]);
  });

  it('finds content.xml under a leading "/" or another letter case', () => {
    const { 'content.xml': content, ...rest } = odsEntries(LIBREOFFICE_CONTENT);
    expect(parseOds({ ...rest, '/content.xml': content })).toEqual(rows);
    expect(parseOds({ ...rest, 'Content.XML': content })).toEqual(rows);
  });
});

describe('cell types and repeats', () => {
  function sheet(rowsXml: string) {
    return parseOds(odsEntries(contentXml(rowsXml)));
  }

  it('copies repeated values (LibreOffice writes identical neighbours once) and keeps leading empty rows', () => {
    expect(
      sheet(
        '<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="3"/></table:table-row>' +
          '<table:table-row table:number-rows-repeated="3"><table:table-cell/><table:table-cell office:value-type="string" table:number-columns-repeated="2"><text:p>x</text:p></table:table-cell><table:table-cell table:number-columns-repeated="1021"/></table:table-row>' +
          '<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>',
      ),
    ).toEqual([
      [null, null, null],
      [null, null, null],
      [null, 'x', 'x'],
      [null, 'x', 'x'],
      [null, 'x', 'x'],
    ]);
  });

  it('reads percentages and currency as numbers, date-times and times at Lima wall-clock', () => {
    const [row] = sheet(
      '<table:table-row>' +
        '<table:table-cell office:value-type="percentage" office:value="0.15"><text:p>15%</text:p></table:table-cell>' +
        '<table:table-cell office:value-type="currency" office:currency="PEN" office:value="1250.5"><text:p>S/ 1,250.50</text:p></table:table-cell>' +
        '<table:table-cell office:value-type="date" office:date-value="2026-11-27T10:00:00"><text:p>27/11/2026 10:00</text:p></table:table-cell>' +
        '<table:table-cell office:value-type="time" office:time-value="PT15H30M00S"><text:p>15:30</text:p></table:table-cell>' +
        '<table:table-cell office:value-type="time" office:time-value="PT10H29M59.9999S"><text:p>10:30</text:p></table:table-cell>' +
        '<table:table-cell office:value-type="boolean" office:boolean-value="false"><text:p>FALSO</text:p></table:table-cell>' +
        '<table:table-cell office:value-type="float" office:value="-3"><text:p>-3</text:p></table:table-cell>' +
        '<table:table-cell><text:p>sin tipo</text:p></table:table-cell>' +
        '<table:table-cell office:value-type="string" office:string-value="valor del atributo"><text:p>otro</text:p></table:table-cell>' +
        '</table:table-row>',
    );
    expect(row).toEqual([
      0.15,
      1250.5,
      limaDate(2026, 11, 27, 10, 0),
      excelSerialToDate(15.5 / 24),
      excelSerialToDate(10.5 / 24),
      false,
      -3,
      'sin tipo',
      'valor del atributo',
    ]);
  });

  it('falls back to the text shown when a typed value cannot be read', () => {
    const [row] = sheet(
      '<table:table-row>' +
        '<table:table-cell office:value-type="float" office:value="abc"><text:p>abc</text:p></table:table-cell>' +
        '<table:table-cell office:value-type="date" office:date-value="27/11/2026"><text:p>27/11/2026</text:p></table:table-cell>' +
        '<table:table-cell office:value-type="time" office:time-value="P1Y"><text:p>un año</text:p></table:table-cell>' +
        '</table:table-row>',
    );
    expect(row).toEqual(['abc', '27/11/2026', 'un año']);
  });

  it('collapses white space like ODF, keeps text:s and tabs, and keeps markup and formulas as plain text', () => {
    const [row] = sheet(
      '<table:table-row>' +
        '<table:table-cell office:value-type="string"><text:p>\n   Ana    María  \n</text:p></table:table-cell>' +
        '<table:table-cell office:value-type="string"><text:p><text:s/>a<text:tab/>b<text:s text:c="999999999"/></text:p></table:table-cell>' +
        '<table:table-cell office:value-type="string"><text:p>=HYPERLINK("http://malo.example";"clic")</text:p></table:table-cell>' +
        '<table:table-cell office:value-type="string"><text:p>&lt;script&gt;alert(1)&lt;/script&gt;</text:p></table:table-cell>' +
        '</table:table-row>',
    );
    expect(row[0]).toBe('Ana María');
    expect(row[1]).toBe(' a\tb' + ' '.repeat(1000));
    expect(row[2]).toBe('=HYPERLINK("http://malo.example";"clic")');
    expect(row[3]).toBe('<script>alert(1)</script>');
  });

  it('leaves covered cells null even when they kept a value', () => {
    expect(
      sheet(
        '<table:table-row><table:table-cell table:number-columns-spanned="2" table:number-rows-spanned="2" office:value-type="string"><text:p>A</text:p></table:table-cell><table:covered-table-cell office:value-type="string"><text:p>oculto</text:p></table:covered-table-cell>' +
          s('B') +
          '</table:table-row><table:table-row><table:covered-table-cell table:number-columns-repeated="2"/>' +
          s('C') +
          '</table:table-row>',
      ),
    ).toEqual([
      ['A', null, 'B'],
      [null, null, 'C'],
    ]);
  });

  it('refuses absurd repeats of a value quickly, without building them', () => {
    expect(() => sheet('<table:table-row table:number-rows-repeated="1000000000">' + s('x') + '</table:table-row>')).toThrow(/fuera de los límites/);
    expect(() => sheet('<table:table-row><table:table-cell office:value-type="string" table:number-columns-repeated="1000000000"><text:p>x</text:p></table:table-cell></table:table-row>')).toThrow(/fuera de los límites/);
    expect(() =>
      sheet('<table:table-row table:number-rows-repeated="1000000"><table:table-cell office:value-type="string" table:number-columns-repeated="10"><text:p>x</text:p></table:table-cell></table:table-row>'),
    ).toThrow(/demasiado grande/);
    expect(() =>
      sheet(`<table:table-row table:number-rows-repeated="1048570">${EMPTY_TO_END(0)}</table:table-row><table:table-row table:number-rows-repeated="10">${s('x')}</table:table-row>`),
    ).toThrow(XlsxFormatError);
  });

  it('reads a 5,000-row sheet completely', () => {
    const body = Array.from(
      { length: 5000 },
      (_, i) => `<table:table-row>${s(String(i + 1).padStart(6, '0'))}<table:table-cell office:value-type="float" office:value="${i}"/>${EMPTY_TO_END(2)}</table:table-row>`,
    ).join('');
    const rows = sheet(body + `<table:table-row table:number-rows-repeated="1043576">${EMPTY_TO_END(0)}</table:table-row>`);
    expect(rows).toHaveLength(5000);
    expect(rows[4999]).toEqual(['005000', 4999]);
  });
});

describe('SheetJS .ods and .fods output', () => {
  const workbook = sheetJsWorkbook;

  it('reads a real .ods (unzipped like the importer does)', () => {
    const { wb, start } = workbook();
    const bytes = XLSX.write(wb, { type: 'buffer', bookType: 'ods' }) as Buffer;
    const rows = parseOds(readZipEntries(new Uint8Array(bytes)));
    expect(rows).toEqual([
      ['Citas', null, null, null, null],
      ['Código', 'DNI', 'Fecha y hora', 'Monto', 'Activo'],
      ['000101', '01234567', start, 12.5, true],
      ['x & <y>', 'a\nb', null, -3, false],
    ]);
  });

  it('reads a flat .fods document through parseOdsXml', () => {
    const { wb, start } = workbook();
    const xml = XLSX.write(wb, { type: 'string', bookType: 'fods' }) as string;
    expect(looksLikeFlatOds(xml)).toBe(true);
    expect(looksLikeFlatOds('<html><table>')).toBe(false);
    expect(parseOdsXml(xml)[2]).toEqual(['000101', '01234567', start, 12.5, true]);
  });
});

describe('files that are not a readable spreadsheet', () => {
  it('says what is wrong, in Spanish', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'styles.xml': '<x/>' }, /le falta su contenido/],
      [odsEntries(LIBREOFFICE_CONTENT, { mimetype: 'application/vnd.oasis.opendocument.text' }), /no una hoja de cálculo/],
      [
        odsEntries('\u0003\u00ffbinario cifrado', {
          'META-INF/manifest.xml':
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data manifest:checksum-type="SHA1/1K"/></manifest:file-entry></manifest:manifest>',
        }),
        /protegida con contraseña/,
      ],
      [odsEntries(`<office:document-content ${NAMESPACES}><office:body><office:text><text:p>Carta</text:p></office:text></office:body></office:document-content>`), /no una hoja de cálculo/],
      [odsEntries(`<office:document-content ${NAMESPACES}><office:body><office:spreadsheet/></office:body></office:document-content>`), /no tiene ninguna hoja/],
      [odsEntries(LIBREOFFICE_CONTENT.slice(0, LIBREOFFICE_CONTENT.indexOf('<table:table-row') + 9)), /dañada o incompleta/],
      [odsEntries('<<<no es xml'), /dañada o incompleta/],
      [odsEntries('<rss/>'), /dañada o incompleta/],
    ];
    for (const [entries, message] of cases) {
      expect(() => parseOds(entries)).toThrow(XlsxFormatError);
      expect(() => parseOds(entries)).toThrow(message);
    }
  });

  it('returns no rows for an empty sheet', () => {
    expect(parseOds(odsEntries(contentXml(`<table:table-row table:number-rows-repeated="1048576">${EMPTY_TO_END(0)}</table:table-row>`)))).toEqual([]);
  });
});
