/**
 * The 'Configuración' tab as typed settings.
 *
 * A consultant edits values there; this module reads them leniently ('18', '18:00', 18), falls
 * back to the default for anything it cannot use and says so in Spanish, and tells setup which
 * rows are missing. Rows are matched by their 'Parámetro' text, case- and accent-insensitively.
 */
import { usableWebAppUrl } from '../domain/web-links';
import { rebookLink } from '../domain/messages/email-layout';
import type { ReportField } from '../domain/import/report';
import { REPORT_FIELDS } from '../domain/import/report';
import { SETUP_MESSAGES as M } from '../domain/messages/setup';
import {
  aliasSettingKey,
  CONSULTANT_SETTING_PREFIX,
  headerKey,
  SETTINGS,
  settingsForRole,
  type Role,
  type SettingSpec,
  type SettingsKey,
} from '../domain/schema';
import type { FieldValue } from '../domain/table';
import { normaliseEmail } from '../domain/validation';
import type { RowChange, Table } from '../ports';

export interface Consultant {
  /** Lower-case email (the Google account the consultant works with). */
  email: string;
  /** Name as the platform's report writes it; '' when not filled in yet. */
  name: string;
}

export interface Settings {
  reminderHour: number;
  closingHour: number;
  toleranceMinutes: number;
  standardMinutes: number;
  rebookUrl: string;
  /** Ley 29733: closed appointments older than this many months are anonymised; null = never (the default). */
  retentionMonths: number | null;
  surveyFormId: string;
  surveyFormUrl: string;
  /** Mirror of the recorded sibling ID (the document properties hold the one code uses). */
  siblingId: string;
  /** Talleres (B03): where a module's programme goes; '' when missing or invalid. */
  subDirectorEmail: string;
  /** Talleres (B04): where a module's banner request goes; '' when missing or invalid. */
  directionEmail: string;
  /** The web app's /exec address typed by the coordinator; '' when missing or unusable (docs/web-app.md). */
  webAppUrl: string;
  /** Talleres (B05): the one registration form of every module (mirror of the document property). */
  registrationFormId: string;
  registrationFormUrl: string;
  /** Talleres (B06): Lima hour, the day before a session, of the access link and the speaker's brief. */
  accessLinkHour: number;
  /** Talleres (B06): minutes before a session of the second notice; 0 = none. */
  accessLinkSecondMinutes: number;
  /** Talleres (B09): the check-in form's window around a session. */
  checkinBeforeMinutes: number;
  checkinAfterMinutes: number;
  /** Talleres (B09): minutes in the call (reconnections added) that count as present. */
  meetMinMinutes: number;
  /** Talleres (B08): minutes after a session's end when attendees get the survey. */
  workshopSurveyDelayMinutes: number;
  /** Talleres (B11): minutes of each presenter's slot at the closing. */
  presentationMinutes: number;
  /** Talleres (B10): Silnet upload layout, each 'Header=field' in order. */
  silnetColumns: string[];
  checkinFormId: string;
  checkinFormUrl: string;
  workshopSurveyFormId: string;
  workshopSurveyFormUrl: string;
  /** Talleres (B12): the certificate template in Slides (setup creates it; the Dirección may redesign it). */
  certificateTemplateId: string;
  certificateTemplateUrl: string;
  /** Talleres (B12): where the module's report goes; '' = the banners' directionEmail (use `reportRecipient`). */
  directionReportEmail: string;
  /** Talleres (C01): the institutions' public request form (mirror of the document property). */
  externalRequestFormId: string;
  externalRequestFormUrl: string;
  /** Talleres (C02): an approved external workshop's capacity is the expected participants plus this % (rounded up). */
  externalCapacityMarginPercent: number;
  headerAliases: Record<ReportField, string[]>;
  consultants: Consultant[];
}

export interface SettingsRead {
  settings: Settings;
  /** Spanish explanations of values that could not be used (their default was used instead). */
  problems: string[];
}

/** A 'Configuración' row as read: its Parámetro and its Valor. */
export interface SettingRow {
  name: unknown;
  value: unknown;
}

type Parsed = { ok: true; value: unknown } | { ok: false };

function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  return String(v).trim();
}

function parseInteger(v: unknown, min: number, max: number): Parsed {
  let n: number;
  if (typeof v === 'number') n = v;
  else {
    // '18', '18:00', '18 h', '18 horas'; minutes: '35', '35 min'
    const m = /^(\d{1,3})(?::00)?\s*(h|hrs?|horas?|min|minutos?)?\.?$/i.exec(text(v));
    if (!m) return { ok: false };
    n = Number(m[1]);
  }
  return Number.isInteger(n) && n >= min && n <= max ? { ok: true, value: n } : { ok: false };
}

