/**
 * The «Diagnóstico» report's rules (src/domain/diagnostics.ts), without Google: each
 * observation becomes one line, OK / Atención / Falla, with a Spanish detail.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  buildReport,
  checkForms,
  checkMailQuota,
  checkMeet,
  checkPlainText,
  checkScopes,
  checkTriggers,
  MANIFEST_SCOPES,
  reportRows,
  type TriggerFindings,
} from '../../src/domain/diagnostics';

const at = new Date(Date.UTC(2026, 10, 27, 14, 0, 7)); // 09:00:07 in Lima

test('MANIFEST_SCOPES is exactly the oauthScopes of appsscript.json', () => {
  const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../appsscript.json'), 'utf8')) as { oauthScopes: string[] };
  expect([...MANIFEST_SCOPES].sort()).toEqual([...manifest.oauthScopes].sort());
});

test('plain text: a formula or a changed value is a Falla that names the sample', () => {
  const ok = checkPlainText({ ok: true, value: [{ written: '=1+1', value: '=1+1', formula: '' }] }, at);
  expect(ok.result).toBe('ok');
  const bad = checkPlainText(
    { ok: true, value: [{ written: '=1+1', value: 2, formula: '=1+1' }, { written: '00412345', value: 412345, formula: '' }] },
    at,
  );
  expect(bad.result).toBe('failure');
  expect(bad.detail).toContain('«=1+1» se volvió la fórmula =1+1; «00412345» se leyó como «412345»');
  expect(checkPlainText({ ok: false, error: 'Service Spreadsheets failed' }, at)).toMatchObject({
    result: 'failure',
    detail: 'No se pudo comprobar: Service Spreadsheets failed',
  });
});

test('Meet: a link and a deleted event is OK; an event left behind asks for attention; no link is a Falla', () => {
  const removed = { ok: true as const, value: true as const };
  expect(checkMeet({ ok: true, value: { conferenceStatus: 'success', meetUrl: 'https://meet.google.com/abc-defg-hij', removed } }, at).result).toBe('ok');
  const left = checkMeet(
    { ok: true, value: { conferenceStatus: 'success', meetUrl: 'https://meet.google.com/abc-defg-hij', removed: { ok: false, error: 'Not Found' } } },
    at,
  );
  expect(left.result).toBe('attention');
  expect(left.detail).toContain('bórrelo a mano de su calendario');
  expect(checkMeet({ ok: true, value: { conferenceStatus: 'pending', meetUrl: null, removed } }, at)).toMatchObject({
    result: 'failure',
  });
});

test('forms: no ID, not found, domain-only, and unknown sign-in rule', () => {
  const lines = checkForms(
    [
      { name: 'A', formId: '', status: { ok: true, value: null } },
      { name: 'B', formId: 'x', status: { ok: true, value: null } },
      { name: 'C', formId: 'y', status: { ok: true, value: { published: true, acceptingResponses: true, requiresLogin: true } } },
      { name: 'D', formId: 'z', status: { ok: true, value: { published: true, acceptingResponses: true, requiresLogin: null } } },
    ],
    at,
  );
  expect(lines.map((l) => l.result)).toEqual(['failure', 'failure', 'failure', 'attention']);
  expect(lines[2].detail).toContain('solo admite cuentas de su dominio');
  expect(checkForms([], at)).toMatchObject([{ result: 'ok', detail: 'Esta hoja no administra formularios.' }]);
});

test('triggers: the non-owner who also has triggers of the system\'s tasks is a Falla (they would run twice)', () => {
  const base: TriggerFindings = {
    configured: true, needed: ['x'], owner: 'ana@trabajo.gob.pe', me: 'rosa@trabajo.gob.pe',
    missing: [], duplicated: [], outdated: [], stale: [], unneeded: [], alsoMine: ['runReminders'],
  };
  const [triggers, owner] = checkTriggers({ ok: true, value: base }, at);
  expect(triggers.result).toBe('failure');
  expect(triggers.detail).toContain('esas tareas se harían dos veces');
  expect(owner.result).toBe('attention');
  expect(checkTriggers({ ok: true, value: { ...base, configured: false } }, at).map((l) => l.result)).toEqual(['failure', 'failure']);
});

test('mail quota and scopes', () => {
  expect(checkMailQuota({ ok: true, value: 0 }, at).result).toBe('attention');
  expect(checkMailQuota({ ok: true, value: 1500 }, at).result).toBe('ok');
  expect(checkScopes({ ok: true, value: { status: 'NOT_REQUIRED', authorizedScopes: [...MANIFEST_SCOPES] } }, at).result).toBe('ok');
  expect(checkScopes({ ok: true, value: { status: 'REQUIRED', authorizedScopes: null } }, at).result).toBe('failure');
});

test('the report: counts, a one-line summary, text rows with the Lima time', () => {
  const report = buildReport([checkMailQuota({ ok: true, value: 1500 }, at), checkMailQuota({ ok: true, value: 3 }, at)]);
  expect(report.counts).toEqual({ ok: 1, attention: 1, failure: 0 });
  expect(report.summary).toBe('Diagnóstico: 1 bien, 1 con atención, 0 con falla. Vea la pestaña «Diagnóstico».');
  expect(reportRows(report)).toEqual([
    ['Comprobación', 'Resultado', 'Detalle', 'Fecha y hora'],
    ['Cuota de correo de hoy', 'OK', 'Quedan 1500 destinatarios de correo para hoy.', '27/11/2026 09:00:07'],
    ['Cuota de correo de hoy', 'Atención', 'Quedan solo 3 destinatarios de correo para hoy: los envíos que no quepan esperarán a mañana.', '27/11/2026 09:00:07'],
  ]);
});
