import { checkRuc, rucCheckDigit } from '../../../src/domain/external/ruc';

describe('RUC check (C01)', () => {
  // Real, published RUCs of Peruvian entities (SUNAT, a bank, the Ministry of Labour, a retailer).
  it.each(['20131312955', '20100047218', '20131023414', '20100070970'])('accepts %s', (ruc) => {
    expect(checkRuc(ruc)).toEqual({ ok: true, ruc });
  });

  it('drops spaces, dots and dashes between digits, and accepts a number cell', () => {
    expect(checkRuc(' 20-13131295-5 ')).toEqual({ ok: true, ruc: '20131312955' });
    expect(checkRuc('20 131 312 955')).toEqual({ ok: true, ruc: '20131312955' });
    expect(checkRuc(20131312955)).toEqual({ ok: true, ruc: '20131312955' });
  });

  it('computes the check digit, with 10 → 0 and 11 → 1', () => {
    expect(rucCheckDigit('2013131295')).toBe(5);
    expect(rucCheckDigit('2010007097')).toBe(0);
    // Σ ≡ 10 (mod 11) gives 11 − 10 = 1; Σ ≡ 0 gives 11 → 1 as well; Σ ≡ 1 gives 10 → 0.
    const sums = new Set<number>();
    for (let n = 0; n < 2000; n++) {
      const t = `20${String(n).padStart(8, '0')}`;
      const d = rucCheckDigit(t);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThanOrEqual(9);
      sums.add(d);
    }
    expect(sums.size).toBe(10);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    [null, 'empty'],
    ['2013131295O', 'notDigits'],
    ['=HYPERLINK("x")', 'notDigits'],
    ['2013131295', 'length'],
    ['201313129550', 'length'],
    ['30131312955', 'prefix'],
    ['11131312955', 'prefix'],
    ['20131312954', 'checkDigit'],
    ['20131312956', 'checkDigit'],
  ])('refuses %p (%s)', (raw, problem) => {
    expect(checkRuc(raw)).toEqual({ ok: false, problem });
  });

  it('refuses every wrong check digit of a valid RUC', () => {
    for (let d = 0; d <= 9; d++) {
      const r = checkRuc(`2013131295${d}`);
      expect(r.ok).toBe(d === 5);
    }
  });
});