/** '24', '24 meses', 24: a whole number of months, 1 to 1200 (a hundred years: anything above is a typo). */
function parseMonths(v: unknown): Parsed {
  let n: number;
  if (typeof v === 'number') n = v;
  else {
    const m = /^(\d{1,4})\s*(m|mes|meses)?\.?$/i.exec(text(v));
    if (!m) return { ok: false };
    n = Number(m[1]);
  }
  return Number.isInteger(n) && n >= 1 && n <= 1200 ? { ok: true, value: n } : { ok: false };
}

/** '20', '20 %', '20%', 20: a whole percentage, 0 to 200. */
function parsePercent(v: unknown): Parsed {
  let n: number;
  if (typeof v === 'number') n = v;
  else {
    const m = /^(\d{1,3})\s*%?$/.exec(text(v));
    if (!m) return { ok: false };
    n = Number(m[1]);
  }
  return Number.isInteger(n) && n >= 0 && n <= 200 ? { ok: true, value: n } : { ok: false };
}

function parseUrl(v: unknown): Parsed {
  const s = text(v);
  return /^https?:\/\/[^\s]+$/i.test(s) ? { ok: true, value: s } : { ok: false };
}

/** 'a | b | c', or 'a, b, c' when there is no '|' (an alias may then not contain a comma). */
export function parseAliases(v: unknown): string[] {
  const s = text(v);
  const parts = s.includes('|') ? s.split('|') : s.split(',');
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

function parseValue(spec: SettingSpec, raw: unknown): Parsed {
  switch (spec.kind) {
    case 'hour':
      return parseInteger(raw, 0, 23);
    case 'minutes':
      return parseInteger(raw, 1, 240);
    case 'minutesOrNone':
      return parseInteger(raw, 0, 1440);
    case 'percent':
      return parsePercent(raw);
    case 'months':
      return parseMonths(raw);
    case 'url':
      return parseUrl(raw);
    case 'webAppUrl': {
      const url = usableWebAppUrl(text(raw));
      return url ? { ok: true, value: url } : { ok: false };
    }
    case 'email': {
      const email = normaliseEmail(text(raw));
      return email ? { ok: true, value: email } : { ok: false };
    }
    case 'aliases': {
      const list = parseAliases(raw);
      return list.length ? { ok: true, value: list } : { ok: false };
    }
    default:
      return { ok: true, value: text(raw) };
  }
}

function defaultOf(spec: SettingSpec): unknown {
  switch (spec.kind) {
    case 'hour':
    case 'minutes':
    case 'minutesOrNone':
    case 'percent':
      return Number(spec.defaultValue);
    case 'aliases':
      return parseAliases(spec.defaultValue);
    case 'months':
      return spec.defaultValue === '' ? null : Number(spec.defaultValue);
    default:
      return spec.defaultValue;
  }
}

/** Settings from the tab's rows; every setting has a usable value. */
export function parseSettings(rows: readonly SettingRow[]): SettingsRead {
  const byName = new Map<string, unknown>();
  const consultants: Consultant[] = [];
  const prefix = headerKey(CONSULTANT_SETTING_PREFIX);
  for (const row of rows) {
    const name = text(row.name);
    if (name === '') continue;
    const key = headerKey(name);
    if (key.startsWith(prefix) && name.includes(':')) {
      const email = name.slice(name.indexOf(':') + 1).trim().toLowerCase();
      if (/^[^\s@]+@[^\s@]+$/.test(email) && !consultants.some((c) => c.email === email)) {
        consultants.push({ email, name: text(row.value) });
      }
      continue;
    }
    if (!byName.has(key)) byName.set(key, row.value);
  }

  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const spec of SETTINGS) {
    const raw = byName.get(headerKey(spec.name));
    const fallback = defaultOf(spec);
    if (raw === undefined || text(raw) === '') {
      values[spec.key] = fallback;
      continue;
    }
    const parsed = parseValue(spec, raw);
    if (parsed.ok) values[spec.key] = parsed.value;
    else {
      values[spec.key] = fallback;
      const used =
        spec.kind === 'aliases' ? 'la lista predeterminada' : spec.kind === 'months' && spec.defaultValue === '' ? 'el valor vacío (no se anonimiza nada)' : spec.kind === 'email' && spec.defaultValue === '' ? 'ningún correo (no se envía nada hasta corregirlo)' : spec.kind === 'webAppUrl' ? 'la dirección que informa Google, si la hay (debe terminar en /exec)' : `«${spec.defaultValue}»`;
      problems.push(M.invalidSetting(spec.name, text(raw), used));
    }
  }

  const headerAliases = {} as Record<ReportField, string[]>;
  for (const f of REPORT_FIELDS) headerAliases[f] = values[aliasSettingKey(f)] as string[];
  return {
    settings: {
      reminderHour: values.reminderHour as number,
      closingHour: values.closingHour as number,
      toleranceMinutes: values.toleranceMinutes as number,
      standardMinutes: values.standardMinutes as number,
      // A sheet set up with the old http:// default sends the https:// one (email-layout.ts).
      rebookUrl: rebookLink(values.rebookUrl as string),
      retentionMonths: values.retentionMonths as number | null,
      surveyFormId: values.surveyFormId as string,
      surveyFormUrl: values.surveyFormUrl as string,
      siblingId: values.siblingId as string,
      subDirectorEmail: values.subDirectorEmail as string,
      directionEmail: values.directionEmail as string,
      webAppUrl: values.webAppUrl as string,
      registrationFormId: values.registrationFormId as string,
      registrationFormUrl: values.registrationFormUrl as string,
      accessLinkHour: values.accessLinkHour as number,
      accessLinkSecondMinutes: values.accessLinkSecondMinutes as number,
      checkinBeforeMinutes: values.checkinBeforeMinutes as number,
      checkinAfterMinutes: values.checkinAfterMinutes as number,
      meetMinMinutes: values.meetMinMinutes as number,
      workshopSurveyDelayMinutes: values.workshopSurveyDelayMinutes as number,
      presentationMinutes: values.presentationMinutes as number,
      silnetColumns: values.silnetColumns as string[],
      checkinFormId: values.checkinFormId as string,
      checkinFormUrl: values.checkinFormUrl as string,
      workshopSurveyFormId: values.workshopSurveyFormId as string,
      workshopSurveyFormUrl: values.workshopSurveyFormUrl as string,
      certificateTemplateId: values.certificateTemplateId as string,
      certificateTemplateUrl: values.certificateTemplateUrl as string,
      directionReportEmail: values.directionReportEmail as string,
      externalRequestFormId: values.externalRequestFormId as string,
      externalRequestFormUrl: values.externalRequestFormUrl as string,
      externalCapacityMarginPercent: values.externalCapacityMarginPercent as number,
      headerAliases,
      consultants,
    },
    problems,
  };
}

