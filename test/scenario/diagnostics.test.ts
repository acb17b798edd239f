/**
 * «Emprendimiento › Diagnóstico» with the built bundle in the emulator: the coordinator who set
 * the spreadsheet up clicks it and reads the 'Diagnóstico' tab; then, one by one, the
 * differences it exists to catch are made in the emulated Google — a sheet in another time zone,
 * an unpublished or closed survey form, a repeated trigger, a scope left unticked, little mail
 * quota, Calendar failing — and the report says so in Spanish, while everything it made for its
 * checks (a temporary sheet, a test event with Meet) is gone again.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execSync } from 'node:child_process';
import { Workspace } from '../../emulator';
import { formsStore } from '../../emulator/services/forms/store';
import { sheetsStore } from '../../emulator/services/sheets';
import { authorizationStore } from '../../emulator/services/script';

const root = path.resolve(__dirname, '../..');
const COORDINATOR = 'ana.quispe@trabajo.gob.pe';
const TAB = 'Diagnóstico';
const HEADERS = ['Comprobación', 'Resultado', 'Detalle', 'Fecha y hora'];
const CHECKS = {
  plainText: 'Texto que empieza con =, +, - o @',
  timeZones: 'Zona horaria (hoja y script)',
  meet: 'Calendar y Google Meet',
  forms: 'Formularios publicados',
  triggers: 'Activadores',
  owner: 'Dueño(a) de los activadores',
  quota: 'Cuota de correo de hoy',
  scopes: 'Permisos concedidos (OAuth)',
};

beforeAll(() => {
  if (!['Code.js', 'Sidebar.html', 'appsscript.json'].every((f) => fs.existsSync(path.join(root, 'dist', f)))) {
    execSync('npx tsx scripts/build.ts', { cwd: root, stdio: 'pipe' });
  }
});

function world(seed = 5) {
  const ws = Workspace.create({ at: '2026-11-27T09:00', user: COORDINATOR, seed });
  const atenciones = ws.createSpreadsheet('Atenciones Virtuales – Centro de Empleo');
  const talleres = ws.createSpreadsheet('Programación Talleres Masivos');
  ws.install(atenciones, { distDir: path.join(root, 'dist') });
  ws.install(talleres, { distDir: path.join(root, 'dist') });
  ws.openSpreadsheet(atenciones);
  const setup = ws.callFromSidebar(atenciones, 'setupSpreadsheet', ['atenciones', talleres]);
  expect(setup.ok ? 'ok' : setup.error).toBe('ok');
  const surveyFormId = ws.project(atenciones).documentProperties.SOE_SURVEY_FORM_ID ?? '';
  expect(surveyFormId).not.toBe('');
  return { ws, atenciones, talleres, surveyFormId };
}

type Row = Record<string, unknown>;

function diagnose(ws: Workspace, id: string, user = COORDINATOR) {
  const outcome = ws.clickMenu(id, 'Diagnóstico', user);
  const rows = ws.sheetNames(id).includes(TAB) ? (ws.readTab(id, TAB) as Row[]) : [];
  const byCheck = (check: string) => rows.filter((r) => r['Comprobación'] === check);
  const one = (check: string) => {
    const found = byCheck(check);
    expect([check, found.length]).toEqual([check, 1]);
    return { result: String(found[0]['Resultado']), detail: String(found[0]['Detalle']) };
  };
  /** The rows of a check with several (the talleres role's two forms), one per subject. */
  const all = (check: string) => byCheck(check).map((r) => ({ result: String(r['Resultado']), detail: String(r['Detalle']) }));
  /** The forms line about one form (Talleres has two: the registration form and the workshop survey, B08). */
  const form = (name: string) => {
    const found = byCheck(CHECKS.forms).filter((r) => String(r['Detalle']).includes(`«${name}»`));
    expect([name, found.length]).toEqual([name, 1]);
    return { result: String(found[0]['Resultado']), detail: String(found[0]['Detalle']) };
  };
  return { outcome, rows, one, all, form };
}

/** What a coordinator does when the report says the survey form is not published (issue 9 §3). */
function publish(ws: Workspace, formId: string) {
  const f = formsStore(ws.state).forms[formId];
  f.published = true;
  f.acceptingResponses = true;
}

