/**
 * Scenario helpers for the attention flow (issue 3, A01–A07), shared by the import, reminders
 * and day scenario tests.
 *
 * - `createAttentionWorld()`: a Workspace with "Atenciones Virtuales – Centro de Empleo" and
 *   "Programación Talleres Masivos", the built bundle installed in both, both set up through the
 *   panel (each with the other as sibling), and the consultant's name written in
 *   'Configuración' so the platform's "Consultor" column matches them.
 * - `makeReport(day, n, opts)`: the platform's report of N fictional appointments on a Lima day,
 *   as the consultant downloads it (CSV in UTF-8, UTF-8 with BOM or Windows-1252, ',' or ';',
 *   title rows above the header; or XLSX as Excel saves it).
 * - `importReport(ws, ss, fileName, bytes)`: the panel's call, bytes sent as base64.
 */
import { randomBytes } from 'crypto';
import { SIGNING_SECRET_PROPERTY } from '../../src/app/signing';
import { surveyToken } from '../../src/domain/ids';
import { execSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workspace, type ClientResult } from '../../emulator';
import { sheetsStore } from '../../emulator/services/sheets';
import type { BookingResult, ImportResult, WalkInInput } from '../../src/api';
import { limaDate, parseDateKey } from '../../src/domain/lima-time';
import {
  SURVEY_CODE_QUESTION,
  SURVEY_TOKEN_QUESTION,
  SURVEY_COMMENTS_QUESTION,
  SURVEY_CONSENT_CHOICE,
  SURVEY_CONSENT_QUESTION,
  SURVEY_RECOMMEND_QUESTION,
  SURVEY_SCALE_QUESTIONS,
} from '../../src/domain/survey-form';
import { REPORT_FIELDS, REPORT_HEADER, type ReportRow } from './report-rows';
import { writeXlsx, type XlsxCellSpec } from './xlsx-writer';

export const ROOT = path.resolve(__dirname, '../..');
export const DIST = path.join(ROOT, 'dist');

const ATENCIONES_NAME = 'Atenciones Virtuales – Centro de Empleo';
const TALLERES_NAME = 'Programación Talleres Masivos';

// ---------------------------------------------------------------------------- the bundle

