/**
 * A script project: the bundle (`dist/`) installed in a container (a spreadsheet), with its
 * own properties and triggers, as Apps Script keeps them per project.
 */
export interface ProjectFiles {
  /** dist/Code.js */
  code: string;
  /** HTML files by name without extension (dist/Sidebar.html → "Sidebar"). */
  html: Record<string, string>;
  /** dist/appsscript.json, parsed. */
  manifest: Manifest;
}

export interface Manifest {
  timeZone?: string;
  runtimeVersion?: string;
  oauthScopes?: string[];
  exceptionLogging?: string;
  dependencies?: { enabledAdvancedServices?: { userSymbol: string; serviceId: string; version: string }[] };
  [k: string]: unknown;
}

export type TriggerSource = 'CLOCK' | 'SPREADSHEETS' | 'FORMS';
export type TriggerEventType = 'CLOCK' | 'ON_OPEN' | 'ON_EDIT' | 'ON_CHANGE' | 'ON_FORM_SUBMIT';

/** An installable trigger as ScriptApp stores it. */
export interface TriggerRecord {
  uid: string;
  handler: string;
  /** The user who created it: the trigger runs as this user. */
  owner: string;
  source: TriggerSource;
  eventType: TriggerEventType;
  /** Spreadsheet or form ID for SPREADSHEETS / FORMS triggers. */
  sourceId?: string;
  /** CLOCK: one-off at this instant (`at(date)` or `after(ms)`). */
  at?: number;
  everyMinutes?: number;
  everyHours?: number;
  everyDays?: number;
  everyWeeks?: number;
  atHour?: number;
  nearMinute?: number;
  /** 1 = Monday … 7 = Sunday (ScriptApp.WeekDay order). */
  onWeekDay?: number;
  /** 1–31: monthly, on this day of the month (`onMonthDay(day)`); a month without that day is skipped. */
  onMonthDay?: number;
  /**
   * Minutes after the nominal slot (h:00, or h:nearMinute) at which this recurring trigger fires:
   * Apps Script picks a time inside the documented window ("within that hour"; nearMinute ±15)
   * and keeps it run after run. 0 (the slot itself) unless a test sets it (Workspace.setTriggerDelay).
   */
  delayMinutes?: number;
  /** For atHour/onWeekDay: the zone of that hour; defaults to the project's time zone. */
  timeZone?: string;
  /** Instant the trigger fires next; undefined once a one-off trigger has fired. */
  nextRun?: number;
  createdAt: number;
  lastRun?: number;
}

export interface ProjectJSON {
  id: string;
  title: string;
  containerId?: string;
  files: ProjectFiles;
  scriptProperties: Record<string, string>;
  userProperties: Record<string, Record<string, string>>;
  documentProperties: Record<string, string>;
  triggers: TriggerRecord[];
}

export class ScriptProject {
  scriptProperties: Record<string, string> = {};
  userProperties: Record<string, Record<string, string>> = {};
  documentProperties: Record<string, string> = {};
  triggers: TriggerRecord[] = [];

  constructor(
    readonly id: string,
    public title: string,
    public files: ProjectFiles,
    readonly containerId?: string,
  ) {}

  get timeZone(): string {
    return this.files.manifest.timeZone ?? 'America/Los_Angeles';
  }

  /** Advanced services enabled in the manifest, by their global symbol (e.g. "Calendar"). */
  advancedServices(): { userSymbol: string; serviceId: string; version: string }[] {
    return this.files.manifest.dependencies?.enabledAdvancedServices ?? [];
  }

  toJSON(): ProjectJSON {
    return {
      id: this.id,
      title: this.title,
      containerId: this.containerId,
      files: this.files,
      scriptProperties: this.scriptProperties,
      userProperties: this.userProperties,
      documentProperties: this.documentProperties,
      triggers: this.triggers,
    };
  }

  static fromJSON(j: ProjectJSON): ScriptProject {
    const p = new ScriptProject(j.id, j.title, j.files, j.containerId);
    p.scriptProperties = j.scriptProperties;
    p.userProperties = j.userProperties;
    p.documentProperties = j.documentProperties;
    p.triggers = j.triggers;
    return p;
  }
}
