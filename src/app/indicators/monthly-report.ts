/**
 * The monthly report to the Sub Dirección (issue 15 item 3), in "Programación Talleres Masivos":
 * on the first working day of each month, the previous month's report — every indicator
 * provider's sections for that month (`computeSections(..., null)`), its charts drawn as bars,
 * the month's modules and external workshops — made a PDF in the service's Drive folder
 * («Informes mensuales») and emailed to «Correo de la Sub Dirección» with the PDF attached, once
 * per month. «Enviar nueva versión» (coordinators) makes version n + 1 and sends it, once too.
 *
 * When: a monthly trigger on day 1 at MONTHLY_REPORT_HOUR (setup installs it). When day 1 is a
 * Saturday or Sunday the run asks for a one-off run on the first working day (recorded like a
 * job's requested run, so setup leaves it alone) and sends nothing. A late firing within its hour
 * is the same day: it sends what is due, once. A month whose run was missed is sent by the next
 * run (at most CATCH_UP_MONTHS back, never before the first month this spreadsheet sent).
 *
 * The frame of the B12 module report (src/app/workshops/module-report.ts), the month taking the
 * place of the module's row: under the script lock, bring the month's record in step with the
 * journal → decide (which version, or a refusal in Spanish) → make the PDF (retiring any earlier
 * PDF of the same name, left by a run whose send never happened) → at most one email, once
 * (sendOnce 'informe-mensual', key '<yyyy-mm>#v<n>') → ONE write of the month's record with the
 * email's outcome → audit.
 *
 * The record of a month is a document property ('SOE_MONTHLY_REPORT:<yyyy-mm>', JSON {version,
 * delivery, url, sentAt}): the report has no row of its own in any tab, and the properties are
 * where the journal already is. What a crash leaves:
 * - between the PDF and the send: an extra PDF, retired by the retry, which makes the version
 *   again (its email was never sent);
 * - during the send: the journal says 'enviando'; the retry records the version as 'enviando',
 *   lists it in 'Revisión' and never resends it blindly (a person asks the Sub Dirección and, if
 *   it did not arrive, sends a new version);
 * - between the send and the record: the journal says 'enviado'; the retry writes the record from
 *   it (the PDF found by its name) and sends nothing.
 * The journal entries stay (one per version): they make each version once-only and tell the
 * automatic run which months are done.
 */
import { computeSections, serviceBooks, type IndicatorProvider } from './dashboard';
import { formatLimaDateTime } from '../../domain/lima-time';
import {
  monthEnded,
  monthlyDue,
  monthlyReportEmail,
  monthlyReportHtml,
  monthOfKey,
  monthWorkshops,
  MONTHLY_TEXT as T,
  type MonthWorkshop,
} from '../../domain/indicators/monthly-report';
import { previousMonth, type Period } from '../../domain/indicators/period';
import type { IndicatorSection } from '../../domain/indicators/sections';
import { MODULES_TAB, REVIEW_TAB, SESSIONS_TAB, SETTINGS_TAB, settingSpec } from '../../domain/schema';
import { MissingColumnError } from '../../domain/table';
import { normaliseEmail } from '../../domain/validation';
import { reportTarget } from '../../domain/workshops/module-report';
import { fileIdOf } from '../../domain/workshops/drive-files';
import { saveVersionedPdf } from '../versioned-pdf';
import { LockBusyError, type DriveItemRef, type Mailer, type Scheduler } from '../../ports';
import { journalEntries, sendOnce } from '../delivery';
import { requestDueProperty, requestRun } from '../jobs';
import { recordReview } from '../review';
import { readSettings } from '../settings';
import { recordedRole } from '../setup';
import { serviceFolder, teamEmails, type FolderDeps } from '../workshops/folder';
import { dateOf, text } from '../workshops/cells';

export const MONTHLY_REPORT_HANDLER = 'runMonthlyReport';
/** Document property of a month's record: `${RECORD_PREFIX}<yyyy-mm>`. */
export const RECORD_PREFIX = 'SOE_MONTHLY_REPORT:';
/** Document property: the ID of the «Informes mensuales» folder. */
export const FOLDER_PROPERTY = 'SOE_MONTHLY_REPORT_FOLDER';
/** Document property of the one-off run asked for the first working day (its trigger's ID; `_AT` its due time). */
export const REQUEST_PROPERTY = 'SOE_MONTHLY_REPORT_REQUEST';

