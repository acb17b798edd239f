/**
 * A module and the Dirección (issue 11, B03 and B04): its programme emailed to the Sub Director,
 * and its banner requested from the Dirección, then recorded as received and validated.
 *
 * Same safe shape as the programme (./programme.ts): under the script lock, read the module, decide
 * (pure rules in src/domain/workshops/banner.ts), send at most once (src/app/delivery.ts), write
 * the module's row in one update, audit, and answer with the module as the list shows it.
 *
 * Once per request: each send has its own journal key, '<module>:<n>' where n counts the sends of
 * that kind for the module. A second send needs `again: true`; the panel first asks «Ya se envió
 * el … ¿Enviar de nuevo?» and passes back the send it was asked about (`previous`), so a double
 * click, or a colleague who resent meanwhile, does not send a third time.
 */
import { formatLimaDateTime, limaDateAt } from '../../domain/lima-time';
import { DIRECTION_AUDIT as A, DIRECTION_MESSAGES as M } from '../../domain/messages/workshops-direction';
import { headerKey, MODULES_TAB, REVIEW_TAB, SETTINGS_TAB, settingSpec, type ModuleKey } from '../../domain/schema';
import { MissingColumnError, type FieldValue } from '../../domain/table';
import { cleanText } from '../../domain/text';
import { normaliseEmail } from '../../domain/validation';
import { bannerStateOf, mayRequestBanner, nextBannerState } from '../../domain/workshops/banner';
import { bannerRequestEmail, programmeEmail, type ProgrammeModule } from '../../domain/workshops/direction-email';
import { LockBusyError, type Mailer } from '../../ports';
import { journalEntries, sendOnce, type DirectionMailKind, type JournalEntry } from '../delivery';
import { recordReview } from '../review';
import { listModules, type ModuleView, type ProgrammeDeps } from './programme';

export interface DirectionDeps extends ProgrammeDeps {
  mailer: Mailer;
}

export interface SendAgainOptions {
  /** Send although it was sent before (the person answered «Enviar de nuevo»). */
  again?: boolean;
  /** The earlier send the person was asked about (`confirm.previous`): if another one happened since, nothing is sent. */
  previous?: string;
}

export interface BannerStateInput {
  state: 'Recibido' | 'Validado';
  /** The banner's file in Drive or another https:// address (required to mark it received). */
  link?: string;
}

export type DirectionResult =
  | { ok: true; message: string; module: ModuleView }
  /** `confirm`: it was sent before; ask the person, then call again with `{ again: true, previous }`. */
  | { ok: false; message: string; confirm?: { question: string; previous: string }; module?: ModuleView };

type Setting = 'subDirectorEmail' | 'directionEmail';

// ---------------------------------------------------------------------------- helpers

function text(v: unknown): string {
  if (v === null || v === undefined || v instanceof Date) return '';
  return String(v).trim();
}

/** The address in a 'Configuración' row, or the Spanish refusal when it is missing or invalid. */
function settingAddress(deps: DirectionDeps, key: Setting): { ok: true; to: string } | { ok: false; message: string } {
  const spec = settingSpec(key);
  const table = deps.workbooks.current().table(SETTINGS_TAB);
  const wanted = headerKey(spec.name);
  const row = table.exists() ? table.read().rows.find((r) => headerKey(r.record.name) === wanted) : undefined;
  const raw = cleanText(row?.record.value, 300);
  if (raw === '') return { ok: false, message: M.settingMissing(spec.name) };
  const to = normaliseEmail(raw);
  return to ? { ok: true, to } : { ok: false, message: M.settingInvalid(spec.name, raw) };
}

/** The sends of one kind for one module, from the journal, in order (n = 1, 2, …). */
function sendsOf(deps: DirectionDeps, kind: DirectionMailKind, id: string): (JournalEntry & { n: number })[] {
  const prefix = `${id}:`;
  return journalEntries(deps.properties, kind)
    .filter((e) => e.rowId.startsWith(prefix) && /^\d+$/.test(e.rowId.slice(prefix.length)))
    .map((e) => ({ ...e, n: Number(e.rowId.slice(prefix.length)) }))
    .sort((a, b) => a.n - b.n);
}

function moduleOf(deps: DirectionDeps, id: string): ModuleView | null {
  return listModules(deps).modules.find((m) => m.id === id) ?? null;
}

function programmeOf(m: ModuleView): ProgrammeModule {
  const at = (date: string, hhmm: string) => {
    const [h, mi] = hhmm.split(':').map(Number);
    return limaDateAt(date, h, mi);
  };
  return {
    name: m.name,
    year: m.year,
    quarter: m.quarter,
    audience: m.audience,
    capacity: m.capacity,
    dates: m.dates,
    sessions: m.sessions.map((s) => ({ number: s.number, topic: s.topic, start: at(s.date, s.startTime), end: at(s.date, s.endTime), speaker: s.speaker })),
  };
}

