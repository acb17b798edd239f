import { createHash } from 'crypto';
import {
  calendarEventId,
  constantTimeEqual,
  hmacSha256,
  surveyToken,
  walkInId,
  isValidCalendarEventId,
  meetRequestId,
  sha256,
  sha256Hex,
  toBase32Hex,
  toHex,
  utf8Encode,
} from '../../src/domain/ids';

describe('SHA-256', () => {
  test('FIPS 180-2 / NIST test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(
      sha256Hex('abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu'),
    ).toBe('cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1');
  });

  test('matches Node crypto at every padding boundary and for Spanish and non-BMP text', () => {
    for (let n = 0; n <= 130; n++) {
      const s = 'ñ'.repeat(n % 3) + 'a'.repeat(n);
      expect(sha256Hex(s)).toBe(createHash('sha256').update(s, 'utf8').digest('hex'));
    }
    for (const s of ['José Ñúñez O\'Higgins', 'Cita 🗓️ 27/11', 'AV-000123', '\u0000\uffff', 'lone \ud800 surrogate']) {
      expect(sha256Hex(s)).toBe(createHash('sha256').update(s, 'utf8').digest('hex'));
    }
  });

  test('hashes raw bytes too', () => {
    const bytes = [0, 255, 128, 7];
    expect(toHex(sha256(bytes))).toBe(createHash('sha256').update(Buffer.from(bytes)).digest('hex'));
  });

  test('UTF-8 encoding agrees with Node, lone surrogates become U+FFFD', () => {
    for (const s of ['', 'Perú', '€', '𝄞', 'a\udc00b', '\ud83d']) {
      expect(utf8Encode(s)).toEqual([...Buffer.from(s, 'utf8')]);
    }
  });
});

describe('base32hex (RFC 4648 §10 vectors, lowercase, unpadded)', () => {
  test.each([
    ['', ''],
    ['f', 'co'],
    ['fo', 'cpng'],
    ['foo', 'cpnmu'],
    ['foob', 'cpnmuog'],
    ['fooba', 'cpnmuoj1'],
    ['foobar', 'cpnmuoj1e8'],
  ])('%j → %j', (input, out) => {
    expect(toBase32Hex(utf8Encode(input))).toBe(out);
  });
});

describe('calendar event IDs', () => {
  test('same appointment → same ID, valid for Google Calendar', () => {
    const a = calendarEventId('cita', 'AV-000123');
    expect(calendarEventId('cita', 'AV-000123')).toBe(a);
    expect(a).toMatch(/^soe[a-v0-9]+$/);
    expect(a).toHaveLength(55);
    expect(isValidCalendarEventId(a)).toBe(true);
  });

  test('different keys or kinds → different IDs', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 2000; i++) ids.add(calendarEventId('cita', `AV-${String(i).padStart(6, '0')}`));
    expect(ids.size).toBe(2000);
    expect(calendarEventId('cita', 'X1')).not.toBe(calendarEventId('sesion', 'X1'));
    expect(calendarEventId('a:b', 'c')).not.toBe(calendarEventId('a', 'b:c'));
  });

  test('keys with accents, spaces and symbols still give valid IDs', () => {
    expect(isValidCalendarEventId(calendarEventId('taller', 'Módulo Ñ 2026 / sesión #3'))).toBe(true);
  });

  test('an empty key is a programming error', () => {
    expect(() => calendarEventId('cita', '')).toThrow();
    expect(() => calendarEventId('', 'AV-1')).toThrow();
  });

  test('validator follows the Calendar rules', () => {
    expect(isValidCalendarEventId('abcd')).toBe(false); // too short
    expect(isValidCalendarEventId('abcdw')).toBe(false); // w is outside base32hex
    expect(isValidCalendarEventId('ABCDE')).toBe(false);
    expect(isValidCalendarEventId('a'.repeat(1024))).toBe(true);
    expect(isValidCalendarEventId('a'.repeat(1025))).toBe(false);
  });
});

describe('Meet request IDs', () => {
  test('stable per attempt, new for a deliberate new link', () => {
    expect(meetRequestId('AV-1')).toBe(meetRequestId('AV-1', 0));
    expect(meetRequestId('AV-1', 1)).not.toBe(meetRequestId('AV-1', 0));
    expect(meetRequestId('AV-1')).not.toBe(meetRequestId('AV-2'));
    expect(meetRequestId('AV-1')).not.toBe(calendarEventId('cita', 'AV-1'));
    expect(() => meetRequestId('AV-1', -1)).toThrow();
  });
});

describe('HMAC-SHA-256 and the tokens made with it', () => {
  // RFC 4231 §4.2 and §4.3.
  test('RFC 4231 test cases 1 and 2', () => {
    expect(toHex(hmacSha256(new Array(20).fill(0x0b), 'Hi There'))).toBe('b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7');
    expect(toHex(hmacSha256('Jefe', 'what do ya want for nothing?'))).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  test('a key longer than a block is hashed first (RFC 4231 case 6)', () => {
    expect(toHex(hmacSha256(new Array(131).fill(0xaa), 'Test Using Larger Than Block-Size Key - Hash Key First'))).toBe(
      '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
    );
  });

  test('constantTimeEqual compares every character, whatever the lengths', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
    expect(constantTimeEqual('', 'a')).toBe(false);
  });

  test('a survey token: 20 base32hex characters, the same for the same secret and appointment, different otherwise', () => {
    const t = surveyToken('secreto-1', 'AV-000123');
    expect(t).toMatch(/^[0-9a-v]{20}$/);
    expect(surveyToken('secreto-1', 'AV-000123')).toBe(t);
    expect(surveyToken('secreto-1', 'AV-000124')).not.toBe(t);
    expect(surveyToken('secreto-2', 'AV-000123')).not.toBe(t);
    // The code as the citizen's answer may carry it (case, spaces) signs the same.
    expect(surveyToken('secreto-1', ' av-000123 ')).toBe(t);
  });

  test('a walk-in ID carries the Lima minute, never the document, and is stable for the same secret, document and minute', () => {
    const start = new Date('2026-11-28T15:30:00Z'); // 10:30 in Lima
    const id = walkInId('secreto-1', '04567891', start);
    expect(id).toMatch(/^P-20261128-1030-[0-9A-V]{12}$/);
    expect(id).not.toContain('04567891');
    expect(walkInId('secreto-1', '04567891', start)).toBe(id);
    expect(walkInId('secreto-1', '04567892', start)).not.toBe(id);
    expect(walkInId('secreto-2', '04567891', start)).not.toBe(id);
  });
});
