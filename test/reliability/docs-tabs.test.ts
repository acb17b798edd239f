/**
 * docs/tabs.md is generated from the schema (scripts/docs-tabs.ts, `npm run docs:tabs`): a change
 * to a tab, a header, a format or a validation list without regenerating the page fails here.
 */
import * as fs from 'node:fs';
import { renderTabsPage, TABS_PAGE } from '../../scripts/docs-tabs';
import { SETTINGS, TABS } from '../../src/domain/schema';

describe('docs/tabs.md', () => {
  const page = renderTabsPage();

  test('is what `npm run docs:tabs` writes from src/domain/schema.ts', () => {
    const committed = fs.existsSync(TABS_PAGE) ? fs.readFileSync(TABS_PAGE, 'utf8') : '(missing)';
    // On failure: run `npm run docs:tabs` and commit docs/tabs.md.
    expect(committed).toBe(page);
  });

  test('lists every tab and every column with its header, key, type, format, validation and owner', () => {
    for (const t of TABS) {
      expect(page).toContain(`## ${t.name}\n`);
      const section = page.split(`## ${t.name}\n`)[1].split('\n## ')[0];
      for (const c of t.columns) {
        const line = section.split('\n').find((l) => l.includes(`| \`${c.key}\` |`) && l.includes(c.header.replace(/\|/g, '\\|')));
        expect(line).toBeDefined();
        expect(line).toContain(c.system ? '| system |' : '| person |');
        for (const v of c.values ?? []) expect(line).toContain(`«${v}»`);
        if (c.format) expect(line).toContain(`\`${c.format}\``);
      }
    }
    for (const s of SETTINGS) expect(page).toContain(`| ${s.name.replace(/\|/g, '\\|')} |`);
  });
});
