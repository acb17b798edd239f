/**
 * Whether a module issues certificates (B12, C04): the 'Emite certificados' cell of 'Módulos'.
 * EMPTY COUNTS AS YES — every internal module leaves it blank; an external workshop's choice is
 * made at approval and written as a boolean. Only an explicit "no" (false, 'FALSO', 'no') says no.
 * Every reader (the certificates job and panel, the external workshop's closing) asks here.
 *
 * Pure.
 */
export function issuesCertificates(cell: unknown): boolean {
  if (cell === false) return false;
  if (cell === null || cell === undefined || cell === true) return true;
  const s = String(cell).trim().toLowerCase();
  return !(s === 'false' || s === 'falso' || s === 'no' || s === '0');
}
