import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseWallTime } from './core/clock';
import type { ExecutionRecord, ExecutionTrigger, FaultPlan, InterleavePlan } from './core/execution';
import type { GasObject } from './core/gas-object';
import { ScriptProject, type Manifest, type TriggerRecord } from './core/project';
import type { AccountKind, QuotaKind } from './core/quotas';
import { nextRun } from './core/schedule';
import { WorkspaceState, type StateJSON } from './core/state';
import { uiStore, type MenuRecord, type SurfaceRecord } from './core/ui-store';
import { zoneOffsetMinutes, zonedParts } from './core/zones';
import { runExecution, type RunOutcome } from './runtime/run';
import { sheetsStore } from './services/sheets';
import { parseA1 } from './services/sheets/a1';
import { canEditFile, canViewFile } from './services/sheets/access';
import type { ProtectionInfo } from './services/sheets/store';
import { mailStore, type SentMail } from './services/mail';
import { calendarStore } from './services/calendar';
import { formsStore, parsePrefilledUrl, submitFormResponse } from './services/forms';
import { driveStore } from './services/drive';
import { savedPresentation } from './services/slides/doc';
import { PRESENTATION_MIME, clonePresentation, type PresentationData } from './services/slides/model';
import { presentationToPdf } from './services/slides/render';
import { respondToEvent as respond, type EventResource, type GuestResponse } from './services/calendar/store';
import { HtmlOutput } from './services/html';
import { writeAttendanceReport, type MeetReportOptions, type MeetReportParticipant } from './services/meet/attendance-report';
import { TextOutput } from './services/content';
import {
  accessFor,
  deployWebApp,
  errorPage,
  parseParameters,
  parseWebAppUrl,
  WEBAPP_MESSAGES,
  webAppStore,
  webAppUrl,
  type WebAppAccess,
  type WebAppDeployment,
  type WebAppExecuteAs,
  type WebAppResponse,
} from './services/webapp';

export interface CreateOptions {
  /** Wall-clock start time in `timeZone` ("2026-11-27T09:00"), a Date, or epoch ms. */
  at?: string | number | Date;
  /** Zone in which `at` and other wall times given to this API are read. Default America/Lima. */
  timeZone?: string;
  seed?: number;
  account?: AccountKind;
  /** The signed-in user: the consultant using the spreadsheets. */
  user?: string;
  /** Keep state in this folder: `save()` writes it, `Workspace.open(dir)` reads it. */
  stateDir?: string;
}

export interface InstallOptions {
  /** Folder holding Code.js, *.html and appsscript.json. Default: ./dist */
  distDir?: string;
  title?: string;
}

export interface Record_ {
  [header: string]: unknown;
}

/** What a google.script.run call gives the page: success value or failure message. */
export type ClientResult = { ok: true; value: unknown; execution: ExecutionRecord } | { ok: false; error: string; execution: ExecutionRecord };

const STATE_FILE = 'workspace.json';

/** What `Workspace.snapshot()` returns: plain data, safe to keep and reuse. */
export interface WorkspaceSnapshot {
  json: string;
  timeZone: string;
}

/**
 * The emulator's scripting API: everything tests, benchmarks, `npm start` and outside
 * scripts do with the emulated Workspace goes through this class. See docs/emulator.md.
 */
export class Workspace {
  readonly state: WorkspaceState;
  readonly timeZone: string;
  private stateDir?: string;
  private readonly faults: FaultPlan[] = [];
  private readonly interleaves: InterleavePlan[] = [];
  /** Nesting depth of runs: events queued by nested runs are drained by the outermost. */
  private depth = 0;

  private constructor(state: WorkspaceState, timeZone: string, stateDir?: string) {
    this.state = state;
    this.timeZone = timeZone;
    this.stateDir = stateDir;
  }

  static create(opts: CreateOptions = {}): Workspace {
    const timeZone = opts.timeZone ?? 'America/Lima';
    const at = opts.at ?? '2026-11-27T09:00';
    const guess = typeof at === 'string' ? parseWallTime(at, 0) : parseWallTime(at, 0);
    const now = typeof at === 'string' ? parseWallTime(at, zoneOffsetMinutes(guess, timeZone)) : guess;
    const state = new WorkspaceState({
      now,
      seed: opts.seed ?? 1,
      account: opts.account ?? 'workspace',
      user: opts.user ?? 'consultor@example.org',
    });
    return new Workspace(state, timeZone, opts.stateDir);
  }

