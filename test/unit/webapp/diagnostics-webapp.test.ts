/** «Diagnóstico»: the web app line (src/domain/diagnostics.ts checkWebApp). */
import { checkWebApp, WEB_APP_CHECK } from '../../../src/domain/diagnostics';

const AT = new Date('2026-11-27T14:00:00Z');
const EXEC = 'https://script.google.com/macros/s/AKfycbABCDEFGHIJ1234/exec';

test('the typed /exec address first; else what Google reports; else a failure that says how to deploy', () => {
  expect(checkWebApp({ ok: true, value: { setting: EXEC, usableSetting: EXEC, usableReported: null } }, AT)).toMatchObject({ result: 'ok', detail: expect.stringContaining(EXEC) });
  expect(checkWebApp({ ok: true, value: { setting: '', usableSetting: null, usableReported: EXEC } }, AT)).toMatchObject({ result: 'ok', detail: expect.stringContaining('informa Google') });
  const missing = checkWebApp({ ok: true, value: { setting: '', usableSetting: null, usableReported: null } }, AT);
  expect(missing).toMatchObject({ check: WEB_APP_CHECK.name, result: 'failure' });
  for (const words of ['Implementar › Nueva implementación', 'Aplicación web', 'Ejecutar como: «Yo»', 'Quién tiene acceso: «Cualquier persona»', '/exec', 'Enlace de la aplicación web']) {
    expect(missing.detail).toContain(words);
  }
});

test('a /dev or foreign address typed in the setting is called out', () => {
  const dev = 'https://script.google.com/macros/s/AKfycbABCDEFGHIJ1234/dev';
  expect(checkWebApp({ ok: true, value: { setting: dev, usableSetting: null, usableReported: EXEC } }, AT)).toMatchObject({ result: 'attention', detail: expect.stringContaining('/dev') });
  expect(checkWebApp({ ok: true, value: { setting: dev, usableSetting: null, usableReported: null } }, AT).result).toBe('failure');
  expect(checkWebApp({ ok: false, error: 'boom' }, AT)).toMatchObject({ result: 'failure', detail: expect.stringContaining('boom') });
});
