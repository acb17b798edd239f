/**
 * The module's report to the Dirección (B12, issue 13 item 5): its HTML page
 * (src/domain/workshops/module-report.ts) made a PDF in the module's Drive folder, emailed to
 * `reportRecipient(settings)` with the PDF attached — once per version. «Enviar nueva versión»
 * makes version n + 1 and sends it (once too). The row records 'Informe a la Dirección' (the
 * PDF), 'Versión del informe', 'Envío del informe' and 'Informe enviado'.
 *
 * The frame of src/app/day/action.ts: under the script lock, read the module's row → bring it in
 * step with the journal (below) → decide (which version, or a refusal in Spanish) → make the PDF →
 * at most one email, once (sendOnce, key '<moduleId>#v<version>') → ONE write of the row with the
 * email's outcome → audit.
 *
 * Why this order, and what a crash leaves:
 * - The PDF of version n is made before the send, and the others of the same name (an earlier
 *   attempt's, whose send never happened) are retired right after: a crash between the two leaves
 *   an extra PDF that the retry (which makes the version again, its email not being sent) retires.
 *   Once the send of n has started no later run makes a PDF of n again: the retry finds the
 *   journal's entry and only records, so the PDF the Dirección received is the one kept.
 * - The email goes before the row's write, so the row is written once, with the outcome. A crash
 *   between the send and the write leaves the journal 'enviado': the retry writes the row from
 *   the journal (version, the PDF found by its name, the time) and sends nothing. A crash during
 *   the send leaves 'enviando': the retry records the version as 'enviando', lists it in
 *   'Revisión' and never resends it blindly — a person asks the Dirección and, if it did not
 *   arrive, sends a new version.
 * The journal entries stay (one per version): they are what makes each version once-only, also if
 * a person edits the row.
 */
import { formatLimaDateTime } from '../../domain/lima-time';
import { REPORT_AUDIT as A, REPORT_MESSAGES as M, REPORT_TEXT as T } from '../../domain/messages/workshops-report';
import { MODULES_TAB, REVIEW_TAB, SETTINGS_TAB, settingSpec, type ModuleKey } from '../../domain/schema';
import { MissingColumnError, type FieldValue, type TableRow } from '../../domain/table';
import { cleanText } from '../../domain/text';
import { normaliseEmail } from '../../domain/validation';
import { driveSafeName, fileIdOf, folderIdOf } from '../../domain/workshops/drive-files';
import { saveVersionedPdf } from '../versioned-pdf';
import type { ModuleConsolidation } from '../../domain/workshops/consolidation';
import { moduleReportEmail, moduleReportHtml, reportTarget, type ReportModule } from '../../domain/workshops/module-report';
import { datesText } from '../../domain/workshops/module';
import { limaDateKey } from '../../domain/lima-time';
import { LockBusyError, type GeneratedTabs, type Mailer } from '../../ports';
import { journalEntries, sendOnce, type JournalEntry } from '../delivery';
import { recordReview } from '../review';
import { readSettings, reportRecipient } from '../settings';
import { recordedRole } from '../setup';
import { dateOf, int, text } from './cells';
import { attendanceTabName, computeConsolidation, lastSessionEnd, moduleSessions, surveyTabName, type ConsolidationDeps } from './consolidation';
import { ensureModuleFolder, type FolderDeps } from './folder';

export interface ModuleReportDeps extends FolderDeps {
  mailer: Mailer;
}

/** The report's state on the module's row. */
export interface ReportState {
  /** 0: never made. */
  version: number;
  /** 'pendiente' | 'enviando' | 'enviado' | 'error' | '' */
  delivery: string;
  /** Lima date and time of the send ('' none). */
  sentAt: string;
  /** The PDF of the current version ('' none). */
  url: string;
}

/** «Consolidado e informe» as the panel shows it. */
export type ModuleReportView =
  | {
      ok: true;
      message: string;
      moduleId: string;
      moduleName: string;
      /** Every counted session has ended. */
      ended: boolean;
      /** Lima date and time of the last session's end ('' unknown). */
      endsAt: string;
      /** Lima date and time of the last consolidation ('' never). */
      consolidatedAt: string;
      /** The generated tabs' names, and whether they exist. */
      tabs: { attendance: string; survey: string; exist: boolean };
      figures: ModuleConsolidation['figures'];
      sessions: { label: string; attended: number; percent: number; satisfaction: number | null; answers: number }[];
      report: ReportState;
      /** Where the report goes ('' none set: `recipientProblem` says which setting). */
      recipient: string;
      recipientProblem: string;
      /** «Enviar informe a la Dirección» applies (version not sent yet); else «Enviar nueva versión». */
      canSend: boolean;
      canSendNew: boolean;
    }
  | { ok: false; message: string };

