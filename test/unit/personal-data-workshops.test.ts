/**
 * The pure parts of Ley 29733's rights over "Programación Talleres Masivos": what the search box
 * accepts (a DNI, or an email for invitations and unsubscribes), how a registration is
 * anonymised, and the contract of 'Bajas de difusión' (an address, or its SHA-256 fingerprint once
 * the address was deleted).
 */
import { DELETED_NAME } from '../../src/domain/messages/personal-data';
import { anonymisedRegistrationFields, confirmsQuery, parsePersonQuery, REGISTRATION_PERSONAL_KEYS } from '../../src/domain/personal-data';
import { isUnsubscribeKey, unsubscribeCellMatches, unsubscribeChecker, unsubscribeKey } from '../../src/domain/unsubscribe-key';

const NOW = new Date('2026-11-28T14:00:00Z');

describe('what the search box accepts', () => {
  test('a DNI as before, an email lower-cased', () => {
    expect(parsePersonQuery(' 0123 4567 ')).toEqual({ ok: true, query: { kind: 'dni', dni: '01234567', key: '01234567' } });
    expect(parsePersonQuery(' Maria.Nahui@Gmail.com ')).toEqual({ ok: true, query: { kind: 'email', email: 'maria.nahui@gmail.com', key: 'maria.nahui@gmail.com' } });
  });

  test.each([['a@b'], ['=HYPERLINK("x")@evil.pe'], ['@SUM(1)'], ['ana @gmail.com'], ['=1+1'], [null], [{ dni: '01234567' }]])('%j is refused without searching', (typed) => {
    const r = parsePersonQuery(typed);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/No se buscó nada\.$/);
  });

  test("a deletion's confirmation repeats the same DNI or the same address, however typed", () => {
    const dni = parsePersonQuery('01234567');
    const email = parsePersonQuery('ana@correo.pe');
    if (!dni.ok || !email.ok) throw new Error('unexpected');
    expect([confirmsQuery(dni.query, '01.234.567'), confirmsQuery(dni.query, '01234568'), confirmsQuery(dni.query, '')]).toEqual([true, false, false]);
    expect([confirmsQuery(email.query, 'ANA@correo.pe '), confirmsQuery(email.query, 'ana@correo.com')]).toEqual([true, false]);
  });
});

describe('a registration anonymised', () => {
  const redact = (t: string) => t.replace('Ñahui', '[dato eliminado]');

  test('the person and what they wrote go; module, state, consent and notice version stay', () => {
    const f = anonymisedRegistrationFields({ status: 'Cerrado', reviewReason: 'DNI repetido de María Ñahui' }, redact, false, NOW);
    for (const key of REGISTRATION_PERSONAL_KEYS) expect(f[key]).toBe(key === 'fullName' ? DELETED_NAME : '');
    expect(f.reviewReason).toBe('DNI repetido de María [dato eliminado]');
    for (const kept of ['id', 'moduleId', 'status', 'consent', 'noticeVersion', 'acceptsNews', 'registeredAt', 'businessStage']) expect(f).not.toHaveProperty(kept);
    expect(f.updatedAt).toBe(NOW);
  });

  test.each([
    ['Inscrito', true, 'Retirado'],
    ['En lista de espera', true, 'Retirado'],
    ['Por revisar', true, 'Retirado'],
    ['Retirado', true, undefined],
    ['Anulado', true, undefined],
    ['Inscrito', false, undefined], // the module is over: the statistics keep who was registered
  ])('state %s, module open %s → %s', (status, withdraw, after) => {
    const f = anonymisedRegistrationFields({ status, reviewReason: '' }, redact, withdraw, NOW);
    expect(f.status).toBe(after);
    expect(f.withdrawnAt).toBe(after ? NOW : undefined);
    expect(f).not.toHaveProperty('reviewReason');
  });
});

describe("'Bajas de difusión': an address or its fingerprint", () => {
  test('the fingerprint is SHA-256 of the trimmed, lower-cased address, with a prefix', () => {
    // echo -n 'ana@correo.pe' | sha256sum
    expect(unsubscribeKey(' Ana@Correo.PE ')).toBe('sha256:e660cd82f96eda639188627d316c10918a5eaad3d8869c2dd041b7ce395eb05a');
    expect(unsubscribeKey('ana@correo.pe')).not.toBe(unsubscribeKey('ana@correo.com'));
    expect(isUnsubscribeKey(unsubscribeKey('x@y.pe'))).toBe(true);
    expect(isUnsubscribeKey('x@y.pe')).toBe(false);
    expect(isUnsubscribeKey('sha256:1234')).toBe(false);
  });

  test('a checker over the cells honours both forms, in any case, and ignores empty or non-text cells', () => {
    const checker = unsubscribeChecker(['Ana@Correo.pe', unsubscribeKey('luis@correo.pe').toUpperCase(), '', null, 42]);
    expect(['ana@correo.pe', ' ANA@correo.pe', 'luis@correo.pe', 'Luis@Correo.PE', 'otra@correo.pe', ''].map((e) => checker.has(e))).toEqual([true, true, true, true, false, false]);
  });

  test('one cell matches one address', () => {
    expect(unsubscribeCellMatches('ANA@correo.pe', 'ana@correo.pe')).toBe(true);
    expect(unsubscribeCellMatches(unsubscribeKey('ana@correo.pe'), 'Ana@Correo.pe')).toBe(true);
    expect(unsubscribeCellMatches(unsubscribeKey('ana@correo.pe'), 'luis@correo.pe')).toBe(false);
    expect(unsubscribeCellMatches('', '')).toBe(false);
  });
});
