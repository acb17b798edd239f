/**
 * "Invitar a talleres" (A05): the workshops with open registration live in the SIBLING
 * spreadsheet, "Programación Talleres Masivos" (tab 'Módulos'); the citizen gets one email with
 * their registration links, once. With none open, the consultant is told so and nothing is sent.
 */
import { safeUrl } from '../domain/html';
import { formatLimaDayMonth, limaDateKey } from '../domain/lima-time';
import { DAY_AUDIT as A, DAY_MESSAGES as M, WORKSHOP_DATES } from '../domain/messages/day';
import { workshopInvitationEmail, type WorkshopOffer } from '../domain/messages/workshop-invitation';
import { MODULES_TAB, type ModuleKey } from '../domain/schema';
import type { TableRow } from '../domain/table';
import type { Workbooks } from '../ports';
import { cellString, deliveryStatus } from './appointments/rows';
import { runAction, type DayDeps } from './day/action';
import type { DayActionResult } from './day/types';
import { recordedSiblingId } from './setup';

/** The module state that means "registration is open" (MODULE_STATES). */
export const OPEN_REGISTRATION = 'Inscripción abierta';

/** At most this many workshops in one invitation: a long list is read by nobody. */
export const MAX_WORKSHOPS_OFFERED = 6;

function validDate(v: unknown): v is Date {
  return v instanceof Date && !isNaN(v.getTime());
}

/** The module's dates as the citizen reads them: its 'Fechas' text, or its start and end dates. */
export function workshopDatesText(record: Readonly<Record<ModuleKey, unknown>>): string {
  const typed = cellString(record.dates);
  if (typed) return typed;
  const from = validDate(record.startDate) ? record.startDate : null;
  const to = validDate(record.endDate) ? record.endDate : null;
  if (from && to && limaDateKey(from) !== limaDateKey(to)) return WORKSHOP_DATES.range(formatLimaDayMonth(from), formatLimaDayMonth(to));
  if (from) return to ? WORKSHOP_DATES.single(formatLimaDayMonth(from)) : WORKSHOP_DATES.from(formatLimaDayMonth(from));
  return WORKSHOP_DATES.toBeConfirmed;
}

/**
 * Modules whose registration is open today: state 'Inscripción abierta', a usable registration
 * link, and not already over (an end date before today); never an external workshop (C02: the
 * institution shares its link with its own people). Soonest first.
 */
export function openWorkshopOffers(rows: readonly TableRow<ModuleKey>[], now: Date): WorkshopOffer[] {
  const today = limaDateKey(now);
  const open = rows.filter((r) => {
    const rec = r.record;
    if (cellString(rec.status) !== OPEN_REGISTRATION) return false;
    // C02: an external workshop is the requesting institution's; its link is theirs to share.
    if (cellString(rec.kind) === 'Externo') return false;
    if (!safeUrl(cellString(rec.registrationUrl), ['https:', 'http:'])) return false;
    if (!cellString(rec.name)) return false;
    if (validDate(rec.endDate) && limaDateKey(rec.endDate) < today) return false;
    return true;
  });
  const when = (r: TableRow<ModuleKey>) => (validDate(r.record.startDate) ? r.record.startDate.getTime() : Number.MAX_SAFE_INTEGER);
  open.sort((a, b) => when(a) - when(b));
  return open.slice(0, MAX_WORKSHOPS_OFFERED).map((r) => ({
    title: cellString(r.record.name),
    dates: workshopDatesText(r.record),
    registrationUrl: cellString(r.record.registrationUrl),
  }));
}

export type OpenWorkshops = { ok: true; workshops: WorkshopOffer[] } | { ok: false; message: string };

/** Reads the sibling's 'Módulos' tab once (another spreadsheet: opened by its ID). */
export function readOpenWorkshops(workbooks: Workbooks, siblingId: string, now: Date): OpenWorkshops {
  if (!siblingId) return { ok: false, message: M.inviteNoSibling };
  const sibling = workbooks.open(siblingId);
  if (!sibling) return { ok: false, message: M.inviteSiblingUnreachable };
  const modules = sibling.table(MODULES_TAB);
  if (!modules.exists()) return { ok: false, message: M.inviteNoModulesTab };
  const workshops = openWorkshopOffers(modules.read().rows, now);
  return workshops.length ? { ok: true, workshops } : { ok: false, message: M.inviteNoneOpen };
}

/**
 * "Invitar a talleres" on appointment `id`: during or after the attention, to a valid email,
 * once. The sibling is read before taking the lock (it is another spreadsheet and nothing here
 * writes it); the appointment's own checks come first in what the consultant is told.
 */
export function inviteToWorkshops(deps: DayDeps, id: string): DayActionResult {
  const siblingId = recordedSiblingId(deps.properties);
  const offers = readOpenWorkshops(deps.workbooks, siblingId, deps.clock.now());
  return runAction(deps, id, (env) => {
    const status = env.facts.status;
    if (status === 'Programada') return { refuse: M.inviteNotStarted };
    if (status === 'Abandonada' || status === 'Cancelada') return { refuse: M.inviteClosed };
    const current = deliveryStatus(env.row.record.workshopInvitation);
    if (current === 'enviado') return { refuse: M.inviteAlreadySent };
    if (current === 'enviando') return { refuse: M.inviteAmbiguous };
    if (!offers.ok) return { refuse: offers.message, auditAction: A.invitationNotSent };

    const mail = workshopInvitationEmail({ fullName: cellString(env.row.record.fullName), workshops: offers.workshops });
    const r = env.send('talleres', mail);
    const email = cellString(env.row.record.email);
    switch (r.status) {
      case 'enviado':
        env.deps.audit.record({
          action: A.invitationSent,
          target: env.row.id,
          result: 'Correcto',
          detail: offers.workshops.map((w) => w.title).join(' · '),
        });
        return { fields: { workshopInvitation: 'enviado' }, message: M.inviteSent(offers.workshops.length, email) };
      case 'ambiguo':
        return { fields: { workshopInvitation: 'enviando' }, message: '', warning: M.inviteAmbiguous };
      case 'error':
        // Nothing left: the consultant may simply try again later; the column keeps no state.
        return { refuse: M.inviteFailed(r.reason), auditAction: A.invitationNotSent };
      case 'sin-correo':
        return { refuse: M.inviteNoEmail };
    }
  });
}
