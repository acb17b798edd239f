/** docs/access-model.md's table of functions must say what src/entry/access-table.ts declares. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ENTRY_ACCESS } from '../../src/entry/access-table';

test('the access model page lists every entry point with its declared requirement', () => {
  const page = fs.readFileSync(path.resolve(__dirname, '../../docs/access-model.md'), 'utf8');
  const documented = new Map<string, string>();
  for (const line of page.split('\n')) {
    const m = /^\| (`.+`) \| (anyone|member|coordinator|setup|trigger|link) \|$/.exec(line);
    if (!m) continue;
    for (const name of m[1].split(',').map((s) => s.trim().replace(/`/g, ''))) documented.set(name, m[2]);
  }
  expect(Object.fromEntries(documented)).toEqual({ ...ENTRY_ACCESS });
});
