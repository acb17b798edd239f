/**
 * Importing the citizen platform's report of booked appointments (A01), for the use case:
 *   CSV  bytes → decodeText → parseCsv  ─┐
 *   XLSX bytes → (Utilities.unzip) → parseXlsx ─┴→ parseReport → reconcileImport → summariseImport
 */
import { parseCsv } from './csv';
import { decodeText, type TextEncodingName } from './decode';

export * from './csv';
export * from './decode';
export * from './xlsx';
export * from './report';
export * from './reconcile';
export { FIELD_LABELS, IMPORT_MESSAGES } from './messages';

/** The rows of a CSV file given as bytes (signed Apps Script bytes accepted), whatever its encoding. */
export function csvRowsFromBytes(bytes: Uint8Array | number[]): { rows: string[][]; encoding: TextEncodingName } {
  const { text, encoding } = decodeText(bytes);
  return { rows: parseCsv(text), encoding };
}
