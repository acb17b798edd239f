/**
 * The emulator UI's date labels (Calendar agenda headings): Spanish capitalises only the first
 * word of a heading — "Viernes, 27 de noviembre de 2026", never "De Noviembre De".
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { dayHeading, dayLabel } from '../../emulator/ui/time-labels';

describe('the Calendar agenda heading', () => {
  const friday = Date.UTC(2026, 10, 27, 15, 0); // 10:00 in Lima

  test('only its first letter is a capital', () => {
    expect(dayHeading(dayLabel(friday, 'America/Lima'))).toBe('Viernes, 27 de noviembre de 2026');
    expect(dayLabel(friday, 'America/Lima')).toBe('viernes, 27 de noviembre de 2026'); // as used inside a sentence
  });

  test('the agenda uses it, and no CSS capitalises every word of it', () => {
    const view = readFileSync(join(__dirname, '../../emulator/ui/app/views/calendar.ts'), 'utf8');
    expect(view).toMatch(/dayHeading\(events\[0\]\.dayLabel\)/);
    const css = readFileSync(join(__dirname, '../../emulator/ui/app/styles.css'), 'utf8');
    const rule = /\.agenda-day h2\s*\{[^}]*\}/.exec(css)?.[0] ?? '';
    expect(rule).not.toBe('');
    expect(rule).not.toMatch(/text-transform:\s*capitalize/);
  });
});