function newestMtime(dir: string): number {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds dist/ when it is missing or older than src/, sidebar/ or the manifest. */
export function ensureBuilt(): void {
  const code = path.join(DIST, 'Code.js');
  const built = fs.existsSync(code) && fs.existsSync(path.join(DIST, 'Sidebar.html')) ? fs.statSync(code).mtimeMs : 0;
  const sources = Math.max(
    newestMtime(path.join(ROOT, 'src')),
    newestMtime(path.join(ROOT, 'sidebar')),
    fs.existsSync(path.join(ROOT, 'appsscript.json')) ? fs.statSync(path.join(ROOT, 'appsscript.json')).mtimeMs : 0,
  );
  if (built === 0 || sources > built) execSync('npx tsx scripts/build.ts', { cwd: ROOT, stdio: 'pipe' });
}

// ---------------------------------------------------------------------------- the two spreadsheets

export interface AttentionWorld {
  ws: Workspace;
  /** ID of "Atenciones Virtuales – Centro de Empleo". */
  atenciones: string;
  /** ID of "Programación Talleres Masivos". */
  talleres: string;
  /** The consultant's Google account (the workspace's user). */
  user: string;
  /** The consultant's name as the platform's report writes it. */
  consultantName: string;
}

export interface WorldOptions {
  /** Lima wall time, default '2026-11-27T09:00' (a Friday). */
  at?: string;
  user?: string;
  consultantName?: string;
  seed?: number;
  /** Settings to write in 'Configuración' after setup, by 'Parámetro' (e.g. 'Hora de recordatorios'). */
  settings?: Record<string, string>;
}

/** Both spreadsheets, the bundle installed and set up in each (through the panel), ready to import. */
export function createAttentionWorld(opts: WorldOptions = {}): AttentionWorld {
  ensureBuilt();
  const user = opts.user ?? 'ana.quispe@trabajo.gob.pe';
  const consultantName = opts.consultantName ?? 'Ana Quispe';
  const ws = Workspace.create({ at: opts.at ?? '2026-11-27T09:00', user, seed: opts.seed ?? 11 });
  const atenciones = ws.createSpreadsheet(ATENCIONES_NAME);
  const talleres = ws.createSpreadsheet(TALLERES_NAME);
  ws.install(atenciones, { distDir: DIST });
  ws.install(talleres, { distDir: DIST });
  ws.openSpreadsheet(atenciones);
  ws.openSpreadsheet(talleres);
  setUpPair(ws, atenciones, talleres);
  addTeamMember(ws, atenciones, user, consultantName, ['coordinador', 'consultor']);
  for (const [name, value] of Object.entries(opts.settings ?? {})) setSetting(ws, atenciones, name, value);
  return { ws, atenciones, talleres, user, consultantName };
}

/**
 * Sets up both spreadsheets as a coordinator would on a first deploy: "Atenciones" first (its
 * sibling cannot prove itself yet), then "Talleres" pointing at it, then "Atenciones" again,
 * which now records "Talleres" as its proven sibling (docs/access-model.md).
 */
export function setUpPair(ws: Workspace, atenciones: string, talleres: string, user?: string): void {
  for (const [id, role, sibling] of [
    [atenciones, 'atenciones', talleres],
    [talleres, 'talleres', atenciones],
    [atenciones, 'atenciones', talleres],
  ] as const) {
    const r = ws.callFromSidebar(id, 'setupSpreadsheet', [role, sibling], user);
    if (!r.ok) throw new Error(`setup of ${role} failed: ${r.error}`);
  }
}

/** A coordinator (by default the workspace's user, who ran setup) registers a team member from the panel. */
export function addTeamMember(
  ws: Workspace,
  ss: string,
  email: string,
  name: string,
  roles: string[] = ['consultor'],
  coordinator?: string,
): void {
  const r = ws.callFromSidebar(ss, 'saveTeamMember', [{ email, name, roles }], coordinator);
  if (!r.ok) throw new Error(`saveTeamMember failed: ${r.error}`);
  const v = r.value as { ok: boolean; message: string };
  if (!v.ok) throw new Error(`saveTeamMember refused: ${v.message}`);
}

/** Writes a 'Configuración' value as a person would type it (adds the row if it is missing). */
export function setSetting(ws: Workspace, ss: string, name: string, value: string): void {
  const values = ws.values(ss, 'Configuración');
  const headers = (values[0] ?? []).map(String);
  const nameCol = headers.indexOf('Parámetro');
  const valueCol = headers.indexOf('Valor');
  let row = values.findIndex((r, i) => i > 0 && String(r[nameCol]) === name);
  if (row < 0) {
    row = values.length;
    while (row > 1 && values[row - 1].every((v) => v === '' || v === null)) row--;
    sheetsStore(ws.state).enterValues(ss, 'Configuración', row + 1, nameCol + 1, [[name]]);
  }
  sheetsStore(ws.state).enterValues(ss, 'Configuración', row + 1, valueCol + 1, [[value]]);
}

// ---------------------------------------------------------------------------- the platform's report

export { REPORT_HEADER, REPORT_FIELDS, type ReportRow } from './report-rows';


const FIRST_NAMES = [
  'María José', 'José Ángel', 'Lucía', 'Ángela', 'Raúl', 'Rosa Elvira', 'Jesús', 'Milagros', 'César Augusto', 'Yolanda',
  'Óscar', 'Verónica', 'Iñaki', 'Fiorella', 'Héctor', 'Noemí', 'Martín', 'Susana', 'Edgar', 'Teresa',
  'Wilber', 'Gisela', 'Álvaro', 'Karina', 'Julián', 'Pilar', 'Ronald', 'Elena', 'Ítalo', 'Soledad',
];
const LAST_NAMES = [
  'Ñahui Huamán', 'Peña Cárdenas', 'D’Onofrio Güemes', 'Muñoz Díaz', 'Quispe Mamani', 'Condori Apaza', 'Ñique Chávez',
  'Huamaní Rojas', 'Vílchez León', 'Ccori Tupa', 'Benítez Salazar', 'Calderón Ríos', 'Zúñiga Paredes', 'Gutiérrez Ayala',
  'Ramírez Poma', 'Sánchez Villanueva', 'Cáceres Lozano', "O'Brien Castañeda", 'Mendoza Quiñones', 'Álvarez Pizarro',
  'Huillca Ccahuana', 'Núñez Tello', 'Espinoza Meléndez', 'Torres Yupanqui', 'Ordóñez Saldaña', 'Montañez Ruiz',
  'Tácunan Flores', 'Peñaloza Cruz', 'Guzmán Aguirre', 'Ibáñez Carhuaz',
];
export const SERVICE = 'Orientación para el emprendimiento';
/** Other consultants of the report besides the world's own ('Ana Quispe'). */
const OTHER_CONSULTANTS = ['Luis Ñique', 'Carmen Rosa Vílchez', 'Jorge Huamán'];

/**
 * 'csv' and 'xlsx' are written by this project's own helpers; the others by SheetJS (the `xlsx`
 * dev dependency), as other software exports them: 'xls' Excel 97–2003 (BIFF8), 'xml' Excel 2003
 * XML, 'ods' OpenDocument, 'html' an HTML table saved as '.xls'. (SheetJS writes Excel 5.0/95
 * text as ASCII, so that format is tested with hand-built records in test/unit/import/xls.test.ts.)
 */
export type ReportFileFormat = 'csv' | 'xlsx' | 'xls' | 'xml' | 'ods' | 'html';

export interface MakeReportOptions {
  format?: ReportFileFormat;
  /** CSV only. Default 'utf-8'. */
  encoding?: 'utf-8' | 'utf-8-bom' | 'windows-1252';
  /** CSV only. Default ','; Excel in Spanish writes ';'. */
  delimiter?: ',' | ';';
  /** Times as '3:30 p. m.' (Excel es-PE) instead of '15:30'. */
  twelveHour?: boolean;
  /** The platform's title and date-range rows above the header (default true). */
  titleRows?: boolean;
  /** Consultants the appointments are spread over (default: the world's consultant, then others, 12 slots each). */
  consultants?: string[];
  /** First appointment time, Lima (default '08:00'); slots are `slotMinutes` apart (default 40). */
  startTime?: string;
  slotMinutes?: number;
  /** Code of appointment i is `${codePrefix}${i + 1, 3 digits}`; default 'yymmdd' of the day. */
  codePrefix?: string;
  /** XLSX: the document column as numbers (Excel dropped the text format: '01234567' → 1234567). */
  xlsxDocumentsAsNumbers?: boolean;
  /** XLSX: dates and times as Excel date cells (default true) instead of text. */
  xlsxDateCells?: boolean;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function asciiWord(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/\s+/)[0]
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}

/**
 * N fictional appointments on a Lima day ('yyyy-mm-dd'), 12 per consultant, 40 minutes apart from
 * 08:00. Appointment 0's DNI starts with a zero ('01234567'). Deterministic: the same day and
 * index always give the same person and code.
 */
export function makeReportRows(day: string, n: number, opts: Pick<MakeReportOptions, 'consultants' | 'startTime' | 'slotMinutes' | 'codePrefix'> = {}): ReportRow[] {
  const { year, month, day: d } = parseDateKey(day);
  const prefix = opts.codePrefix ?? `${pad(year % 100, 2)}${pad(month, 2)}${pad(d, 2)}`;
  const perConsultant = 12;
  const consultants = opts.consultants ?? ['Ana Quispe', ...OTHER_CONSULTANTS];
  const needed = Math.ceil(n / perConsultant);
  while (consultants.length < needed) consultants.push(`Consultor ${consultants.length + 1}`);
  const [h0, m0] = (opts.startTime ?? '08:00').split(':').map(Number);
  const slot = opts.slotMinutes ?? 40;
  const rows: ReportRow[] = [];
  for (let i = 0; i < n; i++) {
    const c = Math.floor(i / perConsultant);
    const minutes = h0 * 60 + m0 + (i % perConsultant) * slot;
    const first = FIRST_NAMES[i % FIRST_NAMES.length];
    const last = LAST_NAMES[(i * 7 + Math.floor(i / LAST_NAMES.length)) % LAST_NAMES.length];
    rows.push({
      code: `${prefix}${pad(i + 1, 3)}`,
      documentType: 'DNI',
      dni: pad((1_234_567 + i * 1_000_003) % 100_000_000, 8),
      names: first,
      lastNames: last,
      email: `${asciiWord(first)}.${asciiWord(last)}${i + 1}@gmail.com`,
      phone: `9${pad((12_345_678 + i * 7_919) % 100_000_000, 8)}`,
      date: `${pad(d, 2)}/${pad(month, 2)}/${year}`,
      time: `${pad(Math.floor(minutes / 60), 2)}:${pad(minutes % 60, 2)}`,
      service: SERVICE,
      consultant: consultants[c],
      status: 'Reservada',
    });
  }
  return rows;
}

/** '15:30' → '3:30 p. m.' with the no-break space Excel (es-PE) writes. */
export function twelveHourTime(hhmm: string): string {
  const [h, m] = hhmm.split(':').map(Number);
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return `${h12}:${pad(m, 2)} ${h < 12 ? 'a.\u00a0m.' : 'p.\u00a0m.'}`;
}

function csvField(v: string, delimiter: string): string {
  return /["\r\n]/.test(v) || v.includes(delimiter) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Windows-1252 bytes; throws for a character the code page does not have. */
export function encodeWindows1252(s: string): Uint8Array {
  const special: Record<string, number> = {
    '€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89, 'Š': 0x8a,
    '‹': 0x8b, 'Œ': 0x8c, 'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97,
    '˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b, 'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
  };
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const c = ch.charCodeAt(0);
    if (special[ch] !== undefined) out[i] = special[ch];
    else if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) out[i] = c;
    else throw new Error(`not in Windows-1252: ${JSON.stringify(ch)}`);
  }
  return out;
}

function titleLines(rows: ReportRow[]): string[][] {
  const dates = [...new Set(rows.map((r) => r.date))];
  return [['Reporte de citas reservadas - Centro de Empleo Lima'], [`Del ${dates[0] ?? ''} al ${dates[dates.length - 1] ?? ''}`], []];
}

/** The bytes of a report file listing these rows. */
export function reportFile(rows: ReportRow[], opts: MakeReportOptions = {}): Uint8Array {
  const time = (r: ReportRow) => (opts.twelveHour ? twelveHourTime(r.time) : r.time);
  const titles = opts.titleRows === false ? [] : titleLines(rows);
  const format = opts.format ?? 'csv';
  if (format !== 'csv' && format !== 'xlsx') return sheetJsFile(titles, rows, time, format);
  if (format === 'xlsx') {
    const dateCells = opts.xlsxDateCells !== false;
    const cells: XlsxCellSpec[][] = [...titles.map((t) => t as XlsxCellSpec[]), [...REPORT_HEADER]];
    for (const r of rows) {
      const [dd, mm, yyyy] = r.date.split('/').map(Number);
      const [hh, mi] = r.time.split(':').map(Number);
      const validDate = dd >= 1 && mm >= 1 && mm <= 12 && dd <= new Date(Date.UTC(yyyy, mm, 0)).getUTCDate();
      cells.push(
        REPORT_FIELDS.map((f): XlsxCellSpec => {
          const v = r[f];
          if (f === 'code') return { text: v };
          if (f === 'dni') return opts.xlsxDocumentsAsNumbers && /^\d+$/.test(v) ? Number(v) : { text: v };
          if (f === 'date' && dateCells && validDate) return { date: limaDate(yyyy, mm, dd), format: 'date' };
          if (f === 'time' && dateCells && /^\d{1,2}:\d{2}$/.test(r.time)) return { serial: (hh * 60 + mi) / 1440, format: 'time' };
          if (f === 'time') return time(r);
          return v === '' ? undefined : v;
        }),
      );
    }
    return writeXlsx(cells, { sheetName: 'Citas reservadas', mergeTitle: opts.titleRows !== false });
  }
  const delimiter = opts.delimiter ?? ',';
  const lines = [...titles, [...REPORT_HEADER], ...rows.map((r) => REPORT_FIELDS.map((f) => (f === 'time' ? time(r) : r[f])))];
  const crlf = opts.encoding === 'utf-8-bom' || opts.encoding === 'windows-1252';
  const text = lines.map((l) => l.map((v) => csvField(v, delimiter)).join(delimiter)).join(crlf ? '\r\n' : '\n') + (crlf ? '\r\n' : '\n');
  if (opts.encoding === 'windows-1252') return encodeWindows1252(text);
  const utf8 = new Uint8Array(Buffer.from(text, 'utf8'));
  if (opts.encoding === 'utf-8-bom') return new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
  return utf8;
}

/** The report written by SheetJS: dates as date cells (html: as text), codes and documents as text. */
function sheetJsFile(titles: string[][], rows: ReportRow[], time: (r: ReportRow) => string, format: Exclude<ReportFileFormat, 'csv' | 'xlsx'>): Uint8Array {
  // Loaded on demand: only the tests of these formats pay for it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const XLSX = require('xlsx') as typeof import('xlsx');
  const aoa: unknown[][] = [...titles, [...REPORT_HEADER], ...rows.map((r) => REPORT_FIELDS.map((f) => (f === 'time' ? time(r) : r[f])))];
  const sheet = XLSX.utils.aoa_to_sheet(aoa);
  // Dates as Excel date cells: the serial written directly (SheetJS's own Date conversion uses the
  // zone's 1899 offset, Lima's local mean time, and lands minutes before midnight).
  const dateColumn = REPORT_FIELDS.indexOf('date');
  rows.forEach((r, i) => {
    const [dd, mm, yyyy] = r.date.split('/').map(Number);
    const validDate = dd >= 1 && mm >= 1 && mm <= 12 && dd <= new Date(Date.UTC(yyyy, mm, 0)).getUTCDate();
    if (!validDate || format === 'html') return;
    const serial = (Date.UTC(yyyy, mm - 1, dd) - Date.UTC(1899, 11, 30)) / 86_400_000;
    sheet[XLSX.utils.encode_cell({ r: titles.length + 1 + i, c: dateColumn })] = { t: 'n', v: serial, z: 'dd/mm/yyyy' };
  });
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, 'Citas reservadas');
  const bookType = ({ xls: 'biff8', xml: 'xlml', ods: 'ods', html: 'html' } as const)[format];
  return new Uint8Array(XLSX.write(book, { type: 'buffer', bookType }) as Buffer);
}

