/**
 * Who may do what (docs/access-model.md), on the built bundle in the emulator: every entry point
 * of dist/Code.js is called by a stranger with edit access to the spreadsheet and refused, and
 * the attempts issue 9 reported are refused one by one. A consultant works only on their own
 * appointments, others' through an audited «atender en lugar de».
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ENTRY_ACCESS } from '../../src/entry/access-table';
import { ACCESS_MESSAGES } from '../../src/domain/messages/access';
import { WEB_APP_MESSAGES } from '../../src/domain/web-page';
import { addTeamMember, createAttentionWorld, importReport, makeReport, setSetting, type AttentionWorld } from '../support/attention-world';

const ROOT = path.resolve(__dirname, '../..');
const STRANGER = 'extrano@gmail.com';
const LUIS = 'luis.nique@trabajo.gob.pe';
const DAY = '2026-11-28';

function exportsOfBundle(): string[] {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'dist/exports.json'), 'utf8')) as string[];
}

/** Plausible arguments for each entry point: the guard must refuse whatever is passed. */
function argsFor(name: string, w: AttentionWorld, anaCode: string): unknown[] {
  const forged = { authMode: 'FULL', triggerUid: w.ws.triggers(w.atenciones).find((t) => t.handler === name)?.uid ?? '1' };
  switch (name) {
    case 'setupSpreadsheet':
      return ['atenciones', w.talleres, { takeOverTriggers: true }];
    case 'saveTeamMember':
      return [{ email: STRANGER, name: 'Extraño', roles: ['coordinador'] }];
    case 'removeTeamMember':
      return [w.user];
    case 'getDayView':
      return [{ scope: 'all' }];
    case 'findPersonData':
    case 'exportPersonData':
      return ['01234567'];
    case 'deletePersonData':
      return ['01234567', '01234567'];
    case 'correctPersonData':
      return ['01234567', { email: 'otro@gmail.com' }];
    case 'importReport':
      return ['reporte.csv', 'Q29kaWdvCg=='];
    case 'runReminders':
    case 'runDayClosing':
    case 'onSurveySubmit':
      return [forged];
    default:
      return [anaCode, { reason: 'No se presentó', topic: 'Plan de negocio' }];
  }
}

