/**
 * The schema is the single source of truth for both spreadsheets: these tests pin what a
 * consultant will see (tab names, Spanish headers, dropdowns) and the rules that keep data safe
 * (IDs as text, columns found by header).
 */
import { APPOINTMENT_STATUSES } from '../../src/domain/appointment';
import { DEFAULT_HEADER_ALIASES, REPORT_FIELDS } from '../../src/domain/import/report';
import { REBOOK_URL } from '../../src/domain/messages/email-layout';
import {
  APPOINTMENTS_TAB,
  columnIndex,
  FORMATS,
  headerKey,
  MODULES_TAB,
  resolveColumns,
  ROLES,
  SETTINGS,
  settingsForRole,
  TABS,
  tabsForRole,
} from '../../src/domain/schema';

describe('tabs per role', () => {
  test('"Atenciones Virtuales" gets the register, review, settings and audit tabs', () => {
    expect(tabsForRole('atenciones').map((t) => t.name)).toEqual(['Citas', 'Revisión', 'Configuración', 'Equipo', 'Registro de auditoría']);
  });

  test('"Programación Talleres Masivos" gets the workshop tabs plus review, settings and audit', () => {
    expect(tabsForRole('talleres').map((t) => t.name)).toEqual([
      'Programación anual',
      'Módulos',
      'Sesiones',
      'Inscripciones',
      'Asistencia',
      'Envíos de sesiones',
      'Encuestas de talleres',
      'Certificados',
      'Solicitudes externas',
      'Invitaciones',
      'Bajas de difusión',
      'Enlaces usados',
      'Revisión',
      'Configuración',
      'Equipo',
      'Registro de auditoría',
    ]);
  });

  test.each(ROLES)('tab names of %s are distinct even ignoring case and accents', (role) => {
    const keys = tabsForRole(role).map((t) => headerKey(t.name));
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe.each(TABS.map((t) => [t.name, t] as const))('tab %s', (_name, t) => {
  test('column keys are unique and no two columns share a header or alias', () => {
    expect(new Set(t.columns.map((c) => c.key)).size).toBe(t.columns.length);
    const texts = t.columns.flatMap((c) => [c.header, ...(c.aliases ?? [])]).map(headerKey);
    expect(new Set(texts).size).toBe(texts.length);
    expect(texts).not.toContain('');
  });

  test('the ID column exists, is an ID and is stored as text', () => {
    if (t.idKey === null) {
      expect(t.appendOnly).toBe(true);
      return;
    }
    const id = t.columns.find((c) => c.key === t.idKey);
    expect(id).toBeDefined();
    expect(id!.type).toBe('id');
    expect(id!.format).toBe('@');
  });

  test('IDs, DNI and phones are text; dates have Peruvian date formats; dropdowns have values', () => {
    for (const c of t.columns) {
      if (c.type === 'id' || c.type === 'phone' || c.type === 'email' || c.type === 'text') expect([c.key, c.format]).toEqual([c.key, FORMATS.text]);
      if (c.type === 'date') expect(c.format).toBe('dd/mm/yyyy');
      if (c.type === 'datetime') expect(c.format).toMatch(/^(dd\/mm\/yyyy )?hh:mm(:ss)?$/);
      if (c.type === 'status') {
        expect(c.values && c.values.length).toBeGreaterThan(0);
        expect(c.strict).toBe(true);
      }
      if (c.type === 'bool') expect(c.format).toBeUndefined();
    }
  });
});

describe('Citas (the register of one-to-one attentions)', () => {
  const headers = APPOINTMENTS_TAB.columns.map((c) => c.header);

  test('has every column the procedure needs, in Spanish', () => {
    expect(headers).toEqual(
      expect.arrayContaining([
        'ID de cita', 'Código plataforma', 'Tipo doc.', 'DNI', 'Nombres y apellidos', 'Correo', 'Celular', 'Fecha', 'Hora',
        'Inicio', 'Consultor', 'Servicio', 'Estado', 'Tema de consulta', 'Notas', 'Observaciones', 'Motivo de abandono',
        'Hora de inicio', 'Hora de fin', 'Duración (min)', 'Recordatorio', 'Recordatorio enviado', 'ID evento',
        'Enlace Meet', 'Aviso extranet', 'Encuesta', 'Encuesta enviada', 'Encuesta respondida', 'Puntaje encuesta',
        'Correo abandono', 'Invitación talleres', 'Origen', 'Importado', 'Actualizado',
      ]),
    );
  });

  test('the status dropdown offers exactly the appointment states', () => {
    const status = APPOINTMENTS_TAB.columns.find((c) => c.key === 'status')!;
    expect(status.values).toEqual(APPOINTMENT_STATUSES);
    expect(status.values).toEqual(['Programada', 'En atención', 'Atendida', 'Abandonada', 'Cancelada']);
  });

  test('email progress columns know the send protocol states and belong to the system', () => {
    for (const key of ['reminderStatus', 'surveyStatus', 'abandonmentEmail'] as const) {
      const col = APPOINTMENTS_TAB.columns.find((c) => c.key === key)!;
      expect(col.values).toEqual(expect.arrayContaining(['enviando', 'enviado']));
      expect(col.system).toBe(true);
    }
  });

  test('"Aviso extranet" is a checkbox a person ticks', () => {
    const col = APPOINTMENTS_TAB.columns.find((c) => c.key === 'extranetNotified')!;
    expect(col.type).toBe('bool');
    expect(col.system).toBe(false);
  });
});

test('Módulos has what "Invitar a talleres" (A05) reads: module, state, dates, link, places', () => {
  const headers = MODULES_TAB.columns.map((c) => c.header);
  expect(headers).toEqual(expect.arrayContaining(['Módulo', 'Estado', 'Fechas', 'Enlace de inscripción', 'Cupos']));
  expect(MODULES_TAB.columns.find((c) => c.key === 'status')!.values).toEqual(['Borrador', 'Inscripción abierta', 'En curso', 'Cerrado']);
});

describe('finding columns by header', () => {
  test('ignores case, accents, spaces and punctuation', () => {
    const headers = ['ID DE CITA', 'duracion min', 'Estado '];
    expect(columnIndex(headers, 'Duración (min)')).toBe(1);
    expect(columnIndex(headers, APPOINTMENTS_TAB.columns[0])).toBe(0);
    expect(columnIndex(headers, 'estado')).toBe(2);
    expect(columnIndex(headers, 'Correo')).toBe(-1);
  });

  test('an empty header never matches', () => {
    expect(columnIndex(['', 'DNI'], '')).toBe(-1);
  });

  test('columns a person moved or added are found where they are', () => {
    const headers = ['Mi columna', 'Estado', 'DNI', 'ID de cita', 'Correo electrónico'];
    const { index, missing } = resolveColumns(APPOINTMENTS_TAB, headers);
    expect(index.status).toBe(1);
    expect(index.dni).toBe(2);
    expect(index.id).toBe(3);
    expect(index.email).toBe(4); // by its alias
    expect(index.phone).toBe(-1);
    expect(missing.map((c) => c.header)).toContain('Celular');
    expect(missing.map((c) => c.header)).not.toContain('Correo');
  });

  test('a column under its own header wins over one under an alias', () => {
    // 'Código' is an alias of 'Código plataforma': when both exist, the real one is used.
    expect(resolveColumns(APPOINTMENTS_TAB, ['Código', 'Código plataforma']).index.platformCode).toBe(1);
    expect(resolveColumns(APPOINTMENTS_TAB, ['Código', 'DNI']).index.platformCode).toBe(0);
  });
});

describe('settings rows', () => {
  const byKey = (k: string) => SETTINGS.find((s) => s.key === k)!;

  test('defaults follow the procedure and the service', () => {
    expect(byKey('reminderHour').defaultValue).toBe('18');
    expect(byKey('closingHour').defaultValue).toBe('20');
    expect(byKey('toleranceMinutes').defaultValue).toBe('5');
    expect(byKey('standardMinutes').defaultValue).toBe('35');
    expect(byKey('rebookUrl').defaultValue).toBe(REBOOK_URL);
    expect(REBOOK_URL).toBe('https://serviciosvirtuales.trabajo.gob.pe/extra-net/web/citas');
  });

  test('one alias row per report field, filled from the import module', () => {
    for (const f of REPORT_FIELDS) {
      const s = byKey(`headerAliases.${f}`);
      expect(s.defaultValue.split(' | ')).toEqual(DEFAULT_HEADER_ALIASES[f]);
      expect(s.roles).toEqual(['atenciones']);
    }
  });

  test.each(ROLES)('parameter names of %s are distinct ignoring case and accents', (role) => {
    const names = settingsForRole(role).map((s) => headerKey(s.name));
    expect(new Set(names).size).toBe(names.length);
  });

  test('the workshops spreadsheet only gets the settings it uses', () => {
    expect(settingsForRole('talleres').map((s) => s.key)).toEqual(['siblingId', 'subDirectorEmail', 'directionEmail', 'webAppUrl', 'registrationFormId', 'registrationFormUrl',
      'accessLinkHour', 'accessLinkSecondMinutes', 'checkinBeforeMinutes', 'checkinAfterMinutes', 'meetMinMinutes',
      'workshopSurveyDelayMinutes', 'presentationMinutes', 'silnetColumns',
      'checkinFormId', 'checkinFormUrl', 'workshopSurveyFormId', 'workshopSurveyFormUrl',
      'certificateTemplateId', 'certificateTemplateUrl', 'directionReportEmail',
      'externalRequestFormId', 'externalRequestFormUrl', 'externalCapacityMarginPercent']);
  });
});
