/**
 * What the use cases (src/app) need from the outside world, as small interfaces.
 *
 * src/gas implements them with Apps Script services; tests can implement them in memory. A use
 * case never sees a Spreadsheet, a Trigger or MailApp: only these. Each interface holds what setup
 * and the attention flow (A01–A07) need now; later capabilities add methods when they need them.
 */
import type { FormDefinition, FormItemSpec } from './domain/form-definition';
import type { Authorization, MeetTrial, PlainTextSample } from './domain/diagnostics';
import type { AuditResult, Role, TabSpec } from './domain/schema';
import type { FieldValue, TableRow } from './domain/table';

export type { Role };

// ---------------------------------------------------------------------------- tables

/** One read of a tab (DESIGN.md: read a table once per execution). */
export interface TableSnapshot<K extends string = string> {
  /** Row 1 as text. */
  readonly headers: readonly string[];
  /** Data rows (row 2 on), in sheet order, blank rows included. */
  readonly rows: readonly TableRow<K>[];
  /** Rows by ID; when an ID is repeated the first row wins (see `duplicateIds`). */
  readonly byId: ReadonlyMap<string, TableRow<K>>;
  /** Headers of schema columns the sheet lacks (setup adds them). */
  readonly missingColumns: readonly string[];
  /** IDs on more than one row. */
  readonly duplicateIds: readonly string[];
}

/** New values for some fields of the row with this ID. */
export interface RowChange<K extends string = string> {
  readonly id: string;
  readonly fields: Partial<Record<K, FieldValue>>;
}

export interface UpdateOptions {
  /**
   * 'rows' (default): only the changed rows, one write per run of adjacent changed rows.
   * 'span': one write per run of adjacent changed columns, from the first to the last changed row
   * — for a job that changes scattered rows, so its writes do not grow with them. The unchanged rows
   * inside the span are written back with the sheet's current values: the tab is read again first,
   * unless the caller has just read it with `read({ fresh: true })` under the same lock. Only the
   * schema's system columns are ever rewritten that way. Call it holding the script lock.
   * 'row': for one action on one row (the day's buttons): one write per changed row, from its
   * first to its last changed column, so the row changes in a single call — Apps Script can fail
   * between two calls, never inside one. The schema's columns in between, a person's included
   * ('Observaciones', 'Aviso extranet'), are written back with the values read under the same
   * lock; a column the schema does not know (one a person added, maybe with formulas) is never
   * rewritten. Same reading rule as 'span'; call it holding the script lock.
   */
  mode?: 'rows' | 'span' | 'row';
}

/**
 * New values for some fields of the row at this sheet row number: for the tab without an ID
 * column (the audit log), whose lines a deletion under Ley 29733 redacts.
 */
export interface RowNumberChange<K extends string = string> {
  /** 1-based, as `TableRow.rowNumber` of a read made under the same lock. */
  readonly rowNumber: number;
  readonly fields: Partial<Record<K, FieldValue>>;
}

export interface UpdateResult {
  /** IDs whose row had at least one cell changed. */
  readonly updated: readonly string[];
  /** IDs not found in the tab (a person deleted the row): nothing was written for them. */
  readonly notFound: readonly string[];
  /** setValues calls made. */
  readonly writes: number;
}

/**
 * A tab as records. Columns are found by header, rows by the tab's ID column. Values written
 * are neutralised (a leading '=', '+', '-', '@' … never becomes a formula).
 */
