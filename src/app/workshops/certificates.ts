/**
 * Certificates of a module (B12): the panel's view, a preview, the issuing job, reissue and revoke.
 *
 * The issuing job follows the frame of the day's actions (src/app/day/action.ts) stretched over
 * many people, and the job machinery of the invitations (jobs.ts: one lease, one continuation,
 * a budget that stops the run well before Apps Script's 6 minutes). Per person, once:
 *
 *   code (DERIVED from the registration and its round: a retry computes the same one) →
 *   PDF: the one already in the module's folder under the certificate's name, or a new one
 *   (CertificateSlides.renderPdf) → the email with the PDF attached through sendOnce (journal
 *   'certificado', keyed by the code: a send found 'enviando' is surfaced in 'Revisión', never
 *   resent) → the outcome on the 'Certificados' row and the registration's row.
 *
 * The rows are written in ONE batch at the end of the run, under the lock, over a fresh read
 * (Sheets calls do not grow with the people). That is safe because nothing of a person's
 * certificate depends on the sheet having been written: a run that dies after the PDF or after
 * the send computes the same code again, finds the PDF by its name in the folder (no second PDF)
 * and the journal's 'enviado' (no second email). A crash between the sheet's write and the
 * journal's cleanup leaves stale entries the next run removes.
 *
 * The mail quota is the attention flow's first: the job spends only what is left after tomorrow's
 * reminders (sibling-reminders.ts, invitationBudget); with none left, the people not reached wait
 * ('en espera de cupo' in the panel) and the continuation is set for the next day, after the
 * reminders' run.
 *
 * Reissue (a corrected name) and revoke hold the job's lease, so they never race the job on a
 * person's certificate or email.
 */
import { isCoordinator } from '../../domain/access';
import { formatLimaDateTime, limaDateKey } from '../../domain/lima-time';
import {
  CERTIFICATE_AUDIT as A,
  CERTIFICATE_MESSAGES as M,
  CERTIFICATE_REVIEW as R,
  certificateEmail,
} from '../../domain/messages/workshops-certificates';
import {
  ATTENDANCE_TAB,
  CERTIFICATES_TAB,
  MODULES_TAB,
  REGISTRATIONS_TAB,
  REVIEW_TAB,
  SESSIONS_TAB,
  SETTINGS_TAB,
  type CertificateKey,
  type ModuleKey,
  type RegistrationKey,
} from '../../domain/schema';
import type { FieldValue, TableRow } from '../../domain/table';
import { cleanText } from '../../domain/text';
import { normaliseEmail } from '../../domain/validation';
import { issuesCertificates } from '../../domain/workshops/certificates-flag';
import {
  certificateCode,
  certificatePdfName,
  certificateProgress,
  certificateReplacements,
  checkTemplate,
  currentCertificates,
  nextRound,
  planIssue,
  PREVIEW_CODE,
  previewPdfName,
  validCorrectedName,
  validRevokeReason,
  type CertificateProgress,
  type CertificateRowFacts,
  type IssueStep,
  type TemplateCheck,
} from '../../domain/workshops/certificates';
import { moduleCompletion, moduleHours, type CompletionSession, type ModuleCompletion } from '../../domain/workshops/completion';
import { invitationBudget, nextInvitationDay } from '../../domain/workshops/invitations';
import { datesText } from '../../domain/workshops/module';
import { qrGif } from '../../domain/workshops/qr';
import { LockBusyError, type AuditLog, type CertificateSlides, type Clock, type DriveFiles, type DriveItemRef, type KeyValueStore, type Lock, type Mailer, type RowChange, type Scheduler, type Session, type WebAppService, type Workbooks } from '../../ports';
import { clearJournal, journalEntries, sendOnce, type QuotaBudget } from '../delivery';
import { acquireLease, Budget, CONTINUATION_DELAY_MS, finishJob, JOB_BUDGET_MS, leasedRun, releaseLease, scheduleContinuation, startJob } from '../jobs';
import { recordReview, type ReviewItem } from '../review';
import { readSettings, type Settings } from '../settings';
import { recordedSiblingId } from '../setup';
import { readTeam } from '../team';
import { signingSecret } from '../signing';
import { verificationLinks } from './verification';
import { dateOf, int, text } from './cells';
import { ensureModuleFolder } from './folder';
import { folderIdOf } from '../../domain/workshops/drive-files';
import { isAnonymisedRegistration } from '../../domain/personal-data';
import { DELETION_BY, DELETION_REVOKE_REASON } from '../../domain/messages/personal-data-certificates';
import { siblingRemindersDue } from './sibling-reminders';

/** The job's handler (trigger-only entry point) and lease. */
export const CERTIFICATES_HANDLER = 'runCertificates';
/** Journal kind of the certificate's email (row ID: the code). */
export const CERTIFICATE_JOURNAL_KIND = 'certificado' as const;
const KIND = CERTIFICATE_JOURNAL_KIND;
/** Document property: JSON list of the module IDs whose issuing was asked for and is not done. */
export const REQUESTED_MODULES_PROPERTY = 'SOE_CERT_MODULES';
/** Document property: JSON { untilMs } while the job waits for tomorrow's mail quota. */
export const WAITING_PROPERTY = 'SOE_CERT_WAITING';
/** Time kept for the final write. */
export const FINAL_RESERVE_MS = 30_000;
/** Time one certificate may take (copy, fill, export, store, send): no new one starts with less left. */
export const PER_CERTIFICATE_RESERVE_MS = 20_000;
/** Who the job acts as in the 'Por' column. */
const SYSTEM_BY = 'Sistema (emisión de certificados)';

export interface CertificateDeps {
  workbooks: Workbooks;
  properties: KeyValueStore;
  scheduler: Scheduler;
  lock: Lock;
  clock: Clock;
  session: Session;
  mailer: Mailer;
  audit: AuditLog;
  webApp: WebAppService | null;
  drive: DriveFiles;
  slides: CertificateSlides;
  /** Working time before the run stops itself (tests shorten it). */
  budgetMs?: number;
}

