/** B03/B04 pure pieces: the programme table escapes markup; the banner moves solicitado → recibido → validado only. */
import { BANNER_MESSAGES as B, DIRECTION_MESSAGES as D } from '../../../src/domain/messages/workshops-direction';
import { bannerLink, bannerStateOf, bannerView, mayRequestBanner, nextBannerState } from '../../../src/domain/workshops/banner';
import { bannerRequestEmail, programmeEmail, programmeTable, programmeText, type ProgrammeModule } from '../../../src/domain/workshops/direction-email';

const start = new Date('2026-12-01T23:00:00Z'); // 18:00 Lima
const end = new Date('2026-12-02T01:00:00Z'); // 20:00 Lima
const MODULE: ProgrammeModule = {
  name: 'Módulo <script>alert(1)</script>',
  year: 2026,
  quarter: 'IV',
  audience: 'Público "objetivo" & más',
  capacity: 60,
  dates: '01/12/2026',
  sessions: [{ number: 1, topic: '<img src=x onerror=alert(1)>', start, end, speaker: "María O'Brien\nCastañeda" }],
};

describe('the programme table', () => {
  test('has a header row and one row per session, every value escaped', () => {
    const t = programmeTable(MODULE.sessions);
    for (const h of ['N.°', 'Tema', 'Fecha', 'Hora (Lima)', 'Ponente']) expect(t).toContain(`>${h}</th>`);
    expect(t).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(t).not.toContain('<img');
    expect(t).toContain('martes 1 de diciembre de 2026');
    expect(t).toContain('18:00 a 20:00');
    expect(t).toContain('María O&#39;Brien Castañeda');
  });

  test('the text part keeps each session on one line', () => {
    expect(programmeText(MODULE.sessions)).toBe("1. <img src=x onerror=alert(1)> — martes 1 de diciembre de 2026, 18:00 a 20:00 (hora de Lima) — María O'Brien Castañeda");
  });

  test('the emails escape the module\'s name and details in the HTML part', () => {
    for (const mail of [programmeEmail(MODULE, false), bannerRequestEmail(MODULE)]) {
      expect(mail.html).not.toContain('<script>');
      expect(mail.html).toContain('Módulo &lt;script&gt;alert(1)&lt;/script&gt;');
      expect(mail.html).toContain('Público &quot;objetivo&quot; &amp; más');
      expect(mail.text).toContain('Cupos: 60');
    }
    expect(programmeEmail(MODULE, true).text).toContain('Este envío reemplaza al anterior.');
    expect(programmeEmail(MODULE, false).text).not.toContain('Este envío reemplaza al anterior.');
  });
});

describe('the banner state machine', () => {
  const LINK = 'https://drive.google.com/file/d/abc/view';
  test('solicitado → recibido (with an https link) → validado', () => {
    expect(nextBannerState('Solicitado', '', 'Recibido', LINK)).toEqual({ ok: true, state: 'Recibido', link: LINK });
    expect(nextBannerState('Recibido', LINK, 'Validado')).toEqual({ ok: true, state: 'Validado', link: LINK });
    expect(nextBannerState('Recibido', LINK, 'Recibido', 'https://example.org/otro.png')).toEqual({ ok: true, state: 'Recibido', link: 'https://example.org/otro.png' });
  });
  test('out of order, unknown or after validation: Spanish refusals', () => {
    expect(nextBannerState('', '', 'Recibido', LINK)).toEqual({ ok: false, message: B.notRequested });
    expect(nextBannerState('', '', 'Validado')).toEqual({ ok: false, message: B.notRequested });
    expect(nextBannerState('Solicitado', '', 'Validado', LINK)).toEqual({ ok: false, message: B.notReceived });
    expect(nextBannerState('Validado', LINK, 'Recibido', LINK)).toEqual({ ok: false, message: B.alreadyValidated });
    expect(nextBannerState('Solicitado', '', 'Solicitado')).toEqual({ ok: false, message: B.unknownState });
    expect(nextBannerState('Solicitado', '', 'Recibido')).toEqual({ ok: false, message: B.linkMissing });
  });
  test('links: https only, no scripts, no formulas, no spaces', () => {
    for (const bad of ['http://drive.google.com/x', 'javascript:alert(1)', '=HYPERLINK("https://x")', 'https://a b', 'drive.google.com/x', 'https://']) {
      expect([bad, bannerLink(bad)]).toEqual([bad, null]);
      expect(nextBannerState('Solicitado', '', 'Recibido', bad)).toEqual({ ok: false, message: B.linkInvalid });
    }
    expect(bannerLink('  https://drive.google.com/x  ')).toBe('https://drive.google.com/x');
  });
  test('a request is possible until the banner is received', () => {
    expect(mayRequestBanner('')).toEqual({ ok: true });
    expect(mayRequestBanner('Solicitado')).toEqual({ ok: true });
    expect(mayRequestBanner('Recibido')).toEqual({ ok: false, message: D.bannerAlreadyDone('Recibido') });
  });
  test('the list item says the state and, until validated, why invitations wait', () => {
    expect(bannerStateOf(' recibido ')).toBe('Recibido');
    expect(bannerStateOf('otro')).toBe('');
    expect(bannerView('', '')).toMatchObject({ label: B.none, invitationsAllowed: false, blockedReason: B.blockedNone });
    expect(bannerView('Solicitado', '')).toMatchObject({ blockedReason: B.blockedRequested });
    expect(bannerView('Recibido', LINK)).toMatchObject({ link: LINK, blockedReason: B.blockedReceived });
    expect(bannerView('Validado', LINK)).toMatchObject({ invitationsAllowed: true, blockedReason: '' });
    expect(bannerView('Validado', 'javascript:x').link).toBe('');
  });
});

describe('the talleres settings rows (B03, B04)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parseSettings } = require('../../../src/app/settings') as typeof import('../../../src/app/settings');
  test('are read as email addresses; a wrong one is reported and left empty', () => {
    const ok = parseSettings([
      { name: 'Correo de la Sub Dirección', value: ' SubDireccion@Trabajo.gob.pe ' },
      { name: 'correo de la direccion (banners)', value: 'no-es-correo' },
    ]);
    expect(ok.settings.subDirectorEmail).toMatch(/@trabajo\.gob\.pe$/i);
    expect(ok.settings.directionEmail).toBe('');
    expect(ok.problems).toHaveLength(1);
    expect(ok.problems[0]).toContain('Correo de la Dirección (banners)');
  });
});
