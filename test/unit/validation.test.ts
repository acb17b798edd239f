import { checkPersonName, documentTypeOf, isValidRuc, normaliseDni, normaliseEmail, normalisePeruMobile } from '../../src/domain/validation';
import { NAME_MESSAGES } from '../../src/domain/messages/validation';

describe('normaliseDni', () => {
  it('accepts 8 digits as text and keeps a leading zero', () => {
    expect(normaliseDni('01234567')).toBe('01234567');
    expect(normaliseDni('45879632')).toBe('45879632');
  });

  it('strips spaces, NBSP and dots people type', () => {
    expect(normaliseDni(' 45.879.632 ')).toBe('45879632');
    expect(normaliseDni('4587 9632')).toBe('45879632');
    expect(normaliseDni('4587\u00a09632')).toBe('45879632');
  });

  it('restores the leading zero Excel dropped from a numeric cell (7 digits from a number)', () => {
    expect(normaliseDni(1234567)).toBe('01234567');
    expect(normaliseDni(45879632)).toBe('45879632');
  });

  it('does not pad 7 digits typed as text: a digit is missing', () => {
    expect(normaliseDni('1234567')).toBeNull();
  });

  it.each([
    ['123456789'], ['1234'], ['12A45678'], ['12345678-9'], [''], ['00000000'], ['DNI 12345678'],
  ])('rejects %j', (v) => expect(normaliseDni(v)).toBeNull());

  it.each([[123456], [12345678.5], [-12345678], [0], [100000000]])('rejects the number %p', (n) => {
    expect(normaliseDni(n)).toBeNull();
  });

  it('rejects non-text values', () => {
    expect(normaliseDni(null)).toBeNull();
    expect(normaliseDni(undefined)).toBeNull();
    expect(normaliseDni(new Date())).toBeNull();
  });
});

describe('normaliseEmail', () => {
  it.each([
    ['maria.nahui@gmail.com', 'maria.nahui@gmail.com'],
    ['  JOSE.PENA@Hotmail.COM ', 'JOSE.PENA@hotmail.com'],
    ['ana+citas@empresa.com.pe', 'ana+citas@empresa.com.pe'],
    ["o'connor@correo.pe", "o'connor@correo.pe"],
    ['mailto:luis@trabajo.gob.pe', 'luis@trabajo.gob.pe'],
    ['x@sub-dominio.xn--p1ai', 'x@sub-dominio.xn--p1ai'],
  ])('accepts %j as %j', (raw, expected) => expect(normaliseEmail(raw)).toBe(expected));

  it.each([
    ['maria nahui@gmail.com'],
    ['maria.nahuigmail.com'],
    ['maria@@gmail.com'],
    ['maria@gmail'],
    ['maria@gmail.c'],
    ['maria@gmail..com'],
    ['maria@-gmail.com'],
    ['maria@gmail.com.'],
    ['.maria@gmail.com'],
    ['maria.@gmail.com'],
    ['ma..ria@gmail.com'],
    ['maría@gmail.com'],
    ['maria@gmail.123'],
    ['@gmail.com'],
    ['maria@'],
    [''],
  ])('rejects %j', (raw) => expect(normaliseEmail(raw)).toBeNull());

  it('rejects a local part over 64 characters and non-strings', () => {
    expect(normaliseEmail('a'.repeat(65) + '@gmail.com')).toBeNull();
    expect(normaliseEmail(12345)).toBeNull();
  });
});

describe('normalisePeruMobile', () => {
  it.each([
    ['987654321'],
    ['987 654 321'],
    ['987-654-321'],
    ['+51987654321'],
    ['+51 987 654 321'],
    ['51 987 654 321'],
    ['0051 987654321'],
    ['(+51) 987-654-321'],
  ])('normalises %j to +51 987654321', (raw) => expect(normalisePeruMobile(raw)).toBe('+51 987654321'));

  it('accepts numbers from a numeric cell', () => {
    expect(normalisePeruMobile(987654321)).toBe('+51 987654321');
    expect(normalisePeruMobile(51987654321)).toBe('+51 987654321');
  });

  it.each([
    ['(01) 456-7890'], // Lima landline
    ['014567890'],
    ['+51 1 4567890'],
    ['044 123456'], // provincial landline
    ['87654321'], // 8 digits
    ['9876543210'], // 10 digits
    ['+34 612 345 678'], // Spain
    ['+1 987 654 3210'],
    ['987654321 / 912345678'],
    [''],
  ])('rejects %j (only Peruvian mobiles)', (raw) => expect(normalisePeruMobile(raw)).toBeNull());
});