export interface Table<K extends string = string> {
  readonly spec: TabSpec<K>;
  /** False when the tab does not exist in the spreadsheet (setup not run). */
  exists(): boolean;
  /**
   * Reads the whole tab once; later calls in the same execution return the same snapshot, kept up
   * to date by update/append. `fresh` reads the sheet again (a job re-reading under the lock what
   * people may have changed while it worked, before a 'span' update).
   */
  read(options?: { fresh?: boolean }): TableSnapshot<K>;
  /** Writes only the cells that change, in as few setValues calls as contiguous blocks allow. */
  update(changes: readonly RowChange<K>[], options?: UpdateOptions): UpdateResult;
  /**
   * Changes rows found by their sheet row number — for a tab without an ID column (the audit log,
   * whose 'Detalle' cells a deletion or the retention of personal data redacts). The row numbers
   * must come from a `read({ fresh: true })` made under the script lock this call is made under
   * (the tab is read again otherwise, and numbers past its end are not written). Written as
   * 'span' is: one write per span of changed columns, from the first to the last changed row, so
   * the writes do not grow with the rows; only the schema's system columns are rewritten that way.
   */
  updateByRowNumber(changes: readonly RowNumberChange<K>[]): { readonly updated: number; readonly writes: number };
  /** Adds rows after the last one (text columns formatted as text first), in one write. */
  append(records: readonly Partial<Record<K, FieldValue>>[]): void;
}

// ---------------------------------------------------------------------------- spreadsheet structure (setup)

export interface HeaderCell {
  readonly text: string;
  /** Written only by the system: its header is shown grey. */
  readonly system: boolean;
}

export type ColumnValidation =
  | { readonly kind: 'list'; readonly values: readonly string[]; readonly strict: boolean; readonly help: string }
  | { readonly kind: 'checkbox' };

/** What every data cell (row 2 to the end) of one column must have. */
export interface ColumnRule {
  /** 1-based. */
  readonly column: number;
  readonly format?: string;
  readonly validation?: ColumnValidation;
}

/** One spreadsheet, as setup shapes it and as use cases open its tables. */
export interface Workbook {
  readonly id: string;
  name(): string;
  timeZone(): string;
  setTimeZone(timeZone: string): void;
  tabNames(): string[];
  /** Row 1 of a tab as text, up to its last non-empty header; null when there is no such tab. */
  headers(tab: string): string[] | null;
  /**
   * Creates a tab with these headers in row 1. A new spreadsheet's only, empty, default sheet
   * ("Hoja 1" / "Sheet1") is renamed and used instead of leaving it behind.
   */
  createTab(tab: string, headers: readonly HeaderCell[]): void;
  /** Writes headers from `startColumn` (1-based) on, adding columns to the sheet if needed. */
  addHeaders(tab: string, startColumn: number, headers: readonly HeaderCell[]): void;
  /** Freezes row 1 unless rows are frozen already; true when it changed something. */
  freezeHeaderRow(tab: string): boolean;
  /** Applies number formats and validation to the data cells of these columns (idempotent). */
  applyColumnRules(tab: string, rules: readonly ColumnRule[]): void;
  table<K extends string>(spec: TabSpec<K>): Table<K>;
  /** The file owner's email; null when the file has none (a shared drive) or Google does not say. */
  ownerEmail(): string | null;
  /**
   * Protects a whole tab (idempotent; the protection is recognised by its description).
   * 'warning': anyone may edit after a warning (scripts are never stopped) — to avoid mistakes.
   * A list: only those accounts (plus the owner and the person running this) may edit it.
   * True when something changed.
   */
  protectTab(tab: string, protection: TabProtection): boolean;
}

export interface TabProtection {
  description: string;
  editors: readonly string[] | 'warning';
  /** 1-based columns left out of the protection (the people's columns of a system tab), from row 2 down. */
  unprotectedColumns?: readonly number[];
}

export interface Workbooks {
  /** The spreadsheet the script runs in. */
  current(): Workbook;
  /** Another spreadsheet by ID (the sibling); null when it cannot be opened (bad ID, no access). */
  open(id: string): Workbook | null;
}

// ---------------------------------------------------------------------------- state, time, concurrency

/** String key/value storage kept with the spreadsheet (document properties). */
export interface KeyValueStore {
  get(key: string): string | null;
  getAll(): Record<string, string>;
  /** Sets several keys in one call. */
  setAll(values: Record<string, string>): void;
  delete(key: string): void;
  /**
   * The secret kept under `key`, created the first time with a fresh random value (two
   * `Utilities.getUuid`, 244 random bits) and never shown anywhere. Keys the HMACs of survey
   * tokens and walk-in IDs (domain/ids.ts). Call it holding the script lock: two executions
   * creating it at once would each sign with their own.
   */
  secret(key: string): string;
}