export interface MonthlyReportDeps extends FolderDeps {
  mailer: Mailer;
  scheduler: Scheduler;
}

export interface MonthlyRecord {
  /** 0: never made. */
  version: number;
  /** 'enviado' | 'enviando' | 'error' | '' */
  delivery: string;
  url: string;
  /** ISO time of the send ('' none). */
  sentAt: string;
}

export interface MonthlyReportView {
  ok: boolean;
  message: string;
  /** 'yyyy-mm' and «noviembre de 2026». */
  month: string;
  label: string;
  version: number;
  delivery: string;
  url: string;
  /** Lima date and time of the send ('' none). */
  sentAt: string;
  recipient: string;
  recipientProblem: string;
  /** «Enviar informe» applies (nothing went out for the month yet); else «Enviar nueva versión». */
  canSend: boolean;
  canSendNew: boolean;
}

export interface MonthlySendResult {
  ok: boolean;
  message: string;
  view?: MonthlyReportView;
}

export const MONTHLY_MESSAGES = {
  notTalleres: 'El informe mensual se envía desde «Programación Talleres Masivos».',
  badMonth: 'Indique un mes ya terminado (aaaa-mm).',
  notEnded: (label: string) => `El mes de ${label} aún no termina: su informe se envía cuando haya terminado.`,
  noRecipient: (setting: string) => `Falta el «${setting}» en «Configuración»: sin él no se puede enviar el informe mensual.`,
  badRecipient: (setting: string, value: string) => `El «${setting}» de «Configuración» no es un correo válido (${value}).`,
  sent: (label: string, n: number, to: string) => `Informe de ${label}${n > 1 ? ` (versión ${n})` : ''} enviado a ${to}.`,
  alreadySent: (label: string, n: number, at: string) => `El informe de ${label}${n > 1 ? ` (versión ${n})` : ''} ya se envió${at ? ` el ${at}` : ''}. Para corregirlo, use «Enviar nueva versión».`,
  interrupted: (label: string, n: number) =>
    `El envío del informe de ${label} (versión ${n}) se interrumpió y no se sabe si llegó: está en «Revisión». Consulte a la Sub Dirección y, si no lo recibió, use «Enviar nueva versión».`,
  meanwhile: (n: number) => `El informe cambió mientras tanto (ahora versión ${n}): revise antes de enviar otra.`,
  sendFailed: (reason: string) => `No se pudo enviar el informe mensual: ${reason}. Puede intentarlo de nuevo.`,
  failed: (reason: string) => `No se pudo preparar el informe mensual: ${reason}`,
  lockBusy: 'Otra persona está trabajando en la hoja; intente de nuevo en unos segundos.',
  providerFailed: (key: string, reason: string) => `No se pudieron calcular los indicadores «${key}»: ${reason}`,
  waiting: (at: string) => `El día 1 no es laborable: el informe mensual se enviará el ${at}.`,
  nothingDue: 'Nada pendiente: el informe del mes anterior ya se envió.',
} as const;

export const MONTHLY_AUDIT = {
  pdf: 'Informe mensual (PDF)',
  sent: 'Informe mensual enviado',
  refused: 'Informe mensual no enviado',
  run: 'Informe mensual automático',
  reviewKind: 'Informe mensual sin confirmar',
  detail: (to: string, n: number, url: string) => `v${n} → ${to}${url ? ` · ${url}` : ''}`,
  reviewDetail: (label: string, n: number, to: string) => `El envío del informe de ${label} (versión ${n}) a ${to} se interrumpió: confirme con la Sub Dirección si llegó.`,
} as const;

const M = MONTHLY_MESSAGES;
const A = MONTHLY_AUDIT;

// ---------------------------------------------------------------------------- the month's state

function recordKey(month: string): string {
  return `${RECORD_PREFIX}${month}`;
}

export function readRecord(deps: Pick<MonthlyReportDeps, 'properties'>, month: string): MonthlyRecord {
  const empty: MonthlyRecord = { version: 0, delivery: '', url: '', sentAt: '' };
  const raw = deps.properties.get(recordKey(month));
  if (!raw) return empty;
  try {
    const v = JSON.parse(raw) as Partial<MonthlyRecord>;
    return {
      version: typeof v.version === 'number' && v.version > 0 ? Math.trunc(v.version) : 0,
      delivery: typeof v.delivery === 'string' ? v.delivery : '',
      url: typeof v.url === 'string' ? v.url : '',
      sentAt: typeof v.sentAt === 'string' ? v.sentAt : '',
    };
  } catch {
    return empty;
  }
}

