/**
 * Applying a newer platform report to the appointments already registered (A01).
 *
 * Consultants download the report several times (a day before, the same morning); each import
 * must bring the register up to date without duplicating anything and without undoing the work
 * already done. The plan is pure: the use case applies it under the script lock, using the
 * appointment state machine (`../appointment.ts`) for the cancellations and reinstatements.
 *
 * Rules:
 * - an appointment not registered yet is inserted (unless the report itself says it was annulled);
 * - a registered 'Programada' appointment whose data changed is updated; a new date or time sets
 *   `moved`, so reminders and the Meet event are redone;
 * - a registered 'Cancelada' appointment that the report lists again, still in the future, is
 *   reinstated — unless a consultant cancelled it by hand (`cancellationSource: 'manual'`);
 * - appointments already in attention, attended or abandoned are history: never changed;
 * - a registered 'Programada' future appointment missing from the report is cancelled, but only
 *   if its date lies within the dates the report covers (its first to its last appointment): a
 *   report downloaded for tomorrow says nothing about next week, and cancelling next week's
 *   appointments because of it would be a serious mistake. An empty report cancels nothing;
 * - …and only if its consultant is one the report lists (compared without case, accents or extra
 *   spaces; an empty consultant is a value like any other): a report downloaded for one consultant
 *   says nothing about a colleague's appointments of the same days. A report without the
 *   consultant column lists only '' and so covers the appointments registered without one;
 * - the report never erases data: an empty value in the report leaves the registered one as it is;
 * - an all-digit code matches the registered code also when leading zeros differ ('123' ↔
 *   '000123'): a report opened and re-saved in Excel loses them, and treating every appointment
 *   as new (and every registered one as vanished) would duplicate and cancel the whole week. The
 *   registered key and code are kept.
 */
import type { AppointmentStatus } from '../appointment';
import { limaDateKey } from '../lima-time';
import { cleanText } from '../text';
import { importSummaryText } from './messages';
import type { ImportedAppointment, RejectedRow } from './report';

export interface ExistingAppointment {
  key: string;
  start: Date;
  status: AppointmentStatus | string;
  /** The registered values of the fields in COMPARABLE_FIELDS that the sheet holds, as text. */
  fields: Record<string, string>;
  /** Who cancelled it, when known; a consultant's cancellation is never undone by an import. */
  cancellationSource?: 'import' | 'manual';
}

export interface ImportUpdate {
  key: string;
  /** Only the fields whose value changed (and `start` when moved). */
  changes: Partial<ImportedAppointment>;
  /** The date or time changed: reminders and the calendar event must be redone. */
  moved: boolean;
  /** It was 'Cancelada' and goes back to 'Programada'. */
  reinstated: boolean;
}

export interface ImportPlan {
  inserts: ImportedAppointment[];
  updates: ImportUpdate[];
  /** Keys of appointments to cancel (all 'Programada' and in the future). */
  cancellations: string[];
  /** Keys of registered appointments listed in the report with nothing to change. */
  unchanged: string[];
  /** Keys of registered appointments absent from the report and left as they are. */
  notInReport: string[];
  /** Keys the report marks as annulled that were never registered: nothing to do. */
  cancelledOnPlatformNotHeld: string[];
  /** What the report covers: where a missing appointment may be inferred cancelled. */
  scope: ImportScope;
}

/** The days (Lima, 'yyyy-mm-dd') and the consultants a report covers; null days for an empty report. */
export interface ImportScope {
  firstDay: string | null;
  lastDay: string | null;
  /** The consultants the report lists, as first written ('' when a row names none). */
  consultants: string[];
}