export interface Clock {
  now(): Date;
}

/** Thrown by Lock when another execution keeps the lock longer than we can wait. */
export class LockBusyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LockBusyError';
  }
}

/** The script lock: read-modify-write of rows and every once-only side effect run inside it. */
export interface Lock {
  /** Runs `fn` holding the lock; throws LockBusyError if it is not free within `waitMs`. */
  withLock<T>(fn: () => T, waitMs?: number): T;
}

export interface Session {
  /** The person running this execution; '' when Google does not tell (other domain, trigger context). */
  userEmail(): string;
}

// ---------------------------------------------------------------------------- triggers

export type TriggerKind = 'clock' | 'formSubmit' | 'open' | 'edit' | 'change' | 'other';

export interface TriggerInfo {
  readonly id: string;
  readonly handler: string;
  readonly kind: TriggerKind;
  /** Form or spreadsheet ID for formSubmit/open triggers; null for clock triggers. */
  readonly sourceId: string | null;
}

/**
 * Installable triggers of this script for the current user (Apps Script lists only those).
 * Handlers are names of top-level functions of src/entry.ts.
 */
export interface Scheduler {
  list(): TriggerInfo[];
  /** Every day at `hour` (0–23, the script's time zone: America/Lima). */
  daily(handler: string, hour: number): TriggerInfo;
  /** Once, `ms` from now (job continuations). */
  after(handler: string, ms: number): TriggerInfo;
  /** On each response of a form. */
  onFormSubmit(handler: string, formId: string): TriggerInfo;
  /** Deletes the trigger; false when it no longer exists. */
  remove(id: string): boolean;
}

// ---------------------------------------------------------------------------- mail, meetings, forms

export interface OutgoingMail {
  readonly to: string;
  readonly subject: string;
  /** Plain-text body. */
  readonly text: string;
  /** HTML body, already escaped by the message builder. */
  readonly html: string;
  readonly senderName: string;
  readonly replyTo?: string;
  /** Drive files sent as attachments (a certificate's or a report's PDF); the adapter reads their bytes. */
  readonly attachmentFileIds?: readonly string[];
}

/** MailApp: send only (scope script.send_mail), never read a mailbox. */
export interface Mailer {
  /** Sends one email; throws when it was not accepted (quota, invalid address). */
  send(mail: OutgoingMail): void;
  /** Recipients that can still be sent today. */
  remainingDailyQuota(): number;
}

export interface MeetingRequest {
  /** Deterministic event ID (domain/ids.calendarEventId): a retry finds the same event. */
  readonly eventId: string;
  /** Deterministic Meet request ID (domain/ids.meetRequestId). */
  readonly requestId: string;
  readonly title: string;
  readonly description: string;
  readonly start: Date;
  readonly end: Date;
  readonly guests: readonly string[];
  /** Let Google Calendar email the invitation to the guests. */
  readonly notifyGuests: boolean;
}

export interface MeetingInfo {
  readonly eventId: string;
  /** The Google Meet link; null while Meet is still creating it or if it failed. */
  readonly meetUrl: string | null;
  readonly htmlLink: string;
  readonly cancelled: boolean;
  /** False when the event already existed (an earlier, interrupted run made it). */
  readonly created: boolean;
  /** The guests and their answers ('accepted', 'declined', 'tentative', 'needsAction'), when Calendar gave them. */
  readonly guests?: readonly { readonly email: string; readonly responseStatus?: string }[];
}

/** New times (and text) of an existing event: an appointment moved to another date or time. */
export interface MeetingMove {
  readonly start: Date;
  readonly end: Date;
  readonly title?: string;
  readonly description?: string;
  readonly notifyGuests: boolean;
}

