/**
 * «Diagnóstico»: the report of the checks a coordinator runs on the real deployment, so that a
 * difference between real Google and what the emulator assumes shows up the day it is deployed
 * (DESIGN.md "The real platform is the judge"; docs/diagnostics.md).
 *
 * Pure: the use case (src/app/diagnostics.ts) gathers observations through the ports — each one
 * either a value or the error that stopped it — and each function here turns one observation
 * into one line of the report: OK, Atención or Falla, with a Spanish detail that says what to do.
 */
import { formatHHmm, formatLimaShortDate, limaParts } from './lima-time';
import {
  CHECK_NAMES as C,
  DIAGNOSTICS_HEADERS,
  DIAGNOSTICS_MESSAGES as M,
  DIAGNOSTICS_TAB_NAME,
  RESULT_LABELS,
} from './messages/diagnostics';

export type CheckResult = keyof typeof RESULT_LABELS;

export interface DiagnosticLine {
  readonly check: string;
  readonly result: CheckResult;
  readonly detail: string;
  /** When the check ran. */
  readonly at: Date;
}

/** What a probe saw, or why it could not look. */
export type Observed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export const LIMA_TIME_ZONE = 'America/Lima';

/**
 * The scopes appsscript.json asks for (test/unit/diagnostics.test.ts keeps this list equal to
 * the manifest's `oauthScopes`).
 */
export const MANIFEST_SCOPES: readonly string[] = [
  'https://www.googleapis.com/auth/spreadsheets',
  'https://www.googleapis.com/auth/script.send_mail',
  'https://www.googleapis.com/auth/script.scriptapp',
  'https://www.googleapis.com/auth/script.container.ui',
  'https://www.googleapis.com/auth/calendar.events',
  'https://www.googleapis.com/auth/forms',
  'https://www.googleapis.com/auth/drive',
  'https://www.googleapis.com/auth/presentations',
  'https://www.googleapis.com/auth/userinfo.email',
];

/**
 * Written to a plain-text ('@') cell and read back: each must stay exactly this string. A
 * formula, a signed number, a mention and a DNI with its leading zeros.
 */
export const PLAIN_TEXT_SAMPLES: readonly string[] = ['=1+1', '+51987654321', '-5+3', '@mtpe', '00412345'];

/** Below this many recipients left today, the quota line asks for attention. */
export const LOW_MAIL_QUOTA = 50;

function line(check: string, result: CheckResult, detail: string, at: Date): DiagnosticLine {
  return { check, result, detail, at };
}

function unknown(check: string, o: { error: string }, at: Date): DiagnosticLine {
  return line(check, 'failure', M.couldNotCheck(o.error), at);
}

// ---------------------------------------------------------------------------- the checks

export interface PlainTextSample {
  readonly written: string;
  /** What getValues gave back. */
  readonly value: unknown;
  /** What getFormulas gave back ('' when the cell holds no formula). */
  readonly formula: string;
}

export function checkPlainText(o: Observed<readonly PlainTextSample[]>, at: Date): DiagnosticLine {
  if (!o.ok) return unknown(C.plainText, o, at);
  const problems: string[] = [];
  for (const s of o.value) {
    if (s.formula !== '') problems.push(M.plainTextFormula(s.written, s.formula));
    else if (typeof s.value !== 'string' || s.value !== s.written) problems.push(M.plainTextChanged(s.written, String(s.value)));
  }
  if (o.value.length === 0) problems.push(M.couldNotCheck('no se leyó ninguna celda'));
  return problems.length
    ? line(C.plainText, 'failure', M.plainTextFailed(problems), at)
    : line(C.plainText, 'ok', M.plainTextOk(o.value.map((s) => s.written)), at);
}

export interface TimeZones {
  readonly spreadsheet: string;
  readonly script: string;
}

export function checkTimeZones(o: Observed<TimeZones>, at: Date): DiagnosticLine {
  if (!o.ok) return unknown(C.timeZones, o, at);
  const problems: string[] = [];
  if (o.value.spreadsheet !== LIMA_TIME_ZONE) problems.push(M.timeZoneSheet(o.value.spreadsheet));
  if (o.value.script !== LIMA_TIME_ZONE) problems.push(M.timeZoneScript(o.value.script));
  return problems.length ? line(C.timeZones, 'failure', problems.join(' '), at) : line(C.timeZones, 'ok', M.timeZonesOk, at);
}