  /** Reopens a workspace saved in `dir`, or creates one there with `opts` if there is none. */
  static open(dir: string, opts: CreateOptions = {}): Workspace {
    const file = path.join(dir, STATE_FILE);
    if (!fs.existsSync(file)) return Workspace.create({ ...opts, stateDir: dir });
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as StateJSON & { timeZone?: string };
    return new Workspace(WorkspaceState.fromJSON(json), json.timeZone ?? opts.timeZone ?? 'America/Lima', dir);
  }

  /**
   * The whole workspace (spreadsheets, forms, mail, calendar, projects with their properties and
   * triggers, clock, quotas) as a string: build a world once, then `Workspace.fromSnapshot` a
   * fresh copy per test case instead of setting it up again.
   */
  snapshot(): WorkspaceSnapshot {
    return { json: JSON.stringify(this.state.toJSON()), timeZone: this.timeZone };
  }

  /** An independent workspace from `snapshot()` (not tied to a state folder; faults are not copied). */
  static fromSnapshot(snapshot: WorkspaceSnapshot): Workspace {
    return new Workspace(WorkspaceState.fromJSON(JSON.parse(snapshot.json) as StateJSON), snapshot.timeZone);
  }

  save(dir = this.stateDir): void {
    if (!dir) throw new Error('no state folder: pass one to save() or create({ stateDir })');
    fs.mkdirSync(dir, { recursive: true });
    const tmp = path.join(dir, `${STATE_FILE}.tmp`);
    fs.writeFileSync(tmp, JSON.stringify({ ...this.state.toJSON(), timeZone: this.timeZone }));
    fs.renameSync(tmp, path.join(dir, STATE_FILE));
  }

  // ---------------------------------------------------------------- time

  get now(): Date {
    return this.state.clock.date();
  }

  /** Reads a wall time in the workspace's zone ("2026-11-28T18:00"). */
  wallTime(at: string | number | Date): number {
    if (typeof at !== 'string') return parseWallTime(at, 0);
    const guess = parseWallTime(at, 0);
    return parseWallTime(at, zoneOffsetMinutes(guess, this.timeZone));
  }