// ---------------------------------------------------------------------------- reading a module

interface ModuleWorld {
  row: TableRow<ModuleKey>;
  name: string;
  completion: ModuleCompletion;
  hours: number;
  dates: string;
  /** End of the last counted session (the verification link's validity counts from it). */
  lastEnd: Date | null;
  registrations: Map<string, TableRow<RegistrationKey>>;
  certificates: TableRow<CertificateKey>[];
  rowFacts: CertificateRowFacts[];
}

function certificateFacts(r: TableRow<CertificateKey>): CertificateRowFacts {
  return { code: r.id, registrationId: text(r.record.registrationId), state: text(r.record.state), delivery: text(r.record.delivery) };
}

function isTalleres(deps: Pick<CertificateDeps, 'workbooks'>): boolean {
  const book = deps.workbooks.current();
  return book.table(CERTIFICATES_TAB).exists() && book.table(MODULES_TAB).exists() && book.table(REGISTRATIONS_TAB).exists() && book.table(SESSIONS_TAB).exists();
}

function readModule(deps: Pick<CertificateDeps, 'workbooks'>, moduleId: string, now: Date, fresh = false): ModuleWorld | null {
  const book = deps.workbooks.current();
  const row = book.table(MODULES_TAB).read(fresh ? { fresh } : undefined).byId.get(moduleId);
  if (!row || moduleId === '') return null;
  const sessions: CompletionSession[] = [];
  const dateKeys: { date: string }[] = [];
  for (const s of book.table(SESSIONS_TAB).read().rows) {
    if (s.id === '' || text(s.record.moduleId) !== moduleId) continue;
    const start = dateOf(s.record.start);
    const status = text(s.record.status);
    sessions.push({ id: s.id, status, start, end: dateOf(s.record.end) });
    if (start && status !== 'Cancelada') dateKeys.push({ date: limaDateKey(start) });
  }
  const registrations = new Map<string, TableRow<RegistrationKey>>();
  for (const r of book.table(REGISTRATIONS_TAB).read(fresh ? { fresh } : undefined).rows) if (r.id !== '' && text(r.record.moduleId) === moduleId) registrations.set(r.id, r);
  const present: { sessionId: string; registrationId: string }[] = [];
  if (book.table(ATTENDANCE_TAB).exists()) {
    for (const a of book.table(ATTENDANCE_TAB).read().rows) {
      if (a.id === '' || text(a.record.moduleId) !== moduleId || a.record.present !== true) continue;
      present.push({ sessionId: text(a.record.sessionId), registrationId: text(a.record.registrationId) });
    }
  }
  const certificates = book
    .table(CERTIFICATES_TAB)
    .read(fresh ? { fresh } : undefined)
    .rows.filter((c) => c.id !== '' && text(c.record.moduleId) === moduleId);
  const completion = moduleCompletion({
    minSessions: int(row.record.minSessions),
    sessions,
    registrations: [...registrations.values()].map((r) => ({ id: r.id, status: text(r.record.status) })),
    present,
    now,
  });
  const ends = sessions.filter((s) => s.status !== 'Cancelada' && s.end).map((s) => s.end!.getTime());
  return {
    row,
    name: text(row.record.name) || moduleId,
    completion,
    hours: moduleHours(sessions),
    dates: datesText(dateKeys),
    lastEnd: ends.length ? new Date(Math.max(...ends)) : null,
    registrations,
    certificates,
    rowFacts: certificates.map(certificateFacts),
  };
}

function regFacts(w: ModuleWorld) {
  return [...w.registrations.values()].map((r) => ({ id: r.id, certificateCode: text(r.record.certificateCode) }));
}

function templateIdOf(settings: Settings): string {
  return settings.certificateTemplateId.trim();
}

function userBy(deps: Pick<CertificateDeps, 'session'>): string {
  return deps.session.userEmail() || 'cuenta no identificada';
}

// ---------------------------------------------------------------------------- the panel's view

export interface CertificatePersonView {
  registrationId: string;
  fullName: string;
  attended: number;
  meetsRule: boolean;
  hasEmail: boolean;
  code: string;
  /** 'Vigente' | 'Reemplazado' | 'Revocado' | '' (none yet). */
  state: string;
  /** 'pendiente' | 'enviando' | 'enviado' | 'error' | ''. */
  delivery: string;
  pdfUrl: string;
  sentAtMs: number | null;
  /** Earlier codes of this person (replaced), newest first. */
  history: { code: string; state: string }[];
}

export interface CertificatesView {
  ok: boolean;
  message: string;
  moduleId: string;
  moduleName: string;
  dates: string;
  hours: number;
  minSessions: number;
  sessions: number;
  ended: boolean;
  template: TemplateCheck;
  templateUrl: string;
  webAppReady: boolean;
  progress: CertificateProgress;
  /** The job is asked for (running, continuing or waiting). */
  running: boolean;
  /** When the job waits for quota: when it goes on (Lima time text), else ''. */
  waitingUntil: string;
  /** Why issuing is not possible now ('' when it is). */
  blocked: string;
  mayIssue: boolean;
  /** Reissue and revoke are a coordinator's. */
  isCoordinator: boolean;
  people: CertificatePersonView[];
}

function emptyProgress(): CertificateProgress {
  return { eligible: 0, issued: 0, toIssue: 0, waitingForQuota: 0, errors: 0, revoked: 0, percent: 0 };
}

function requestedModules(properties: KeyValueStore, props?: Readonly<Record<string, string>>): string[] {
  const raw = props ? props[REQUESTED_MODULES_PROPERTY] : properties.get(REQUESTED_MODULES_PROPERTY);
  if (!raw) return [];
  try {
    const v = JSON.parse(raw) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== '') : [];
  } catch {
    return [];
  }
}