export type ReportSendResult = { ok: boolean; message: string; view?: ModuleReportView };

type Row = TableRow<ModuleKey>;

function reportStateOf(row: Row): ReportState {
  const at = dateOf(row.record.reportSentAt);
  return {
    version: Math.max(0, int(row.record.reportVersion)),
    delivery: text(row.record.reportDelivery),
    sentAt: at ? formatLimaDateTime(at) : '',
    url: text(row.record.reportUrl),
  };
}

function recipientOf(deps: ModuleReportDeps | Pick<ConsolidationDeps, 'workbooks'>): { to: string; problem: string } {
  const settings = readSettings(deps.workbooks.current().table(SETTINGS_TAB)).settings;
  const raw = reportRecipient(settings);
  const to = raw ? normaliseEmail(raw) : null;
  const own = settingSpec('directionReportEmail').name;
  const fallback = settingSpec('directionEmail').name;
  if (!raw) return { to: '', problem: M.noRecipient(own, fallback) };
  if (!to) return { to: '', problem: M.badRecipient(settings.directionReportEmail ? own : fallback, raw) };
  return { to, problem: '' };
}

function reportModuleOf(row: Row, sessions: readonly { start: Date | null; status: string }[]): ReportModule {
  const dates = datesText(sessions.filter((s) => s.start !== null && s.status !== 'Cancelada').map((s) => ({ date: limaDateKey(s.start!) })));
  return { name: text(row.record.name), quarter: text(row.record.quarter), year: int(row.record.year), dates };
}

function fileName(row: Row, version: number): string {
  return T.fileName(driveSafeName(text(row.record.name)), version);
}

/** The sends of the report for this module in the journal, by version. */
function sendsOf(deps: ModuleReportDeps, id: string): (JournalEntry & { n: number })[] {
  const prefix = `${id}#v`;
  return journalEntries(deps.properties, 'informe-modulo')
    .filter((e) => e.rowId.startsWith(prefix) && /^\d+$/.test(e.rowId.slice(prefix.length)))
    .map((e) => ({ ...e, n: Number(e.rowId.slice(prefix.length)) }))
    .sort((a, b) => a.n - b.n);
}

function toReview(deps: ModuleReportDeps, row: Row, version: number, to: string): void {
  const table = deps.workbooks.current().table(REVIEW_TAB);
  if (!table.exists()) return;
  recordReview(table, [{ tipo: A.reviewKind, referencia: `${row.id}#v${version}`, detalle: A.reviewDetail(text(row.record.name), version, to) }], deps.clock.now());
}

/**
 * Brings the row in step with the journal: a version whose send the journal records but the row
 * does not (the execution stopped between the email and the row's write). Returns what it found.
 */
function reconcile(deps: ModuleReportDeps, row: Row, to: string): { n: number; state: 'enviado' | 'enviando' } | null {
  const sends = sendsOf(deps, row.id);
  const last = sends[sends.length - 1];
  if (!last) return null;
  const state = reportStateOf(row);
  if (last.n < state.version || (last.n === state.version && state.delivery === last.state)) return null;
  const folderId = folderIdOf(text(row.record.driveFolderUrl));
  const file = folderId ? deps.drive.filesNamed(folderId, fileName(row, last.n))[0] : undefined;
  const fields: Partial<Record<ModuleKey, FieldValue>> = {
    reportVersion: last.n,
    reportDelivery: last.state,
    reportUrl: file?.url ?? (last.n === state.version ? state.url : ''),
    ...(last.state === 'enviado' ? { reportSentAt: last.at ?? deps.clock.now() } : {}),
    updatedAt: deps.clock.now(),
  };
  deps.workbooks.current().table(MODULES_TAB).update([{ id: row.id, fields }], { mode: 'row' });
  if (last.state === 'enviado') {
    deps.audit.record({ action: A.reportSent, target: row.id, result: 'Correcto', detail: A.detail(to, last.n, String(fields.reportUrl)) });
  } else {
    deps.audit.record({ action: A.reportSent, target: row.id, result: 'Por revisar', detail: A.detail(to, last.n, String(fields.reportUrl)) });
    toReview(deps, row, last.n, to);
  }
  return { n: last.n, state: last.state };
}

