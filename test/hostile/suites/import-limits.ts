/**
 * Size limits: a report of 5,000 appointments (with hostile and invalid rows mixed in) finishes
 * inside one execution's 6 minutes of modeled Apps Script time, and no value the import writes
 * is longer than a Google Sheets cell accepts (50,000 characters).
 */
import { citas, createAttentionWorld, makeReportRows } from '../../support/attention-world';
import { accountFor, brokenExecutions, formulaCells, imported, note, overlongCells, reviewRows, tried, type RowOutcome } from '../checks';
import { csvText, encode, HOSTILE_TEXTS, reportLines } from '../corpus';

const SIX_MINUTES_MS = 6 * 60 * 1000;

export function importLimitsSuite(): void {
  describe('a report of 5,000 appointments', () => {
    const w = createAttentionWorld();
    const rows = makeReportRows('2026-11-30', 5000, { codePrefix: 'G' });
    const hostile = HOSTILE_TEXTS.filter((t) => t.tidy !== '' && !t.value.includes('\u0000'));
    const expected: RowOutcome[] = rows.map((r, i): RowOutcome => {
      const line = i + 2;
      if (i % 100 === 99) {
        r.dni = r.dni.slice(1); // 7 digits: rejected
        return { line, rejected: /tiene 7 dígitos/ };
      }
      if (i % 25 === 0) {
        const t = hostile[(i / 25) % hostile.length];
        // In a free-text column (names follow the one rule for names: test/hostile/suites/import-text.ts).
        r.service = t.value;
        return { line, id: r.code, cells: { Servicio: t.tidy.length > 200 ? t.tidy.slice(0, 199).trimEnd() + '…' : t.tidy } };
      }
      return { line, id: r.code, cells: { DNI: r.dni } };
    });
    const bytes = encode(csvText(reportLines(rows)), 'utf-8');

    test('is imported in one execution well inside the 6-minute limit; every row accounted for, none a formula', () => {
      const r = imported(w.ws, w.atenciones, 'reporte-5000.csv', bytes);
      tried('reporte de 5.000 filas');
      expect(brokenExecutions(w.ws)).toEqual([]);
      expect(r.execution.status).toBe('completed');
      expect(r.execution.modeledMs).toBeLessThan(SIX_MINUTES_MS);
      note(`5.000 filas: ${r.execution.modeledMs} ms modelados, ${r.execution.calls.Sheets ?? 0} llamadas a Sheets`);
      expect(r.counts).toMatchObject({ inserted: 4950, rejected: 50 });
      expect(accountFor(w.ws, w.atenciones, r, expected)).toEqual([]);
      expect(reviewRows(w.ws, w.atenciones)).toHaveLength(50);
      expect(formulaCells(w.ws, w.atenciones)).toEqual([]);
    });

    test('importing it again changes nothing and costs no more', () => {
      const first = w.ws.executions({ functionName: 'importReport' }).at(-1)!;
      const before = w.ws.values(w.atenciones, 'Citas');
      const r = imported(w.ws, w.atenciones, 'reporte-5000.csv', bytes);
      tried('reporte de 5.000 filas');
      expect(r.execution.status).toBe('completed');
      expect(r.counts).toMatchObject({ inserted: 0, unchanged: 4950, rejected: 50 });
      expect(w.ws.values(w.atenciones, 'Citas')).toEqual(before);
      expect(reviewRows(w.ws, w.atenciones)).toHaveLength(50);
      expect(r.execution.calls.Sheets ?? 0).toBeLessThanOrEqual(first.calls.Sheets ?? 0);
    });
  });

  describe('values longer than a Google Sheets cell', () => {
    test('a rejected row holding 60,000 characters is kept in «Revisión» without writing a cell Sheets would refuse', () => {
      const w = createAttentionWorld();
      const rows = makeReportRows('2026-12-01', 3, { codePrefix: 'L' });
      rows[1].names = 'Ñ'.repeat(60_000);
      rows[1].email = 'sin-arroba';
      const r = imported(w.ws, w.atenciones, 'largo.csv', encode(csvText(reportLines(rows)), 'utf-8'));
      tried('celdas largas');
      expect(r.counts).toMatchObject({ inserted: 2, rejected: 1 });
      expect(reviewRows(w.ws, w.atenciones).map((x) => x['Referencia'])).toEqual(['largo.csv · fila 3']);
      // Real Sheets throws "Your input contains more than the maximum of 50000 characters in a
      // single cell" (the emulator does not enforce it): the import would fail after writing 'Citas'.
      expect(overlongCells(w.ws, w.atenciones)).toEqual([]);
    });

    test('a stray opening quote early in a 2,000-row report neither swallows the rest nor writes an overlong cell', () => {
      const w = createAttentionWorld();
      const rows = makeReportRows('2026-12-02', 2000, { codePrefix: 'Q' });
      const lines = reportLines(rows).map((l) => l.join(','));
      lines[10] = lines[10].replace(rows[9].names, '"' + rows[9].names);
      imported(w.ws, w.atenciones, 'comilla.csv', encode(lines.join('\n') + '\n', 'utf-8'));
      tried('celdas largas');
      expect(brokenExecutions(w.ws)).toEqual([]);
      expect(overlongCells(w.ws, w.atenciones)).toEqual([]);
      expect(citas(w.ws, w.atenciones).length).toBeGreaterThanOrEqual(1999);
    });
  });
}