function waitingUntil(properties: KeyValueStore, now: Date): Date | null {
  const raw = properties.get(WAITING_PROPERTY);
  if (!raw) return null;
  try {
    const until = Number((JSON.parse(raw) as { untilMs?: unknown }).untilMs);
    return Number.isFinite(until) && until > now.getTime() ? new Date(until) : null;
  } catch {
    return null;
  }
}

function blockedMessage(w: ModuleWorld, template: TemplateCheck, webAppReady: boolean): string {
  if (!issuesCertificates(w.row.record.certificates)) return M.noCertificates;
  if (!w.completion.ruleSet) return M.ruleNotSet;
  if (!w.completion.ended) return M.notEnded;
  if (!webAppReady) return M.noWebApp;
  if (!template.ok) return template.message;
  if (!w.completion.people.some((p) => p.meetsRule)) return M.nobody;
  return '';
}

export function certificatesView(deps: CertificateDeps, rawId: unknown): CertificatesView {
  const id = cleanText(rawId, 80);
  const now = deps.clock.now();
  const base: CertificatesView = {
    ok: false,
    message: '',
    moduleId: id,
    moduleName: '',
    dates: '',
    hours: 0,
    minSessions: 0,
    sessions: 0,
    ended: false,
    template: checkTemplate(null),
    templateUrl: '',
    webAppReady: false,
    progress: emptyProgress(),
    running: false,
    waitingUntil: '',
    blocked: '',
    mayIssue: false,
    isCoordinator: isCoordinator(readTeam(deps.properties), deps.session.userEmail()),
    people: [],
  };
  if (!isTalleres(deps)) return { ...base, message: M.notTalleres };
  const w = readModule(deps, id, now);
  if (!w) return { ...base, message: M.notFound };
  const settings = readSettings(deps.workbooks.current().table(SETTINGS_TAB)).settings;
  const templateId = templateIdOf(settings);
  const template = checkTemplate(templateId ? deps.slides.templateText(templateId) : null);
  const webAppReady = verificationLinks(deps.properties, settings.webAppUrl, deps.webApp).usable;
  const plan = planIssue(w.completion, regFacts(w), w.rowFacts);
  const waiting = waitingUntil(deps.properties, now);
  const running = requestedModules(deps.properties).includes(id);
  const current = currentCertificates(regFacts(w), w.rowFacts);
  const byCode = new Map(w.certificates.map((c) => [c.id, c]));
  const completionOf = new Map(w.completion.people.map((p) => [p.registrationId, p]));
  const people: CertificatePersonView[] = [];
  for (const r of w.registrations.values()) {
    const p = completionOf.get(r.id);
    const cur = current.get(r.id);
    const row = cur ? byCode.get(cur.code) : undefined;
    if (!p && !row) continue;
    people.push({
      registrationId: r.id,
      fullName: text(row?.record.fullName) || text(r.record.fullName),
      attended: p?.attended ?? 0,
      meetsRule: p?.meetsRule ?? false,
      hasEmail: normaliseEmail(text(r.record.email)) !== null,
      code: cur?.code ?? '',
      state: cur ? String(cur.state) : '',
      delivery: cur?.delivery ?? '',
      pdfUrl: text(row?.record.pdfUrl),
      sentAtMs: dateOf(row?.record.sentAt)?.getTime() ?? null,
      history: w.certificates
        .filter((c) => text(c.record.registrationId) === r.id && c.id !== cur?.code)
        .reverse()
        .map((c) => ({ code: c.id, state: text(c.record.state) })),
    });
  }
  const blocked = blockedMessage(w, template, webAppReady);
  return {
    ...base,
    ok: true,
    moduleName: w.name,
    dates: w.dates,
    hours: w.hours,
    minSessions: w.completion.minSessions,
    sessions: w.completion.sessionIds.length,
    ended: w.completion.ended,
    template,
    templateUrl: settings.certificateTemplateUrl,
    webAppReady,
    progress: certificateProgress(plan, running && waiting !== null),
    running,
    waitingUntil: running && waiting ? formatLimaDateTime(waiting) : '',
    blocked,
    mayIssue: blocked === '' && plan.steps.length > 0,
    people,
  };
}

// ---------------------------------------------------------------------------- preview

export type CertificateActionResult = { ok: boolean; message: string; url?: string; code?: string; view?: CertificatesView };

function refuse(deps: Pick<CertificateDeps, 'audit'>, target: string, message: string, action: string = A.refused): CertificateActionResult {
  deps.audit.record({ action, target, result: 'Sin efecto', detail: message });
  return { ok: false, message };
}

/**
 * «Vista previa»: one certificate, for the chosen participant (or the first who meets the rule,
 * or the first registrant), rendered as a PDF named 'Vista previa - …' in the module's folder.
 * Not recorded as issued, no email, a code that verifies as nothing. A previous preview with the
 * same name is retired first (one kept).
 */