export interface Report {
  rows: ReportRow[];
  bytes: Uint8Array;
  fileName: string;
}

/**
 * The platform's report of `n` appointments on `day` ('yyyy-mm-dd', Lima). `edit` may change,
 * drop (return null) or add rows before the file is written.
 */
export function makeReport(
  day: string,
  n: number,
  opts: MakeReportOptions & { edit?: (rows: ReportRow[]) => ReportRow[] } = {},
): Report {
  let rows = makeReportRows(day, n, opts);
  if (opts.edit) rows = opts.edit(rows.map((r) => ({ ...r })));
  const ext = ({ csv: 'csv', xlsx: 'xlsx', xls: 'xls', xml: 'xml', ods: 'ods', html: 'xls' } as const)[opts.format ?? 'csv'];
  return { rows, bytes: reportFile(rows, opts), fileName: `reporte-citas-${day}.${ext}` };
}

// ---------------------------------------------------------------------------- the panel's calls

export type Call<T> = { ok: true; value: T; execution: ClientResult['execution'] } | { ok: false; error: string; execution: ClientResult['execution'] };

/** The panel imports a file: its name and its bytes as base64, one google.script.run call. */
export function importReport(ws: Workspace, ss: string, fileName: string, bytes: Uint8Array): Call<ImportResult> {
  return ws.callFromSidebar(ss, 'importReport', [fileName, Buffer.from(bytes).toString('base64')]) as Call<ImportResult>;
}

