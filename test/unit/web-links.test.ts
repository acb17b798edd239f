import { checkLink, linkIdOf, linkUrl, LINK_ACTIONS, MAX_TOKEN_LENGTH, signLink, usableWebAppUrl } from '../../src/domain/web-links';

const SECRET = 'secreto-de-prueba';
const NOW = new Date('2026-12-04T15:00:00Z');
const LATER = new Date('2026-12-20T15:00:00Z');

describe('signed web-app links (docs/web-app.md)', () => {
  const token = signLink(SECRET, { action: LINK_ACTIONS.withdraw, subject: 'I-ABC123', expiresAt: LATER });

  test('a token made with the secret checks, with its action, subject and expiry (to the minute)', () => {
    const r = checkLink(SECRET, token, NOW);
    expect(r).toEqual({ ok: true, claims: { action: 'retiro', subject: 'I-ABC123', expiresAt: LATER }, linkId: linkIdOf(token) });
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(token.length).toBeLessThan(100);
  });

  test('another secret, an altered payload or signature: forged', () => {
    expect(checkLink('otro-secreto', token, NOW)).toEqual({ ok: false, reason: 'forged' });
    const [payload, sig] = token.split('.') as [string, string];
    const other = signLink(SECRET, { action: LINK_ACTIONS.withdraw, subject: 'I-XYZ999', expiresAt: LATER }).split('.')[0];
    expect(checkLink(SECRET, `${other}.${sig}`, NOW)).toEqual({ ok: false, reason: 'forged' });
    const flipped = sig.slice(0, -1) + (sig.endsWith('A') ? 'B' : 'A');
    expect(checkLink(SECRET, `${payload}.${flipped}`, NOW)).toEqual({ ok: false, reason: 'forged' });
  });

  test('past its expiry: expired, even with a good signature', () => {
    expect(checkLink(SECRET, token, new Date(LATER.getTime() + 60_000))).toEqual({ ok: false, reason: 'expired' });
  });

  test('anything that is not a token: malformed, without work on huge input', () => {
    for (const raw of [undefined, null, 42, '', 'abc', 'a.b.c', '.x', 'x'.repeat(MAX_TOKEN_LENGTH + 1), ['x']]) {
      expect(checkLink(SECRET, raw, NOW)).toMatchObject({ ok: false });
    }
  });

  test('the withdrawal of one subject is not an unsubscribe of it (action bound)', () => {
    const unsub = signLink(SECRET, { action: LINK_ACTIONS.unsubscribe, subject: 'I-ABC123', expiresAt: LATER });
    const a = checkLink(SECRET, unsub, NOW);
    expect(a.ok && a.claims.action).toBe('baja');
    expect(linkIdOf(unsub)).not.toBe(linkIdOf(token));
  });

  test('subjects must be product IDs: no personal data can be put in a link', () => {
    expect(() => signLink(SECRET, { action: LINK_ACTIONS.withdraw, subject: 'ana@gmail.com', expiresAt: LATER })).toThrow();
    expect(() => signLink(SECRET, { action: LINK_ACTIONS.withdraw, subject: '', expiresAt: LATER })).toThrow();
    expect(() => signLink('', { action: LINK_ACTIONS.withdraw, subject: 'I-1', expiresAt: LATER })).toThrow();
  });

  test('URLs: the token is the only parameter; only /exec deployments are usable', () => {
    const url = 'https://script.google.com/macros/s/AKfycbx1234567890abc/exec';
    expect(linkUrl(url, token)).toBe(`${url}?t=${token}`);
    expect(usableWebAppUrl(url)).toBe(url);
    expect(usableWebAppUrl('https://script.google.com/a/trabajo.gob.pe/macros/s/AKfycbx1234567890abc/exec')).not.toBeNull();
    expect(usableWebAppUrl('https://script.google.com/macros/s/AKfycbx1234567890abc/dev')).toBeNull();
    expect(usableWebAppUrl('http://script.google.com/macros/s/AKfycbx1234567890abc/exec')).toBeNull();
    expect(usableWebAppUrl('https://evil.example/macros/s/AKfycbx1234567890abc/exec')).toBeNull();
    expect(usableWebAppUrl(null)).toBeNull();
  });
});