export function previewCertificate(deps: CertificateDeps, rawId: unknown, rawRegistrationId?: unknown): CertificateActionResult {
  const id = cleanText(rawId, 80);
  const regId = cleanText(rawRegistrationId ?? '', 80);
  if (!isTalleres(deps)) return refuse(deps, id, M.notTalleres, A.preview);
  const now = deps.clock.now();
  try {
    return deps.lock.withLock(() => {
      const w = readModule(deps, id, now, true);
      if (!w) return refuse(deps, id, M.notFound, A.preview);
      if (text(w.row.record.status) === 'Cancelado') return refuse(deps, id, M.cancelled, A.preview);
      if (!issuesCertificates(w.row.record.certificates)) return refuse(deps, id, M.noCertificates, A.preview);
      const settings = readSettings(deps.workbooks.current().table(SETTINGS_TAB)).settings;
      const templateId = templateIdOf(settings);
      const template = checkTemplate(templateId ? deps.slides.templateText(templateId) : null);
      if (!template.ok) return refuse(deps, id, template.message, A.preview);
      const links = verificationLinks(deps.properties, settings.webAppUrl, deps.webApp);
      const pick =
        (regId && w.registrations.get(regId)) ||
        w.registrations.get(w.completion.people.find((p) => p.meetsRule)?.registrationId ?? '') ||
        w.registrations.get(w.completion.people[0]?.registrationId ?? '') ||
        [...w.registrations.values()][0];
      if (!pick) return refuse(deps, id, M.noPreviewPerson, A.preview);
      const folder = ensureModuleFolder({ ...deps }, w.row);
      const fullName = text(pick.record.fullName);
      const name = previewPdfName(fullName);
      for (const old of deps.drive.filesNamed(folder.id, name)) deps.drive.retire(old.id, folder.id);
      const url = links.url(PREVIEW_CODE, w.lastEnd ?? now) ?? 'https://script.google.com/';
      const pdf = deps.slides.renderPdf({
        templateId,
        folderId: folder.id,
        name,
        replacements: certificateReplacements({
          fullName,
          documentType: text(pick.record.documentType),
          documentNumber: text(pick.record.dni),
          moduleName: w.name,
          hours: w.hours,
          dates: w.dates,
          code: PREVIEW_CODE,
          verificationUrl: url,
        }),
        qrImage: qrGif(url),
      });
      deps.audit.record({ action: A.preview, target: id, result: 'Correcto', detail: `${pick.id}: ${pdf.url}` });
      return { ok: true, message: template.missingRecommended.length ? `${M.previewDone} ${template.message}` : M.previewDone, url: pdf.url };
    });
  } catch (e) {
    if (e instanceof LockBusyError) return { ok: false, message: M.lockBusy };
    const reason = e instanceof Error ? e.message : String(e);
    deps.audit.record({ action: A.preview, target: id, result: 'Error', detail: reason });
    return { ok: false, message: M.renderFailed(reason) };
  }
}

// ---------------------------------------------------------------------------- one person's certificate

interface Issued {
  /** Fields of the 'Certificados' row (new row: every field; existing: what changed). */
  fields: Partial<Record<CertificateKey, FieldValue>>;
  isNew: boolean;
  registrationId: string;
  regFields: Partial<Record<RegistrationKey, FieldValue>>;
  /** 'enviado' | 'enviando' | 'error' | 'pendiente' (quota). */
  delivery: string;
}

interface PersonEnv {
  deps: CertificateDeps;
  w: ModuleWorld;
  folder: DriveItemRef;
  templateId: string;
  verify: (code: string) => string | null;
  mail: { quota: QuotaBudget; snapshot?: Record<string, string> };
  now: Date;
  by: string;
}

/**
 * The PDF of `code` in the folder: the one already there under its name (a run that died after
 * making it), else a new one. Never a second one.
 */
function certificatePdf(env: PersonEnv, code: string, fullName: string, reg: TableRow<RegistrationKey>): DriveItemRef {
  const name = certificatePdfName(fullName, code);
  const found = env.deps.drive.filesNamed(env.folder.id, name);
  // The filled Slides copy a run killed mid-render left behind (src/gas/certificate-slides.ts
  // names it 'Temporal - <name without .pdf>'): a person's data, taken out of the folder.
  for (const stale of env.deps.drive.filesNamed(env.folder.id, `Temporal - ${name.replace(/\.pdf$/i, '')}`)) env.deps.drive.retire(stale.id, env.folder.id);
  if (found.length) {
    for (const extra of found.slice(1)) env.deps.drive.retire(extra.id, env.folder.id);
    return found[0]!;
  }
  const url = env.verify(code)!;
  return env.deps.slides.renderPdf({
    templateId: env.templateId,
    folderId: env.folder.id,
    name,
    replacements: certificateReplacements({
      fullName,
      documentType: text(reg.record.documentType),
      documentNumber: text(reg.record.dni),
      moduleName: env.w.name,
      hours: env.w.hours,
      dates: env.w.dates,
      code,
      verificationUrl: url,
    }),
    qrImage: qrGif(url),
  });
}

/** Makes (or finds) the PDF and sends it once; returns what to write. Throws when the PDF cannot be made. */
function issueOne(env: PersonEnv, code: string, reg: TableRow<RegistrationKey>, existing: TableRow<CertificateKey> | undefined, fullNameOverride?: string): Issued {
  const { deps, w } = env;
  const fullName = fullNameOverride ?? (text(existing?.record.fullName) || text(reg.record.fullName));
  const person = w.completion.people.find((p) => p.registrationId === reg.id);
  const pdf = existing && text(existing.record.pdfFileId) && text(existing.record.pdfUrl) ? { id: text(existing.record.pdfFileId), url: text(existing.record.pdfUrl), name: '' } : certificatePdf(env, code, fullName, reg);
  const fields: Partial<Record<CertificateKey, FieldValue>> = existing
    ? { pdfFileId: pdf.id, pdfUrl: pdf.url, updatedAt: env.now }
    : {
        code,
        registrationId: reg.id,
        moduleId: w.row.id,
        fullName,
        moduleName: w.name,
        moduleDates: w.dates,
        hours: w.hours,
        sessionsAttended: person?.attended ?? 0,
        state: 'Vigente',
        issuedAt: env.now,
        pdfFileId: pdf.id,
        pdfUrl: pdf.url,
        delivery: 'pendiente',
        sentAt: '',
        replacedBy: '',
        revokedAt: '',
        revokeReason: '',
        by: env.by,
        updatedAt: env.now,
      };
  const to = normaliseEmail(text(reg.record.email));
  const recorded = text(existing?.record.delivery);
  let delivery: string;
  if (recorded === 'enviado' || recorded === 'enviando') {
    // The sheet already records the send (the journal entry was cleared): never again.
    delivery = recorded;
  } else if (!to) {
    delivery = 'error';
  } else {
    const message = certificateEmail({ fullName, moduleName: w.name, dates: w.dates, code, verificationUrl: env.verify(code)! });
    const sent = sendOnce({ mailer: deps.mailer, journal: deps.properties, clock: deps.clock, quota: env.mail.quota, ...(env.mail.snapshot ? { snapshot: env.mail.snapshot } : {}) }, KIND, code, {
      to,
      ...message,
      attachmentFileIds: [pdf.id],
    });
    if (sent.status === 'enviado') {
      delivery = 'enviado';
      fields.sentAt = sent.at;
    } else if (sent.status === 'ambiguo') delivery = 'enviando';
    else if (/too many times|cupo diario|Limit Exceeded/i.test(sent.message)) delivery = 'pendiente';
    else delivery = 'error';
  }
  fields.delivery = delivery;
  return { fields, isNew: !existing, registrationId: reg.id, regFields: { certificateCode: code, certificate: delivery, updatedAt: env.now }, delivery };
}