describe('isValidRuc', () => {
  it.each([
    ['20131312955'], // SUNAT's own RUC
    ['20100070970'], // 11 − (sum mod 11) = 10 → check digit 0
    [' 20131312955 '],
  ])('accepts %j', (ruc) => expect(isValidRuc(ruc)).toBe(true));

  it('checks a natural person RUC (10 + DNI + check digit) computed by hand', () => {
    // 1·5+0·4+4·3+5·2+8·7+7·6+9·5+6·4+3·3+2·2 = 207; 207 mod 11 = 9; 11 − 9 = 2.
    expect(isValidRuc('10458796322')).toBe(true);
    expect(isValidRuc('10458796323')).toBe(false);
  });

  it('accepts a RUC given as a number', () => {
    expect(isValidRuc(20131312955)).toBe(true);
  });

  it.each([
    ['20131312954'], // wrong check digit
    ['30131312955'], // unknown prefix
    ['2013131295'], // 10 digits
    ['201313129550'],
    ['2013131295A'],
    [''],
  ])('rejects %j', (ruc) => expect(isValidRuc(ruc)).toBe(false));

  it('computes the 11 → 1 case of the check digit', () => {
    // Find a body whose sum is ≡ 0 (mod 11) and check that only digit 1 is accepted.
    const weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
    for (let n = 0; n < 100000; n++) {
      const body = '20' + String(n).padStart(8, '0');
      const sum = body.split('').reduce((s, d, i) => s + Number(d) * weights[i], 0);
      if (sum % 11 === 0) {
        expect(isValidRuc(body + '1')).toBe(true);
        expect(isValidRuc(body + '0')).toBe(false);
        return;
      }
    }
    throw new Error('no body found');
  });
});

describe('checkPersonName: one rule for the import, the walk-in and the correction', () => {
  it.each([
    ['María José Ñahui Huamán', 'María José Ñahui Huamán'],
    ['  Lucía   D’Onofrio Güemes ', 'Lucía D’Onofrio Güemes'],
    ["Seán O'Brien", "Seán O'Brien"],
    ['Jean-Pierre Ma. del Carmen', 'Jean-Pierre Ma. del Carmen'],
    ['ÁNGELA MUÑOZ DÍAZ', 'ÁNGELA MUÑOZ DÍAZ'],
    ['Rosa "La Flaca" Ñahui (Rosita)', 'Rosa "La Flaca" Ñahui (Rosita)'],
    ['👩🏽 Rosa 🇵🇪', '👩🏽 Rosa 🇵🇪'],
  ])('accepts %j as %j', (raw, name) => {
    expect(checkPersonName(raw)).toEqual({ ok: true, name });
  });

  it.each([
    ['', 'missing'],
    ['   ', 'missing'],
    ['=1+1', 'invalid'],
    ['=HYPERLINK("http://x","clic")', 'invalid'],
    ['+51 987654321', 'invalid'],
    ['-Ana', 'invalid'],
    ['@Ana', 'invalid'],
    ['<b>Ana</b>', 'invalid'],
    ['Ana;=2+3', 'invalid'],
    ['Ana 2', 'invalid'],
    ['—', 'invalid'],
    ['a'.repeat(201), 'tooLong'],
  ])('refuses %j (%s)', (raw, problem) => {
    expect(checkPersonName(raw)).toEqual({ ok: false, problem });
  });

  it('every refusal has a polite Spanish sentence', () => {
    for (const p of ['missing', 'invalid', 'tooLong'] as const) expect(NAME_MESSAGES[p]).toMatch(/^[A-ZÁÉÍÓÚ].*\.$/);
  });
});

describe('documentTypeOf: only the documents the service attends', () => {
  it.each([
    ['', 'DNI'], ['D.N.I.', 'DNI'], ['dni', 'DNI'], ['Carné de extranjería', 'CE'], ['CE', 'CE'],
    ['Pasaporte', 'Pasaporte'], ['PTP', 'PTP'], ['CPP', 'CPP'],
  ])('%j is %j', (raw, type) => expect(documentTypeOf(raw)).toBe(type));

  it.each([['<img src=x onerror=alert(1)>'], ['Cédula de Venezuela'], ['=1+1'], ['RUC']])('%j is not one of them', (raw) => {
    expect(documentTypeOf(raw)).toBeNull();
  });
});