function writeRecord(deps: Pick<MonthlyReportDeps, 'properties'>, month: string, r: MonthlyRecord): void {
  deps.properties.setAll({ [recordKey(month)]: JSON.stringify(r) });
}

/** The journal's sends of the monthly report, as { month, n, state, at }. */
function sends(deps: Pick<MonthlyReportDeps, 'properties'>): { month: string; n: number; state: 'enviado' | 'enviando'; at?: Date }[] {
  const out: { month: string; n: number; state: 'enviado' | 'enviando'; at?: Date }[] = [];
  for (const e of journalEntries(deps.properties, 'informe-mensual')) {
    const m = /^(\d{4}-\d{2})#v(\d+)$/.exec(e.rowId);
    if (m) out.push({ month: m[1]!, n: Number(m[2]), state: e.state, ...(e.at ? { at: e.at } : {}) });
  }
  return out.sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : a.n - b.n));
}

function recipientOf(deps: Pick<MonthlyReportDeps, 'workbooks'>): { to: string; problem: string } {
  const settings = readSettings(deps.workbooks.current().table(SETTINGS_TAB)).settings;
  const raw = settings.subDirectorEmail;
  const setting = settingSpec('subDirectorEmail').name;
  if (!raw) return { to: '', problem: M.noRecipient(setting) };
  const to = normaliseEmail(raw);
  return to ? { to, problem: '' } : { to: '', problem: M.badRecipient(setting, raw) };
}

function toReview(deps: MonthlyReportDeps, p: Period, n: number, to: string): void {
  const table = deps.workbooks.current().table(REVIEW_TAB);
  if (!table.exists()) return;
  recordReview(table, [{ tipo: A.reviewKind, referencia: `${p.key}#v${n}`, detalle: A.reviewDetail(p.label, n, to) }], deps.clock.now());
}

/** The «Informes mensuales» folder inside the service's folder: the recorded one, the one of that name, or a new one. */
function reportsFolder(deps: MonthlyReportDeps): DriveItemRef {
  const recorded = deps.properties.get(FOLDER_PROPERTY);
  const known = recorded ? deps.drive.folder(recorded) : null;
  if (known) return known;
  const team = teamEmails(deps);
  const parent = serviceFolder(deps, team);
  const found = deps.drive.childFolders(parent.id, { name: T.folderName })[0];
  const folder = found ?? deps.drive.createFolder(parent.id, T.folderName);
  deps.drive.shareWithTeam(folder.id, team);
  deps.properties.setAll({ [FOLDER_PROPERTY]: folder.id });
  return folder;
}

/**
 * Brings the month's record in step with the journal: a version whose send the journal records
 * but the record does not (the execution stopped between the email and the record's write).
 */
function reconcile(deps: MonthlyReportDeps, p: Period, to: string): { n: number; state: 'enviado' | 'enviando' } | null {
  const mine = sends(deps).filter((s) => s.month === p.key);
  const last = mine[mine.length - 1];
  if (!last) return null;
  const rec = readRecord(deps, p.key);
  if (last.n < rec.version || (last.n === rec.version && rec.delivery === last.state)) return null;
  const folderId = deps.properties.get(FOLDER_PROPERTY);
  const file = folderId ? deps.drive.filesNamed(folderId, T.fileName(p.key, last.n))[0] : undefined;
  const url = file?.url ?? (last.n === rec.version ? rec.url : '');
  writeRecord(deps, p.key, { version: last.n, delivery: last.state, url, sentAt: last.state === 'enviado' ? (last.at ?? deps.clock.now()).toISOString() : '' });
  if (last.state === 'enviado') {
    deps.audit.record({ action: A.sent, target: p.key, result: 'Correcto', detail: A.detail(to, last.n, url) });
  } else {
    deps.audit.record({ action: A.sent, target: p.key, result: 'Por revisar', detail: A.detail(to, last.n, url) });
    toReview(deps, p, last.n, to);
  }
  return { n: last.n, state: last.state };
}