function writeIssued(deps: CertificateDeps, issued: readonly Issued[], review: readonly ReviewItem[]): void {
  if (!issued.length && !review.length) return;
  const book = deps.workbooks.current();
  const orphaned: { code: string; pdfFileId: string }[] = [];
  let folderId = '';
  deps.lock.withLock(() => {
    const regs = book.table(REGISTRATIONS_TAB);
    const freshRegs = issued.length ? regs.read({ fresh: true }) : null;
    // A Ley 29733 deletion that ran while this job rendered and sent (from either spreadsheet:
    // the job's lease is not visible from the other one) must win: the certificate is written
    // revoked and nameless, never the name back, and its PDF leaves the folder below.
    const deleted = new Set(
      issued.filter((i) => {
        const r = freshRegs?.byId.get(i.registrationId);
        return r !== undefined && isAnonymisedRegistration(r.record);
      }).map((i) => i.registrationId),
    );
    const erased = (i: Issued): Partial<Record<CertificateKey, FieldValue>> => {
      const pdfFileId = text(i.fields.pdfFileId);
      if (pdfFileId) orphaned.push({ code: String(i.fields.code ?? i.regFields.certificateCode), pdfFileId });
      return { fullName: '', pdfFileId: '', pdfUrl: '', state: 'Revocado', revokedAt: deps.clock.now(), revokeReason: DELETION_REVOKE_REASON, by: DELETION_BY };
    };
    const certs = book.table(CERTIFICATES_TAB);
    const fresh = certs.read({ fresh: true });
    const changes: RowChange<CertificateKey>[] = [];
    const added: Partial<Record<CertificateKey, FieldValue>>[] = [];
    for (const i of issued) {
      const code = String(i.fields.code ?? i.regFields.certificateCode);
      const gone = deleted.has(i.registrationId);
      if (fresh.byId.has(code)) {
        const { code: _c, registrationId: _r, state: _s, ...rest } = i.fields;
        const fields = i.isNew ? { pdfFileId: rest.pdfFileId, pdfUrl: rest.pdfUrl, delivery: rest.delivery, ...(rest.sentAt ? { sentAt: rest.sentAt } : {}), updatedAt: rest.updatedAt } : rest;
        changes.push({ id: code, fields: gone ? { ...fields, ...erased(i) } : fields });
      } else if (i.isNew) added.push(gone ? { ...i.fields, ...erased(i) } : i.fields);
    }
    if (changes.length) certs.update(changes, { mode: 'span' });
    if (added.length) certs.append(added);
    const live = issued.filter((i) => !deleted.has(i.registrationId));
    if (live.length) regs.update(live.map((i) => ({ id: i.registrationId, fields: i.regFields })), { mode: 'span' });
    if (review.length && book.table(REVIEW_TAB).exists()) recordReview(book.table(REVIEW_TAB), review, deps.clock.now());
    if (orphaned.length) {
      const moduleId = text(freshRegs?.byId.get(issued.find((i) => deleted.has(i.registrationId))!.registrationId)?.record.moduleId);
      const moduleRow = book.table(MODULES_TAB).read().byId.get(moduleId);
      folderId = (moduleRow ? folderIdOf(text(moduleRow.record.driveFolderUrl)) : null) ?? '';
    }
  });
  // Outside the lock (Drive is slow): the deleted person's PDFs leave the module's folder.
  for (const o of orphaned) {
    let outcome = 'no se pudo retirar el PDF: hágalo a mano';
    try {
      if (folderId) outcome = `PDF ${deps.drive.retire(o.pdfFileId, folderId)}`;
    } catch (e) {
      outcome += ` (${e instanceof Error ? e.message : String(e)})`;
    }
    deps.audit.record({ action: A.revoked, target: o.code, result: 'Correcto', detail: `${DELETION_REVOKE_REASON}: la persona pidió la supresión mientras se emitía; ${outcome}.` });
  }
}

// ---------------------------------------------------------------------------- the job

export interface CertificateRunResult {
  ran: boolean;
  issued: number;
  errors: number;
  ambiguous: number;
  waiting: number;
  remaining: number;
  continues: boolean;
  summary: string;
}

/**
 * «Emitir certificados»: records the module as asked for and starts the job (a run in a minute,
 * with a safety continuation); returns at once with the view (its progress).
 */
export function issueCertificates(deps: CertificateDeps, rawId: unknown): CertificateActionResult {
  const id = cleanText(rawId, 80);
  if (!isTalleres(deps)) return refuse(deps, id, M.notTalleres);
  const view = certificatesView(deps, id);
  if (!view.ok) return refuse(deps, id, view.message);
  if (view.blocked) return refuse(deps, id, view.blocked);
  if (view.progress.toIssue + view.progress.waitingForQuota === 0) return { ok: true, message: M.nothingToIssue, view };
  try {
    deps.lock.withLock(() => {
      const list = requestedModules(deps.properties);
      if (!list.includes(id)) deps.properties.setAll({ [REQUESTED_MODULES_PROPERTY]: JSON.stringify([...list, id]) });
      deps.properties.delete(WAITING_PROPERTY);
    });
    scheduleContinuation(deps, CERTIFICATES_HANDLER, CONTINUATION_DELAY_MS, { replace: true });
  } catch (e) {
    if (e instanceof LockBusyError) return { ok: false, message: M.lockBusy };
    throw e;
  }
  deps.audit.record({ action: A.run, target: id, result: 'Correcto', detail: M.started(view.progress.toIssue + view.progress.waitingForQuota) });
  return { ok: true, message: M.started(view.progress.toIssue + view.progress.waitingForQuota), view: certificatesView(deps, id) };
}

