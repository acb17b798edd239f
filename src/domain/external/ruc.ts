/**
 * The RUC (Registro Único de Contribuyentes) an institution gives in its request (C01): 11 digits,
 * a prefix that says what kind of taxpayer it is, and a check digit (SUNAT's modulo 11).
 *
 * Prefixes accepted: 10 (a person with business income), 15 and 17 (other persons registered by
 * SUNAT), 20 (a legal entity: a CETPRO, an institute, a municipality). The check digit is
 * 11 − (Σ digit × weight mod 11) over the first ten digits with weights 5 4 3 2 7 6 5 4 3 2;
 * 10 counts as 0 and 11 as 1.
 *
 * Pure: the request's validation (./request.ts) calls it and words the answer in Spanish.
 */

export const RUC_PREFIXES = ['10', '15', '17', '20'] as const;
const WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

export type RucProblem = 'empty' | 'notDigits' | 'length' | 'prefix' | 'checkDigit';
export type RucCheck = { ok: true; ruc: string } | { ok: false; problem: RucProblem };

/** The check digit of the first ten digits of a RUC. */
export function rucCheckDigit(firstTen: string): number {
  if (!/^\d{10}$/.test(firstTen)) throw new Error('rucCheckDigit needs ten digits');
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += Number(firstTen[i]) * WEIGHTS[i]!;
  const r = 11 - (sum % 11);
  return r === 10 ? 0 : r === 11 ? 1 : r;
}

/**
 * A RUC as typed: spaces, dots and dashes between digits are dropped ('20 131370998', '20-13137099-8');
 * anything else that is not a digit is refused, never guessed.
 */
export function checkRuc(raw: unknown): RucCheck {
  const typed = typeof raw === 'number' && Number.isSafeInteger(raw) ? String(raw) : typeof raw === 'string' ? raw : '';
  const s = typed.trim().slice(0, 40).replace(/[\s.\-]/g, '');
  if (s === '') return { ok: false, problem: 'empty' };
  if (!/^\d+$/.test(s)) return { ok: false, problem: 'notDigits' };
  if (s.length !== 11) return { ok: false, problem: 'length' };
  if (!(RUC_PREFIXES as readonly string[]).includes(s.slice(0, 2))) return { ok: false, problem: 'prefix' };
  if (rucCheckDigit(s.slice(0, 10)) !== Number(s[10])) return { ok: false, problem: 'checkDigit' };
  return { ok: true, ruc: s };
}
