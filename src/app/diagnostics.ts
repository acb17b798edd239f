/**
 * «Diagnóstico» (issue 9 §4; docs/diagnostics.md): run on the real deployment by a coordinator,
 * it checks the assumptions the emulator makes — plain-text cells keep '=', '+', '-', '@' as
 * text; Lima time in the sheet and the script; Calendar answers and makes a Meet link; the
 * product's forms are published and open to anyone with the link; the triggers this spreadsheet
 * needs exist once each, and whose they are; the mail quota left; the scopes granted — and
 * writes the report to the 'Diagnóstico' tab.
 *
 * Every check is independent: one that throws becomes a «Falla» line with Google's message, and
 * the others still run. What a check makes (a temporary sheet, a test event) the probe removes.
 */
import { CHECKIN_PROPERTY_KEYS, CHECKIN_SUBMIT_HANDLER } from './workshops/checkin';
import {
  buildReport,
  checkForms,
  checkMailQuota,
  checkMeet,
  checkPlainText,
  checkScopes,
  checkTimeZones,
  checkTriggers,
  checkWebApp,
  checkCertificateTemplate,
  DIAGNOSTICS_TAB,
  PLAIN_TEXT_SAMPLES,
  reportRows,
  type DiagnosticLine,
  type DiagnosticReport,
  type FormCheck,
  type Observed,
  type TriggerFindings,
} from '../domain/diagnostics';
import { DIAGNOSTICS_MESSAGES as M } from '../domain/messages/diagnostics';
import { TASK_LABELS } from '../domain/messages/setup';
import { headerKey, isRole, SETTINGS, SETTINGS_TAB } from '../domain/schema';
import { checkTemplate } from '../domain/workshops/certificates';
import type { AuditLog, CertificateSlides, Clock, DiagnosticsProbe, FormAdmin, KeyValueStore, Mailer, Scheduler, Session, WebAppService, Workbooks } from '../ports';
import { usableWebAppUrl } from '../domain/web-links';
import { jobTriggerIds } from './jobs';
import { readSettings } from './settings';
import { desiredTriggers, MANAGED_HANDLERS, parseRecorded, planTriggers, PROPERTY_KEYS } from './setup';
import { SURVEY_PROPERTY_KEYS, SURVEY_SUBMIT_HANDLER } from './surveys';
// B08: the workshop survey form (issue 12, i12-survey).
import { WORKSHOP_SURVEY_PROPERTY_KEYS, WORKSHOP_SURVEY_SUBMIT_HANDLER } from './workshops/survey';
import { REGISTRATION_PROPERTY_KEYS, REGISTRATION_SUBMIT_HANDLER } from './workshops/registration';
import { EXTERNAL_PROPERTY_KEYS, EXTERNAL_SUBMIT_HANDLER } from './external/intake';

export interface DiagnosticsDeps {
  workbooks: Workbooks;
  properties: KeyValueStore;
  scheduler: Scheduler;
  clock: Clock;
  session: Session;
  mailer: Mailer;
  /** Whether a form is published and open to anyone with its link (the same reading setup acts on). */
  forms: Pick<FormAdmin, 'responderAccess'>;
  probe: DiagnosticsProbe;
  audit: AuditLog;
  /** Google's answer about the web app deployment (Talleres: the links of its emails). */
  webApp?: WebAppService;
  /** B12 (Talleres): opens the certificate template to check its placeholders. */
  slides?: Pick<CertificateSlides, 'templateText'>;
}

/** The test event starts this long from now and lasts MEET_TRIAL_MS (it is deleted at once). */
export const MEET_TRIAL_LEAD_MS = 60 * 60_000;
export const MEET_TRIAL_MS = 15 * 60_000;