  /** "2026-11-27 18:00:00" in the workspace's zone. */
  formatNow(): string {
    const p = zonedParts(this.state.now(), this.timeZone);
    const two = (n: number) => String(n).padStart(2, '0');
    return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}:${two(p.second)}`;
  }

  /** Advances the virtual clock to `at`, firing every time-driven trigger due on the way, in order. */
  advanceTo(at: string | number | Date): ExecutionRecord[] {
    const target = this.wallTime(at);
    const fired: ExecutionRecord[] = [];
    for (;;) {
      const due = this.nextDueTrigger(target);
      if (!due) break;
      if (due.at > this.state.now()) this.state.clock.set(due.at);
      fired.push(...this.fireClockTrigger(due.project, due.trigger));
    }
    if (target > this.state.now()) this.state.clock.set(target);
    return fired;
  }

  advanceBy(ms: number): ExecutionRecord[] {
    return this.advanceTo(this.state.now() + ms);
  }

  /** Time-driven triggers of every project, with when they fire next. */
  scheduledTriggers(): { projectId: string; trigger: TriggerRecord }[] {
    const out: { projectId: string; trigger: TriggerRecord }[] = [];
    for (const p of this.state.projects.values()) for (const t of p.triggers) out.push({ projectId: p.id, trigger: t });
    return out;
  }

  private nextDueTrigger(limit: number): { project: ScriptProject; trigger: TriggerRecord; at: number } | undefined {
    let best: { project: ScriptProject; trigger: TriggerRecord; at: number } | undefined;
    for (const project of this.state.projects.values()) {
      for (const trigger of project.triggers) {
        if (trigger.source !== 'CLOCK' || trigger.nextRun === undefined) continue;
        if (trigger.nextRun > limit) continue;
        if (!best || trigger.nextRun < best.at || (trigger.nextRun === best.at && trigger.createdAt < best.trigger.createdAt)) {
          best = { project, trigger, at: trigger.nextRun };
        }
      }
    }
    return best;
  }

  private fireClockTrigger(project: ScriptProject, trigger: TriggerRecord): ExecutionRecord[] {
    const firedAt = this.state.now();
    trigger.lastRun = firedAt;
    trigger.nextRun = nextRun(trigger, firedAt, project.timeZone);
    return this.execute(project, trigger.handler, 'time', trigger.owner, [clockEvent(trigger, firedAt)]).map((o) => o.record);
  }

  /**
   * Fires the installed time-driven trigger of `handlerName` now, as its owner, with the event
   * object `advanceTo` would give it; the clock does not move and the trigger's schedule is
   * left as it is. Throws when no time-driven trigger of that handler is installed. This is how
   * a test runs a function that must only run from a genuine trigger.
   */
  runTrigger(target: string, handlerName: string): RunOutcome {
    const project = this.project(target);
    const trigger = project.triggers.find((t) => t.source === 'CLOCK' && t.handler === handlerName);
    if (!trigger) throw new Error(`no time-driven trigger for ${handlerName} is installed in ${target}`);
    return this.execute(project, trigger.handler, 'time', trigger.owner, [clockEvent(trigger, this.state.now())])[0];
  }

  // ---------------------------------------------------------------- content

  createSpreadsheet(name: string, owner = this.state.user): string {
    return sheetsStore(this.state).createSpreadsheet(name, owner);
  }

  /**
   * Shares the spreadsheet with `email` as Drive's share dialog does ('none' takes access
   * away). The first call makes the file's sharing explicit: from then on only its owner,
   * editors and viewers have access (until then every user edits it; see docs/emulator.md).
   */
  share(spreadsheetId: string, email: string, role: 'editor' | 'viewer' | 'none'): void {
    sheetsStore(this.state).share(spreadsheetId, email, role);
    if (this.stateDir) this.save();
  }

  /** The spreadsheet's owner, editors, viewers, and whether its sharing is explicit. */
  sharing(spreadsheetId: string): { owner: string; restricted: boolean; editors: string[]; viewers: string[] } {
    return sheetsStore(this.state).sharingInfo(spreadsheetId);
  }

  /** Installs the built bundle as the spreadsheet's bound script project. */
  install(spreadsheetId: string, opts: InstallOptions = {}): string {
    const files = readDist(opts.distDir ?? path.resolve('dist'));
    const existing = this.state.projectForContainer(spreadsheetId);
    if (existing) {
      existing.files = files; // a redeploy keeps properties and triggers, as clasp push does
      return existing.id;
    }
    const id = this.state.random.driveId();
    const project = new ScriptProject(id, opts.title ?? sheetsStore(this.state).spreadsheetName(spreadsheetId), files, spreadsheetId);
    this.state.projects.set(id, project);
    return id;
  }

  project(target: string): ScriptProject {
    const p = this.state.projects.get(target) ?? this.state.projectForContainer(target);
    if (!p) throw new Error(`no script project for ${target}`);
    return p;
  }

  // ---------------------------------------------------------------- running code

  /** Runs a function as from the script editor (or as `trigger` says). */
  run(target: string, functionName: string, args: unknown[] = [], opts: { as?: ExecutionTrigger; user?: string } = {}): RunOutcome {
    const [outcome] = this.execute(this.project(target), functionName, opts.as ?? 'editor', opts.user ?? this.state.user, args);
    return outcome;
  }

  /** A person opens the spreadsheet: the simple onOpen runs, then installable on-open triggers. */
  openSpreadsheet(spreadsheetId: string, user = this.state.user): RunOutcome[] {
    const ss = sheetsStore(this.state).spreadsheet(spreadsheetId);
    if (ss && !canViewFile(ss, user)) throw new Error(`${user} has no access to spreadsheet ${spreadsheetId}`);
    const project = this.state.projectForContainer(spreadsheetId);
    if (!project) return [];
    // Triggers guide, restrictions: simple triggers "do not run if a file is opened in read-only
    // (view or comment) mode"; an installable open trigger runs when a colleague opens the file
    // "if your colleague has edit access".
    if (ss && !canEditFile(ss, user)) return [];
    const outcomes: RunOutcome[] = [];
    const event = (trigger?: TriggerRecord) => (_b: unknown, globals: Record<string, GasObject>) => [
      {
        authMode: trigger ? 'FULL' : 'LIMITED',
        source: spreadsheetObject(globals, spreadsheetId),
        user: { email: user },
        ...(trigger ? { triggerUid: trigger.uid } : {}),
      },
    ];
    if (/\bfunction onOpen\s*\(/.test(project.files.code)) {
      outcomes.push(...this.execute(project, 'onOpen', 'simple', user, event()));
    }
    for (const t of project.triggers.filter((t) => t.eventType === 'ON_OPEN' && t.sourceId === spreadsheetId)) {
      outcomes.push(...this.execute(project, t.handler, 'open', t.owner, event(t)));
    }
    return outcomes;
  }

  menus(spreadsheetId: string): MenuRecord[] {
    return uiStore(this.state).menus[spreadsheetId] ?? [];
  }

  /** Clicks a custom menu item by its caption (menus come from the last onOpen). */
  clickMenu(spreadsheetId: string, caption: string, user = this.state.user): RunOutcome {
    for (const menu of this.menus(spreadsheetId)) {
      for (const item of menu.items) {
        if ('caption' in item && item.caption === caption) {
          return this.execute(this.project(spreadsheetId), item.functionName, 'menu', user, [])[0];
        }
      }
    }
    throw new Error(`no menu item "${caption}" in ${spreadsheetId}`);
  }

  /** The last sidebar/dialog the script showed in that spreadsheet. */
  lastSurface(spreadsheetId: string): SurfaceRecord | undefined {
    const s = uiStore(this.state).surfaces.filter((x) => x.spreadsheetId === spreadsheetId);
    return s[s.length - 1];
  }

  /**
   * `google.script.run.fn(...args)` from a sidebar in that spreadsheet: arguments and the
   * return value pass the client/server rules (primitives, arrays and plain objects; a Date or
   * a function anywhere makes the call fail), one execution per call.
   */
  callFromSidebar(spreadsheetId: string, functionName: string, args: unknown[] = [], user = this.state.user): ClientResult {
    const bad = args.map(findIllegalClientValue).find((x) => x);
    const project = this.project(spreadsheetId);
    if (bad) throw new Error(`google.script.run cannot send ${bad}`);
    const [outcome] = this.execute(project, functionName, 'sidebar', user, args);
    return clientResult(outcome);
  }

  // ---------------------------------------------------------------- forms

  /**
   * A person submits a form (answers by item title or ID; `signedInAs`: the account they are
   * signed in to, if any); form-submit triggers fire. Throws FormSubmissionError when the form
   * refuses it (not published, not accepting responses, sign-in required, answers refused).
   */
  submitForm(
    formId: string,
    answers: Record<string, string | string[]>,
    opts: { email?: string; signedInAs?: string } = {},
  ): { responseId: string; executions: ExecutionRecord[] } {
    const before = this.state.executions.length;
    const { responseId } = submitFormResponse(this.state, formId, answers, opts);
    this.drainEvents();
    return { responseId, executions: this.state.executions.slice(before) };
  }

  forms() {
    return formsStore(this.state).listForms();
  }

  /**
   * A person opens a form link (published, prefilled, edit or forms.gle — e.g. a session's link
   * shared in a Meet chat): which form, and the answers it fills in, by question title. Pass
   * them, with the person's own answers, to `submitForm`. Throws for a link to no known form.
   */
  openFormLink(url: string): { formId: string; answers: Record<string, string | string[]> } {
    const { formId, answers } = parsePrefilledUrl(this.state, url);
    const items = formsStore(this.state).get(formId)?.items ?? [];
    const byTitle: Record<string, string | string[]> = {};
    for (const [id, value] of Object.entries(answers)) {
      const item = items.find((i) => String(i.id) === id);
      byTitle[item?.title ?? id] = value as string | string[];
    }
    return { formId, answers: byTitle };
  }

  // ---------------------------------------------------------------- web apps

  /**
   * Deploys the target's script project as a web app (Deploy > New deployment > Web app) and
   * returns its URL. Settings default to the manifest's `webapp` section, then to "Execute as:
   * Me" and "Who has access: Only myself". Deploying again changes the settings and keeps the
   * URL (as editing the deployment does); the app always serves the project's current code.
   */
  deployWebApp(target: string, opts: { executeAs?: WebAppExecuteAs; access?: WebAppAccess; user?: string } = {}): string {
    const d = deployWebApp(this.state, this.project(target), { ...opts, deployer: opts.user ?? this.state.user });
    if (this.stateDir) this.save();
    return webAppUrl(d);
  }

  /** Every web app deployment with its URL. */
  webApps(): (WebAppDeployment & { url: string })[] {
    return Object.values(webAppStore(this.state).deployments).map((d) => ({ ...d, url: webAppUrl(d) }));
  }

  /**
   * A browser (or a program) requests a web app URL: `doGet(e)` for GET, `doPost(e)` for POST,
   * one execution (trigger 'webapp') run as the deployer or the visitor per `executeAs`, with the
   * web apps guide's event object. `user` is the visitor's Google account: default the
   * workspace's user, `null` for someone not signed in. Refused per the deployment's `access`
   * (302 to sign-in, 403 "You need access"); an unknown deployment gives 404.
   */
  openWebApp(
    url: string,
    opts: { method?: 'GET' | 'POST'; user?: string | null; body?: string; contentType?: string } = {},
  ): WebAppResponse {
    const req = parseWebAppUrl(url);
    if (!req) throw new Error(`not a web app URL: ${url}`);
    const d = webAppStore(this.state).byDeploymentId(req.deploymentId);
    const project = d && this.state.projects.get(d.projectId);
    if (!d || !project) return errorPage(404, WEBAPP_MESSAGES.notFound);
    const visitor = opts.user === undefined ? this.state.user : opts.user;
    const access = accessFor(d, visitor);
    if (access === 'signIn') {
      return { status: 302, contentType: 'text/html', body: '', location: `https://accounts.google.com/ServiceLogin?continue=${encodeURIComponent(url)}` };
    }
    if (access === 'denied') return errorPage(403, WEBAPP_MESSAGES.noAccess);

    const method = opts.method ?? 'GET';
    const post = method === 'POST';
    const body = post ? (opts.body ?? '') : '';
    const contentType = opts.contentType ?? 'application/x-www-form-urlencoded';
    // A form-encoded POST body adds its fields to e.parameter(s) after the query string's.
    const form = post && /^application\/x-www-form-urlencoded\b/i.test(contentType) ? body : '';
    const { parameter, parameters } = parseParameters(req.queryString ?? '', form);
    const event: Record<string, unknown> = {
      queryString: req.queryString,
      parameter,
      parameters,
      contextPath: '',
      contentLength: post ? Buffer.byteLength(body) : -1,
      ...(req.pathInfo !== undefined ? { pathInfo: req.pathInfo } : {}),
      ...(post ? { postData: { length: Buffer.byteLength(body), type: contentType, contents: body, name: 'postData' } } : {}),
    };
    const runAs = d.executeAs === 'USER_DEPLOYING' ? d.deployer : (visitor as string);
    const [outcome] = this.execute(project, post ? 'doPost' : 'doGet', 'webapp', runAs, [event], visitor ?? '');
    const execution = outcome.record;
    if (outcome.error !== undefined) return errorPage(500, outcome.error, execution);
    const out = outcome.value;
    if (out instanceof HtmlOutput) {
      return { status: 200, contentType: 'text/html', body: out.getContent(), ...(out.getTitle() ? { title: out.getTitle() } : {}), execution };
    }
    if (out instanceof TextOutput) {
      const fileName = out.getFileName();
      return { status: 200, contentType: out._contentType(), body: out.getContent(), ...(fileName !== null ? { fileName } : {}), execution };
    }
    return { ...errorPage(200, WEBAPP_MESSAGES.noOutput), execution };
  }

  /**
   * `google.script.run.fn(...args)` from a page the web app at `url` served: one execution
   * (trigger 'webapp') run as the deployment says (executeAs), refused as a request to the app
   * would be (access); the client/server value rules apply as for `callFromSidebar`.
   */
  callFromWebApp(url: string, functionName: string, args: unknown[] = [], opts: { user?: string | null } = {}): ClientResult {
    const req = parseWebAppUrl(url);
    if (!req) throw new Error(`not a web app URL: ${url}`);
    const d = webAppStore(this.state).byDeploymentId(req.deploymentId);
    const project = d && this.state.projects.get(d.projectId);
    if (!d || !project) throw new Error(WEBAPP_MESSAGES.notFound);
    const visitor = opts.user === undefined ? this.state.user : opts.user;
    const access = accessFor(d, visitor);
    if (access !== 'ok') throw new Error(access === 'signIn' ? 'sign-in required' : WEBAPP_MESSAGES.noAccess);
    const bad = args.map(findIllegalClientValue).find((x) => x);
    if (bad) throw new Error(`google.script.run cannot send ${bad}`);
    const runAs = d.executeAs === 'USER_DEPLOYING' ? d.deployer : (visitor as string);
    const [outcome] = this.execute(project, functionName, 'webapp', runAs, args, visitor ?? '');
    return clientResult(outcome);
  }

  // ---------------------------------------------------------------- faults

  /** The next execution matching the plan fails at call `atCall` (see FaultPlan). One-shot. */
  injectFault(plan: FaultPlan): void {
    this.faults.push(plan);
  }

  /** Just before call `atCall` of the matching execution, runs `run` (usually another execution). */
  interleave(plan: InterleavePlan): void {
    this.interleaves.push(plan);
  }

  clearFaults(): void {
    this.faults.length = 0;
    this.interleaves.length = 0;
  }

  setQuota(kind: QuotaKind, limit: number): void {
    this.state.quotas.overrides[kind] = limit;
  }

  // ---------------------------------------------------------------- reading

  sheetNames(spreadsheetId: string): string[] {
    return sheetsStore(this.state).sheetNames(spreadsheetId);
  }

  /** The tab's values as getValues returns them (first row = headers). */
  values(spreadsheetId: string, tab: string): unknown[][] {
    return sheetsStore(this.state).readValues(spreadsheetId, tab);
  }

  displayValues(spreadsheetId: string, tab: string): string[][] {
    return sheetsStore(this.state).readDisplayValues(spreadsheetId, tab);
  }

  /** The tab's formulas as getDataRange().getFormulas() returns them ('' where a cell has none). */
  formulas(spreadsheetId: string, tab: string): string[][] {
    return sheetsStore(this.state).readFormulas(spreadsheetId, tab);
  }

  /** Every protection of the spreadsheet (sheet and range protections), as plain records. */
  protections(spreadsheetId: string): ProtectionInfo[] {
    return sheetsStore(this.state).protectionsInfo(spreadsheetId);
  }

  /**
   * A person types `text` into the cell `a1` of a tab in the Sheets UI (as `user`, default the
   * workspace's user): read as typed input ("=" starts a formula; number-like text becomes a
   * number unless the cell is plain text "@"; strict validation rules refuse). Throws Sheets'
   * protected-cell message when a protection keeps that user out, and when the area is
   * warning-only unless `confirmWarning` (the warning dialog's OK). No on-edit trigger fires.
   */
  typeInto(spreadsheetId: string, tab: string, a1: string, text: string, opts: { user?: string; confirmWarning?: boolean } = {}): void {
    const store = sheetsStore(this.state);
    const sheet = store.requireSheet(spreadsheetId, tab);
    const ref = parseA1(a1, sheet.maxRows, sheet.maxColumns);
    store.typeInto(spreadsheetId, tab, ref.row, ref.column, text, opts.user ?? this.state.user, opts.confirmWarning ?? false);
    if (this.stateDir) this.save();
  }

  /** The tab as records keyed by its header row (row 1). */
  readTab(spreadsheetId: string, tab: string): Record_[] {
    const [headers = [], ...rows] = this.values(spreadsheetId, tab);
    return rows.map((row) => {
      const rec: Record_ = {};
      headers.forEach((h, i) => {
        if (String(h) !== '') rec[String(h)] = row[i];
      });
      return rec;
    });
  }

  outbox(): SentMail[] {
    return mailStore(this.state).sent;
  }

  /** Drive: every file (not folders), oldest first, trashed ones too (`trashed: true`). */
  driveFiles(): { id: string; name: string; mimeType: string; parents: string[]; owner: string; trashed: boolean; size: number; created: number }[] {
    const store = driveStore(this.state);
    return [...store.items.values()]
      .filter((i) => i.kind === 'file')
      .map((i) => ({ id: i.id, name: i.name, mimeType: i.mimeType, parents: [...i.parents], owner: i.owner, trashed: i.trashed, size: store.bytes(i).length, created: i.created }));
  }

  /** One Drive file's content; throws for an unknown ID. */
  driveFile(id: string): { name: string; mimeType: string; bytes: Uint8Array } {
    const store = driveStore(this.state);
    const item = store.get(id);
    if (!item || item.kind !== 'file') throw new Error(`no Drive file with id ${id}`);
    return { name: item.name, mimeType: item.mimeType, bytes: store.bytes(item) };
  }

  /** Slides: a presentation's saved content (what Drive, a copy and an export see); throws for an unknown ID. */
  presentation(id: string): PresentationData {
    const item = driveStore(this.state).get(id);
    if (!item || item.mimeType !== PRESENTATION_MIME) throw new Error(`no presentation with id ${id}`);
    return clonePresentation(savedPresentation(item, null));
  }

  /** Slides: the presentation exported to PDF, as File.getAs('application/pdf') makes it. */
  presentationPdf(id: string): Uint8Array {
    const item = driveStore(this.state).get(id);
    if (!item || item.mimeType !== PRESENTATION_MIME) throw new Error(`no presentation with id ${id}`);
    return presentationToPdf(savedPresentation(item, null), { title: item.name, at: new Date(this.state.now()) });
  }

  /**
   * Google Meet's side of a meeting (docs/emulator.md, «Meet: attendance report»):
   * `writeAttendanceReport(eventId, participants, { language })` writes the attendance report
   * Google saves after the meeting — a spreadsheet owned by the event's organizer, one row per
   * connection, linked from the event — and returns `{ spreadsheetId, url, name }`.
   */
  get meet(): { writeAttendanceReport(eventId: string, participants: readonly MeetReportParticipant[], opts?: MeetReportOptions): { spreadsheetId: string; url: string; name: string } } {
    return {
      writeAttendanceReport: (eventId, participants, opts) => {
        const out = writeAttendanceReport(this.state, eventId, participants, opts);
        if (this.stateDir) this.save();
        return out;
      },
    };
  }

  /** Events of every calendar by start time: live ones, and cancelled (deleted) ones too with `includeCancelled`. */
  calendarEvents(opts: { includeCancelled?: boolean } = {}) {
    return calendarStore(this.state).allEvents(opts);
  }

  /**
   * A guest answers an event's invitation (Calendar's Yes / Maybe / No): their `responseStatus`
   * becomes 'accepted', 'tentative' or 'declined' and the event's `updated` and etag change.
   * `event` is an event ID (searched in every calendar) or `{ calendarId, eventId }`. Throws when
   * `email` is not a guest of the event, or the event was deleted.
   */
  respondToEvent(event: string | { calendarId: string; eventId: string }, email: string, response: GuestResponse): EventResource {
    const out = respond(calendarStore(this.state), event, email, response, this.state.now());
    if (this.stateDir) this.save();
    return out;
  }

  executions(filter: { functionName?: string; since?: number } = {}): ExecutionRecord[] {
    return this.state.executions.filter(
      (e) => (!filter.functionName || e.functionName === filter.functionName) && (filter.since === undefined || e.startedAt >= filter.since),
    );
  }

  triggers(target: string): TriggerRecord[] {
    return this.project(target).triggers;
  }

  /**
   * Picks when, inside its documented window, the recurring time-driven trigger of `handlerName`
   * fires: `minutes` after its slot (h:00 for atHour(h), h:m for nearMinute(m)). Apps Script
   * "chooses a time between 9 a.m. and 10 a.m., then keeps that timing consistent"
   * (guides/triggers/installable) and nearMinute is "plus or minus 15 minutes"
   * (reference/script/clock-trigger-builder): 0…59 without nearMinute, −15…15 with it. The
   * emulator fires at the slot itself until a test asks for a late (or early) run with this.
   */
  setTriggerDelay(target: string, handlerName: string, minutes: number): TriggerRecord {
    const project = this.project(target);
    const trigger = project.triggers.find((t) => t.source === 'CLOCK' && t.handler === handlerName);
    if (!trigger) throw new Error(`no time-driven trigger for ${handlerName} is installed in ${target}`);
    if (trigger.at !== undefined || trigger.everyMinutes) throw new Error(`the trigger of ${handlerName} has no firing window (one-off or every few minutes)`);
    const [min, max] = trigger.nearMinute !== undefined ? [-15, 15] : [0, 59];
    if (!Number.isInteger(minutes) || minutes < min || minutes > max) throw new Error(`delay must be a whole number of minutes in ${min}…${max} for this trigger`);
    trigger.delayMinutes = minutes;
    trigger.nextRun = nextRun(trigger, Math.max(trigger.lastRun ?? trigger.createdAt, this.state.now() - 1), project.timeZone);
    return trigger;
  }

  properties(target: string): Record<string, string> {
    return { ...this.project(target).scriptProperties };
  }

  // ---------------------------------------------------------------- internals

  private execute(
    project: ScriptProject,
    functionName: string,
    trigger: ExecutionTrigger,
    user: string,
    args: unknown[] | ((bridge: never, globals: Record<string, GasObject>) => unknown[]),
    visitor?: string,
  ): RunOutcome[] {
    this.depth++;
    let outcome: RunOutcome;
    try {
      outcome = runExecution(
        this.state,
        { project, functionName, trigger, user, args: args as never, ...(visitor !== undefined ? { visitor } : {}) },
        this.faults,
        this.interleaves,
      );
    } finally {
      this.depth--;
    }
    const outcomes = [outcome];
    if (this.depth === 0) outcomes.push(...this.drainEvents());
    if (this.depth === 0 && this.stateDir) this.save();
    return outcomes;
  }

  /** Fires the triggers for events services emitted (form submissions), in order. */
  private drainEvents(): RunOutcome[] {
    const out: RunOutcome[] = [];
    while (this.state.events.length) {
      const ev = this.state.events.shift()!;
      if (ev.type !== 'formSubmit') continue;
      for (const project of this.state.projects.values()) {
        for (const t of project.triggers) {
          if (t.eventType !== 'ON_FORM_SUBMIT') continue;
          if (t.source === 'FORMS' && t.sourceId === ev.formId) {
            out.push(
              ...this.execute(project, t.handler, 'formSubmit', t.owner, (_b, globals) => [
                { authMode: 'FULL', triggerUid: t.uid, source: formObject(globals, ev.formId), response: responseObject(globals, ev.formId, ev.responseId) },
              ]),
            );
          } else if (t.source === 'SPREADSHEETS' && ev.spreadsheetId && t.sourceId === ev.spreadsheetId && ev.sheetName && ev.row) {
            const row = ev.row;
            const sheetName = ev.sheetName;
            const values = sheetsStore(this.state).readDisplayValues(ev.spreadsheetId, sheetName);
            const headers = values[0] ?? [];
            const rowValues = values[row - 1] ?? [];
            const namedValues: Record<string, string[]> = {};
            headers.forEach((h, i) => (namedValues[h] = [rowValues[i] ?? '']));
            const ssId = ev.spreadsheetId;
            out.push(
              ...this.execute(project, t.handler, 'formSubmit', t.owner, (_b, globals) => [
                {
                  authMode: 'FULL',
                  triggerUid: t.uid,
                  source: spreadsheetObject(globals, ssId),
                  range: rangeObject(globals, ssId, sheetName, row, headers.length),
                  values: rowValues,
                  namedValues,
                },
              ]),
            );
          }
        }
      }
    }
    return out;
  }
}

