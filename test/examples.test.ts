import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

/** docs/emulator.md promises that the scripting API's example runs; keep that true. */
test('examples/quickstart.ts runs against the built bundle and shows reminders with Meet links', () => {
  const root = path.resolve(__dirname, '..');
  const out = execFileSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'examples/quickstart.ts'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 90_000,
  });
  expect(out).toContain('Import: Se importaron 3 citas nuevas. 1 fila rechazada');
  expect(out).toMatch(/Recordatorio: su cita de orientación/);
  expect(out).toMatch(/https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}/);
});