function refuse(deps: DirectionDeps, target: string, message: string, action: string = A.refused): DirectionResult {
  deps.audit.record({ action, target, result: 'Sin efecto', detail: message });
  return { ok: false, message };
}

/** Runs `fn` under the script lock for a talleres spreadsheet's module; refusals are audited. */
function onModule(deps: DirectionDeps, rawId: unknown, fn: (m: ModuleView, id: string) => DirectionResult): DirectionResult {
  const id = cleanText(rawId, 80);
  const first = listModules(deps);
  if (!first.ready) return refuse(deps, id, first.message);
  try {
    return deps.lock.withLock(() => {
      deps.workbooks.current().table(MODULES_TAB).read({ fresh: true });
      const m = moduleOf(deps, id);
      if (!m) return refuse(deps, id, M.notFound);
      if (m.status === 'Cancelado') return refuse(deps, id, M.cancelled);
      return fn(m, id);
    });
  } catch (e) {
    if (e instanceof LockBusyError) return refuse(deps, id, M.lockBusy);
    if (e instanceof MissingColumnError) return refuse(deps, id, e.message);
    throw e;
  }
}

interface SendPlan {
  kind: DirectionMailKind;
  setting: Setting;
  auditAction: string;
  alreadyAsked: (when: string) => string;
  meanwhile: (when: string) => string;
  sent: (to: string) => string;
  /** Earlier send recorded on the row (the sheet's column), when the journal has none. */
  recorded: Date | null;
  mail: (again: boolean) => { subject: string; text: string; html: string; senderName: string };
  /** The row's fields once the email went out. */
  fields: (at: Date) => Partial<Record<ModuleKey, FieldValue>>;
  /** True when the row already records a send made at `at`. */
  isRecorded: (at: Date) => boolean;
}

/** Sends once per request: asks before a second send, refuses a stale «again», records and audits. */
function sendDirectionMail(deps: DirectionDeps, m: ModuleView, id: string, options: SendAgainOptions, plan: SendPlan): DirectionResult {
  const address = settingAddress(deps, plan.setting);
  if (!address.ok) return refuse(deps, id, address.message, plan.auditAction);
  if (m.sessions.length === 0) return refuse(deps, id, M.noSessions, plan.auditAction);

  const sends = sendsOf(deps, plan.kind, id);
  const last = sends[sends.length - 1];
  // A send the journal records as gone but the row does not (the execution stopped between the
  // email and the row's write): the row is brought in step first, so the module says what went
  // out — otherwise the retry only asks «¿Enviar de nuevo?» and the row never says it was sent.
  if (last?.state === 'enviado' && last.at && !plan.isRecorded(last.at)) {
    deps.workbooks.current().table(MODULES_TAB).update([{ id, fields: plan.fields(last.at) }]);
    deps.audit.record({ action: plan.auditAction, target: id, result: 'Correcto', detail: A.sentTo(address.to, last.n) });
    m = moduleOf(deps, id) ?? m;
  }
  const lastAt = last?.at ?? plan.recorded;
  const previous = last ? `${last.n}|${last.at ? last.at.toISOString() : ''}` : lastAt ? `0|${lastAt.toISOString()}` : '';
  const again = options?.again === true;
  // A send that may or may not have gone out is listed for a person, whichever button led here
  // (a retried «Enviar de nuevo» too: the 'previous' check below then refuses it).
  if (last?.state === 'enviando') toReview(deps, plan.kind, id, last.n, address.to, m);
  if (!again && last?.state === 'enviando') {
    return { ok: false, message: M.interrupted, confirm: { question: M.interrupted, previous }, module: m };
  }
  if (!again && lastAt) {
    const question = plan.alreadyAsked(formatLimaDateTime(lastAt));
    return { ok: false, message: question, confirm: { question, previous }, module: m };
  }
  if (again && typeof options.previous === 'string' && options.previous !== previous) {
    return refuse(deps, id, plan.meanwhile(lastAt ? formatLimaDateTime(lastAt) : ''), plan.auditAction);
  }

  const n = (last?.n ?? 0) + 1;
  const outcome = sendOnce({ mailer: deps.mailer, journal: deps.properties, clock: deps.clock }, plan.kind, `${id}:${n}`, {
    to: address.to,
    ...plan.mail(lastAt !== null && lastAt !== undefined),
  });
  if (outcome.status === 'error') {
    deps.audit.record({ action: plan.auditAction, target: id, result: 'Error', detail: `${A.sentTo(address.to, n)}: ${outcome.message}` });
    return { ok: false, message: M.sendFailed(outcome.message), module: m };
  }
  if (outcome.status === 'ambiguo') {
    deps.audit.record({ action: plan.auditAction, target: id, result: 'Por revisar', detail: `${A.sentTo(address.to, n)}: ${outcome.message}` });
    toReview(deps, plan.kind, id, n, address.to, m);
    return { ok: false, message: M.interrupted, module: m };
  }
  deps.workbooks.current().table(MODULES_TAB).update([{ id, fields: plan.fields(outcome.at) }]);
  deps.audit.record({ action: plan.auditAction, target: id, result: 'Correcto', detail: A.sentTo(address.to, n) });
  return { ok: true, message: plan.sent(address.to), module: moduleOf(deps, id) ?? m };
}

