/**
 * The 'Configuración' tab read as settings: what a consultant types is understood leniently, a
 * value that cannot be used falls back to its default with a Spanish explanation, and setup adds
 * missing rows without ever overwriting what a person set.
 */
import { parseAliases, parseSettings, planSettingRows } from '../../src/app/settings';
import { DEFAULT_HEADER_ALIASES } from '../../src/domain/import/report';

describe('reading settings', () => {
  test('an empty tab gives the defaults and no complaints', () => {
    const { settings, problems } = parseSettings([]);
    expect(settings).toMatchObject({ reminderHour: 18, closingHour: 20, toleranceMinutes: 5, standardMinutes: 35 });
    expect(settings.rebookUrl).toBe('https://serviciosvirtuales.trabajo.gob.pe/extra-net/web/citas');
    expect(settings.headerAliases.dni).toEqual(DEFAULT_HEADER_ALIASES.dni);
    expect(settings.consultants).toEqual([]);
    expect(problems).toEqual([]);
  });

  test('the booking link in emails is https: a sheet set up with the old http:// default is read as https://', () => {
    const old = parseSettings([{ name: 'Enlace para reservar cita', value: 'http://serviciosvirtuales.trabajo.gob.pe/extra-net/web/citas' }]);
    expect(old.settings.rebookUrl).toBe('https://serviciosvirtuales.trabajo.gob.pe/extra-net/web/citas');
    expect(old.problems).toEqual([]);
    // Another address the office chose is kept as written.
    expect(parseSettings([{ name: 'Enlace para reservar cita', value: 'http://citas.example.pe/x' }]).settings.rebookUrl).toBe('http://citas.example.pe/x');
  });

  test('hours written as a person would are understood; names match without accents or case', () => {
    const { settings, problems } = parseSettings([
      { name: 'hora de recordatorios', value: '17:00' },
      { name: 'HORA DE CIERRE DEL DIA', value: 19 },
      { name: 'Tolerancia (minutos)', value: '10 min' },
    ]);
    expect(settings.reminderHour).toBe(17);
    expect(settings.closingHour).toBe(19);
    expect(settings.toleranceMinutes).toBe(10);
    expect(problems).toEqual([]);
  });

  test('an unusable value falls back to its default and the consultant is told which one', () => {
    const { settings, problems } = parseSettings([
      { name: 'Hora de recordatorios', value: '25' },
      { name: 'Enlace para reservar cita', value: 'serviciosvirtuales' },
    ]);
    expect(settings.reminderHour).toBe(18);
    expect(problems[0]).toBe('El valor «25» de «Hora de recordatorios» no es válido; se usa «18». Corríjalo en la pestaña «Configuración».');
    expect(problems[1]).toMatch(/«Enlace para reservar cita»/);
  });

  test('header aliases: pipes, or commas when there is no pipe', () => {
    expect(parseAliases('DNI | N° Documento |  ')).toEqual(['DNI', 'N° Documento']);
    expect(parseAliases('DNI, Documento')).toEqual(['DNI', 'Documento']);
    const { settings } = parseSettings([{ name: 'Encabezados: Celular', value: 'Celular | WhatsApp' }]);
    expect(settings.headerAliases.phone).toEqual(['Celular', 'WhatsApp']);
  });

  test('consultant rows map an email to the name used in the platform report', () => {
    const { settings } = parseSettings([
      { name: 'Consultor: Ana.Quispe@trabajo.gob.pe', value: 'Ana Quispe Mamani' },
      { name: 'Consultor: no es un correo', value: 'X' },
      { name: 'consultor: luis@trabajo.gob.pe', value: '' },
    ]);
    expect(settings.consultants).toEqual([
      { email: 'ana.quispe@trabajo.gob.pe', name: 'Ana Quispe Mamani' },
      { email: 'luis@trabajo.gob.pe', name: '' },
    ]);
  });
});