/** Time-driven: issues the asked-for modules' certificates within the budget and the quota. */
export function runCertificates(deps: CertificateDeps): CertificateRunResult {
  const budget = new Budget(deps.clock, deps.budgetMs ?? JOB_BUDGET_MS);
  const result: CertificateRunResult = { ran: false, issued: 0, errors: 0, ambiguous: 0, waiting: 0, remaining: 0, continues: false, summary: '' };
  leasedRun(
    deps,
    CERTIFICATES_HANDLER,
    (release) => runLeased(deps, budget, result, release),
    () => {
      result.continues = true;
      result.summary = M.busy;
    },
  );
  return result;
}

/** A person whose PDF could not be made (Drive or Slides failed) is tried again this much later, a few times. */
export const RETRY_DELAY_MS = 15 * 60_000;
export const MAX_RETRIES = 3;
const failuresProperty = (moduleId: string) => `SOE_CERT_FAILS:${moduleId}`;

/** True when the module is to be looked at again after a failure (counted per module, MAX_RETRIES times). */
function retryAfterFailure(deps: CertificateDeps, moduleId: string): boolean {
  const n = Number(deps.properties.get(failuresProperty(moduleId)) ?? 0) || 0;
  if (n >= MAX_RETRIES) {
    deps.properties.delete(failuresProperty(moduleId));
    return false;
  }
  deps.properties.setAll({ [failuresProperty(moduleId)]: String(n + 1) });
  return true;
}

function readSiblingHour(deps: CertificateDeps): number {
  try {
    const id = recordedSiblingId(deps.properties);
    const sibling = id ? deps.workbooks.open(id) : null;
    return sibling ? readSettings(sibling.table(SETTINGS_TAB)).settings.reminderHour : 18;
  } catch {
    return 18;
  }
}

