/**
 * One module in the panel (issue 11, item 6): the module as «Módulos» shows it (its B01–B05 stage,
 * its sessions with the speakers' answers, its counts) and its registrants — the confirmed ones,
 * those to review and those who withdrew, in order of registration, and the waiting list in its
 * order ('Fecha de inscripción', then the sheet's order). One read per tab; first, under the script
 * lock, the module's and its sessions' status are moved by the time that passed (issue 12,
 * src/app/workshops/progress.ts) — a busy lock skips that, never the view.
 *
 * The panel's list carries names, states, positions and times only: no document number, email or
 * phone (those stay in the sheet, where the consultant running the module can see them).
 */
import { formatHHmm, formatLimaShortDate } from '../../domain/lima-time';
import { REGISTRANT_MESSAGES as R } from '../../domain/messages/workshops-stage';
import { REGISTRATIONS_TAB, type RegistrationKey } from '../../domain/schema';
import type { TableRow } from '../../domain/table';
import { cleanText } from '../../domain/text';
import { listModules, type ModuleView, type ProgrammeDeps } from './programme';
import { refreshModuleProgress } from './progress';
// Issue 14 (i14-panel): the module's real timings against the seed's 2 d 3 h.
import { moduleTimingsOf } from '../external/module-timings';
import type { TimingsView } from '../../domain/external/timings';

export interface RegistrantView {
  /** 'ID de inscripción' (no personal data). */
  id: string;
  name: string;
  /** 'Inscrito' | 'En lista de espera' | 'Por revisar' | 'Retirado' */
  status: string;
  /** '27/11/2026 09:15' (Lima; '' when the cell is empty). */
  registeredAt: string;
  /** Place in the waiting list (1, 2, …); 0 when not waiting. */
  position: number;
  /** The email this state calls for — confirmation, waiting-list notice or the notice of a place given — as text: 'enviado', 'por enviar', 'por revisar', 'no salió', 'sin aviso'. */
  notice: string;
  /** When a place was given from the waiting list ('' never). */
  promotedAt: string;
}

export type ModuleDetail =
  | {
      ok: true;
      module: ModuleView;
      /** Everyone but the waiting list and annulled rows, in order of registration. */
      registrants: RegistrantView[];
      /** 'En lista de espera', in order. */
      waitingList: RegistrantView[];
      /** Issue 14: the B01–B12 timings of an internal module (null for an external workshop). */
      timings?: TimingsView | null;
    }
  | { ok: false; message: string };

function text(v: unknown): string {
  if (v === null || v === undefined || v instanceof Date) return '';
  return String(v).trim();
}

function dateOf(v: unknown): Date | null {
  return v instanceof Date && !isNaN(v.getTime()) ? v : null;
}

function when(v: unknown): string {
  const d = dateOf(v);
  return d ? `${formatLimaShortDate(d)} ${formatHHmm(d)}` : '';
}

const SHOWN = new Set(['Inscrito', 'En lista de espera', 'Por revisar', 'Retirado']);

function noticeOf(row: TableRow<RegistrationKey>, status: string): string {
  const r = row.record;
  const raw = status === 'En lista de espera' ? r.waitlistNotice : status === 'Inscrito' && dateOf(r.promotedAt) ? r.promotionNotice : status === 'Inscrito' ? r.confirmation : '';
  return R.notice[text(raw)] ?? R.noNotice;
}

/** Oldest first; rows without a date after those with one, in sheet order (a stable sort). */
function byRegistration(a: { at: number; i: number }, b: { at: number; i: number }): number {
  return a.at - b.at || a.i - b.i;
}

/** The module (as «Módulos» shows it) and its registrants and waiting list. */
export function moduleDetail(deps: ProgrammeDeps, rawId: unknown): ModuleDetail {
  const id = cleanText(rawId, 80);
  // Issue 12 (B09): the module's and its sessions' status moved by the time that passed, before it is shown.
  refreshModuleProgress(deps, deps.clock.now(), id);
  const list = listModules(deps);
  if (!list.ready) return { ok: false, message: list.message };
  const module = list.modules.find((m) => m.id === id);
  if (!module) return { ok: false, message: R.notFound };
  // Already read by listModules (the Table port keeps its snapshot): no second Sheets call.
  const table = deps.workbooks.current().table(REGISTRATIONS_TAB);
  const rows = table.exists() ? table.read().rows : [];
  const mine = rows
    .map((row, i) => ({ row, i, at: dateOf(row.record.registeredAt)?.getTime() ?? Number.MAX_SAFE_INTEGER }))
    .filter((x) => x.row.id !== '' && text(x.row.record.moduleId) === id && SHOWN.has(text(x.row.record.status)))
    .sort(byRegistration);
  const view = (row: TableRow<RegistrationKey>, position: number): RegistrantView => {
    const status = text(row.record.status);
    return {
      id: row.id,
      name: text(row.record.fullName),
      status,
      registeredAt: when(row.record.registeredAt),
      position,
      notice: noticeOf(row, status),
      promotedAt: when(row.record.promotedAt),
    };
  };
  const waiting = mine.filter((x) => text(x.row.record.status) === 'En lista de espera');
  return {
    ok: true,
    module,
    registrants: mine.filter((x) => text(x.row.record.status) !== 'En lista de espera').map((x) => view(x.row, 0)),
    waitingList: waiting.map((x, i) => view(x.row, i + 1)),
    timings: moduleTimingsOf(deps, id),
  };
}