function viewOf(deps: MonthlyReportDeps, p: Period, message = '', ok = true): MonthlyReportView {
  const rec = readRecord(deps, p.key);
  const recipient = recipientOf(deps);
  const at = rec.sentAt ? new Date(rec.sentAt) : null;
  const gone = rec.delivery === 'enviado' || rec.delivery === 'enviando';
  const ended = monthEnded(p, deps.clock.now());
  return {
    ok,
    message,
    month: p.key,
    label: p.label,
    version: rec.version,
    delivery: rec.delivery,
    url: rec.url,
    sentAt: at && !isNaN(at.getTime()) ? formatLimaDateTime(at) : '',
    recipient: recipient.to,
    recipientProblem: recipient.problem,
    canSend: ended && !gone,
    canSendNew: ended && gone,
  };
}

function talleresProblem(deps: MonthlyReportDeps): string | null {
  if (recordedRole(deps.properties) !== 'talleres') return M.notTalleres;
  if (!deps.workbooks.current().table(MODULES_TAB).exists()) return M.notTalleres;
  return null;
}

/** The month asked for ('yyyy-mm'; empty: the previous month). */
function monthAsked(deps: MonthlyReportDeps, raw: unknown): Period | null {
  if (raw === undefined || raw === null || raw === '') return previousMonth(deps.clock.now());
  return monthOfKey(raw);
}

// ---------------------------------------------------------------------------- what the report shows

/** Every provider's sections for the month; a provider that fails is one section saying so (the report still goes). */
export function reportSections(deps: Pick<MonthlyReportDeps, 'workbooks' | 'properties' | 'clock'>, providers: readonly IndicatorProvider[], p: Period): IndicatorSection[] {
  const books = serviceBooks(deps, 'talleres');
  const settings = readSettings(deps.workbooks.current().table(SETTINGS_TAB)).settings;
  const input = { role: 'talleres' as const, ...books, period: p, now: deps.clock.now(), settings };
  return providers.flatMap((provider) => {
    try {
      return computeSections([provider], input, null);
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      return [{ key: provider.key, title: M.providerFailed(provider.key, reason), headline: [], tables: [] }];
    }
  });
}

/** The month's modules and external workshops (Módulos and Sesiones of this spreadsheet, each read once). */
export function reportWorkshops(deps: Pick<MonthlyReportDeps, 'workbooks'>, p: Period): { modules: MonthWorkshop[]; external: MonthWorkshop[] } {
  const book = deps.workbooks.current();
  const modules = book
    .table(MODULES_TAB)
    .read()
    .rows.map((r) => ({ id: r.id, name: text(r.record.name), kind: text(r.record.kind), institution: text(r.record.institution), status: text(r.record.status) }));
  const sessions = book
    .table(SESSIONS_TAB)
    .read()
    .rows.map((r) => ({ moduleId: text(r.record.moduleId), start: dateOf(r.record.start), status: text(r.record.status) }));
  return monthWorkshops(modules, sessions, p);
}

// ---------------------------------------------------------------------------- the send

export interface MonthlySendOptions {
  /** «Enviar nueva versión»: version n + 1 once n went out. */
  newVersion?: boolean;
  /** The version the panel showed: when the record moved on meanwhile, nothing is sent. */
  seenVersion?: number;
  /** The automatic run: a month already sent (or left to a person) is skipped silently. */
  automatic?: boolean;
}