/** Calendar events with a Google Meet link in the consultant's primary calendar. */
export interface Meetings {
  /** Creates the event, or returns the existing one with that ID. */
  ensureMeeting(req: MeetingRequest): MeetingInfo;
  find(eventId: string): MeetingInfo | null;
  /** Moves an existing event (keeps its Meet link); null when there is no such event. */
  move(eventId: string, change: MeetingMove): MeetingInfo | null;
  /**
   * Cancels the event of an appointment that will not take place, without Calendar's own email
   * (the platform or the consultant tells the citizen). True when it was cancelled now; false when
   * there was no such event or it was cancelled already (both mean: done).
   */
  cancel(eventId: string): boolean;
  /**
   * Brings a cancelled (deleted) event back, at the given time: Calendar never lets a deleted
   * event's ID be inserted again (409), but the organizer's deleted events "can be restored
   * (undeleted)" by setting their status back to confirmed. Keeps its ID and Meet link; null
   * when there is no such event any more.
   */
  restore(eventId: string, change: MeetingMove): MeetingInfo | null;
}

/** A form as setup checks it. */
export interface FormState {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly confirmationMessage: string;
  readonly publishedUrl: string;
  /** Titles of its items, in order ('' for an item whose title was never set: an interrupted addItems). */
  readonly itemTitles: readonly string[];
  /** Spreadsheet its responses go to; null when none. */
  readonly destinationId: string | null;
}

/**
 * Who can answer a form, as Google reports it (read only: Diagnóstico shows it, setup acts on it).
 * Forms created by a script after 30 June 2026 start unpublished and take no responses until
 * published (developers.google.com/workspace/forms/api/guides/api-changes-to-google-forms).
 */
export interface FormResponderAccess {
  /** False for a legacy form (no publish settings): only `acceptingResponses` applies. */
  readonly supportsPublishing: boolean;
  /** Published: respondents can open it (always true for a legacy form). */
  readonly published: boolean;
  /** Published and open: a citizen's answer is accepted. */
  readonly acceptingResponses: boolean;
  /** Only signed-in accounts of the owner's domain may answer; null when Google would not say. */
  readonly requiresLogin: boolean | null;
}

/** What `openToRespondents` changed (all false: the form was open already). */
export interface FormOpening {
  readonly published: boolean;
  readonly reopened: boolean;
  readonly loginDropped: boolean;
}

/** One submitted response, answers by question title (a checkbox answer is a list). */
export interface FormAnswers {
  readonly responseId: string;
  readonly submittedAt: Date;
  readonly answers: Readonly<Record<string, string | readonly string[]>>;
}

/** Google Forms the product made (satisfaction survey, registrations). */
export interface Forms {
  /** The link a citizen opens. */
  publishedUrl(formId: string): string;
  /** The link with some answers filled in (e.g. the appointment code), by question title. */
  prefilledUrl(formId: string, answers: Readonly<Record<string, string>>): string;
}

/** Making and reading the product's forms: setup creates and completes them, jobs read their responses. */
export interface FormAdmin {
  /**
   * Creates an empty, unpublished form with this title (no citizen can answer a half-made form);
   * returns its ID (record it at once: Google has no idempotent create). `openToRespondents`
   * publishes it once complete.
   */
  create(title: string): string;
  /** Published? Accepting responses? Sign-in required? Null when the form cannot be opened. Read only. */
  responderAccess(formId: string): FormResponderAccess | null;
  /**
   * Makes the form answerable by anyone with its link: publishes it, turns responses on, and
   * drops the sign-in-to-the-domain requirement where the API allows it. Changes only what is
   * not so already.
   */
  openToRespondents(formId: string): FormOpening;
  /** Sets the description and the message shown after a response. */
  setTexts(formId: string, texts: Pick<FormDefinition, 'description' | 'confirmationMessage'>): void;
  /**
   * Appends items at the end of the form. Each item's title is set last, so an item an
   * interrupted call left half-made has no title (see removeUntitledItems).
   */
  addItems(formId: string, items: readonly FormItemSpec[]): void;
  /** Deletes the items without a title; returns how many. */
  removeUntitledItems(formId: string): number;