function talleresProblem(deps: ModuleReportDeps | ConsolidationDeps): string | null {
  if (recordedRole(deps.properties) !== 'talleres') return M.notTalleres;
  if (!deps.workbooks.current().table(MODULES_TAB).exists()) return M.notTalleres;
  return null;
}

// ---------------------------------------------------------------------------- the view

function viewOf(deps: ModuleReportDeps & { tabs?: GeneratedTabs }, row: Row): ModuleReportView {
  const now = deps.clock.now();
  const book = deps.workbooks.current();
  const c = computeConsolidation(book, row, now);
  const end = lastSessionEnd(moduleSessions(book, row.id));
  const consolidated = dateOf(row.record.consolidatedAt);
  const report = reportStateOf(row);
  const recipient = recipientOf(deps);
  const names = { attendance: attendanceTabName(row.id), survey: surveyTabName(row.id) };
  let exist = false;
  try {
    exist = deps.tabs ? deps.tabs.exists(names.attendance) && deps.tabs.exists(names.survey) : book.tabNames().includes(names.attendance);
  } catch {
    exist = false;
  }
  const sent = report.delivery === 'enviado' || report.delivery === 'enviando';
  return {
    ok: true,
    message: '',
    moduleId: row.id,
    moduleName: text(row.record.name),
    ended: c.figures.ended,
    endsAt: end ? formatLimaDateTime(end) : '',
    consolidatedAt: consolidated ? formatLimaDateTime(consolidated) : '',
    tabs: { ...names, exist },
    figures: c.figures,
    sessions: c.sessions.map((s) => ({ label: `Sesión ${s.number}`, attended: s.attended, percent: s.percentOfConfirmed, satisfaction: s.satisfaction, answers: s.answers })),
    report,
    recipient: recipient.to,
    recipientProblem: recipient.problem,
    canSend: c.figures.ended && !sent,
    canSendNew: c.figures.ended && sent,
  };
}

/** «Consolidado e informe»: the figures, when it was consolidated, the report's state. Reads only. */
export function moduleReportView(deps: ModuleReportDeps & { tabs?: GeneratedTabs }, rawModuleId: unknown): ModuleReportView {
  const id = cleanText(rawModuleId, 80);
  const problem = talleresProblem(deps);
  if (problem) return { ok: false, message: problem };
  const row = id ? deps.workbooks.current().table(MODULES_TAB).read().byId.get(id) : undefined;
  if (!row) return { ok: false, message: M.notFound };
  try {
    return viewOf(deps, row);
  } catch (e) {
    if (e instanceof MissingColumnError) return { ok: false, message: e.message };
    throw e;
  }
}

// ---------------------------------------------------------------------------- the send

export interface SendReportOptions {
  /** «Enviar nueva versión»: version n + 1 once n went out. */
  newVersion?: boolean;
  /** The version the panel showed: when the row moved on meanwhile (a double click, a colleague), nothing is sent. */
  seenVersion?: number;
}