function runLeased(deps: CertificateDeps, budget: Budget, result: CertificateRunResult, release: () => void): void {
  result.ran = true;
  const job = startJob(deps);
  const now = deps.clock.now();
  const journal = { ...deps.properties.getAll() };
  const modules = requestedModules(deps.properties, journal);
  const done = new Set<string>();
  let outOfQuota = false;
  let outOfTime = false;
  let retry = false;
  if (isTalleres(deps) && modules.length) {
    const book = deps.workbooks.current();
    const settings = readSettings(book.table(SETTINGS_TAB)).settings;
    const templateId = templateIdOf(settings);
    const links = verificationLinks(deps.properties, settings.webAppUrl, deps.webApp);
    const template = checkTemplate(templateId ? deps.slides.templateText(templateId) : null);
    const secret = signingSecret(deps.properties, journal);
    let quota: QuotaBudget | null = null;
    const issued: Issued[] = [];
    const review: ReviewItem[] = [];
    const stale: string[] = [];
    for (const moduleId of modules) {
      if (outOfQuota || outOfTime) break;
      const w = readModule(deps, moduleId, now);
      if (!w || text(w.row.record.status) === 'Cancelado' || !issuesCertificates(w.row.record.certificates) || !links.usable || !template.ok) {
        const why = !w ? M.notFound : text(w.row.record.status) === 'Cancelado' ? M.cancelled : !issuesCertificates(w.row.record.certificates) ? M.noCertificates : !links.usable ? M.noWebApp : template.message;
        deps.audit.record({ action: A.refused, target: moduleId, result: 'Sin efecto', detail: why });
        done.add(moduleId);
        continue;
      }
      // Journal entries of codes the sheet already records: a run died between its write and the cleanup.
      const byCode = new Map(w.certificates.map((c) => [c.id, c]));
      for (const e of journalEntries(deps.properties, KIND, journal)) {
        const row = byCode.get(e.rowId);
        if (row && (text(row.record.delivery) === 'enviado' || text(row.record.delivery) === 'enviando')) stale.push(e.rowId);
      }
      const plan = planIssue(w.completion, regFacts(w), w.rowFacts);
      if (plan.blocked || plan.steps.length === 0) {
        done.add(moduleId);
        continue;
      }
      const folder = deps.lock.withLock(() => ensureModuleFolder({ ...deps }, w.row));
      quota ??= { remaining: invitationBudget(deps.mailer.remainingDailyQuota(), siblingRemindersDue(deps, now)) };
      const env: PersonEnv = {
        deps,
        w,
        folder,
        templateId,
        verify: (code) => links.url(code, w.lastEnd ?? now),
        mail: { quota, snapshot: journal },
        now,
        by: SYSTEM_BY,
      };
      const codesInTab = new Map(w.certificates.map((c) => [c.id, text(c.record.registrationId)]));
      let k = 0;
      let failed = 0;
      for (; k < plan.steps.length; k++) {
        if (budget.exhausted(FINAL_RESERVE_MS + PER_CERTIFICATE_RESERVE_MS)) {
          outOfTime = true;
          break;
        }
        if (quota.remaining <= 0) {
          outOfQuota = true;
          break;
        }
        const step: IssueStep = plan.steps[k]!;
        const reg = w.registrations.get(step.registrationId)!;
        const code = step.kind === 'resume' ? step.code : certificateCode(secret, step.registrationId, step.round);
        const owner = codesInTab.get(code);
        if (step.kind === 'new' && owner !== undefined && owner !== step.registrationId) {
          // An 80-bit clash: refused, never overwritten.
          deps.audit.record({ action: A.refused, target: step.registrationId, result: 'Error', detail: `Código ${code} ya usado por otra inscripción.` });
          result.errors++;
          continue;
        }
        let out: Issued;
        try {
          out = issueOne(env, code, reg, step.kind === 'resume' || owner !== undefined ? byCode.get(code) : undefined);
        } catch (e) {
          const reason = e instanceof Error ? e.message : String(e);
          // The platform killing the execution is not a failure of this person's certificate.
          if (/Exceeded maximum execution time/i.test(reason)) throw e;
          deps.audit.record({ action: A.refused, target: code, result: 'Error', detail: M.renderFailed(reason) });
          result.errors++;
          failed++;
          continue;
        }
        const name = String(out.fields.fullName ?? text(byCode.get(code)?.record.fullName));
        if (out.delivery === 'pendiente' && step.kind === 'new') {
          // The quota ran out at this send: the PDF is kept and recorded; the email goes tomorrow.
          issued.push(out);
          outOfQuota = true;
          k++;
          break;
        }
        issued.push(out);
        if (out.delivery === 'enviado') {
          result.issued++;
          deps.audit.record({ action: A.issued, target: code, result: 'Correcto', detail: `${reg.id} · ${w.name}` });
        } else if (out.delivery === 'enviando') {
          result.ambiguous++;
          review.push({ tipo: R.kind, referencia: code, detalle: R.detail(name, w.name) });
          deps.audit.record({ action: A.ambiguous, target: code, result: 'Por revisar', detail: `${reg.id} · ${w.name}` });
        } else if (out.delivery === 'pendiente') {
          outOfQuota = true;
          k++;
          break;
        } else {
          result.errors++;
          review.push({ tipo: R.noEmail, referencia: code, detalle: R.noEmailDetail(name, w.name) });
          deps.audit.record({ action: A.noEmail, target: code, result: 'Error', detail: `${reg.id} · ${w.name}` });
        }
      }
      const left = plan.steps.length - k + (outOfQuota && issued.length && issued[issued.length - 1]!.delivery === 'pendiente' ? 1 : 0);
      if (outOfQuota) result.waiting += left;
      else if (outOfTime) result.remaining += left;
      else if (failed > 0 && retryAfterFailure(deps, moduleId)) retry = true;
      else {
        done.add(moduleId);
        deps.properties.delete(failuresProperty(moduleId));
      }
    }
    writeIssued(deps, issued, review);
    clearJournal(deps.properties, KIND, [...stale, ...issued.filter((i) => i.delivery === 'enviado' || i.delivery === 'enviando').map((i) => String(i.regFields.certificateCode))]);
  } else {
    for (const m of modules) done.add(m);
  }

  // What is left to ask for.
  const left = modules.filter((m) => !done.has(m));
  deps.lock.withLock(() => {
    const fresh = requestedModules(deps.properties);
    // Modules asked for while this run worked stay asked for.
    const keep = fresh.filter((m) => !done.has(m) || !modules.includes(m));
    if (keep.length) deps.properties.setAll({ [REQUESTED_MODULES_PROPERTY]: JSON.stringify(keep) });
    else deps.properties.delete(REQUESTED_MODULES_PROPERTY);
  });
  release();
  if (result.remaining > 0 || (left.length > 0 && !outOfQuota)) {
    deps.properties.delete(WAITING_PROPERTY);
    scheduleContinuation(deps, CERTIFICATES_HANDLER, retry && result.remaining === 0 ? RETRY_DELAY_MS : CONTINUATION_DELAY_MS, { replace: true });
    result.continues = true;
  } else if (outOfQuota) {
    const at = nextInvitationDay(now, readSiblingHour(deps));
    deps.properties.setAll({ [WAITING_PROPERTY]: JSON.stringify({ untilMs: at.getTime() + 86_400_000 }) });
    scheduleContinuation(deps, CERTIFICATES_HANDLER, Math.max(CONTINUATION_DELAY_MS, at.getTime() - deps.clock.now().getTime()), { replace: true });
    result.continues = true;
    deps.audit.record({ action: A.continuation, result: 'Sin efecto', detail: `${M.waitingQuota} (${formatLimaDateTime(at)})` });
  } else {
    deps.properties.delete(WAITING_PROPERTY);
    result.continues = finishJob(deps, CERTIFICATES_HANDLER, job);
  }
  result.summary = M.summary(result);
  if (result.issued || result.errors || result.ambiguous || result.waiting || result.remaining) {
    deps.audit.record({ action: A.run, result: result.ambiguous ? 'Por revisar' : result.errors ? 'Error' : 'Correcto', detail: result.summary });
  }
}

// ---------------------------------------------------------------------------- reissue and revoke

/** Runs `fn` holding the job's lease and the script lock (never alongside the job). */
function exclusive(deps: CertificateDeps, target: string, fn: () => CertificateActionResult): CertificateActionResult {
  if (!isTalleres(deps)) return refuse(deps, target, M.notTalleres);
  try {
    if (!acquireLease(deps, CERTIFICATES_HANDLER)) return { ok: false, message: M.busy };
    try {
      return deps.lock.withLock(fn);
    } finally {
      releaseLease(deps, CERTIFICATES_HANDLER);
    }
  } catch (e) {
    if (e instanceof LockBusyError) return { ok: false, message: M.lockBusy };
    const reason = e instanceof Error ? e.message : String(e);
    deps.audit.record({ action: A.refused, target, result: 'Error', detail: reason });
    return { ok: false, message: M.renderFailed(reason) };
  }
}

function findCertificate(deps: CertificateDeps, rawCode: unknown): TableRow<CertificateKey> | null {
  const code = cleanText(rawCode, 40).toUpperCase();
  return code ? (deps.workbooks.current().table(CERTIFICATES_TAB).read({ fresh: true }).byId.get(code) ?? null) : null;
}

