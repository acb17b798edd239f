/**
 * "Citas de hoy" in ONE round trip (A03–A06): today's appointments (the consultant's or
 * everyone's), the user's own appointments of earlier days still open («Pendientes de días
 * anteriores», from the same reading of 'Citas'), the catalogues, the attention script, the day's counts, what waits in 'Revisión'.
 *
 * Sheets calls do not depend on how many appointments there are: 'Configuración', 'Citas' and
 * 'Revisión' are each read once, whole.
 */
import { loadSettings } from '../team';
import { ABANDON_REASONS, CONSULTATION_TOPICS, isOpenStatus } from '../../domain/appointment';
import { formatLimaDate, limaDateKey, limaStartOfDay } from '../../domain/lima-time';
import { renderAttentionScript } from '../../domain/messages/attention-script';
import { DAY_MESSAGES as M } from '../../domain/messages/day';
import { APPOINTMENTS_TAB, REVIEW_TAB, SETTINGS_TAB } from '../../domain/schema';
import type { Clock, KeyValueStore, Session, Workbooks } from '../../ports';
import { appointmentStart, appointmentStatus, cellString } from '../appointments/rows';
import { pendingDeliveries } from '../reminders';
import { recordedRole } from '../setup';
import { actingUser } from './action';
import type { AppointmentView, DayScope, DayView, DayViewOptions, PendingMail } from './types';
import { appointmentView, dayCounts } from './view';

export interface DayViewDeps {
  workbooks: Workbooks;
  properties: KeyValueStore;
  clock: Clock;
  session: Session;
}

/** Kept in the script so the page can fill in each user's name (it never builds HTML from it). */
export const USER_PLACEHOLDER = '{usuario}';

function emptyView(now: Date, scope: DayScope, message: string): DayView {
  return {
    ready: false,
    message,
    spreadsheetName: '',
    dayKey: limaDateKey(now),
    dateText: formatLimaDate(now),
    now: now.getTime(),
    scope,
    user: { email: '', name: '', isConsultant: false, isCoordinator: false },
    toleranceMinutes: 0,
    standardMinutes: 0,
    appointments: [],
    earlier: [],
    counts: { total: 0, attended: 0, abandoned: 0, open: 0, cancelled: 0 },
    mineCount: 0,
    allCount: 0,
    catalogues: { topics: [...CONSULTATION_TOPICS], abandonReasons: [...ABANDON_REASONS] },
    attentionScript: [],
    reviewCount: 0,
    notices: [],
  };
}

/** Pending rows of 'Revisión' (a person has not settled them yet). */
function pendingReviewCount(deps: DayViewDeps): number {
  const review = deps.workbooks.current().table(REVIEW_TAB);
  if (!review.exists()) return 0;
  return review.read().rows.filter((r) => {
    const status = cellString(r.record.status);
    return (r.id !== '' || cellString(r.record.detail) !== '') && (status === '' || status === 'Pendiente');
  }).length;
}

/** A row whose date cell says today but whose instant cannot be worked out (bad 'Hora'). */
function isTodayButUnreadable(record: { date: unknown }, todayKey: string): boolean {
  const d = record.date;
  if (d instanceof Date && !isNaN(d.getTime())) return limaDateKey(d) === todayKey;
  const [y, m, day] = todayKey.split('-');
  return cellString(d).replace(/\s/g, '') === `${day}/${m}/${y}`;
}

/** "Citas de hoy". Without `options.scope` the server picks: the user's own day when it knows their name, else everyone's. */
export function getDayView(deps: DayViewDeps, options: DayViewOptions = {}): DayView {
  const now = deps.clock.now();
  const asked: DayScope | null = options?.scope === 'all' || options?.scope === 'mine' ? options.scope : null;
  const role = recordedRole(deps.properties);
  if (role === 'talleres') return emptyView(now, asked ?? 'mine', M.wrongRole);

  const book = deps.workbooks.current();
  const table = book.table(APPOINTMENTS_TAB);
  if (!table.exists()) return emptyView(now, asked ?? 'mine', role === null ? M.notConfigured : M.noAppointmentsTab);

  const { settings, problems } = loadSettings(book.table(SETTINGS_TAB), deps.properties);
  const user = actingUser(deps, settings);
  // Unless the panel asks, a consultant the settings know by name sees their own day; anyone
  // else (not listed yet, no name written) sees everyone's rather than an empty list.
  const scope: DayScope = asked ?? (user.isConsultant && user.name ? 'mine' : 'all');
  const todayKey = limaDateKey(now);
  const notices = problems.map(M.settingsProblem);

  let unreadable = 0;
  const all: AppointmentView[] = [];
  const earlier: AppointmentView[] = [];
  for (const row of table.read().rows) {
    if (row.id === '') continue;
    const start = appointmentStart(row.record);
    if (!start) {
      if (isTodayButUnreadable(row.record, todayKey)) unreadable++;
      continue;
    }
    const key = limaDateKey(start);
    if (key < todayKey) {
      // Left open on an earlier day: the user's own (or taken over) only, whatever the scope.
      const status = appointmentStatus(row.record);
      if (!status || !isOpenStatus(status)) continue;
      const v = appointmentView(row, start, { now, settings, user });
      if (v.mine) earlier.push(v);
      continue;
    }
    if (key !== todayKey) continue;
    all.push(appointmentView(row, start, { now, settings, user }));
  }
  const byTime = (a: AppointmentView, b: AppointmentView) => a.startMs - b.startMs || a.fullName.localeCompare(b.fullName, 'es');
  all.sort(byTime);
  earlier.sort(byTime);
  if (unreadable) notices.push(M.badStart(unreadable));

  const mine = all.filter((a) => a.mine);
  if (!user.isConsultant) notices.push(M.notAConsultant(user.email));
  else if (!user.name) notices.push(M.consultantWithoutName(user.email));
  const listed = scope === 'all' ? all : mine;
  // Reminders the last run could not send for lack of mail quota (one property read).
  const waiting = pendingDeliveries(deps);
  const pendingMail: PendingMail | null = waiting.count > 0 ? waiting : null;

  return {
    ready: true,
    message: '',
    spreadsheetName: book.name(),
    dayKey: todayKey,
    dateText: formatLimaDate(limaStartOfDay(todayKey)),
    now: now.getTime(),
    scope,
    user: { email: user.email, name: user.name, isConsultant: user.isConsultant, isCoordinator: user.isCoordinator === true },
    toleranceMinutes: settings.toleranceMinutes,
    standardMinutes: settings.standardMinutes,
    appointments: listed,
    earlier,
    counts: dayCounts(listed),
    mineCount: mine.length,
    allCount: all.length,
    catalogues: { topics: [...CONSULTATION_TOPICS], abandonReasons: [...ABANDON_REASONS] },
    attentionScript: renderAttentionScript({ consultantName: user.name, userName: USER_PLACEHOLDER, now }),
    reviewCount: pendingReviewCount(deps),
    ...(pendingMail ? { pendingMail } : {}),
    notices,
  };
}
