/**
 * The places of an external workshop (C02): the institution's expected participants plus the
 * margin setting «Margen de cupos en talleres externos (%)», rounded up. Shared by the panel's
 * detail (src/app/external/view.ts) and whatever makes the workshop's module, so both say the same.
 *
 * Pure.
 */
import { MAX_CAPACITY } from '../workshops/module';

/**
 * ceil(expected × (1 + marginPercent/100)), in integer arithmetic, at most a module's largest
 * capacity (MAX_CAPACITY); 0 without a positive `expected`.
 */
export function capacityFor(expected: number, marginPercent: number): number {
  const p = Number.isFinite(marginPercent) && marginPercent > 0 ? marginPercent : 0;
  if (!Number.isFinite(expected) || expected <= 0) return 0;
  // Integer arithmetic first: 225 × 1.08 is 243.00000000000003 in floating point — 243 places, not 244.
  return Math.min(MAX_CAPACITY, Math.ceil(Math.round(expected * (100 + p)) / 100));
}