describe('«Diagnóstico» on a spreadsheet just set up', () => {
  const { ws, atenciones, surveyFormId } = world();
  let run: ReturnType<typeof diagnose>;
  const sheetsBefore = ws.sheetNames(atenciones);

  beforeAll(() => {
    publish(ws, surveyFormId);
    run = diagnose(ws, atenciones);
  });

  test('the menu has the item, and the coordinator\'s click completes as a menu execution', () => {
    const items = ws.menus(atenciones)[0].items.map((i) => ('caption' in i ? i.caption : '—'));
    expect(items).toContain('Diagnóstico');
    expect(run.outcome.error).toBeUndefined();
    expect(run.outcome.record.trigger).toBe('menu');
    expect(run.outcome.value).toBe('Diagnóstico: las 8 comprobaciones salieron bien.');
  });

  test('the report tab has one row per check, all OK, each with its Lima time', () => {
    expect(ws.values(atenciones, TAB)[0]).toEqual(HEADERS);
    expect(run.rows.map((r) => r['Comprobación'])).toEqual(Object.values(CHECKS));
    for (const r of run.rows) {
      expect([r['Comprobación'], r['Resultado'], r['Detalle']]).toEqual([r['Comprobación'], 'OK', r['Detalle']]);
      expect(String(r['Fecha y hora'])).toMatch(/^27\/11\/2026 09:0\d:\d\d$/);
    }
    expect(run.one(CHECKS.plainText).detail).toContain('«=1+1», «+51987654321», «-5+3», «@mtpe», «00412345» se leyeron tal cual');
    expect(run.one(CHECKS.timeZones).detail).toBe('La hoja y el script usan America/Lima (hora de Lima).');
    expect(run.one(CHECKS.meet).detail).toMatch(/^Se creó un evento de prueba con enlace de Meet \(https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}\)/);
    expect(run.one(CHECKS.forms).detail).toBe('«Encuesta de satisfacción» está publicado y acepta respuestas de cualquier persona con el enlace.');
    expect(run.one(CHECKS.triggers).detail).toContain('el envío de recordatorios (todos los días entre las');
    expect(run.one(CHECKS.triggers).detail).toContain('la vinculación de las respuestas de la encuesta');
    expect(run.one(CHECKS.owner).detail).toBe(`Los activadores son de ${COORDINATOR} (usted).`);
    expect(run.one(CHECKS.quota).detail).toBe('Quedan 1500 destinatarios de correo para hoy.');
    expect(run.one(CHECKS.scopes).detail).toBe('Los 9 permisos que pide el proyecto están concedidos.');
  });

  test('it cleans up: no temporary sheet, no live test event, and the report is the only new tab', () => {
    expect(ws.sheetNames(atenciones)).toEqual([...sheetsBefore, TAB]);
    expect(ws.calendarEvents().filter((e) => /diagnóstico/i.test(String(e.summary ?? '')))).toEqual([]);
    const cancelled = ws.calendarEvents({ includeCancelled: true }).filter((e) => /diagnóstico/i.test(String(e.summary ?? '')));
    expect(cancelled.map((e) => e.status)).toEqual(['cancelled']);
    expect(ws.outbox()).toEqual([]); // no guest, no invitation
  });

  test('every cell of the report is text, and the action is in the audit log', () => {
    const store = sheetsStore(ws.state);
    expect(store.readValues(atenciones, TAB).flat().every((v) => typeof v === 'string')).toBe(true);
    const audit = ws.readTab(atenciones, 'Registro de auditoría') as Row[];
    expect(audit.some((r) => Object.values(r).includes('Diagnóstico ejecutado'))).toBe(true);
  });

  test('a second run replaces the report instead of adding to it, and still finds nothing wrong', () => {
    const again = diagnose(ws, atenciones);
    expect(again.rows.length).toBe(Object.keys(CHECKS).length);
    expect(ws.sheetNames(atenciones)).toEqual([...sheetsBefore, TAB]);
    expect(again.outcome.value).toBe('Diagnóstico: las 8 comprobaciones salieron bien.');
  });
});

