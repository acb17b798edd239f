/**
 * B05's ficha técnica page and B04's banner file rules, pure: hostile text in a module's fields
 * prints as text, registrants appear only as counts, the uploaded bytes decide the banner's type.
 */
import { limaDate } from '../../../src/domain/lima-time';
import { MODULE_FIELD_MESSAGES as MF } from '../../../src/domain/messages/workshops';
import { factSheetHtml, type FactSheetModule } from '../../../src/domain/workshops/fact-sheet';
import { bannerFileName, fileIdOf, folderIdOf, isBase64, sniffBannerType } from '../../../src/domain/workshops/drive-files';
import { validateModule, type ModuleInput } from '../../../src/domain/workshops/module';

const HOSTILE = '<img src=x onerror=alert(1)>';

const MODULE: FactSheetModule = {
  name: `Aprende & Emprende ${HOSTILE}`,
  year: 2027,
  quarter: 'I',
  objective: `Que cada participante arme su plan <script>alert(2)</script>`,
  audience: 'Personas con "ideas" de negocio',
  capacity: 60,
  minSessions: 2,
  sessions: [
    { number: 2, topic: 'Marketing <b>digital</b>', start: limaDate(2027, 1, 19, 18, 0), end: limaDate(2027, 1, 19, 20, 0), speaker: "María O'Brien", speakerAnswer: 'Pendiente' },
    { number: 1, topic: 'Costos', start: limaDate(2027, 1, 12, 18, 30), end: limaDate(2027, 1, 12, 20, 0), speaker: 'José Ñahui', speakerAnswer: 'Aceptó' },
  ],
  confirmed: 41,
  waiting: 3,
  generatedAt: limaDate(2026, 12, 1, 10, 5),
};

describe('factSheetHtml (B05)', () => {
  const page = factSheetHtml(MODULE);

  test('hostile text in the module\'s fields is escaped, never markup', () => {
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<b>digital');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).toContain('Aprende &amp; Emprende');
    expect(page).toContain('Marketing &lt;b&gt;digital&lt;/b&gt;');
    expect(page).toContain('María O&#39;Brien');
  });

  test('title, quarter, objective, audience, places, certificate rule, sessions in order with Lima time, counts', () => {
    expect(page).toContain('<h1>Ficha técnica</h1>');
    expect(page).toContain('Trimestre I de 2027');
    expect(page).toContain('Cupos: 60');
    expect(page).toContain('al menos 2 de 2 sesiones');
    expect(page.indexOf('Costos')).toBeLessThan(page.indexOf('Marketing'));
    expect(page).toContain('18:30 a 20:00');
    expect(page).toContain('Aceptó');
    expect(page).toContain('Inscritos confirmados: 41');
    expect(page).toContain('En lista de espera: 3');
  });

  test('no objective, no sessions, odd counts: said plainly', () => {
    const p = factSheetHtml({ ...MODULE, objective: '', sessions: [], confirmed: -4, waiting: Number.NaN, minSessions: 0 });
    expect(p).toContain('Sin objetivo registrado.');
    expect(p).toContain('El módulo aún no tiene sesiones programadas.');
    expect(p).toContain('Inscritos confirmados: 0');
    expect(p).toContain('En lista de espera: 0');
    expect(p).toContain('Regla de asistencia por definir.');
  });
});

describe('banner file rules (B04)', () => {
  test('the bytes decide the type, not the name: PNG, JPEG, PDF; anything else refused', () => {
    expect(sniffBannerType([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])).toBe('image/png');
    expect(sniffBannerType([-1, -40, -1, -32])).toBe('image/jpeg'); // Apps Script's signed bytes
    expect(sniffBannerType(Array.from(Buffer.from('%PDF-1.7\n')))).toBe('application/pdf');
    expect(sniffBannerType(Array.from(Buffer.from('<svg onload=alert(1)>')))).toBeNull();
    expect(sniffBannerType(Array.from(Buffer.from('GIF89a')))).toBeNull();
    expect(sniffBannerType([0x89, 0x50])).toBeNull();
    expect(sniffBannerType([])).toBeNull();
  });

  test('base64 shape, names, and Drive IDs from recorded links', () => {
    expect(isBase64('iVBORw0KGgo=')).toBe(true);
    expect(isBase64('no es base64!')).toBe(false);
    expect(isBase64('abc')).toBe(false);
    expect(bannerFileName('Módulo I/2027: "final"', 'image/jpeg')).toBe('Banner – Módulo I-2027: "final".jpg');
    expect(bannerFileName(' \u0000 ', 'image/png')).toBe('Banner – -.png');
    expect(folderIdOf('https://drive.google.com/drive/folders/1AbCdEfGhIjKlMn')).toBe('1AbCdEfGhIjKlMn');
    expect(folderIdOf('https://evil.example/drive/folders/1AbCdEfGhIjKlMn')).toBeNull();
    expect(fileIdOf('https://drive.google.com/file/d/1AbCdEfGhIjKlMn/view?usp=drivesdk')).toBe('1AbCdEfGhIjKlMn');
    expect(fileIdOf('')).toBeNull();
  });
});

describe('the module\'s objective (B05, validateModule)', () => {
  const NOW = limaDate(2026, 11, 27, 9, 0);
  const base: ModuleInput = {
    name: 'Aprende a Emprender I',
    year: 2027,
    quarter: 'I',
    audience: 'Personas con una idea de negocio',
    capacity: 60,
    minSessions: 1,
    sessions: [{ topic: 'Costos', date: '2027-01-12', startTime: '18:00', endTime: '20:00', speaker: 'Carmen Vílchez', speakerEmail: 'carmen@gmail.com' }],
  };
  const check = (objective: unknown) => validateModule({ ...base, objective: objective as string }, { now: NOW, others: [] });

  test('optional, cleaned, at most 1000 characters, never formula-like', () => {
    const none = check(undefined);
    expect(none.ok && none.module.objective).toBe('');
    const ok = check('  Que  cada persona\narme su plan  ');
    expect(ok.ok && ok.module.objective).toBe('Que cada persona arme su plan');
    const long = check('a'.repeat(1001));
    expect(!long.ok && long.errors.fields.objective).toBe(MF.objectiveTooLong(1000));
    const formula = check('=HYPERLINK("x")');
    expect(!formula.ok && formula.errors.fields.objective).toBe(MF.objectiveInvalid);
    expect(check('a'.repeat(1000)).ok).toBe(true);
  });
});