/** «Enviar informe a la Dirección» / «Enviar nueva versión». */
export function sendModuleReport(deps: ModuleReportDeps & { tabs?: GeneratedTabs }, rawModuleId: unknown, options: SendReportOptions = {}): ReportSendResult {
  const id = cleanText(rawModuleId, 80);
  const refuse = (message: string, view?: ModuleReportView): ReportSendResult => {
    deps.audit.record({ action: A.refused, target: id, result: 'Sin efecto', detail: message });
    return view ? { ok: false, message, view } : { ok: false, message };
  };
  const problem = talleresProblem(deps);
  if (problem) return refuse(problem);
  const book = deps.workbooks.current();
  const modules = book.table(MODULES_TAB);
  try {
    return deps.lock.withLock((): ReportSendResult => {
      let row = id ? modules.read({ fresh: true }).byId.get(id) : undefined;
      if (!row) return refuse(M.notFound);
      const before = reportStateOf(row);
      const seen = options?.seenVersion;
      if (typeof seen === 'number' && Number.isFinite(seen) && seen !== before.version) return refuse(M.meanwhile(before.version), viewOf(deps, row));
      const wanted = reportTarget(before.version, before.delivery, options?.newVersion === true);

      const recipient = recipientOf(deps);
      // The journal first: a send an interrupted execution made is recorded before anything else.
      const found = reconcile(deps, row, recipient.to || '(sin destinatario)');
      if (found) {
        row = modules.read().byId.get(id)!;
        if ('version' in wanted && found.n === wanted.version) {
          return found.state === 'enviado'
            ? { ok: true, message: M.sent(found.n, recipient.to || '(la Dirección)'), view: viewOf(deps, row) }
            : refuse(M.interrupted(found.n), viewOf(deps, row));
        }
      }
      const state = reportStateOf(row);
      const target = found ? reportTarget(state.version, state.delivery, options?.newVersion === true) : wanted;
      if ('refuse' in target) {
        return target.refuse === 'sent'
          ? refuse(M.alreadySent(state.version, state.sentAt, recipient.to || '(la Dirección)'), viewOf(deps, row))
          : refuse(M.interrupted(state.version), viewOf(deps, row));
      }
      if (!recipient.to) return refuse(recipient.problem, viewOf(deps, row));

      const now = deps.clock.now();
      const c = computeConsolidation(book, row, now);
      if (!c.figures.ended) {
        const end = lastSessionEnd(moduleSessions(book, row.id));
        return refuse(M.notEnded(end ? formatLimaDateTime(end) : ''), viewOf(deps, row));
      }
      const version = target.version;

      // The PDF of this version (its send has not started: the journal has no entry for it).
      const folder = ensureModuleFolder(deps, row);
      const name = fileName(row, version);
      const sessions = moduleSessions(book, row.id);
      const recordedId = state.version === version ? fileIdOf(state.url) : null;
      // One PDF per version: earlier copies (a crashed attempt's) retired; one left in place is named in the audit.
      const { file, retired } = saveVersionedPdf(deps.drive, folder.id, name, moduleReportHtml(reportModuleOf(row, sessions), c, version, now), recordedId);
      deps.audit.record({ action: A.reportPdf, target: row.id, result: 'Correcto', detail: [`v${version} · ${file.url}`, ...retired].join(' · ') });

      const mail = moduleReportEmail(reportModuleOf(row, sessions), c, version);
      const outcome = sendOnce({ mailer: deps.mailer, journal: deps.properties, clock: deps.clock }, 'informe-modulo', `${row.id}#v${version}`, {
        to: recipient.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        senderName: mail.senderName,
        attachmentFileIds: [file.id],
      });
      const fields: Partial<Record<ModuleKey, FieldValue>> = { reportVersion: version, reportUrl: file.url, updatedAt: deps.clock.now() };
      let result: ReportSendResult;
      if (outcome.status === 'enviado') {
        fields.reportDelivery = 'enviado';
        fields.reportSentAt = outcome.at;
        deps.audit.record({ action: A.reportSent, target: row.id, result: 'Correcto', detail: A.detail(recipient.to, version, file.url) });
        result = { ok: true, message: M.sent(version, recipient.to) };
      } else if (outcome.status === 'ambiguo') {
        fields.reportDelivery = 'enviando';
        deps.audit.record({ action: A.reportSent, target: row.id, result: 'Por revisar', detail: `${A.detail(recipient.to, version, file.url)}: ${outcome.message}` });
        toReview(deps, row, version, recipient.to);
        result = { ok: false, message: M.interrupted(version) };
      } else {
        fields.reportDelivery = 'error';
        deps.audit.record({ action: A.reportSent, target: row.id, result: 'Error', detail: `${A.detail(recipient.to, version, file.url)}: ${outcome.message}` });
        result = { ok: false, message: M.sendFailed(outcome.message) };
      }
      // One write of the row, with the email's outcome (mode 'row': a single setValues).
      modules.update([{ id: row.id, fields }], { mode: 'row' });
      return { ...result, view: viewOf(deps, modules.read().byId.get(row.id) ?? row) };
    });
  } catch (e) {
    if (e instanceof LockBusyError) return refuse(M.lockBusy);
    if (e instanceof MissingColumnError) return refuse(e.message);
    const reason = e instanceof Error ? e.message : String(e);
    deps.audit.record({ action: A.refused, target: id, result: 'Error', detail: reason });
    return { ok: false, message: M.failed(reason) };
  }
}
