import { rangeA1 } from '../services/sheets/a1';
import type { ExecutionRecord } from '../core/execution';
import type { TriggerRecord } from '../core/project';
import { uiStore, type MenuRecord, type SurfaceRecord } from '../core/ui-store';
import { timeMs } from '../services/calendar/store';
import { formsStore, type FormDefinition, type FormSummary } from '../services/forms';
import type { SentMail } from '../services/mail';
import { sheetsStore } from '../services/sheets';
import { chartSpec } from '../services/sheets/charts';
import { chartOption, chartSize } from '../services/sheets/chart-option';
import type { Workspace } from '../workspace';
import { driveFiles, type DriveFileView } from './drive-view';
import { dayKey, dayLabel, hourLabel, shortLabel, wallTimeValue } from './time-labels';

/**
 * Everything the browser UI draws, in one JSON document. The page never reads the workspace
 * any other way (except attachment and Drive bytes, served by URL). Values are the ones a
 * person sees: display values of cells, times in the workspace's zone.
 */
export interface Snapshot {
  version: string;
  clock: ClockView;
  spreadsheets: SpreadsheetView[];
  outbox: MailView[];
  calendar: EventView[];
  forms: FormView[];
  /** null when this emulator has no Drive service. */
  drive: DriveFileView[] | null;
  triggers: TriggerView[];
  executions: ExecutionView[];
  /** Where the page opens when its address names nothing (set by whoever starts the server). */
  landing?: LandingView;
}

/**
 * The page's landing: a spreadsheet, and optionally the custom menu item (named by the function
 * it runs) the page clicks once there — e.g. the one that opens the script's panel.
 */
export interface LandingView {
  spreadsheetId: string;
  menuFunction?: string;
}

export interface ClockView {
  now: number;
  timeZone: string;
  /** "vie 27/11/2026 09:00" */
  label: string;
  /** "viernes, 27 de noviembre de 2026" */
  day: string;
  /** "2026-11-27T09:00", for <input type="datetime-local">. */
  wallTime: string;
  /** The next time-driven trigger, if any: where "siguiente disparador" goes. */
  nextTrigger?: { at: number; label: string; wallTime: string; handler: string };
}

export interface TabView {
  name: string;
  sheetId: number;
  hidden: boolean;
  frozenRows: number;
  frozenColumns: number;
  maxColumns: number;
  /** Display values, as the sheet shows them, up to `MAX_ROWS` rows. */
  rows: string[][];
  lastRow: number;
  lastColumn: number;
  truncated: boolean;
  columnWidths: Record<number, number>;
  /** Linked to a form: where its responses arrive (the page does not open on it by default). */
  formResponses: boolean;
  /** Embedded charts (Sheet.insertChart), drawn over the grid by the page. */
  charts: ChartView[];
}

/**
 * A chart as the page draws it: where (anchor cell and pixel offsets, size) and what — `option`
 * is the Apache ECharts option computed from the chart's ranges' current values
 * (services/sheets/chart-option.ts); the page only hands it to the library.
 */
export interface ChartView {
  chartId: number;
  type: string;
  title: string;
  /** Source ranges in A1 notation ('Tab'!A1:B3 when on another tab). */
  ranges: string[];
  anchorRow: number;
  anchorColumn: number;
  offsetX: number;
  offsetY: number;
  width: number;
  height: number;
  option: Record<string, unknown>;
}

export interface SurfaceView {
  /** Changes whenever the script shows a new sidebar or dialog. */
  key: string;
  kind: SurfaceRecord['kind'];
  title: string;
  width?: number;
  height?: number;
  at: number;
}

export interface MessageView {
  kind: 'alert' | 'toast';
  title?: string;
  message: string;
  at: number;
}

export interface SpreadsheetView {
  id: string;
  name: string;
  url: string;
  /** Whether a script project is bound to it (menus come from its onOpen). */
  hasScript: boolean;
  tabs: TabView[];
  menus: MenuRecord[];
  surface?: SurfaceView;
  messages: MessageView[];
}

export interface LinkView {
  url: string;
  /** Set when the link points to a form of this workspace (the page opens it in place). */
  formId?: string;
}