describe('what «Diagnóstico» catches', () => {
  test('a survey form left unpublished, then closed to responses, then open only to the domain', () => {
    const { ws, atenciones, surveyFormId } = world(6);
    formsStore(ws.state).forms[surveyFormId].published = false;
    expect(diagnose(ws, atenciones).one(CHECKS.forms)).toEqual({
      result: 'Falla',
      detail: '«Encuesta de satisfacción» no está publicado: nadie puede responderlo. Ejecute «Configurar esta hoja».',
    });
    publish(ws, surveyFormId);
    formsStore(ws.state).forms[surveyFormId].acceptingResponses = false;
    expect(diagnose(ws, atenciones).one(CHECKS.forms).detail).toContain('no acepta respuestas');
    publish(ws, surveyFormId);
    formsStore(ws.state).forms[surveyFormId].requireLogin = true; // only accounts of the ministry's domain
    expect(diagnose(ws, atenciones).one(CHECKS.forms)).toEqual({
      result: 'Falla',
      detail:
        '«Encuesta de satisfacción» solo admite cuentas de su dominio: los ciudadanos no podrán responder. En su configuración, desactive la restricción a usuarios de la organización.',
    });
  });

  test('Talleres: its registration form published, then unpublished; its submit trigger deleted', () => {
    const { ws, talleres, atenciones } = world(9);
    const setUp = ws.callFromSidebar(talleres, 'setupSpreadsheet', ['talleres', atenciones]);
    expect(setUp.ok ? 'ok' : setUp.error).toBe('ok');
    ws.openSpreadsheet(talleres);
    // Its four forms: the registration form (B05), the check-in form «Formato de asistencia» (B09),
    // the workshop survey (B08) and the institutions' request form (C01).
    expect(diagnose(ws, talleres).all(CHECKS.forms).map((r) => r.detail)).toEqual([
      '«Formulario de inscripción a los talleres» está publicado y acepta respuestas de cualquier persona con el enlace.',
      '«Formato de asistencia a las sesiones» está publicado y acepta respuestas de cualquier persona con el enlace.',
      '«Encuesta de satisfacción de los talleres» está publicado y acepta respuestas de cualquier persona con el enlace.',
      '«Solicitud de talleres para instituciones» está publicado y acepta respuestas de cualquier persona con el enlace.',
    ]);
    const formId = ws.project(talleres).documentProperties.SOE_REGISTRATION_FORM_ID ?? '';
    formsStore(ws.state).forms[formId]!.published = false;
    const project = ws.project(talleres);
    project.triggers = project.triggers.filter((t) => t.handler !== 'onRegistrationSubmit');
    const run = diagnose(ws, talleres);
    expect(run.all(CHECKS.forms)[0]).toMatchObject({ result: 'Falla', detail: '«Formulario de inscripción a los talleres» no está publicado: nadie puede responderlo. Ejecute «Configurar esta hoja».' });
    expect(run.one(CHECKS.triggers).detail).toMatch(/^Falta el registro de las inscripciones \(al enviarse cada respuesta del formulario de inscripción\)/);
    // The check-in form's trigger deleted too: named as well.
    project.triggers = project.triggers.filter((t) => t.handler !== 'onCheckinSubmit');
    expect(diagnose(ws, talleres).one(CHECKS.triggers).detail).toContain('el registro de la asistencia (al enviarse cada respuesta del formato de asistencia)');
    // Issue 14 (C01): the request form's trigger deleted: named as well.
    project.triggers = project.triggers.filter((t) => t.handler !== 'onExternalRequestSubmit');
    expect(diagnose(ws, talleres).one(CHECKS.triggers).detail).toContain('el registro de las solicitudes de taller de las instituciones');
  });

  test('a sheet moved to another time zone', () => {
    const { ws, atenciones } = world(7);
    sheetsStore(ws.state).requireSpreadsheet(atenciones).timeZone = 'America/Bogota';
    expect(diagnose(ws, atenciones).one(CHECKS.timeZones)).toEqual({
      result: 'Falla',
      detail: 'La hoja usa «America/Bogota»: ejecute «Configurar esta hoja», que la pone en America/Lima.',
    });
  });

  test('a daily trigger installed twice, and the survey trigger deleted', () => {
    const { ws, atenciones } = world(8);
    const project = ws.project(atenciones);
    const reminders = project.triggers.find((t) => t.handler === 'runReminders')!;
    project.triggers.push({ ...reminders, uid: `${reminders.uid}9` });
    project.triggers = project.triggers.filter((t) => t.handler !== 'onSurveySubmit');
    const { result, detail } = diagnose(ws, atenciones).one(CHECKS.triggers);
    expect(result).toBe('Falla');
    expect(detail).toMatch(/^Falta la vinculación de las respuestas de la encuesta \(al enviarse cada respuesta\); el envío de recordatorios \(todos los días entre las 18:00 y las 19:00\) está 2 veces\./);
    expect(detail).toContain('Ejecute «Configurar esta hoja» para corregirlo.');
  });

  test('a scope left unticked on the consent screen (granular consent)', () => {
    const { ws, atenciones } = world(9);
    const project = ws.project(atenciones);
    const all = project.files.manifest.oauthScopes ?? [];
    authorizationStore(ws.state).grant(project.id, COORDINATOR, all.filter((s) => !s.endsWith('/calendar.events')));
    const run = diagnose(ws, atenciones);
    expect(run.one(CHECKS.scopes)).toEqual({
      result: 'Falla',
      detail:
        'Faltan permisos: https://www.googleapis.com/auth/calendar.events. Ejecute cualquier opción del menú y acepte todos los permisos que Google pida.',
    });
  });

  test('little mail quota left asks for attention; Calendar failing is a Falla and the other checks still run', () => {
    const { ws, atenciones } = world(10);
    ws.setQuota('emailRecipients', 12);
    ws.injectFault({ kind: 'before', atCall: 1, service: 'Calendar', message: 'Calendar no responde (prueba)' });
    const run = diagnose(ws, atenciones);
    expect(run.one(CHECKS.quota)).toEqual({
      result: 'Atención',
      detail: 'Quedan solo 12 destinatarios de correo para hoy: los envíos que no quepan esperarán a mañana.',
    });
    const meet = run.one(CHECKS.meet);
    expect(meet.result).toBe('Falla');
    expect(meet.detail).toContain('No se pudo crear un evento con Meet en su calendario principal');
    expect(run.rows.length).toBe(Object.keys(CHECKS).length);
    expect(ws.calendarEvents({ includeCancelled: true })).toEqual([]);
    expect(String(run.outcome.value)).toMatch(/^Diagnóstico: \d bien, 1 con atención, \d con falla\./);
  });
});