/** A send that may or may not have gone out: a person decides, from 'Revisión' (never resent blindly). */
function toReview(deps: DirectionDeps, kind: DirectionMailKind, id: string, n: number, to: string, m: ModuleView): void {
  const table = deps.workbooks.current().table(REVIEW_TAB);
  if (!table.exists()) return;
  recordReview(table, [{ tipo: A.reviewKind, referencia: `${id}:${kind}:${n}`, detalle: A.reviewDetail(kind === 'programacion' ? A.programmeSent : A.bannerRequested, m.name, to) }], deps.clock.now());
}

function recordedDate(deps: DirectionDeps, id: string, key: ModuleKey): Date | null {
  const v = deps.workbooks.current().table(MODULES_TAB).read().byId.get(id)?.record[key];
  return v instanceof Date && !isNaN(v.getTime()) ? v : null;
}

// ---------------------------------------------------------------------------- B03

/** «Enviar programación a la Sub Dirección»: the module's sessions as a table, to the address in 'Configuración'. */
export function sendProgramme(deps: DirectionDeps, moduleId: unknown, options: SendAgainOptions = {}): DirectionResult {
  return onModule(deps, moduleId, (m, id) => {
    const recorded = recordedDate(deps, id, 'programmeSentAt');
    return sendDirectionMail(deps, m, id, options ?? {}, {
      kind: 'programacion',
      setting: 'subDirectorEmail',
      auditAction: A.programmeSent,
      alreadyAsked: M.programmeAlreadySent,
      meanwhile: M.programmeResentMeanwhile,
      sent: M.programmeSent,
      recorded,
      mail: (again) => programmeEmail(programmeOf(m), again),
      fields: (at) => ({ programmeSentAt: at }),
      isRecorded: (at) => recorded !== null && recorded.getTime() >= at.getTime(),
    });
  });
}

// ---------------------------------------------------------------------------- B04

/** «Solicitar banner»: the request to the Dirección with the module's details; the banner becomes 'Solicitado'. */
export function requestBanner(deps: DirectionDeps, moduleId: unknown, options: SendAgainOptions = {}): DirectionResult {
  return onModule(deps, moduleId, (m, id) => {
    const may = mayRequestBanner(m.banner.state);
    if (!may.ok) return refuse(deps, id, may.message, A.bannerRequested);
    return sendDirectionMail(deps, m, id, options ?? {}, {
      kind: 'banner',
      setting: 'directionEmail',
      auditAction: A.bannerRequested,
      alreadyAsked: M.bannerAlreadyRequested,
      meanwhile: M.bannerRequestedMeanwhile,
      sent: M.bannerRequested,
      recorded: null,
      mail: () => bannerRequestEmail(programmeOf(m)),
      fields: () => ({ bannerStatus: 'Solicitado' }),
      isRecorded: () => m.banner.state !== '',
    });
  });
}

/** «Marcar recibido» / «Marcar validado»: solicitado → recibido (with its link) → validado. */
export function setBannerState(deps: DirectionDeps, moduleId: unknown, input: BannerStateInput): DirectionResult {
  return onModule(deps, moduleId, (m, id) => {
    const row = deps.workbooks.current().table(MODULES_TAB).read().byId.get(id);
    const current = bannerStateOf(text(row?.record.bannerStatus));
    const currentLink = text(row?.record.bannerUrl);
    const change = nextBannerState(current, currentLink, input?.state, input?.link);
    if (!change.ok) return refuse(deps, id, change.message, A.bannerState);
    deps.workbooks.current().table(MODULES_TAB).update([{ id, fields: { bannerStatus: change.state, bannerUrl: change.link } }]);
    const detail = [`Banner: ${current || '(vacío)'} → ${change.state}`];
    if (change.link !== currentLink) detail.push(`Enlace del banner: ${currentLink || '(vacío)'} → ${change.link}`);
    deps.audit.record({ action: A.bannerState, target: id, result: 'Correcto', detail: detail.join(' · ') });
    return { ok: true, message: M.bannerStateSaved(change.state), module: moduleOf(deps, id) ?? m };
  });
}