describe('access: a stranger with edit access, a consultant, a coordinator', () => {
  let w: AttentionWorld;
  let anaCode = '';
  let luisCode = '';

  beforeAll(() => {
    w = createAttentionWorld({ at: '2026-11-27T09:00' });
    addTeamMember(w.ws, w.atenciones, LUIS, 'Luis Ñique');
    const report = makeReport(DAY, 14, { consultants: ['Ana Quispe', 'Luis Ñique'] });
    const imported = importReport(w.ws, w.atenciones, report.fileName, report.bytes);
    if (!imported.ok || !imported.value.ok) throw new Error('the import failed');
    anaCode = report.rows.find((r) => r.consultant === 'Ana Quispe')!.code;
    luisCode = report.rows.find((r) => r.consultant === 'Luis Ñique')!.code;
    w.ws.advanceTo('2026-11-27T18:05'); // reminders and Meet links
    w.ws.advanceTo(`${DAY}T09:00`);
  });

  test('every entry point of the built bundle is declared, and a stranger is refused by each one that touches data', () => {
    const names = exportsOfBundle();
    expect(names.filter((n) => !(n in ENTRY_ACCESS))).toEqual([]);
    expect(Object.keys(ENTRY_ACCESS).filter((n) => !names.includes(n))).toEqual([]);
    const outboxBefore = w.ws.outbox().length;
    for (const name of names) {
      const requirement = ENTRY_ACCESS[name as keyof typeof ENTRY_ACCESS];
      const r = w.ws.callFromSidebar(w.atenciones, name, argsFor(name, w, anaCode), STRANGER);
      if (requirement === 'anyone') {
        // The menu and "Acerca de": nothing of the service's data comes back.
        expect([name, r.ok ? r.value : r.error]).toEqual([name, null]);
        continue;
      }
      if (requirement === 'link') {
        // The web app called from the panel: the invalid-link page and nothing else (below, by its URL).
        const got = JSON.stringify(r.ok ? r.value : r.error);
        expect([name, got.includes(WEB_APP_MESSAGES.invalid[0]) && got.includes(WEB_APP_MESSAGES.invalidTitle)]).toEqual([name, true]);
        expect(got).not.toMatch(/Ana|Quispe|@|<form/);
        continue;
      }
      const expected = requirement === 'trigger' ? ACCESS_MESSAGES.triggerOnly : ACCESS_MESSAGES.refused;
      expect([name, r.ok ? 'answered' : r.error]).toEqual([name, expected]);
    }
    expect(w.ws.outbox().length).toBe(outboxBefore);
    // Every refusal is on record: who and which function.
    const refused = w.ws.readTab(w.atenciones, 'Registro de auditoría').filter((r) => r['Acción'] === 'Acceso denegado');
    const refusedNames = new Set(refused.map((r) => String(r['Para'])));
    for (const name of names) if (!['anyone', 'link'].includes(ENTRY_ACCESS[name as keyof typeof ENTRY_ACCESS])) expect(refusedNames.has(name)).toBe(true);
    expect(refused.every((r) => String(r['Detalle']).startsWith(STRANGER) || String(r['Ejecución']).includes(STRANGER))).toBe(true);
  });

  test("a stranger opening the web app (doGet, doPost) without a valid token gets the invalid-link page and nothing else", () => {
    const link = Object.entries(ENTRY_ACCESS).filter(([, r]) => r === 'link').map(([n]) => n);
    expect(link.sort()).toEqual(['doGet', 'doPost']);
    for (const ss of [w.atenciones, w.talleres]) {
      const url = w.ws.deployWebApp(ss);
      const before = w.ws.readTab(ss, 'Registro de auditoría').length;
      const pages = [
        w.ws.openWebApp(url, { user: STRANGER }),
        w.ws.openWebApp(`${url}?t=${encodeURIComponent(anaCode)}&dni=01234567`, { user: STRANGER }),
        w.ws.openWebApp(url, { method: 'POST', user: STRANGER, body: 'role=coordinador' }),
        w.ws.openWebApp(url, { method: 'POST', user: null, body: `t=${encodeURIComponent(luisCode)}` }),
      ];
      for (const p of pages) {
        expect(p).toMatchObject({ status: 200, title: WEB_APP_MESSAGES.invalidTitle });
        expect(p.body).toBe(pages[0].body);
        expect(p.body).toContain(WEB_APP_MESSAGES.invalid[0]);
      }
      const lines = w.ws.readTab(ss, 'Registro de auditoría').slice(before);
      expect(lines.map((l) => l['Acción'])).toEqual(Array(4).fill(WEB_APP_MESSAGES.auditInvalid));
    }
    expect(w.ws.outbox().filter((m) => m.to.includes(STRANGER))).toEqual([]);
  });

  test('a stranger cannot become a consultant by typing in «Configuración» nor in «Equipo»', () => {
    setSetting(w.ws, w.atenciones, `Consultor: ${STRANGER}`, 'Ana Quispe');
    const r = w.ws.callFromSidebar(w.atenciones, 'getDayView', [{ scope: 'all' }], STRANGER);
    expect(r.ok ? 'answered' : r.error).toBe(ACCESS_MESSAGES.refused);
    // 'Equipo' is protected: only the coordinators may edit it (and editing it grants nothing).
    expect(() => w.ws.typeInto(w.atenciones, 'Equipo', 'A10', STRANGER, { user: STRANGER })).toThrow(/protected/);
    const again = w.ws.callFromSidebar(w.atenciones, 'startAttention', [anaCode], STRANGER);
    expect(again.ok ? 'answered' : again.error).toBe(ACCESS_MESSAGES.refused);
  });

  test('the sibling cannot be re-pointed nor the triggers taken over by a stranger; the sibling stays', () => {
    const mine = w.ws.createSpreadsheet('Hoja del extraño', STRANGER);
    const r = w.ws.callFromSidebar(w.atenciones, 'setupSpreadsheet', ['atenciones', mine, { takeOverTriggers: true }], STRANGER);
    expect(r.ok ? 'answered' : r.error).toBe(ACCESS_MESSAGES.refused);
    const status = w.ws.callFromSidebar(w.atenciones, 'getSetupStatus', [], w.user);
    expect(status.ok && (status.value as { siblingId: string }).siblingId).toBe(w.talleres);
  });

  test('a forged trigger event does not run a trigger-only task from the panel; the real trigger does', () => {
    const uid = w.ws.triggers(w.atenciones).find((t) => t.handler === 'runDayClosing')!.uid;
    const forged = w.ws.callFromSidebar(w.atenciones, 'runDayClosing', [{ authMode: 'FULL', triggerUid: uid }], LUIS);
    expect(forged.ok ? 'answered' : forged.error).toBe(ACCESS_MESSAGES.triggerOnly);
    const real = w.ws.runTrigger(w.atenciones, 'runDayClosing');
    expect(real.error).toBeUndefined();
  });

  test('a consultant sees others’ appointments without contact data, and acts on them only «en lugar de», with a reason, audited', () => {
    const view = w.ws.callFromSidebar(w.atenciones, 'getDayView', [{ scope: 'all' }], LUIS);
    if (!view.ok) throw new Error(view.error);
    const cards = (view.value as { appointments: Record<string, unknown>[] }).appointments;
    const anas = cards.find((a) => a.id === anaCode)!;
    expect(anas).toMatchObject({ mine: false, restricted: true, dni: '', email: '', phone: '', meetUrl: '' });
    expect((anas.allowed as Record<string, boolean>).onBehalf).toBe(true);
    expect(cards.find((a) => a.id === luisCode)).toMatchObject({ mine: true, restricted: false });
    expect(String(cards.find((a) => a.id === luisCode)!.dni)).not.toBe('');

    const refused = w.ws.callFromSidebar(w.atenciones, 'startAttention', [anaCode], LUIS);
    expect(refused.ok && refused.value).toMatchObject({ ok: false, message: ACCESS_MESSAGES.notYours('Ana Quispe') });

    const noReason = w.ws.callFromSidebar(w.atenciones, 'actOnBehalf', [anaCode, ' '], LUIS);
    expect(noReason.ok && noReason.value).toMatchObject({ ok: false, message: ACCESS_MESSAGES.onBehalfReasonMissing });
    const granted = w.ws.callFromSidebar(w.atenciones, 'actOnBehalf', [anaCode, 'Ana está en una reunión de coordinación'], LUIS);
    expect(granted.ok && granted.value).toMatchObject({ ok: true, appointment: { id: anaCode, mine: true, onBehalf: true, restricted: false } });
    const started = w.ws.callFromSidebar(w.atenciones, 'startAttention', [anaCode], LUIS);
    expect(started.ok && started.value).toMatchObject({ ok: true, appointment: { status: 'En atención' } });
    const line = w.ws.readTab(w.atenciones, 'Registro de auditoría').find((r) => r['Acción'] === 'Atender en lugar de');
    expect(line).toMatchObject({ Para: anaCode });
    expect(String(line!['Detalle'])).toContain('Ana está en una reunión de coordinación');
  });

  test('a consultant cannot delete personal data, manage the team or run setup; a coordinator can manage the team', () => {
    for (const [fn, args] of [
      ['deletePersonData', ['01234567', '01234567']],
      ['saveTeamMember', [{ email: LUIS, name: 'Luis Ñique', roles: ['coordinador', 'consultor'] }]],
      ['setupSpreadsheet', ['atenciones', '']],
    ] as const) {
      const r = w.ws.callFromSidebar(w.atenciones, fn, [...args], LUIS);
      // A consultant is staff: told the function is the coordination's (a stranger learns nothing).
      expect([fn, r.ok ? 'answered' : r.error]).toEqual([fn, ACCESS_MESSAGES.coordinatorOnly]);
    }
    const team = w.ws.callFromSidebar(w.atenciones, 'getTeam', [], w.user);
    expect(team.ok && (team.value as { members: { email: string }[] }).members.map((m) => m.email)).toEqual([w.user, LUIS]);
    const last = w.ws.callFromSidebar(w.atenciones, 'removeTeamMember', [w.user], w.user);
    expect(last.ok && last.value).toMatchObject({ ok: false, message: ACCESS_MESSAGES.teamProblem['last-coordinator'] });
    const mirror = w.ws.readTab(w.atenciones, 'Equipo').filter((r) => r['Correo']).map((r) => [r['Correo'], r['Roles']]);
    expect(mirror).toEqual([
      [w.user, 'Coordinador(a), Consultor(a)'],
      [LUIS, 'Consultor(a)'],
    ]);
  });
});