describe('who may run «Diagnóstico»', () => {
  test('someone outside the team is refused, and nothing is written', () => {
    const { ws, atenciones } = world(11);
    const sheets = ws.sheetNames(atenciones);
    const r = ws.clickMenu(atenciones, 'Diagnóstico', 'extrano@example.com');
    expect(r.error).toBeDefined();
    expect(ws.sheetNames(atenciones)).toEqual(sheets);
    expect(ws.calendarEvents({ includeCancelled: true })).toEqual([]);
  });

  test('a consultant is refused; a second coordinator is told whose the triggers are', () => {
    const { ws, atenciones, surveyFormId } = world(12);
    publish(ws, surveyFormId);
    const add = (email: string, roles: string[]) =>
      ws.callFromSidebar(atenciones, 'saveTeamMember', [{ email, name: email.split('@')[0], roles }], COORDINATOR);
    expect(add('luis.rojas@trabajo.gob.pe', ['consultor']).ok).toBe(true);
    expect(add('rosa.huaman@trabajo.gob.pe', ['coordinador']).ok).toBe(true);

    expect(ws.clickMenu(atenciones, 'Diagnóstico', 'luis.rojas@trabajo.gob.pe').error).toBeDefined();
    expect(ws.sheetNames(atenciones)).not.toContain(TAB);

    const run = diagnose(ws, atenciones, 'rosa.huaman@trabajo.gob.pe');
    expect(run.outcome.error).toBeUndefined();
    expect(run.one(CHECKS.triggers)).toEqual({
      result: 'Atención',
      detail: `Apps Script muestra a cada persona solo sus propios activadores, y los de esta hoja son de ${COORDINATOR}: para revisarlos, ${COORDINATOR} debe ejecutar «Diagnóstico».`,
    });
    expect(run.one(CHECKS.owner).result).toBe('Atención');
  });
});
