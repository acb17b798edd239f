/**
 * A small workbook SheetJS writes in several formats for the readers' tests: a merged title,
 * a text code and DNI with leading zeros, a Lima date-time, a number, a boolean, markup-like
 * text and a line break, an empty cell.
 */
import * as XLSX from 'xlsx';
import { limaDate } from '../../../src/domain/lima-time';

export function sheetJsWorkbook(): { wb: XLSX.WorkBook; start: Date } {
  const start = limaDate(2026, 11, 27, 10, 0);
  const ws = XLSX.utils.aoa_to_sheet(
    [
      ['Citas'],
      ['Código', 'DNI', 'Fecha y hora', 'Monto', 'Activo'],
      ['000101', '01234567', start, 12.5, true],
      ['x & <y>', 'a\nb', null, -3, false],
    ],
    { cellDates: true },
  );
  ws['!merges'] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: 2 } }];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, 'Hoja1');
  return { wb, start };
}