function observe<T>(fn: () => T): Observed<T> {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/** The forms this spreadsheet owns: the satisfaction survey in 'atenciones', the registration form in 'talleres'. */
function ownedForms(props: Readonly<Record<string, string>>, forms: DiagnosticsDeps['forms']): FormCheck[] {
  const role = props[PROPERTY_KEYS.role];
  const owned = role === 'atenciones' ? { name: M.surveyFormName, key: SURVEY_PROPERTY_KEYS.formId } : role === 'talleres' ? { name: M.registrationFormName, key: REGISTRATION_PROPERTY_KEYS.formId } : null;
  if (!owned) return [];
  // The talleres role's other forms: the check-in form (B09) and the workshop survey (B08).
  const all =
    role === 'talleres'
      ? [
          owned,
          { name: M.checkinFormName, key: CHECKIN_PROPERTY_KEYS.formId },
          { name: M.workshopSurveyFormName, key: WORKSHOP_SURVEY_PROPERTY_KEYS.formId },
          // Issue 14 (C01): the institutions' request form.
          { name: M.externalRequestFormName, key: EXTERNAL_PROPERTY_KEYS.formId },
        ]
      : [owned];
  return all.map((o) => {
    const formId = props[o.key] ?? '';
    return { name: o.name, formId, status: formId === '' ? { ok: true as const, value: null } : observe(() => forms.responderAccess(formId)) };
  });
}

/**
 * The triggers that exist (Apps Script lists only the running person's) against the ones setup
 * installs for this role and these settings, judged as setup's own planning judges them: a
 * daily trigger missing, repeated or with another schedule; the survey's form-submit trigger
 * missing, repeated or on another form. The jobs' one-off continuations are not duplicates.
 */
export function triggerFindings(deps: Pick<DiagnosticsDeps, 'workbooks' | 'scheduler' | 'session'>, props: Readonly<Record<string, string>>): TriggerFindings {
  const role = props[PROPERTY_KEYS.role];
  const owner = (props[PROPERTY_KEYS.triggerOwner] ?? '').trim().toLowerCase();
  const me = deps.session.userEmail().trim().toLowerCase();
  const base = { owner, me, missing: [], duplicated: [], outdated: [], stale: [], unneeded: [], alsoMine: [] };
  if (!isRole(role)) return { configured: false, needed: [], ...base };

  const { settings } = readSettings(deps.workbooks.current().table(SETTINGS_TAB));
  const desired = desiredTriggers(role, settings);
  // The role's form and its one submit trigger: the survey (atenciones), the registration form (talleres).
  const formTrigger =
    role === 'atenciones'
      ? { formId: props[SURVEY_PROPERTY_KEYS.formId] ?? '', handler: SURVEY_SUBMIT_HANDLER, label: M.surveyTrigger }
      : { formId: props[REGISTRATION_PROPERTY_KEYS.formId] ?? '', handler: REGISTRATION_SUBMIT_HANDLER, label: M.registrationTrigger };
  const surveyFormId = formTrigger.formId;
  const dailyLabel = (handler: string) => {
    const d = desired.find((x) => x.handler === handler);
    return M.dailyTrigger(TASK_LABELS[handler] ?? handler, d?.hour ?? 0);
  };
  // B08: the workshop survey form's submit trigger (talleres), judged like the role's own form trigger.
  const extraFormTriggers: { formId: string; handler: string; label: string }[] = role === 'talleres' && props[WORKSHOP_SURVEY_PROPERTY_KEYS.formId]
    ? [{ formId: props[WORKSHOP_SURVEY_PROPERTY_KEYS.formId], handler: WORKSHOP_SURVEY_SUBMIT_HANDLER, label: M.workshopSurveyTrigger }]
    : [];
  // Issue 14 (C01): the institutions' request form's submit trigger, judged the same way.
  if (role === 'talleres' && props[EXTERNAL_PROPERTY_KEYS.formId]) {
    extraFormTriggers.push({ formId: props[EXTERNAL_PROPERTY_KEYS.formId], handler: EXTERNAL_SUBMIT_HANDLER, label: M.externalRequestTrigger });
  }
  const needed = [...desired.map((d) => dailyLabel(d.handler)), ...(surveyFormId ? [formTrigger.label] : []), ...extraFormTriggers.map((t) => t.label)];
  if (needed.length === 0) return { configured: true, needed, ...base };

  const existing = deps.scheduler.list();
  const systemHandlers = new Set<string>([...MANAGED_HANDLERS, SURVEY_SUBMIT_HANDLER, REGISTRATION_SUBMIT_HANDLER, CHECKIN_SUBMIT_HANDLER, WORKSHOP_SURVEY_SUBMIT_HANDLER, EXTERNAL_SUBMIT_HANDLER]);
  if (owner !== '' && me !== '' && owner !== me) {
    const alsoMine = [...new Set(existing.filter((t) => systemHandlers.has(t.handler)).map((t) => t.handler))];
    return { configured: true, needed, ...base, alsoMine };
  }

  const plan = planTriggers(existing, desired, parseRecorded(props[PROPERTY_KEYS.triggers] ?? null), MANAGED_HANDLERS, jobTriggerIds(props));
  const missing = plan.create.map((d) => dailyLabel(d.handler));
  const outdated = [...new Set(plan.remove.filter((r) => r.why === 'outdated').map((r) => dailyLabel(r.trigger.handler)))];
  const dupCount = new Map<string, number>();
  for (const r of plan.remove) if (r.why === 'duplicate') dupCount.set(r.trigger.handler, (dupCount.get(r.trigger.handler) ?? 1) + 1);
  const duplicated = [...dupCount].map(([handler, count]) => ({ label: dailyLabel(handler), count }));
  const unneeded = [...new Set(plan.remove.filter((r) => r.why === 'unneeded').map((r) => TASK_LABELS[r.trigger.handler] ?? r.trigger.handler))];
  const stale: string[] = [];

  for (const extra of extraFormTriggers) {
    const all = existing.filter((t) => t.handler === extra.handler);
    const onForm = all.filter((t) => t.kind === 'formSubmit' && t.sourceId === extra.formId);
    if (onForm.length === 0) missing.push(extra.label);
    if (onForm.length > 1) duplicated.push({ label: extra.label, count: onForm.length });
    if (all.length > onForm.length) stale.push(extra.label);
  }
  if (surveyFormId) {
    const survey = existing.filter((t) => t.handler === formTrigger.handler);
    const onForm = survey.filter((t) => t.kind === 'formSubmit' && t.sourceId === surveyFormId);
    if (onForm.length === 0) missing.push(formTrigger.label);
    if (onForm.length > 1) duplicated.push({ label: formTrigger.label, count: onForm.length });
    if (survey.length > onForm.length) stale.push(formTrigger.label);
  }
  // The check-in form's submit trigger (B09), judged the same way.
  const checkinFormId = role === 'talleres' ? (props[CHECKIN_PROPERTY_KEYS.formId] ?? '') : '';
  if (checkinFormId) {
    needed.push(M.checkinTrigger);
    const mine = existing.filter((t) => t.handler === CHECKIN_SUBMIT_HANDLER);
    const onForm = mine.filter((t) => t.kind === 'formSubmit' && t.sourceId === checkinFormId);
    if (onForm.length === 0) missing.push(M.checkinTrigger);
    if (onForm.length > 1) duplicated.push({ label: M.checkinTrigger, count: onForm.length });
    if (mine.length > onForm.length) stale.push(M.checkinTrigger);
  }
  return { configured: true, needed, ...base, missing, duplicated, outdated, stale, unneeded };
}

export function runDiagnostics(deps: DiagnosticsDeps): DiagnosticReport {
  const now = () => deps.clock.now();
  const lines: DiagnosticLine[] = [];

  lines.push(checkPlainText(observe(() => deps.probe.plainTextRoundTrip(PLAIN_TEXT_SAMPLES)), now()));
  lines.push(
    checkTimeZones(observe(() => ({ spreadsheet: deps.workbooks.current().timeZone(), script: deps.probe.scriptTimeZone() })), now()),
  );
  const start = new Date(now().getTime() + MEET_TRIAL_LEAD_MS);
  lines.push(
    checkMeet(
      observe(() =>
        deps.probe.meetTrial({ title: M.meetTitle, description: M.meetDescription, start, end: new Date(start.getTime() + MEET_TRIAL_MS) }),
      ),
      now(),
    ),
  );
  const props = observe(() => deps.properties.getAll());
  const propsOrEmpty = props.ok ? props.value : {};
  lines.push(...checkForms(ownedForms(propsOrEmpty, deps.forms), now()));
  lines.push(...checkTriggers(props.ok ? observe(() => triggerFindings(deps, propsOrEmpty)) : props, now()));
  if (propsOrEmpty[PROPERTY_KEYS.role] === 'talleres') {
    lines.push(
      checkWebApp(
        observe(() => {
          const name = headerKey(SETTINGS.find((x) => x.key === 'webAppUrl')?.name ?? '');
          const row = deps.workbooks.current().table(SETTINGS_TAB).read().rows.find((r) => headerKey(String(r.record.name)) === name);
          const setting = String(row?.record.value ?? '');
          const reported = deps.webApp ? deps.webApp.url() : null;
          return { setting, usableSetting: usableWebAppUrl(setting), usableReported: reported ? usableWebAppUrl(reported) : null };
        }),
        now(),
      ),
    );
  }
  // B12: the certificate template opens and has its placeholders (i13-certs).
  if (propsOrEmpty[PROPERTY_KEYS.role] === 'talleres' && deps.slides) {
    const slides = deps.slides;
    lines.push(
      checkCertificateTemplate(
        observe(() => {
          const templateId = readSettings(deps.workbooks.current().table(SETTINGS_TAB)).settings.certificateTemplateId.trim();
          const t = checkTemplate(templateId ? slides.templateText(templateId) : null);
          return { templateId, ok: t.ok, opened: t.opened, message: t.message };
        }),
        now(),
      ),
    );
  }
  lines.push(checkMailQuota(observe(() => deps.mailer.remainingDailyQuota()), now()));
  lines.push(checkScopes(observe(() => deps.probe.authorization()), now()));

  const report = buildReport(lines);
  deps.probe.showReport(DIAGNOSTICS_TAB, reportRows(report));
  deps.audit.record({
    action: M.auditAction,
    target: DIAGNOSTICS_TAB,
    result: report.counts.failure > 0 ? 'Por revisar' : 'Correcto',
    detail: report.summary,
  });
  return report;
}
