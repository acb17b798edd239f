/**
 * The pure rules of Ley 29733's rights in "Atenciones Virtuales": the DNI a consultant types, the
 * export a citizen receives (and opens in Excel), the retention cut-off in Lima time, how one
 * person is recognised and removed from free text, and the correction's validation.
 */
import { limaDate, limaDateAt } from '../../src/domain/lima-time';
import { DELETED_NAME, REDACTED } from '../../src/domain/messages/personal-data';
import {
  anonymisedAppointmentFields,
  anonymousAppointmentId,
  buildPersonCsv,
  cellText,
  checkCorrection,
  csvCell,
  exportFileName,
  isAnonymisedAppointment,
  isPeruLandline,
  mentionsAnyId,
  parseDniInput,
  personMatcher,
  replaceIds,
  retentionCutoff,
} from '../../src/domain/personal-data';
import { FORMATS } from '../../src/domain/schema';

describe('the DNI a consultant types', () => {
  test.each([
    ['01234567', '01234567'],
    [' 0123 4567 ', '01234567'],
    ['01.234.567', '01234567'],
    [1234567, '01234567'], // a cell that lost its leading zero
    [45678912, '45678912'],
  ])('%j is the DNI %s', (typed, dni) => {
    expect(parseDniInput(typed)).toEqual({ ok: true, dni });
  });

  test.each([['0123456A'], ['1234567'], ['123456789'], ['=1+1'], ['00000000'], [12.5]])('%j is refused, saying what a DNI is', (typed) => {
    const r = parseDniInput(typed);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/no es un DNI válido: escriba los 8 dígitos.*No se buscó nada\./);
  });

  test('nothing typed, or something that is not text, asks for the DNI', () => {
    for (const typed of ['', '   ', null, undefined]) expect(parseDniInput(typed)).toEqual({ ok: false, message: 'Escriba el DNI de la persona (8 dígitos) o, para invitaciones y bajas de difusión, su correo. No se buscó nada.' });
    expect(parseDniInput({ dni: '01234567' }).ok).toBe(false);
  });

  test('a long hostile value is cut in the message', () => {
    const r = parseDniInput('x'.repeat(500));
    expect(!r.ok && r.message.length).toBeLessThan(200);
  });
});