/** Sends the month's report (version as `reportTarget` decides). Call holding the script lock. */
function sendMonth(deps: MonthlyReportDeps, providers: readonly IndicatorProvider[], p: Period, options: MonthlySendOptions): MonthlySendResult {
  const refuse = (message: string): MonthlySendResult => {
    deps.audit.record({ action: A.refused, target: p.key, result: 'Sin efecto', detail: message });
    return { ok: false, message, view: viewOf(deps, p, message, false) };
  };
  const before = readRecord(deps, p.key);
  const seen = options.seenVersion;
  if (typeof seen === 'number' && Number.isFinite(seen) && seen !== before.version) return refuse(M.meanwhile(before.version));
  const wanted = reportTarget(before.version, before.delivery, options.newVersion === true);
  const recipient = recipientOf(deps);
  // The journal first: a send an interrupted execution made is recorded before anything else.
  const found = reconcile(deps, p, recipient.to || '(sin destinatario)');
  if (found && 'version' in wanted && found.n === wanted.version) {
    return found.state === 'enviado' ? { ok: true, message: M.sent(p.label, found.n, recipient.to), view: viewOf(deps, p) } : refuse(M.interrupted(p.label, found.n));
  }
  const rec = readRecord(deps, p.key);
  const target = found ? reportTarget(rec.version, rec.delivery, options.newVersion === true) : wanted;
  if ('refuse' in target) {
    const at = rec.sentAt ? new Date(rec.sentAt) : null;
    const message = target.refuse === 'sent' ? M.alreadySent(p.label, rec.version, at && !isNaN(at.getTime()) ? formatLimaDateTime(at) : '') : M.interrupted(p.label, rec.version);
    if (options.automatic) return { ok: target.refuse === 'sent', message };
    return refuse(message);
  }
  if (!monthEnded(p, deps.clock.now())) return refuse(M.notEnded(p.label));
  if (!recipient.to) return refuse(recipient.problem);
  const version = target.version;
  const now = deps.clock.now();

  // What the report shows: computed before anything is made.
  const sections = reportSections(deps, providers, p);
  const workshops = reportWorkshops(deps, p);

  // The PDF of this version (its send has not started: the journal has no entry for it).
  const folder = reportsFolder(deps);
  const name = T.fileName(p.key, version);
  const recordedId = rec.version === version ? fileIdOf(rec.url) : null;
  const { file, retired } = saveVersionedPdf(deps.drive, folder.id, name, monthlyReportHtml({ period: p, sections, workshops, version, at: now }), recordedId);
  deps.audit.record({ action: A.pdf, target: p.key, result: 'Correcto', detail: [`v${version} · ${file.url}`, ...retired].join(' · ') });

  const mail = monthlyReportEmail({ period: p, workshops, version });
  const outcome = sendOnce({ mailer: deps.mailer, journal: deps.properties, clock: deps.clock }, 'informe-mensual', `${p.key}#v${version}`, {
    to: recipient.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    senderName: mail.senderName,
    attachmentFileIds: [file.id],
  });
  const next: MonthlyRecord = { version, delivery: 'error', url: file.url, sentAt: '' };
  let result: MonthlySendResult;
  if (outcome.status === 'enviado') {
    next.delivery = 'enviado';
    next.sentAt = outcome.at.toISOString();
    deps.audit.record({ action: A.sent, target: p.key, result: 'Correcto', detail: A.detail(recipient.to, version, file.url) });
    result = { ok: true, message: M.sent(p.label, version, recipient.to) };
  } else if (outcome.status === 'ambiguo') {
    next.delivery = 'enviando';
    deps.audit.record({ action: A.sent, target: p.key, result: 'Por revisar', detail: `${A.detail(recipient.to, version, file.url)}: ${outcome.message}` });
    toReview(deps, p, version, recipient.to);
    result = { ok: false, message: M.interrupted(p.label, version) };
  } else {
    deps.audit.record({ action: A.sent, target: p.key, result: 'Error', detail: `${A.detail(recipient.to, version, file.url)}: ${outcome.message}` });
    result = { ok: false, message: M.sendFailed(outcome.message) };
  }
  // One write of the month's record, with the email's outcome.
  writeRecord(deps, p.key, next);
  return { ...result, view: viewOf(deps, p, result.message, result.ok) };
}

function guardedRun<T>(deps: MonthlyReportDeps, target: string, fail: (message: string) => T, run: () => T): T {
  try {
    return deps.lock.withLock(run);
  } catch (e) {
    if (e instanceof LockBusyError) return fail(M.lockBusy);
    const reason = e instanceof MissingColumnError ? e.message : M.failed(e instanceof Error ? e.message : String(e));
    deps.audit.record({ action: A.refused, target, result: 'Error', detail: reason });
    return fail(reason);
  }
}

/** «Informe mensual» in the panel: the state of the month's report (default: the previous month). Reads only. */
export function monthlyReportView(deps: MonthlyReportDeps, rawMonth?: unknown): MonthlyReportView | { ok: false; message: string } {
  const problem = talleresProblem(deps);
  if (problem) return { ok: false, message: problem };
  const p = monthAsked(deps, rawMonth);
  if (!p) return { ok: false, message: M.badMonth };
  return viewOf(deps, p);
}