/**
 * The panel's import as a consultant does it: the preview, then «Confirmar e importar» with its
 * plan ID — ticking «Sí, cancelar también estas citas» when the preview asks for it.
 */
export function importConfirmed(ws: Workspace, ss: string, fileName: string, bytes: Uint8Array): Call<ImportResult> {
  const data = Buffer.from(bytes).toString('base64');
  const p = ws.callFromSidebar(ss, 'previewImport', [fileName, data]) as Call<{ ok: boolean; planId: string | null }>;
  if (!p.ok || !p.value.ok || !p.value.planId) return importReport(ws, ss, fileName, bytes);
  return ws.callFromSidebar(ss, 'importReport', [fileName, data, { planId: p.value.planId, confirmCancellations: true }]) as Call<ImportResult>;
}

/** The panel books a walk-in. */
export function bookWalkIn(ws: Workspace, ss: string, input: WalkInInput): Call<BookingResult> {
  return ws.callFromSidebar(ss, 'bookWalkIn', [input]) as Call<BookingResult>;
}

/** 'Citas' as records keyed by header. */
export function citas(ws: Workspace, ss: string): Record<string, unknown>[] {
  return ws.readTab(ss, 'Citas').filter((r) => String(r['ID de cita'] ?? '') !== '');
}

/** A complete answer to the satisfaction survey, as a citizen fills it in (scores cycle over the scale questions). */
export function surveyAnswers(code: string, scores: readonly number[], comment = '', token?: string): Record<string, string> {
  const a: Record<string, string> = { [SURVEY_CODE_QUESTION]: code };
  if (token !== undefined) a[SURVEY_TOKEN_QUESTION] = token;
  SURVEY_SCALE_QUESTIONS.forEach((q, i) => (a[q.title] = String(scores[i % scores.length])));
  a[SURVEY_RECOMMEND_QUESTION] = 'Sí';
  if (comment) a[SURVEY_COMMENTS_QUESTION] = comment;
  a[SURVEY_CONSENT_QUESTION] = SURVEY_CONSENT_CHOICE;
  return a;
}