describe('rows setup adds', () => {
  const rows = (pairs: [string, string][]) => pairs.map(([name, value]) => ({ id: name, record: { name, value } }));

  test('a new attentions spreadsheet gets every parameter with its default, and no consultant row (the team lives in «Equipo»)', () => {
    const plan = planSettingRows([], 'atenciones', { siblingId: '1abcdefghijklmnopqrstuvwxyz' }, 'ana@trabajo.gob.pe');
    const names = plan.append.map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['Hora de recordatorios', 'Hora de cierre del día', 'ID de la hoja hermana', 'Encabezados: DNI / N° de documento']));
    expect(names.some((n) => String(n).startsWith('Consultor:'))).toBe(false);
    expect(plan.append.find((r) => r.name === 'ID de la hoja hermana')!.value).toBe('1abcdefghijklmnopqrstuvwxyz');
    expect(plan.append.find((r) => r.name === 'Hora de recordatorios')!.description).toMatch(/Hora de Lima/);
  });

  test("a value a person changed is never overwritten; only missing rows are added", () => {
    const plan = planSettingRows(rows([['Hora de recordatorios', '16'], ['Consultor: ana@trabajo.gob.pe', 'Ana']]), 'atenciones', {}, 'luis@trabajo.gob.pe');
    expect(plan.append.map((r) => r.name)).not.toContain('Hora de recordatorios');
    expect(plan.update).toEqual([]);
    expect(plan.append.map((r) => r.name)).not.toContain('Consultor: luis@trabajo.gob.pe');
  });

  test('the sibling mirror row follows the recorded sibling', () => {
    const plan = planSettingRows(rows([['ID de la hoja hermana', 'old-id']]), 'talleres', { siblingId: 'new-id' }, '');
    expect(plan.update).toEqual([{ id: 'ID de la hoja hermana', fields: { value: 'new-id' } }]);
    // Talleres' own rows (B03, B04) are added empty; the sibling row is not added again.
    expect(plan.appendedNames).toEqual([
      'Correo de la Sub Dirección',
      'Correo de la Dirección (banners)',
      'Enlace de la aplicación web',
      'Formulario de inscripción (ID)',
      'Formulario de inscripción (enlace)',
      'Hora del enlace de acceso a talleres',
      'Segundo aviso antes de la sesión (minutos)',
      'Asistencia: minutos antes del inicio',
      'Asistencia: minutos después del fin',
      'Minutos mínimos en Meet para contar asistencia',
      'Encuesta de talleres: minutos después del fin',
      'Minutos por presentación (cierre)',
      'Columnas de carga a Silnet',
      'Formulario de asistencia (ID)',
      'Formulario de asistencia (enlace)',
      'Encuesta de talleres (ID)',
      'Encuesta de talleres (enlace)',
      'Plantilla de certificado (ID)',
      'Plantilla de certificado (enlace)',
      'Correo de la Dirección (informe del módulo)',
      'Formulario de solicitudes externas (ID)',
      'Formulario de solicitudes externas (enlace)',
      'Margen de cupos en talleres externos (%)',
    ]);
  });
});

describe('percent settings (issue 14: the external workshops capacity margin)', () => {
  const margin = (value: unknown) => parseSettings([{ name: 'Margen de cupos en talleres externos (%)', value }]);
  it.each([
    ['35', 35],
    ['35 %', 35],
    ['0', 0],
    [50, 50],
    ['', 20],
  ])('reads %p as %p', (raw, expected) => {
    const r = margin(raw);
    expect(r.settings.externalCapacityMarginPercent).toBe(expected);
    expect(r.problems).toEqual([]);
  });
  it.each(['-5', '12.5', '300', 'mucho', '=1+1'])('falls back to 20 and says so for %p', (raw) => {
    const r = margin(raw);
    expect(r.settings.externalCapacityMarginPercent).toBe(20);
    expect(r.problems).toHaveLength(1);
  });
});
