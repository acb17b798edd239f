/**
 * The browser tests and the screenshots see Chromium as a consultant in Peru does: the page's
 * language is es-PE, the clock is Lima's, and the native controls Chromium draws itself (a file
 * input's button, a date input's placeholder) are in Spanish — not "Choose File" and
 * "mm/dd/yyyy", which the screenshots in docs/img showed.
 *
 * A native control's text cannot be read from the page (it lives in a closed shadow tree), so
 * the file input is measured instead: "Seleccionar archivo · Sin archivos seleccionados" is
 * wider than "Choose File · No file chosen". The reference is the same Chromium launched in
 * English in the same test, so the check does not depend on the fonts installed.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, CHROMIUM_L10N_MISSING, launchChromium } from '../support/browser';

const PAGE = '<input type="file" id="f"><br><input type="date" id="d">';

interface Seen {
  language: string;
  zone: string;
  dateFormat: string;
  fileWidth: number;
}

async function look(context: BrowserContext): Promise<Seen> {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.setContent(PAGE);
  return page.evaluate(() => ({
    language: navigator.language,
    zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    dateFormat: new Date(Date.UTC(2026, 11, 4, 17)).toLocaleDateString(),
    fileWidth: document.getElementById('f')!.getBoundingClientRect().width,
  }));
}

describe('Chromium in the browser tests speaks Spanish (Peru)', () => {
  const dirs: string[] = [];
  const contexts: BrowserContext[] = [];
  const profile = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soe-chromium-lang-'));
    dirs.push(dir);
    return dir;
  };

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('the page is es-PE in Lima, and the native controls are in Spanish', async () => {
    const spanish = await launchChromium(profile());
    contexts.push(spanish);
    const seen = await look(spanish);
    expect(seen.language).toBe('es-PE');
    expect(seen.zone).toBe('America/Lima');
    expect(seen.dateFormat).toBe('4/12/2026');

    // The same Chromium in English, for reference.
    const english = await chromium.launchPersistentContext(profile(), {
      executablePath: CHROMIUM,
      headless: true,
      args: [...CHROMIUM_ARGS.filter((a) => !a.startsWith('--lang=')), '--lang=en-US'],
      env: { ...(process.env as Record<string, string>), LANG: 'en_US.UTF-8', LANGUAGE: 'en_US:en' },
      locale: 'en-US',
    });
    contexts.push(english);
    const reference = await look(english);
    expect(reference.language).toBe('en-US');
    if (seen.fileWidth === reference.fileWidth) throw new Error(CHROMIUM_L10N_MISSING);
    expect(seen.fileWidth).toBeGreaterThan(reference.fileWidth);
  });
});