/** A consultant's name for comparison: no case, accents or repeated spaces. */
export function consultantKey(name: string): string {
  return cleanText(name ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Is a registered appointment (its start and consultant) inside what the report covers? */
export function coveredByReport(scope: ImportScope, start: Date, consultant: string): boolean {
  if (scope.firstDay === null || scope.lastDay === null) return false;
  const day = limaDateKey(start);
  if (day < scope.firstDay || day > scope.lastDay) return false;
  const key = consultantKey(consultant);
  return scope.consultants.some((c) => consultantKey(c) === key);
}

/** The fields an import compares and may update, in the order the sheet shows them. */
export const COMPARABLE_FIELDS = [
  'code',
  'documentType',
  'dni',
  'fullName',
  'email',
  'phone',
  'consultant',
  'service',
] as const;
export type ComparableField = (typeof COMPARABLE_FIELDS)[number];

/** The comparable fields of an imported appointment as text ('' for none). */
export function comparableFields(a: ImportedAppointment): Record<ComparableField, string> {
  const out = {} as Record<ComparableField, string>;
  for (const f of COMPARABLE_FIELDS) out[f] = a[f] ?? '';
  return out;
}

function sameMinute(a: Date, b: Date): boolean {
  return Math.floor(a.getTime() / 60_000) === Math.floor(b.getTime() / 60_000);
}

/** An all-digit code without its leading zeros ('000123' → '123'); null for any other key. */
function looseKey(key: string): string | null {
  return /^\d+$/.test(key) ? key.replace(/^0+(?=\d)/, '') : null;
}

function diff(existing: ExistingAppointment, imported: ImportedAppointment): { changes: Partial<ImportedAppointment>; moved: boolean } {
  const changes: Partial<ImportedAppointment> = {};
  const incoming = comparableFields(imported);
  for (const f of COMPARABLE_FIELDS) {
    if (!(f in existing.fields)) continue; // the sheet does not keep this field
    if (incoming[f] === '') continue; // the report never erases
    const current = cleanText(existing.fields[f]);
    if (current === incoming[f]) continue;
    if (f === 'code' && looseKey(current) !== null && looseKey(current) === looseKey(incoming[f])) continue;
    (changes as Record<string, unknown>)[f] = imported[f];
  }
  const moved = !sameMinute(existing.start, imported.start);
  if (moved) changes.start = imported.start;
  return { changes, moved };
}

/** Builds the plan that brings the registered appointments in line with a newer report. */
export function reconcileImport(existing: ExistingAppointment[], imported: ImportedAppointment[], now: Date): ImportPlan {
  const plan: ImportPlan = {
    inserts: [],
    updates: [],
    cancellations: [],
    unchanged: [],
    notInReport: [],
    cancelledOnPlatformNotHeld: [],
    scope: { firstDay: null, lastDay: null, consultants: [] },
  };
  const byKey = new Map<string, ExistingAppointment>();
  const byLooseKey = new Map<string, ExistingAppointment>();
  for (const e of existing) {
    if (!byKey.has(e.key)) byKey.set(e.key, e);
    const loose = looseKey(e.key);
    if (loose !== null && !byLooseKey.has(loose)) byLooseKey.set(loose, e);
  }
  const matched = new Set<string>(); // keys of registered appointments the report lists
  const isFuture = (d: Date) => d.getTime() > now.getTime();

  const scope = plan.scope;
  const consultantKeys = new Set<string>();
  const seen = new Set<string>();
  for (const imp of imported) {
    if (seen.has(imp.key)) continue; // parseReport already rejects duplicates; be safe anyway
    seen.add(imp.key);
    const day = limaDateKey(imp.start);
    if (scope.firstDay === null || day < scope.firstDay) scope.firstDay = day;
    if (scope.lastDay === null || day > scope.lastDay) scope.lastDay = day;
    const ck = consultantKey(imp.consultant ?? '');
    if (!consultantKeys.has(ck)) {
      consultantKeys.add(ck);
      scope.consultants.push(cleanText(imp.consultant ?? ''));
    }

    const loose = looseKey(imp.key);
    const ex = byKey.get(imp.key) ?? (loose !== null ? byLooseKey.get(loose) : undefined);
    if (ex && matched.has(ex.key)) continue; // '123' and '000123' in the same report: first one wins
    if (ex) matched.add(ex.key);
    if (!ex) {
      if (imp.cancelledOnPlatform) plan.cancelledOnPlatformNotHeld.push(imp.key);
      else plan.inserts.push(imp);
      continue;
    }
    if (imp.cancelledOnPlatform) {
      if (ex.status === 'Programada' && isFuture(ex.start)) plan.cancellations.push(ex.key);
      else plan.unchanged.push(ex.key);
      continue;
    }
    const { changes, moved } = diff(ex, imp);
    const changed = Object.keys(changes).length > 0;
    if (ex.status === 'Programada') {
      if (changed) plan.updates.push({ key: ex.key, changes, moved, reinstated: false });
      else plan.unchanged.push(ex.key);
    } else if (ex.status === 'Cancelada' && ex.cancellationSource !== 'manual' && isFuture(imp.start)) {
      plan.updates.push({ key: ex.key, changes, moved, reinstated: true });
    } else {
      // In attention, attended, abandoned, cancelled by hand or in the past: history stays.
      plan.unchanged.push(ex.key);
    }
  }

  for (const ex of byKey.values()) {
    if (matched.has(ex.key)) continue;
    const covered = coveredByReport(scope, ex.start, ex.fields.consultant ?? '');
    if (ex.status === 'Programada' && isFuture(ex.start) && covered) plan.cancellations.push(ex.key);
    else plan.notInReport.push(ex.key);
  }
  return plan;
}

/**
 * One Spanish paragraph for the sidebar: 'Se importaron 28 citas nuevas, 1 actualizada y
 * 1 cancelada. 30 citas ya registradas quedaron sin cambios. 3 filas rechazadas: Fila 7: …'.
 */
export function summariseImport(plan: ImportPlan, rejected: Pick<RejectedRow, 'reason'>[]): string {
  return importSummaryText(
    {
      inserted: plan.inserts.length,
      updated: plan.updates.length,
      moved: plan.updates.filter((u) => u.moved).length,
      reinstated: plan.updates.filter((u) => u.reinstated).length,
      cancelled: plan.cancellations.length,
      unchanged: plan.unchanged.length,
      cancelledOnPlatformNotHeld: plan.cancelledOnPlatformNotHeld.length,
    },
    rejected.map((r) => r.reason),
  );
}