/** The test event with a Meet conference: created, looked at, deleted. */
export interface MeetTrial {
  /** conferenceData.createRequest.status.statusCode ('success', 'pending', 'failure'), null if absent. */
  readonly conferenceStatus: string | null;
  /** The Meet link (hangoutLink or the video entry point), null if none. */
  readonly meetUrl: string | null;
  /** The event was deleted again; otherwise why not. */
  readonly removed: Observed<true>;
}

export function checkMeet(o: Observed<MeetTrial>, at: Date): DiagnosticLine {
  if (!o.ok) return line(C.meet, 'failure', M.meetInsertFailed(o.error), at);
  const t = o.value;
  const leftover = t.removed.ok ? '' : ` ${M.meetNotRemoved(M.meetTitle, t.removed.error)}`;
  if (!t.meetUrl || (t.conferenceStatus !== null && t.conferenceStatus !== 'success')) {
    return line(C.meet, 'failure', M.meetNoLink(t.conferenceStatus ?? 'sin datos de conferencia') + leftover, at);
  }
  return line(C.meet, t.removed.ok ? 'ok' : 'attention', M.meetOk(t.meetUrl) + leftover, at);
}

/** A form the product owns, as Forms describes it. */
export interface FormCheck {
  /** What the form is for ('Encuesta de satisfacción'). */
  readonly name: string;
  /** '' when setup never recorded one. */
  readonly formId: string;
  /** null: the form could not be opened (deleted, no access). */
  readonly status: Observed<FormPublishState | null>;
}

export interface FormPublishState {
  readonly published: boolean;
  readonly acceptingResponses: boolean;
  /** Only accounts of the owner's domain may answer; null when Google did not say. */
  readonly requiresLogin: boolean | null;
}

/** One line per form the product owns; one line saying so when there is none. */
export function checkForms(forms: readonly FormCheck[], at: Date): DiagnosticLine[] {
  if (forms.length === 0) return [line(C.forms, 'ok', M.noForms, at)];
  return forms.map((f) => {
    if (f.formId === '') return line(C.forms, 'failure', M.formMissingId(f.name), at);
    if (!f.status.ok) return unknown(C.forms, f.status, at);
    const s = f.status.value;
    if (s === null) return line(C.forms, 'failure', M.formNotFound(f.name, f.formId), at);
    if (!s.published) return line(C.forms, 'failure', M.formNotPublished(f.name), at);
    if (!s.acceptingResponses) return line(C.forms, 'failure', M.formNotAccepting(f.name), at);
    if (s.requiresLogin === true) return line(C.forms, 'failure', M.formRequiresLogin(f.name), at);
    const ok = M.formOk(f.name);
    return s.requiresLogin === null ? line(C.forms, 'attention', `${ok} (${M.formLoginUnknown})`, at) : line(C.forms, 'ok', ok, at);
  });
}

/** What the use case found comparing the triggers that exist with the ones this spreadsheet needs. */
export interface TriggerFindings {
  /** Setup has recorded this spreadsheet's role. */
  readonly configured: boolean;
  /** Labels of the triggers this spreadsheet needs ('el envío de recordatorios (8:00)'). */
  readonly needed: readonly string[];
  /** Owner recorded by setup ('' if none). */
  readonly owner: string;
  /** Who ran the diagnosis ('' when Google does not say). */
  readonly me: string;
  readonly missing: readonly string[];
  readonly duplicated: readonly { readonly label: string; readonly count: number }[];
  readonly outdated: readonly string[];
  readonly stale: readonly string[];
  /** Triggers of the system's tasks this spreadsheet does not need (or of the wrong kind). */
  readonly unneeded: readonly string[];
  /** Handlers of the system's tasks with triggers of the person running this, who is not the owner. */
  readonly alsoMine: readonly string[];
}