/** The event object of a time-driven trigger (guides/triggers/events#time-driven-events), in UTC parts. */
function clockEvent(trigger: TriggerRecord, firedAt: number): Record<string, unknown> {
  const p = zonedParts(firedAt, 'UTC');
  return {
    authMode: 'FULL',
    triggerUid: trigger.uid,
    year: p.year,
    month: p.month,
    'day-of-month': p.day,
    'day-of-week': p.weekday === 0 ? 7 : p.weekday,
    hour: p.hour,
    minute: p.minute,
    second: p.second,
    timezone: 'UTC',
  };
}

type Hidden = Record<string, (...a: unknown[]) => unknown>;

function spreadsheetObject(globals: Record<string, GasObject>, id: string): unknown {
  return (globals.SpreadsheetApp as unknown as Hidden)._spreadsheet(id);
}
function rangeObject(globals: Record<string, GasObject>, id: string, sheet: string, row: number, cols: number): unknown {
  return (globals.SpreadsheetApp as unknown as Hidden)._rangeFor(id, sheet, row, cols);
}
function formObject(globals: Record<string, GasObject>, id: string): unknown {
  return (globals.FormApp as unknown as Hidden)._form(id);
}
function responseObject(globals: Record<string, GasObject>, formId: string, responseId: string): unknown {
  return (globals.FormApp as unknown as Hidden)._responseObject(formId, responseId);
}

