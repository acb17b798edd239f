/**
 * The real timings of an internal module (issue 14 item 4) for its detail in «Módulos»: from the
 * moments its 'Módulos' row and its sessions recorded, the B01–B12 steps against the seed's
 * 2 d 3 h (src/domain/external/timings.ts). An external workshop's timings are its request's
 * («Solicitudes externas»): null for it.
 *
 * Called after listModules read both tabs: the Table port keeps its snapshot, so no Sheets call.
 */
import { moduleTimings, type TimingsView } from '../../domain/external/timings';
import { MODULES_TAB, SESSIONS_TAB } from '../../domain/schema';
import type { Clock, Workbooks } from '../../ports';

function text(v: unknown): string {
  return typeof v === 'string' ? v.trim() : '';
}

export function moduleTimingsOf(deps: { workbooks: Workbooks; clock: Clock }, moduleId: string): TimingsView | null {
  const book = deps.workbooks.current();
  const modules = book.table(MODULES_TAB);
  if (!modules.exists()) return null;
  const row = modules.read().rows.find((r) => r.id !== '' && r.id === moduleId);
  if (!row || text(row.record.kind) === 'Externo' || text(row.record.requestId) !== '') return null;
  const sessionsTable = book.table(SESSIONS_TAB);
  const sessions = sessionsTable.exists()
    ? sessionsTable
        .read()
        .rows.filter((s) => s.id !== '' && text(s.record.moduleId) === moduleId && text(s.record.status) !== 'Cancelada')
        .map((s) => ({ start: s.record.start, end: s.record.end }))
    : [];
  const r = row.record;
  return moduleTimings(
    { createdAt: r.createdAt, programmeSentAt: r.programmeSentAt, factSheetAt: r.factSheetAt, sessions, consolidatedAt: r.consolidatedAt, reportSentAt: r.reportSentAt },
    deps.clock.now(),
  );
}