/** Two lines: whether the triggers are right, and whose they are. */
export function checkTriggers(o: Observed<TriggerFindings>, at: Date): DiagnosticLine[] {
  if (!o.ok) return [unknown(C.triggers, o, at), unknown(C.triggerOwner, o, at)];
  const f = o.value;
  if (!f.configured) return [line(C.triggers, 'failure', M.notConfigured, at), line(C.triggerOwner, 'failure', M.notConfigured, at)];
  if (f.needed.length === 0) return [line(C.triggers, 'ok', M.noTriggersNeeded, at), line(C.triggerOwner, 'ok', M.ownerNotNeeded, at)];

  const ownerLine =
    f.owner === ''
      ? line(C.triggerOwner, 'failure', M.ownerNone, at)
      : f.me !== '' && f.owner === f.me
        ? line(C.triggerOwner, 'ok', M.ownerYou(f.me), at)
        : line(C.triggerOwner, 'attention', M.ownerOther(f.owner, f.me), at);

  const seenByOwner = f.owner !== '' && f.me !== '' && f.owner !== f.me;
  if (seenByOwner) {
    const triggers = f.alsoMine.length
      ? line(C.triggers, 'failure', M.triggersAlsoYours(f.alsoMine, f.owner), at)
      : line(C.triggers, 'attention', M.triggersSeenOnlyByOwner(f.owner), at);
    return [triggers, ownerLine];
  }
  const problems = [
    ...f.missing.map(M.triggerMissing),
    ...f.duplicated.map((d) => M.triggerDuplicated(d.label, d.count)),
    ...f.outdated.map(M.triggerOutdated),
    ...f.stale.map(M.triggerStale),
    ...f.unneeded.map(M.triggerUnneeded),
  ];
  const triggers = problems.length
    ? line(C.triggers, 'failure', M.triggersFailed(problems.map((p, i) => (i === 0 ? p.charAt(0).toUpperCase() + p.slice(1) : p))), at)
    : line(C.triggers, 'ok', M.triggersOk(f.needed), at);
  return [triggers, ownerLine];
}

export function checkMailQuota(o: Observed<number>, at: Date): DiagnosticLine {
  if (!o.ok) return unknown(C.mailQuota, o, at);
  const n = o.value;
  if (n <= 0) return line(C.mailQuota, 'attention', M.quotaNone, at);
  if (n < LOW_MAIL_QUOTA) return line(C.mailQuota, 'attention', M.quotaLow(n), at);
  return line(C.mailQuota, 'ok', M.quotaOk(n), at);
}

export interface Authorization {
  /** ScriptApp.AuthorizationStatus: 'REQUIRED' or 'NOT_REQUIRED'. */
  readonly status: string;
  /** AuthorizationInfo.getAuthorizedScopes(); null when Google does not list them. */
  readonly authorizedScopes: readonly string[] | null;
}

export function checkScopes(o: Observed<Authorization>, at: Date, expected: readonly string[] = MANIFEST_SCOPES): DiagnosticLine {
  if (!o.ok) return unknown(C.scopes, o, at);
  const granted = o.value.authorizedScopes;
  const missing = granted === null ? [] : expected.filter((s) => !granted.includes(s));
  if (missing.length) return line(C.scopes, 'failure', M.scopesMissing(missing), at);
  if (o.value.status === 'REQUIRED') return line(C.scopes, 'failure', M.scopesRequired, at);
  return line(C.scopes, 'ok', M.scopesOk(expected.length), at);
}

// ---------------------------------------------------------------------------- the web app (docs/web-app.md)

/** The web app's line (Talleres): its name and Spanish explanations. */
export const WEB_APP_CHECK = {
  name: 'Aplicación web (enlaces de los correos)',
  ok: (url: string, source: 'setting' | 'google') =>
    `Los enlaces de los correos (dejar de recibir invitaciones, retirarse de un módulo) usan ${url}` +
    (source === 'setting' ? ' (parámetro «Enlace de la aplicación web»).' : ' (la dirección que informa Google).'),
  missing:
    'No hay una dirección /exec de la aplicación web, así que los correos no llevan enlaces para dejar de recibir invitaciones ni para retirarse (se pide responder al correo). ' +
    'Para activarlos: en el editor de Apps Script, Implementar › Nueva implementación › tipo «Aplicación web»; Ejecutar como: «Yo»; Quién tiene acceso: «Cualquier persona»; Implementar. ' +
    'Copie la dirección que termina en /exec y péguela en «Configuración», parámetro «Enlace de la aplicación web».',
  badSetting: (typed: string) =>
    `El parámetro «Enlace de la aplicación web» tiene «${typed}», que no es una dirección /exec de Apps Script (https://script.google.com/macros/s/…/exec); la dirección /dev solo la abren los editores.`,
} as const;