/** Reads a built bundle folder as a script project's files. */
export function readDist(distDir: string): ScriptProject['files'] {
  const code = fs.readFileSync(path.join(distDir, 'Code.js'), 'utf8');
  const manifest = JSON.parse(fs.readFileSync(path.join(distDir, 'appsscript.json'), 'utf8')) as Manifest;
  const html: Record<string, string> = {};
  for (const f of fs.readdirSync(distDir)) {
    if (f.endsWith('.html')) html[f.slice(0, -5)] = fs.readFileSync(path.join(distDir, f), 'utf8');
  }
  return { code, html, manifest };
}

/** What a google.script.run call gives the page, from the execution's outcome. */
function clientResult(outcome: RunOutcome): ClientResult {
  if (outcome.error !== undefined) return { ok: false, error: outcome.error, execution: outcome.record };
  const illegal = findIllegalClientValue(outcome.value);
  // Apps Script's client/server guide: such return values do not reach the page (the success handler gets null).
  const value = illegal ? null : outcome.value === undefined ? null : JSON.parse(JSON.stringify(outcome.value));
  return { ok: true, value, execution: outcome.record };
}

/** google.script.run's legal types: primitives, arrays, plain objects (HTML service guide). */
function findIllegalClientValue(v: unknown, depth = 0): string | undefined {
  if (v === null || v === undefined) return undefined;
  const t = typeof v;
  if (t === 'string' || t === 'number' || t === 'boolean') return undefined;
  if (t === 'function') return 'a function';
  if (Object.prototype.toString.call(v) === '[object Date]') return 'a Date';
  if (depth > 100) return 'a value nested too deeply';
  if (Array.isArray(v)) return v.map((x) => findIllegalClientValue(x, depth + 1)).find((x) => x);
  if (t === 'object') return Object.values(v as object).map((x) => findIllegalClientValue(x, depth + 1)).find((x) => x);
  return `a ${t}`;
}