/** A sent message as the page shows it: the outbox record, with a self-contained HTML body and links. */
export interface MailView extends Omit<SentMail, 'htmlBody' | 'attachments' | 'inlineImages'> {
  /** The HTML body with `cid:` images made self-contained (data: URIs). */
  html?: string;
  attachments: { name: string; contentType: string; size: number; url: string }[];
  links: LinkView[];
  atLabel: string;
}

export interface EventView {
  id: string;
  calendarId: string;
  summary: string;
  description: string;
  location: string;
  status: string;
  start: number;
  end: number;
  day: string;
  dayLabel: string;
  timeLabel: string;
  meetLink?: string;
  guests: { email: string; name?: string; responseStatus: string; organizer: boolean }[];
}

export interface FormView extends FormSummary {
  definition: FormDefinition;
}

export interface TriggerView {
  uid: string;
  projectId: string;
  spreadsheetName: string;
  handler: string;
  owner: string;
  source: TriggerRecord['source'];
  eventType: TriggerRecord['eventType'];
  schedule: string;
  nextRun?: number;
  nextRunLabel?: string;
  lastRunLabel?: string;
}

export interface ExecutionView {
  id: string;
  spreadsheetName: string;
  functionName: string;
  trigger: ExecutionRecord['trigger'];
  user: string;
  startedAt: number;
  startedLabel: string;
  modeledMs: number;
  calls: ExecutionRecord['calls'];
  totalCalls: number;
  status: ExecutionRecord['status'];
  error?: string;
  logs: string[];
}

export type { MenuRecord };

export const MAX_ROWS = 1000;
const MAX_EXECUTIONS = 300;
const MAX_MESSAGES = 10;

export function buildSnapshot(ws: Workspace, version: string, landing?: LandingView): Snapshot {
  const zone = ws.timeZone;
  const names = spreadsheetNames(ws);
  const triggers = triggerViews(ws, names);
  const next = triggers.filter((t) => t.nextRun !== undefined).sort((a, b) => a.nextRun! - b.nextRun!)[0];
  const now = ws.state.now();
  return {
    version,
    clock: {
      now,
      timeZone: zone,
      label: shortLabel(now, zone),
      day: dayLabel(now, zone),
      wallTime: wallTimeValue(now, zone),
      ...(next
        ? { nextTrigger: { at: next.nextRun!, label: next.nextRunLabel!, wallTime: wallTimeValue(next.nextRun!, zone), handler: next.handler } }
        : {}),
    },
    spreadsheets: spreadsheetViews(ws),
    outbox: ws.outbox().map((m) => mailView(ws, m)).reverse(),
    calendar: eventViews(ws),
    forms: formViews(ws),
    drive: driveFiles(ws.state) ?? null,
    triggers,
    executions: ws
      .executions()
      .slice(-MAX_EXECUTIONS)
      .reverse()
      .map((e) => executionView(ws, e, names)),
    ...(landing ? { landing } : {}),
  };
}

function spreadsheetNames(ws: Workspace): Map<string, string> {
  const store = sheetsStore(ws.state);
  const byProject = new Map<string, string>();
  for (const p of ws.state.projects.values()) {
    const name = p.containerId && store.spreadsheet(p.containerId)?.name;
    byProject.set(p.id, name || p.title);
  }
  return byProject;
}