/** «Enviar informe mensual» / «Enviar nueva versión» (coordinators). */
export function sendMonthlyReport(deps: MonthlyReportDeps, providers: readonly IndicatorProvider[], rawMonth: unknown, options: Omit<MonthlySendOptions, 'automatic'> = {}): MonthlySendResult {
  const problem = talleresProblem(deps);
  const target = typeof rawMonth === 'string' ? rawMonth.slice(0, 20) : '';
  if (problem) {
    deps.audit.record({ action: A.refused, target, result: 'Sin efecto', detail: problem });
    return { ok: false, message: problem };
  }
  const p = monthAsked(deps, rawMonth);
  if (!p) {
    deps.audit.record({ action: A.refused, target, result: 'Sin efecto', detail: M.badMonth });
    return { ok: false, message: M.badMonth };
  }
  return guardedRun(deps, p.key, (message) => ({ ok: false, message }), () => sendMonth(deps, providers, p, { newVersion: options.newVersion === true, ...(options.seenVersion !== undefined ? { seenVersion: options.seenVersion } : {}) }));
}

// ---------------------------------------------------------------------------- the monthly trigger

/** Removes the one-off run asked for the first working day once it is due (Apps Script keeps fired one-off triggers). */
function clearSpentRequest(deps: MonthlyReportDeps): void {
  const id = deps.properties.get(REQUEST_PROPERTY);
  if (!id) return;
  const due = Number(deps.properties.get(requestDueProperty(REQUEST_PROPERTY)) ?? NaN);
  if (!isNaN(due) && due > deps.clock.now().getTime()) return;
  deps.properties.delete(REQUEST_PROPERTY);
  deps.properties.delete(requestDueProperty(REQUEST_PROPERTY));
  deps.scheduler.remove(id);
}

/** Every month whose record is behind the journal (one read of the properties to find them). */
function reconcileLagging(deps: MonthlyReportDeps, all: ReturnType<typeof sends>): void {
  const props = deps.properties.getAll();
  const last = new Map<string, (typeof all)[number]>();
  for (const s of all) last.set(s.month, s); // sorted by month then version: the last one wins
  let to: string | null = null;
  for (const [month, s] of last) {
    let rec: Partial<MonthlyRecord> = {};
    try {
      rec = JSON.parse(props[recordKey(month)] ?? '{}') as Partial<MonthlyRecord>;
    } catch {
      rec = {};
    }
    if (rec.version === s.n && rec.delivery === s.state) continue;
    const p = monthOfKey(month);
    if (!p) continue;
    to ??= recipientOf(deps).to || '(sin destinatario)';
    reconcile(deps, p, to);
  }
}

/**
 * The monthly trigger's run (and the one-off run of the first working day): sends every month
 * that is due (monthlyDue), once each. Returns a one-line summary for the execution log.
 */
export function runMonthlyReport(deps: MonthlyReportDeps, providers: readonly IndicatorProvider[]): string {
  if (talleresProblem(deps)) return M.notTalleres;
  return guardedRun(deps, 'automático', (message) => message, () => {
    clearSpentRequest(deps);
    const now = deps.clock.now();
    const all = sends(deps);
    // The journal first: a month whose send an interrupted run made (its record not written) is recorded now.
    reconcileLagging(deps, all);
    const lastSent = all.filter((s) => s.state === 'enviado').reduce<string | null>((m, s) => (m === null || s.month > m ? s.month : m), null);
    // A month whose send was interrupted ('enviando' only) stays due: its run records it for a person (reconcile) and sends nothing.
    const due = monthlyDue(now, lastSent, new Set(all.filter((s) => s.state === 'enviado').map((s) => s.month)));
    if (due.kind === 'wait') {
      requestRun(deps, MONTHLY_REPORT_HANDLER, REQUEST_PROPERTY, due.at.getTime() - now.getTime());
      const message = M.waiting(formatLimaDateTime(due.at));
      deps.audit.record({ action: A.run, target: previousMonth(now).key, result: 'Sin efecto', detail: message });
      return message;
    }
    if (due.months.length === 0) return M.nothingDue;
    const lines = due.months.map((p) => sendMonth(deps, providers, p, { automatic: true }).message);
    return lines.join(' ');
  });
}