  /** The form's state; null when it cannot be opened (deleted, no access). */
  describe(formId: string): FormState | null;
  /** Sends the form's responses to this spreadsheet (Forms adds a responses tab there). */
  setDestination(formId: string, spreadsheetId: string): void;
  /** Responses submitted at or after `since` (all when omitted), oldest first; `known` response IDs are skipped without reading their answers. */
  responses(formId: string, since?: Date, known?: ReadonlySet<string>): FormAnswers[];
  /** One response by its ID (a person's data, Ley 29733); null when the form has no such response. */
  response(formId: string, responseId: string): FormAnswers | null;
  /**
   * Deletes one response from the form (not from the spreadsheet its responses are copied to:
   * Google keeps that copy). False when there was no such response — deleted already, which
   * means done.
   */
  deleteResponse(formId: string, responseId: string): boolean;
}

/** The choices of a form's dropdown or multiple-choice question (the registration form's modules). */
export interface FormChoices {
  /** Replaces the choices of question `title`; false when they were those already. */
  setChoices(formId: string, title: string, choices: readonly string[]): boolean;
  /** The choices of question `title`; null when there is no such question. */
  choices(formId: string, title: string): string[] | null;
}

// ---------------------------------------------------------------------------- audit

export interface AuditEntry {
  /** What was done, in Spanish ('Recordatorio enviado', 'Pestaña creada'). */
  readonly action: string;
  /** For whom or on what (an email, an appointment ID, a tab). */
  readonly target?: string;
  readonly result: AuditResult;
  readonly detail?: string;
}

/** The 'Registro de auditoría' tab. Entries are buffered and written together by flush(). */
export interface AuditLog {
  record(entry: AuditEntry): void;
  /** Entries recorded in this execution (written or not). */
  entries(): readonly AuditEntry[];
  /** Appends the pending entries in one write. */
  flush(): void;
}

// ---------------------------------------------------------------------------- diagnostics («Diagnóstico»)

/** A short test event with a Meet conference, to see that Calendar and Meet answer. */
export interface MeetTrialRequest {
  readonly title: string;
  readonly description: string;
  readonly start: Date;
  readonly end: Date;
}

/**
 * The real platform's answers to what the emulator assumes (src/app/diagnostics.ts). Every
 * method that makes something (a temporary sheet, a test event) removes it before it returns,
 * also when it fails half-way.
 */
export interface DiagnosticsProbe {
  /** Writes each sample to a plain-text ('@') cell of a temporary sheet, reads it back (values and formulas), deletes the sheet. */
  plainTextRoundTrip(samples: readonly string[]): PlainTextSample[];
  /** The script's time zone (the manifest's). */
  scriptTimeZone(): string;
  /** Inserts a test event with a Meet createRequest on the primary calendar, looks at its conference, deletes it. */
  meetTrial(req: MeetTrialRequest): MeetTrial;
  /** What the person running this has granted (ScriptApp.getAuthorizationInfo(FULL)). */
  authorization(): Authorization;
  /** Replaces the report tab's contents with these rows (all text) and shows the tab. */
  showReport(tab: string, rows: readonly (readonly string[])[]): void;
}

/** The script's web app deployment, as Google reports it (ScriptApp.getService). */
export interface WebAppService {
  /** The deployed web app's URL, or null when the script is not deployed as one. */
  url(): string | null;
}

// ---------------------------------------------------------------------------- Drive: a module's files (B04, B05)

/** A file or folder in Drive, as the use cases keep it: its ID, its link and its name. */
export interface DriveItemRef {
  readonly id: string;
  readonly url: string;
  readonly name: string;
}

/**
 * A module's folder and files in Google Drive (DriveApp; src/gas/drive-files.ts). Nothing here
 * makes an item public: folders are shared with the team's accounts by name, link sharing off.
 */