/** A stable key for a surface: its time, kind and a hash of its HTML. */
export function surfaceKey(s: SurfaceRecord): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.html.length; i++) {
    h ^= s.html.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${s.at}-${s.kind}-${(h >>> 0).toString(36)}`;
}

function spreadsheetViews(ws: Workspace): SpreadsheetView[] {
  const store = sheetsStore(ws.state);
  const ui = uiStore(ws.state);
  return store.spreadsheetIds().map((id) => {
    const ss = store.requireSpreadsheet(id);
    const surface = ws.lastSurface(id);
    return {
      id,
      name: ss.name,
      url: `https://docs.google.com/spreadsheets/d/${id}/edit`,
      hasScript: !!ws.state.projectForContainer(id),
      tabs: store.sheetsInfo(id).map((info) => {
        const rows = store.readDisplayValues(id, info.name);
        const sheet = ss.sheets.find((s) => s.sheetId === info.sheetId);
        return {
          name: info.name,
          sheetId: info.sheetId,
          hidden: info.hidden,
          frozenRows: info.frozenRows,
          frozenColumns: info.frozenColumns,
          maxColumns: info.maxColumns,
          rows: rows.slice(0, MAX_ROWS),
          lastRow: info.lastRow,
          lastColumn: info.lastColumn,
          truncated: rows.length > MAX_ROWS,
          columnWidths: { ...(sheet?.columnWidths ?? {}) },
          formResponses: store.formForSheet(id, info.sheetId) !== null,
          charts: (sheet?.charts ?? []).map((c) => ({
            chartId: c.chartId,
            type: c.type,
            title: typeof c.options.title === 'string' ? c.options.title : '',
            ranges: c.ranges.map((r) => {
              const on = ss.sheets.find((x) => x.sheetId === r.sheetId);
              return `${on && on !== sheet ? `'${on.name}'!` : ''}${rangeA1(r.row, r.column, r.numRows, r.numColumns)}`;
            }),
            anchorRow: c.position.anchorRow,
            anchorColumn: c.position.anchorColumn,
            offsetX: c.position.offsetX,
            offsetY: c.position.offsetY,
            ...chartSize(c.options),
            option: chartOption(chartSpec(ss, c)),
          })),
        };
      }),
      menus: ws.menus(id),
      ...(surface
        ? { surface: { key: surfaceKey(surface), kind: surface.kind, title: surface.title, width: surface.width, height: surface.height, at: surface.at } }
        : {}),
      messages: ui.messages
        .filter((m) => m.spreadsheetId === id)
        .slice(-MAX_MESSAGES)
        .map((m) => ({ kind: m.kind, title: m.title, message: m.message, at: m.at })),
    };
  });
}

