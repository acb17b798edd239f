/**
 * «Atender en lugar de» (docs/access-model.md): under the lock, check the appointment exists and
 * is someone else's, record who takes it over and why (one property write), audit it, and answer
 * with the appointment as this user now sees it (theirs to work on, contact data included).
 */
import { ACCESS_AUDIT, ACCESS_MESSAGES as AM } from '../../domain/messages/access';
import { DAY_MESSAGES as M } from '../../domain/messages/day';
import { APPOINTMENTS_TAB, type AppointmentKey } from '../../domain/schema';
import type { Table } from '../../ports';
import { appointmentStart, cellString } from '../appointments/rows';
import { loadBookSettings } from '../team';
import { actingUser, type DayDeps } from './action';
import { consultantDisplayName, isMine } from './contacts';
import { recordGrant } from './on-behalf';
import type { DayActionResult } from './types';
import { appointmentView } from './view';

export function actOnBehalf(deps: DayDeps, id: string, reason: unknown): DayActionResult {
  const appointmentId = String(id ?? '').trim();
  const { settings } = loadBookSettings(deps.workbooks.current(), deps.properties);
  return deps.lock.withLock(() => {
    const now = deps.clock.now();
    const table: Table<AppointmentKey> = deps.workbooks.current().table(APPOINTMENTS_TAB);
    if (!table.exists()) return { ok: false, message: M.noAppointmentsTab };
    const row = table.read({ fresh: true }).byId.get(appointmentId);
    if (!row) return { ok: false, message: M.notFound(appointmentId) };
    const before = actingUser(deps, settings);
    if (isMine(row.record.consultant, before)) return { ok: false, message: AM.onBehalfAlreadyYours };
    const outcome = recordGrant(deps.properties, row.id, before.email, reason, now);
    if (!outcome.ok) return { ok: false, message: outcome.message };
    const consultant = consultantDisplayName(row.record.consultant, settings) || cellString(row.record.consultant);
    deps.audit.record({
      action: ACCESS_AUDIT.onBehalf,
      target: row.id,
      result: 'Correcto',
      detail: `${before.email} atiende en lugar de ${consultant || 'sin consultor'}: ${outcome.grant.reason}`,
    });
    const user = actingUser(deps, settings);
    const start = appointmentStart(row.record);
    if (!start) return { ok: false, message: `${AM.onBehalfGranted(consultant)} ${M.badStart(1)}` };
    return { ok: true, message: AM.onBehalfGranted(consultant), appointment: appointmentView(row, start, { now, settings, user }) };
  });
}
