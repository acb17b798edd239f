/**
 * How the workshop use cases read cells: text (a Date is not text), whole numbers, valid Dates.
 * One copy for every module of src/app/workshops that reads rows.
 */
export function text(v: unknown): string {
  if (v === null || v === undefined || v instanceof Date) return '';
  return String(v).trim();
}

export function int(v: unknown): number {
  const n = typeof v === 'number' ? v : Number(text(v));
  return Number.isFinite(n) ? Math.trunc(n) : 0;
}

export function dateOf(v: unknown): Date | null {
  return v instanceof Date && !isNaN(v.getTime()) ? v : null;
}