export interface DriveFiles {
  /** The folder with this ID when this person can open it and it is not in the trash; null otherwise. */
  folder(id: string): DriveItemRef | null;
  /** The folder the spreadsheet is in; this person's "My Drive" when it has none they can open. */
  spreadsheetFolder(): DriveItemRef;
  /** Folders inside `parentId`, not trashed, oldest first, whose name is `name` or ends with `suffix`. */
  childFolders(parentId: string, match: { readonly name?: string; readonly suffix?: string }): DriveItemRef[];
  /** A new folder inside `parentId` (no idempotent create in Drive: record its ID at once). */
  createFolder(parentId: string, name: string): DriveItemRef;
  /** Gives each account edit access (those who have it are skipped) and turns link sharing off; returns how many were added. */
  shareWithTeam(folderId: string, emails: readonly string[]): number;
  /** Files in the folder with exactly this name, not trashed, oldest first. */
  filesNamed(folderId: string, name: string): DriveItemRef[];
  /** The HTML page converted to PDF (Blob.getAs), saved in the folder as `name`. */
  savePdfFromHtml(folderId: string, name: string, html: string): DriveItemRef;
  /** Bytes saved in the folder as a file of this type. */
  saveFile(folderId: string, name: string, mimeType: string, bytes: readonly number[]): DriveItemRef;
  /**
   * Takes a file out of the module's folder: to the trash when this person owns it ('trashed'),
   * else out of the folder only ('removed': Drive lets only the owner trash); 'gone' when there is
   * no such file any more (done already).
   */
  retire(fileId: string, folderId: string): 'trashed' | 'removed' | 'gone';
  /** Bytes of a base64 text (Apps Script's signed bytes). Throws when it is not base64. */
  decodeBase64(base64: string): number[];
}

// ---------------------------------------------------------------------------- a spreadsheet read by its ID (B09, i12-attendance)

/** A spreadsheet opened by its ID: the Meet attendance report (src/gas/meet-report.ts). */
export interface ReportSheets {
  /** The file's name and its first sheet's values; null when it cannot be opened (no access, not a spreadsheet, no such file). */
  read(id: string): { name: string; values: unknown[][] } | null;
}

// ---------------------------------------------------------------------------- B12: certificates in Slides, consolidation tabs

/** What to make of one certificate: the template's copy filled in, exported to PDF. */
export interface CertificateRender {
  readonly templateId: string;
  /** The module's folder: the PDF is saved here; the filled Slides copy is trashed once exported. */
  readonly folderId: string;
  /** The PDF's file name ('Certificado - <name> - <code>.pdf'). */
  readonly name: string;
  /** Placeholder text (with its braces, e.g. '{{nombre}}') → value; every occurrence in every slide is replaced. */
  readonly replacements: Readonly<Record<string, string>>;
  /** A PNG or GIF image put where the template has the '{{qr}}' shape (the shape's box; the marker removed); absent: the marker is only removed. */
  readonly qrImage?: { readonly bytes: readonly number[]; readonly mimeType: 'image/png' | 'image/gif' };
}

/**
 * Google Slides as the certificates use it (SlidesApp + DriveApp; src/gas/certificate-slides.ts).
 * A copy of the template is filled with Presentation.replaceAllText, saved and closed, exported
 * with getAs('application/pdf'), and trashed: only the PDF is kept.
 */
export interface CertificateSlides {
  /** A new presentation with the service's default certificate design (landscape, placeholders), in the folder. */
  createTemplate(folderId: string, name: string): DriveItemRef;
  /** All the text of the presentation (every shape and table cell of every slide), to check its placeholders; null when it cannot be opened. */
  templateText(templateId: string): string | null;
  /** The certificate's PDF, saved in the folder. Throws when the template cannot be opened or copied. */
  renderPdf(req: CertificateRender): DriveItemRef;
}

// One Sheets chart of a generated tab: a domain type (the indicators' layout builds them), re-exported here.
import type { TabChart } from './domain/tab-chart';
export type { TabChart };

/**
 * Tabs the product generates whole (B12 consolidation; later the indicators): recomputing
 * replaces the tab's values and charts; other tabs and people's edits elsewhere are untouched.
 */
export interface GeneratedTabs {
  /** Creates the tab when missing, else clears it (values, formats, charts); writes the rows from A1 and inserts the charts. */
  replace(tabName: string, rows: readonly (readonly (string | number | Date)[])[], charts: readonly TabChart[]): void;
  /** Whether the tab exists. */
  exists(tabName: string): boolean;
}