/**
 * The token the citizen's survey link carries for `code` (what the service signs with the
 * spreadsheet's secret, app/signing.ts). Makes the secret first when no survey was sent yet, as the
 * first send would.
 */
export function surveyTokenFor(ws: Workspace, ss: string, code: string): string {
  const props = ws.project(ss).documentProperties;
  props[SIGNING_SECRET_PROPERTY] ??= randomBytes(30).toString('hex');
  return surveyToken(props[SIGNING_SECRET_PROPERTY], code);
}

/**
 * A person types `text` into one field of an appointment's row of 'Citas' (found by its ID), as
 * in the Sheets UI. The importer refuses names holding markup or formulas (one rule for names),
 * but a person may still type one into the sheet: the rest of the product must cope.
 */
export function typeCitaField(ws: Workspace, ss: string, code: string, header: string, text: string): void {
  const [headers, ...rows] = ws.values(ss, 'Citas');
  const col = headers.map(String).indexOf(header);
  const idCol = headers.map(String).indexOf('ID de cita');
  const row = rows.findIndex((r) => r[idCol] === code);
  if (col < 0 || row < 0) throw new Error(`no ${header} for ${code} in Citas`);
  let letters = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  ws.typeInto(ss, 'Citas', `${letters}${row + 2}`, text);
}