export interface WebAppFacts {
  /** What 'Enlace de la aplicación web' holds, as typed ('' when empty). */
  readonly setting: string;
  /** The setting when usable, else null. */
  readonly usableSetting: string | null;
  /** What ScriptApp.getService() reports when usable (/exec), else null. */
  readonly usableReported: string | null;
}

/** Whether emails can carry working links: a usable /exec address, typed or reported by Google. */
export function checkWebApp(o: Observed<WebAppFacts>, at: Date): DiagnosticLine {
  if (!o.ok) return unknown(WEB_APP_CHECK.name, o, at);
  const f = o.value;
  if (f.usableSetting) return line(WEB_APP_CHECK.name, 'ok', WEB_APP_CHECK.ok(f.usableSetting, 'setting'), at);
  const bad = f.setting.trim() !== '' ? `${WEB_APP_CHECK.badSetting(f.setting.trim())} ` : '';
  if (f.usableReported) return line(WEB_APP_CHECK.name, bad ? 'attention' : 'ok', bad + WEB_APP_CHECK.ok(f.usableReported, 'google'), at);
  return line(WEB_APP_CHECK.name, 'failure', bad + WEB_APP_CHECK.missing, at);
}

// ---------------------------------------------------------------------------- B12: the certificate template (i13-certs)

export const CERTIFICATE_TEMPLATE_CHECK_NAME = 'Plantilla de certificado (Slides)';

export interface CertificateTemplateFacts {
  /** What 'Plantilla de certificado (ID)' holds ('' when empty). */
  readonly templateId: string;
  /** The result of checkTemplate over the presentation's text (domain/workshops/certificates.ts). */
  readonly ok: boolean;
  readonly opened: boolean;
  readonly message: string;
}

/** The template opens and has the placeholders certificates need (the recommended ones only warned). */
export function checkCertificateTemplate(o: Observed<CertificateTemplateFacts>, at: Date): DiagnosticLine {
  const name = CERTIFICATE_TEMPLATE_CHECK_NAME;
  if (!o.ok) return unknown(name, o, at);
  const f = o.value;
  if (!f.templateId) return line(name, 'failure', 'No hay plantilla de certificado: ejecute «Configurar esta hoja», que la crea en Google Slides.', at);
  if (!f.ok) return line(name, 'failure', f.message, at);
  if (f.message) return line(name, 'attention', f.message, at);
  return line(name, 'ok', 'La plantilla se abre y tiene los marcadores que usan los certificados.', at);
}

// ---------------------------------------------------------------------------- the report

export interface DiagnosticReport {
  readonly lines: readonly DiagnosticLine[];
  readonly counts: Readonly<Record<CheckResult, number>>;
  /** One Spanish sentence for a toast or the audit log. */
  readonly summary: string;
}

export function buildReport(lines: readonly DiagnosticLine[]): DiagnosticReport {
  const counts = { ok: 0, attention: 0, failure: 0 };
  for (const l of lines) counts[l.result]++;
  return { lines, counts, summary: M.summary(counts.ok, counts.attention, counts.failure) };
}

export const DIAGNOSTICS_TAB = DIAGNOSTICS_TAB_NAME;

/** '27/11/2026 09:00:05' (Lima): checks run seconds apart. */
export function formatCheckTime(d: Date): string {
  const s = limaParts(d).second;
  return `${formatLimaShortDate(d)} ${formatHHmm(d)}:${s < 10 ? '0' : ''}${s}`;
}

/** The report tab's cells, header first; every cell is text (the tab is formatted '@'). */
export function reportRows(report: DiagnosticReport): string[][] {
  return [
    [...DIAGNOSTICS_HEADERS],
    ...report.lines.map((l) => [l.check, RESULT_LABELS[l.result], l.detail, formatCheckTime(l.at)]),
  ];
}