/** Reads the 'Configuración' tab (defaults when the tab does not exist yet). */
export function readSettings(table: Table<SettingsKey>): SettingsRead {
  if (!table.exists()) return parseSettings([]);
  return parseSettings(table.read().rows.map((r) => ({ name: r.record.name, value: r.record.value })));
}

export function consultantSettingName(email: string): string {
  return `${CONSULTANT_SETTING_PREFIX} ${email.trim().toLowerCase()}`;
}

export const CONSULTANT_ROW_DESCRIPTION =
  'Correo del consultor (después de «Consultor:») y, en «Valor», su nombre tal como aparece en el reporte de la plataforma. Agregue una fila por consultor.';

export interface SettingRowsPlan {
  /** Rows to add at the end of the tab. */
  append: Partial<Record<SettingsKey, FieldValue>>[];
  /** System rows whose value must change (keyed by the row's ID as it is in the sheet). */
  update: RowChange<SettingsKey>[];
  /** Names of the appended rows, for the report. */
  appendedNames: string[];
  updatedNames: string[];
}

/**
 * Which 'Configuración' rows setup must add or refresh: the role's missing parameters with their
 * defaults (existing values are never overwritten), the system mirrors in `mirrors` (by setting
 * key), and a row for the current consultant when there is no consultant row at all.
 */
export function planSettingRows(
  existing: readonly { id: string; record: { name: unknown; value: unknown } }[],
  role: Role,
  mirrors: Partial<Record<string, string>>,
  userEmail: string,
): SettingRowsPlan {
  const present = new Map<string, { id: string; value: unknown }>();
  for (const r of existing) {
    const key = headerKey(r.record.name);
    if (key !== '' && !present.has(key)) present.set(key, { id: r.id, value: r.record.value });
  }
  const plan: SettingRowsPlan = { append: [], update: [], appendedNames: [], updatedNames: [] };
  for (const spec of settingsForRole(role)) {
    const mirror = mirrors[spec.key];
    const row = present.get(headerKey(spec.name));
    if (!row) {
      plan.append.push({ name: spec.name, value: mirror ?? spec.defaultValue, description: spec.description });
      plan.appendedNames.push(spec.name);
    } else if (spec.system && mirror !== undefined && text(row.value) !== mirror) {
      plan.update.push({ id: row.id, fields: { value: mirror } });
      plan.updatedNames.push(spec.name);
    }
  }
  return plan;
}

/** Who receives a module's report to the Dirección (B12): its own setting, else the banners' Dirección; '' when neither is set. */
export function reportRecipient(s: Pick<Settings, 'directionReportEmail' | 'directionEmail'>): string {
  return s.directionReportEmail || s.directionEmail;
}