/**
 * «Corregir nombre y reemitir» (coordinator): a new certificate (next round's code) with the
 * corrected name, the old one 'Reemplazado' (replacedBy the new code) and its PDF retired; the new
 * PDF is emailed. The registration keeps its name; the corrected one is the new certificate's.
 * A retry after a crash finds the old row already replaced and goes on with the same new code.
 */
export function reissueCertificate(deps: CertificateDeps, rawCode: unknown, rawName: unknown): CertificateActionResult {
  const target = cleanText(rawCode, 40);
  const valid = validCorrectedName(rawName);
  if (!valid.ok) return refuse(deps, target, valid.reason, A.reissued);
  return exclusive(deps, target, () => {
    const old = findCertificate(deps, rawCode);
    if (!old) return refuse(deps, target, M.codeUnknown, A.reissued);
    const state = text(old.record.state);
    const resumed = state === 'Reemplazado' ? text(old.record.replacedBy) : '';
    if (state !== 'Vigente' && !resumed) return refuse(deps, old.id, M.notCurrent, A.reissued);
    if (!resumed && valid.name === text(old.record.fullName)) return refuse(deps, old.id, M.sameName, A.reissued);
    const moduleId = text(old.record.moduleId);
    const now = deps.clock.now();
    const w = readModule(deps, moduleId, now, true);
    const reg = w?.registrations.get(text(old.record.registrationId));
    if (!w || !reg) return refuse(deps, old.id, M.notFound, A.reissued);
    const settings = readSettings(deps.workbooks.current().table(SETTINGS_TAB)).settings;
    const templateId = templateIdOf(settings);
    const template = checkTemplate(templateId ? deps.slides.templateText(templateId) : null);
    if (!template.ok) return refuse(deps, old.id, template.message, A.reissued);
    const links = verificationLinks(deps.properties, settings.webAppUrl, deps.webApp);
    if (!links.usable) return refuse(deps, old.id, M.noWebApp, A.reissued);
    const certs = deps.workbooks.current().table(CERTIFICATES_TAB);
    const newCode = resumed || certificateCode(signingSecret(deps.properties), reg.id, nextRound(w.rowFacts.filter((r) => r.registrationId === reg.id).length));
    const clash = certs.read().byId.get(newCode);
    if (clash && text(clash.record.registrationId) !== reg.id) return refuse(deps, old.id, `Código ${newCode} ya usado por otra inscripción.`, A.reissued);
    const by = userBy(deps);
    // 1. The old certificate points to the new one first: a retry finds the way.
    if (!resumed) certs.update([{ id: old.id, fields: { state: 'Reemplazado', replacedBy: newCode, by, updatedAt: now } }], { mode: 'row' });
    const folder = ensureModuleFolder({ ...deps }, w.row);
    const quota: QuotaBudget = { remaining: deps.mailer.remainingDailyQuota() };
    const env: PersonEnv = { deps, w, folder, templateId, verify: (code) => links.url(code, w.lastEnd ?? now), mail: { quota }, now, by };
    const existing = clash ?? undefined;
    const out = issueOne(env, newCode, reg, existing, text(existing?.record.fullName) || valid.name);
    writeIssued(deps, [out], out.delivery === 'enviando' ? [{ tipo: R.kind, referencia: newCode, detalle: R.detail(valid.name, w.name) }] : []);
    clearJournal(deps.properties, KIND, out.delivery === 'enviado' || out.delivery === 'enviando' ? [newCode] : []);
    // 2. The old PDF leaves the folder.
    const oldPdf = text(old.record.pdfFileId);
    if (oldPdf) deps.drive.retire(oldPdf, folder.id);
    const nothingNew = existing !== undefined && text(existing.record.delivery) === out.delivery && text(existing.record.pdfFileId) !== '';
    deps.audit.record({ action: A.reissued, target: old.id, result: nothingNew ? 'Sin cambios' : out.delivery === 'enviando' ? 'Por revisar' : 'Correcto', detail: `→ ${newCode} (${out.delivery})` });
    return { ok: true, message: M.reissued(newCode), code: newCode, url: String(out.fields.pdfUrl ?? ''), view: certificatesView(deps, moduleId) };
  });
}

/**
 * «Revocar» (coordinator, a reason required): the certificate's state becomes 'Revocado' with
 * when, why and who; its PDF leaves the folder. The registration keeps the code (the page answers
 * "revoked" for it). Repeating it retires a PDF a crash left.
 */
export function revokeCertificate(deps: CertificateDeps, rawCode: unknown, rawReason: unknown): CertificateActionResult {
  const target = cleanText(rawCode, 40);
  const valid = validRevokeReason(rawReason);
  if (!valid.ok) return refuse(deps, target, valid.reason, A.revoked);
  return exclusive(deps, target, () => {
    const row = findCertificate(deps, rawCode);
    if (!row) return refuse(deps, target, M.codeUnknown, A.revoked);
    const state = text(row.record.state);
    const moduleId = text(row.record.moduleId);
    const now = deps.clock.now();
    if (state === 'Reemplazado') return refuse(deps, row.id, M.notCurrent, A.revoked);
    if (state !== 'Revocado') {
      deps.workbooks
        .current()
        .table(CERTIFICATES_TAB)
        .update([{ id: row.id, fields: { state: 'Revocado', revokedAt: now, revokeReason: valid.reason, by: userBy(deps), updatedAt: now } }], { mode: 'row' });
    }
    const pdf = text(row.record.pdfFileId);
    const folderRow = deps.workbooks.current().table(MODULES_TAB).read().byId.get(moduleId);
    if (pdf && folderRow) deps.drive.retire(pdf, ensureModuleFolder({ ...deps }, folderRow).id);
    if (state === 'Revocado') return { ok: true, message: M.alreadyRevoked, view: certificatesView(deps, moduleId) };
    deps.audit.record({ action: A.revoked, target: row.id, result: 'Correcto', detail: valid.reason });
    return { ok: true, message: M.revoked, view: certificatesView(deps, moduleId) };
  });
}
