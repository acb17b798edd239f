import { expectLinear } from '../../support/linear';
import { parseCsv, sniffDelimiter } from '../../../src/domain/import/csv';

describe('parseCsv', () => {
  it('reads a simple comma file with LF', () => {
    expect(parseCsv('DNI,Nombre\n01234567,María\n45879632,José\n')).toEqual([
      ['DNI', 'Nombre'],
      ['01234567', 'María'],
      ['45879632', 'José'],
    ]);
  });

  it('keeps a DNI with leading zero as text', () => {
    expect(parseCsv('DNI;Nombre\r\n01234567;Ana\r\n')[1][0]).toBe('01234567');
  });

  it('handles RFC 4180 quoting: delimiters, doubled quotes and line breaks inside quotes', () => {
    const text = 'Nombre,Comentario,Fin\r\n"Peña, José","Dijo ""urgente""\r\nsegunda línea",x\r\n';
    expect(parseCsv(text)).toEqual([
      ['Nombre', 'Comentario', 'Fin'],
      ['Peña, José', 'Dijo "urgente"\r\nsegunda línea', 'x'],
    ]);
  });

  it('accepts CRLF, LF and CR (old Mac Excel) line endings alike', () => {
    const expected = [['a', 'b'], ['1', '2'], ['3', '4']];
    expect(parseCsv('a,b\r\n1,2\r\n3,4')).toEqual(expected);
    expect(parseCsv('a,b\n1,2\n3,4\n')).toEqual(expected);
    expect(parseCsv('a,b\r1,2\r3,4\r')).toEqual(expected);
  });

  it('drops trailing empty lines and Excel ";;;;" rows but keeps blank lines in the middle', () => {
    const rows = parseCsv('a;b\r\n1;2\r\n\r\n3;4\r\n;\r\n\r\n');
    expect(rows).toEqual([['a', 'b'], ['1', '2'], [''], ['3', '4']]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(parseCsv('a,,c,\n')).toEqual([['a', '', 'c', '']]);
  });

  it('honours Excel\'s "sep=;" first line and does not return it as a row', () => {
    expect(parseCsv('sep=;\r\nNombre;Apellidos, otros\r\nAna;Peña, Díaz\r\n')).toEqual([
      ['Nombre', 'Apellidos, otros'],
      ['Ana', 'Peña, Díaz'],
    ]);
    expect(parseCsv('sep=,\nuno;dos,tres\n')).toEqual([['uno;dos', 'tres']]);
  });

  it('removes a BOM left at the start', () => {
    expect(parseCsv('\ufeffDNI;Nombre\n1;2')[0][0]).toBe('DNI');
  });

  it('keeps text after a closing quote, and reads a quote that never closes as text so later rows survive', () => {
    expect(parseCsv('"ab"c,d\n')).toEqual([['abc', 'd']]);
    expect(parseCsv('a,"sin cerrar\nsigue,2\notra,3')).toEqual([['a', '"sin cerrar'], ['sigue', '2'], ['otra', '3']]);
  });

  it('treats a quote in the middle of an unquoted field as a character', () => {
    expect(parseCsv('Juan "Pepe" Pérez,x\n')).toEqual([['Juan "Pepe" Pérez', 'x']]);
  });

  it('accepts a space before an opening quote', () => {
    expect(parseCsv('a, "b, c"\n')).toEqual([['a', 'b, c']]);
  });

  it('returns no rows for an empty file', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\r\n\r\n')).toEqual([]);
  });

  it('parses a 5,000-row report, in time linear in its size', () => {
    const header = 'Código de cita;N° Documento;Nombres;Apellidos;Correo;Celular;Fecha;Hora;Comentario';
    const report = (n: number) => {
      const lines = [header];
      for (let i = 0; i < n; i++) {
        lines.push(`${String(i).padStart(6, '0')};${String(10000000 + i)};María José;Ñahui Huamán;m${i}@gmail.com;9${String(i).padStart(8, '0')};10/03/2026;09:00;"Comentario ""largo"", con ; y\nsalto ${i}"`);
      }
      return lines.join('\r\n');
    };
    const rows = parseCsv(report(5000));
    expect(rows).toHaveLength(5001);
    expect(rows[5000][8]).toBe('Comentario "largo", con ; y\nsalto 4999');
    expect(rows[1234][0]).toBe('001233');
    const texts = new Map([250, 5000].map((n) => [n, report(n)]));
    expectLinear((n) => parseCsv(texts.get(n)!), 250, 5000);
  });
});

describe('sniffDelimiter', () => {
  it('prefers ; when the header uses it (Excel in Spanish locales)', () => {
    expect(sniffDelimiter('DNI;Nombre;Correo\n01234567;Ana;a@b.pe')).toBe(';');
  });

  it('prefers , for platform exports', () => {
    expect(sniffDelimiter('DNI,Nombre,Correo\n01234567,Ana,a@b.pe')).toBe(',');
  });

  it('ignores delimiters inside quotes', () => {
    expect(sniffDelimiter('"a,b,c,d";x;y\n"e,f,g,h";1;2')).toBe(';');
  });

  it('is not fooled by commas in unquoted addresses of a ; file, nor by a title line', () => {
    const text = [
      'Reporte de citas, Centro de Empleo',
      'DNI;Nombre;Dirección;Correo',
      '01234567;Ana;Av. Lima 123, Dpto. 4, Piso 2, Lima;a@b.pe',
      '45879632;José;Jr. Cusco 45;j@b.pe',
      '70123456;Lucía;Calle 5, Mz. B, Lt. 3, SJL;l@b.pe',
    ].join('\n');
    expect(sniffDelimiter(text)).toBe(';');
  });

  it('detects tabs (Excel "Texto Unicode")', () => {
    expect(sniffDelimiter('DNI\tNombre\tCorreo\n1\t2\t3')).toBe('\t');
  });
});