describe('the export opened in a spreadsheet runs nothing', () => {
  test.each([
    ['=HYPERLINK("http://x","clic")', `"'=HYPERLINK(""http://x"",""clic"")"`],
    ['+51 987654321', "'+51 987654321"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', `"'\tcmd"`],
    ['\r\n=1', `"'\r\n'=1"`],
    ['Ñahui;=2+3', `"Ñahui;'=2+3"`],
    ['María José Ñahui', 'María José Ñahui'],
    ['Pérez, Ana', '"Pérez, Ana"'],
  ])('%j is written %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  test('header Origen, ID, Campo, Valor; one line per field; CRLF after each line', () => {
    const csv = buildPersonCsv([
      { source: 'Citas', id: 'AV-1', field: 'Nombres y apellidos', value: '=cmd|"/c calc"!A1' },
      { source: 'Citas', id: 'AV-1', field: 'DNI', value: '01234567' },
    ]);
    expect(csv).toBe('Origen,ID,Campo,Valor\r\nCitas,AV-1,Nombres y apellidos,"\'=cmd|""/c calc""!A1"\r\nCitas,AV-1,DNI,01234567\r\n');
  });

  /**
   * How a spreadsheet splits a line on `sep` the way Excel does: a quote is special only at the
   * start of a field (a comma file opened where the list separator is ';' — Excel in Spanish).
   */
  function excelCells(csv: string, sep: string): string[] {
    const cells: string[] = [];
    let i = 0;
    while (i <= csv.length) {
      let cell = '';
      if (csv[i] === '"') {
        i++;
        for (; i < csv.length; i++) {
          if (csv[i] === '"' && csv[i + 1] === '"') { cell += '"'; i++; }
          else if (csv[i] === '"') { i++; break; }
          else cell += csv[i];
        }
      }
      while (i < csv.length && csv[i] !== sep && csv[i] !== '\r' && csv[i] !== '\n') cell += csv[i++];
      cells.push(cell);
      i++;
    }
    return cells;
  }

  test.each([
    ['Ñahui;=2+3'],
    ['Ñahui\t=2+3'],
    ['Ñahui;+51 987654321'],
    ['nota\r\n=1+1'],
    ['a, b;@SUM(A1);-3'],
  ])('%j runs nothing whether the file is split on commas, semicolons or tabs', (value) => {
    const csv = buildPersonCsv([{ source: 'Citas', id: '=1+1', field: 'Nombres y apellidos', value }]);
    for (const sep of [',', ';', '\t']) {
      for (const cell of excelCells(csv, sep)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
    // Read with the comma, the value is one cell, quoted.
    expect(csvCell(value).startsWith('"')).toBe(true);
  });

  test('the file is named by DNI and the Lima day (23:30 in Lima is already tomorrow in UTC)', () => {
    expect(exportFileName('01234567', limaDateAt('2026-11-27', 23, 30))).toBe('datos-personales-01234567-2026-11-27.csv');
  });

  test('cells read as a person sees them: Lima dates, times of day, Sí/No', () => {
    const d = limaDateAt('2026-11-27', 9, 5);
    expect(cellText(d, { type: 'datetime', format: FORMATS.dateTime })).toBe('27/11/2026 09:05');
    expect(cellText(limaDate(2026, 11, 27), { type: 'date', format: FORMATS.date })).toBe('27/11/2026');
    expect(cellText(d, { type: 'datetime', format: FORMATS.timeOfDay })).toBe('09:05');
    expect(cellText(true)).toBe('Sí');
    expect(cellText(4.5)).toBe('4.5');
  });
});

describe('the retention cut-off, in Lima time', () => {
  test('24 months before today, at Lima midnight', () => {
    expect(retentionCutoff(limaDateAt('2026-11-27', 20), 24)).toEqual(limaDate(2024, 11, 27));
  });
  test('the 31st falls back to the last day of a shorter month', () => {
    expect(retentionCutoff(limaDateAt('2026-05-31', 20), 3)).toEqual(limaDate(2026, 2, 28));
    expect(retentionCutoff(limaDateAt('2028-05-31', 20), 3)).toEqual(limaDate(2028, 2, 29));
  });
  test('across the year', () => {
    expect(retentionCutoff(limaDateAt('2026-01-15', 20), 1)).toEqual(limaDate(2025, 12, 15));
    expect(retentionCutoff(limaDateAt('2026-01-15', 20), 13)).toEqual(limaDate(2024, 12, 15));
  });
  test("the Lima day counts, not UTC's: 21:00 of 30 November in Lima is 1 December in UTC", () => {
    const now = new Date('2026-12-01T02:00:00Z');
    expect(retentionCutoff(now, 1)).toEqual(limaDate(2026, 10, 30));
  });
  test('zero or a fraction of months is not a retention period', () => {
    expect(() => retentionCutoff(new Date(), 0)).toThrow(RangeError);
    expect(() => retentionCutoff(new Date(), 1.5)).toThrow(RangeError);
  });
});

describe('one person inside free text', () => {
  const m = personMatcher({ dni: '01234567', emails: ['Maria.Nahui@Gmail.com'], phones: ['+51 987654321'], names: ['María José Ñahui Huamán'] });

  test('the DNI, as typed with spaces or dots, or without its leading zero', () => {
    expect(m.identifies('Fila 12: DNI 01234567 repetido')).toBe(true);
    expect(m.identifies('documento 0123 4567')).toBe(true);
    expect(m.identifies('documento 01.234.567')).toBe(true);
    expect(m.identifies('Excel escribió 1234567')).toBe(true);
    expect(m.identifies('P-20261127-1100-01234567')).toBe(true);
  });

  test('not inside a longer number', () => {
    expect(m.identifies('código 101234567')).toBe(false);
    expect(m.identifies('012345678')).toBe(false);
  });

  test('the email, whatever its case, but not a longer address', () => {
    expect(m.identifies('Enviado a maria.nahui@gmail.com.')).toBe(true);
    expect(m.identifies('Enviado a xmaria.nahui@gmail.com')).toBe(false);
    expect(m.identifies('Enviado a maria.nahui@gmail.com.pe')).toBe(false);
  });

  test('a name or a phone alone does not identify (another person may share them) but is redacted', () => {
    expect(m.identifies('María José Ñahui Huamán')).toBe(false);
    expect(m.redact('Cita de Maria Jose Nahui Huaman (maria.nahui@gmail.com, 987 654 321, DNI 01234567) sin cerrar')).toBe(
      `Cita de ${REDACTED} (${REDACTED}, ${REDACTED}, DNI ${REDACTED}) sin cerrar`,
    );
    expect(m.redact('Llamar al +51 987-654-321')).toBe(`Llamar al ${REDACTED}`);
  });

  test('a name is found as whole words only', () => {
    const ana = personMatcher({ dni: '45678912', emails: [], phones: [], names: ['Ana Rojas'] });
    expect(ana.redact('Ana Rojas y Anabel Rojas; ANA  ROJAS')).toBe(`${REDACTED} y Anabel Rojas; ${REDACTED}`);
    expect(ana.redact("D'Onofrio")).toBe("D'Onofrio");
  });

  test('the deletion marker and one-letter names are never looked for', () => {
    const p = personMatcher({ dni: '45678912', emails: [], phones: [], names: [DELETED_NAME, 'A'] });
    expect(p.redact(`${DELETED_NAME} A`)).toBe(`${DELETED_NAME} A`);
  });

  test('IDs are found as whole words and renamed', () => {
    const ids = new Set(['AV-000123']);
    expect(mentionsAnyId('Encuesta de la cita AV-000123.', ids)).toBe(true);
    expect(mentionsAnyId('cita AV-0001234', ids)).toBe(false);
    expect(replaceIds('P-1-01234567|2026-11-27T14:00:00.000Z', new Map([['P-1-01234567', 'P-1-ANON']]))).toBe('P-1-ANON|2026-11-27T14:00:00.000Z');
  });
});

describe('an anonymised appointment', () => {
  const now = limaDateAt('2026-11-27', 10);

  test('keeps nothing that identifies the person, and says when', () => {
    const f = anonymisedAppointmentFields({ topic: 'Financiamiento', abandonReason: '' }, 'Datos personales eliminados el 27/11/2026.', now);
    expect(f).toEqual({
      documentType: '',
      dni: '',
      fullName: DELETED_NAME,
      email: '',
      phone: '',
      notes: '',
      observations: 'Datos personales eliminados el 27/11/2026.',
      meetUrl: '',
      updatedAt: now,
    });
    expect(isAnonymisedAppointment({ fullName: DELETED_NAME, dni: '' })).toBe(true);
    expect(isAnonymisedAppointment({ fullName: DELETED_NAME, dni: '01234567' })).toBe(false);
  });

  test('a topic or reason typed as free text goes too; one from the list stays for the statistics', () => {
    const f = anonymisedAppointmentFields({ topic: 'Quiere vender la casa de su tía en Surco', abandonReason: 'No se conectó a la videollamada' }, '', now);
    expect(f.topic).toBe('');
    expect('abandonReason' in f).toBe(false);
  });

  test("a walk-in's ID made of the DNI gets one without it, never taken twice", () => {
    expect(anonymousAppointmentId('AV-000123', '01234567', new Set())).toBe('AV-000123');
    expect(anonymousAppointmentId('P-20261128-0930-01234567', '01234567', new Set())).toBe('P-20261128-0930-ANON');
    expect(anonymousAppointmentId('P-20261128-0930-01234567', '01234567', new Set(['P-20261128-0930-ANON']))).toBe('P-20261128-0930-ANON-2');
  });
});

describe('a correction', () => {
  test('mobile normalised, email tidied, name cleaned', () => {
    expect(checkCorrection({ fullName: '  María   José\u200b Ñahui ', email: ' Maria@GMAIL.com ', phone: '987 654 321' })).toEqual({
      ok: true,
      fields: { fullName: 'María José Ñahui', email: 'Maria@gmail.com', phone: '+51 987654321' },
    });
  });

  test('a landline is kept as typed; email and phone may be cleared; absent fields stay unchanged', () => {
    expect(checkCorrection({ phone: '(01) 456-7890', email: '' })).toEqual({ ok: true, fields: { phone: '(01) 456-7890', email: '' } });
    expect(isPeruLandline('044 123456')).toBe(true);
    expect(isPeruLandline('+51 1 4567890')).toBe(true);
    expect(isPeruLandline('12345')).toBe(false);
  });

  test('every wrong value is named, and nothing is accepted', () => {
    const r = checkCorrection({ fullName: '   ', email: 'ana@', phone: '12' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toMatch(/^No se corrigió nada: /);
      expect(r.message).toContain('Escriba los nombres y apellidos de la persona.');
      expect(r.message).toContain('«ana@» no es un correo válido');
      expect(r.message).toContain('«12» no es un celular peruano');
    }
  });

  test('a name without letters or too long is refused', () => {
    expect(checkCorrection({ fullName: '12345' })).toMatchObject({ ok: false });
    expect(checkCorrection({ fullName: 'a'.repeat(201) })).toMatchObject({ ok: false });
  });

  test('the name follows the one rule of the import and the walk-in: markup and a formula after a letter are refused too', () => {
    for (const fullName of ['<b>Ana</b>', 'Ana;=2+3', 'Ana =1+1']) {
      const r = checkCorrection({ fullName });
      expect(r).toMatchObject({ ok: false });
      expect(!r.ok && r.message).toContain('Los nombres y apellidos deben empezar con una letra y no pueden tener números ni signos como «=», «+», «@», «<» o «;».');
    }
    expect(checkCorrection({ fullName: '  Lucía   D’Onofrio ' })).toEqual({ ok: true, fields: { fullName: 'Lucía D’Onofrio' } });
  });

  test('nothing to correct, or not an object at all', () => {
    const empty = { ok: false, message: 'Indique al menos un dato a corregir: nombres y apellidos, correo o celular.' };
    expect(checkCorrection({})).toEqual(empty);
    expect(checkCorrection(null)).toEqual(empty);
    expect(checkCorrection('Ana')).toEqual(empty);
  });
});