/** `cid:key` images of an HTML body, inlined as data: URIs so the sandboxed frame shows them. */
function inlineImages(html: string, mail: SentMail): string {
  return html.replace(/cid:([^"'\s)>]+)/g, (whole, key: string) => {
    const img = mail.inlineImages[key];
    return img ? `data:${img.contentType};base64,${img.base64}` : whole;
  });
}

function decodeEntities(s: string): string {
  return s.replace(/&amp;/g, '&').replace(/&#39;|&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

/** Links a person could follow from a message (HTML hrefs and bare URLs of the text body). */
function mailLinks(ws: Workspace, mail: SentMail): LinkView[] {
  const urls = new Set<string>();
  for (const m of (mail.htmlBody ?? '').matchAll(/href\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) urls.add(decodeEntities(m[1] ?? m[2] ?? ''));
  for (const m of mail.body.matchAll(/https?:\/\/[^\s<>"')]+/g)) urls.add(m[0]);
  const forms = formsStore(ws.state);
  const out: LinkView[] = [];
  for (const url of urls) {
    if (!/^https?:\/\//i.test(url)) continue;
    const form = forms.formByPublishedUrl(url);
    out.push(form ? { url, formId: form.id } : { url });
  }
  return out;
}

function mailView(ws: Workspace, m: SentMail): MailView {
  return {
    id: m.id,
    from: m.from,
    ...(m.name !== undefined ? { name: m.name } : {}),
    noReply: m.noReply,
    to: m.to,
    cc: m.cc,
    bcc: m.bcc,
    ...(m.replyTo !== undefined ? { replyTo: m.replyTo } : {}),
    subject: m.subject,
    body: m.body,
    ...(m.htmlBody !== undefined ? { html: inlineImages(m.htmlBody, m) } : {}),
    attachments: m.attachments.map((a, i) => ({
      name: a.name,
      contentType: a.contentType,
      size: Math.floor((a.base64.length * 3) / 4) - (a.base64.endsWith('==') ? 2 : a.base64.endsWith('=') ? 1 : 0),
      url: `/api/mail/${encodeURIComponent(m.id)}/attachments/${i}`,
    })),
    links: mailLinks(ws, m),
    at: m.at,
    atLabel: shortLabel(m.at, ws.timeZone),
    executionId: m.executionId,
  };
}

function eventViews(ws: Workspace): EventView[] {
  const zone = ws.timeZone;
  return ws.calendarEvents().map((e) => {
    const start = timeMs(e.start);
    const end = timeMs(e.end);
    const video = e.conferenceData?.entryPoints?.find((p) => p.entryPointType === 'video')?.uri;
    const meetLink = e.hangoutLink ?? video;
    const allDay = !e.start.dateTime;
    return {
      id: e.id,
      calendarId: e.calendarId,
      summary: e.summary ?? '(Sin título)',
      description: e.description ?? '',
      location: e.location ?? '',
      status: e.status,
      start,
      end,
      day: Number.isNaN(start) ? '' : dayKey(start, zone),
      dayLabel: Number.isNaN(start) ? '' : dayLabel(start, zone),
      timeLabel: allDay ? 'Todo el día' : `${hourLabel(start, zone)} – ${hourLabel(end, zone)}`,
      ...(meetLink ? { meetLink } : {}),
      guests: (e.attendees ?? []).map((a) => ({
        email: a.email,
        ...(a.displayName ? { name: a.displayName } : {}),
        responseStatus: a.responseStatus,
        organizer: !!a.organizer,
      })),
    };
  });
}

function formViews(ws: Workspace): FormView[] {
  const store = formsStore(ws.state);
  return ws.forms().map((f) => ({ ...f, definition: store.formDefinition(f.id) }));
}

const WEEKDAY_NAMES = ['', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo'];

/** How the Apps Script triggers page would describe the schedule, in Spanish. */
function describeSchedule(t: TriggerRecord, zone: string): string {
  if (t.source === 'FORMS' || (t.source === 'SPREADSHEETS' && t.eventType === 'ON_FORM_SUBMIT')) return 'Al enviar el formulario';
  if (t.eventType === 'ON_OPEN') return 'Al abrir';
  if (t.eventType === 'ON_EDIT') return 'Al editar';
  if (t.eventType === 'ON_CHANGE') return 'Al cambiar';
  if (t.at !== undefined) return `Una vez, ${shortLabel(t.at, zone)}`;
  if (t.everyMinutes) return `Cada ${t.everyMinutes} min`;
  if (t.everyHours) return `Cada ${t.everyHours} h`;
  const hour = t.atHour !== undefined ? ` a las ${String(t.atHour).padStart(2, '0')}:${String(t.nearMinute ?? 0).padStart(2, '0')}` : '';
  if (t.onMonthDay) return `Cada mes, el día ${t.onMonthDay}${hour}`;
  if (t.everyWeeks || t.onWeekDay) return `Cada semana${t.onWeekDay ? `, los ${WEEKDAY_NAMES[t.onWeekDay]}` : ''}${hour}`;
  if (t.everyDays) return `${t.everyDays === 1 ? 'Cada día' : `Cada ${t.everyDays} días`}${hour}`;
  return 'Según el reloj';
}

function triggerViews(ws: Workspace, names: Map<string, string>): TriggerView[] {
  const zone = ws.timeZone;
  return ws.scheduledTriggers().map(({ projectId, trigger: t }) => ({
    uid: t.uid,
    projectId,
    spreadsheetName: names.get(projectId) ?? projectId,
    handler: t.handler,
    owner: t.owner,
    source: t.source,
    eventType: t.eventType,
    schedule: describeSchedule(t, zone),
    ...(t.nextRun !== undefined ? { nextRun: t.nextRun, nextRunLabel: shortLabel(t.nextRun, zone) } : {}),
    ...(t.lastRun !== undefined ? { lastRunLabel: shortLabel(t.lastRun, zone) } : {}),
  }));
}

export function executionView(ws: Workspace, e: ExecutionRecord, names = spreadsheetNames(ws)): ExecutionView {
  return {
    id: e.id,
    spreadsheetName: names.get(e.projectId) ?? e.projectId,
    functionName: e.functionName,
    trigger: e.trigger,
    user: e.user,
    startedAt: e.startedAt,
    startedLabel: shortLabel(e.startedAt, ws.timeZone),
    modeledMs: e.modeledMs,
    calls: { ...e.calls },
    totalCalls: e.totalCalls,
    status: e.status,
    ...(e.error !== undefined ? { error: e.error } : {}),
    logs: e.logs.slice(-30),
  };
}
