/**
 * The indicators' provider for the procedure's real time (issue 15 item 2): reads the moments the
 * product keeps — 'Citas' in Atenciones; 'Módulos', 'Sesiones', 'Asistencia' and 'Solicitudes
 * externas' in Talleres — each tab once (the Table port caches a read per execution), turns them
 * into plain rows and lets src/domain/indicators/timings.ts compute every figure. Shown in both
 * spreadsheets: the attention (A) and the workshops (B, C) side by side, against the seed's
 * standard minutes. A spreadsheet that cannot be opened leaves its activities without cases, and
 * the section says so.
 */
import { computeTimings, timingsSection, type AttentionTimes, type ModuleTimes, type SessionTimes, type TimingsInput } from '../../domain/indicators/timings';
import type { RequestMoments } from '../../domain/external/timings';
import type { IndicatorSection } from '../../domain/indicators/sections';
import { APPOINTMENTS_TAB, ATTENDANCE_TAB, EXTERNAL_REQUESTS_TAB, MODULES_TAB, SESSIONS_TAB, type TabSpec } from '../../domain/schema';
import type { TableRow } from '../../domain/table';
import type { Workbook } from '../../ports';
import { appointmentStart } from '../appointments/rows';
import type { IndicatorInputs, IndicatorProvider } from './dashboard';

function text(v: unknown): string {
  return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
}

function date(v: unknown): Date | null {
  return v instanceof Date && !isNaN(v.getTime()) ? v : null;
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** The tab's data rows with an ID (a missing tab reads as none). */
function rowsOf<K extends string>(book: Workbook | null, spec: TabSpec<K>): readonly TableRow<K>[] {
  if (!book) return [];
  const t = book.table(spec);
  return t.exists() ? t.read().rows.filter((r) => r.id !== '') : [];
}

/** 'Citas' as the timings read it. */
export function attentionTimes(book: Workbook | null): AttentionTimes[] {
  return rowsOf(book, APPOINTMENTS_TAB).map((row) => {
    const r = row.record;
    return {
      status: text(r.status),
      scheduled: appointmentStart(r),
      importedAt: date(r.importedAt),
      reminderSentAt: date(r.reminderSentAt),
      extranetNotified: r.extranetNotified === true,
      startedAt: date(r.startedAt),
      endedAt: date(r.endedAt),
      durationMinutes: num(r.durationMinutes),
    };
  });
}

/** 'Módulos' with their sessions (cancelled ones left out) and manual attendance marks. */
export function moduleTimes(book: Workbook | null): ModuleTimes[] {
  const sessions = new Map<string, SessionTimes[]>();
  for (const s of rowsOf(book, SESSIONS_TAB)) {
    if (text(s.record.status) === 'Cancelada') continue;
    const id = text(s.record.moduleId);
    const list = sessions.get(id) ?? [];
    list.push({ start: date(s.record.start), end: date(s.record.end), isClosing: s.record.isClosing === true });
    sessions.set(id, list);
  }
  const marks = new Map<string, number>();
  for (const a of rowsOf(book, ATTENDANCE_TAB)) {
    if (text(a.record.source) !== 'Manual') continue;
    const id = text(a.record.moduleId);
    marks.set(id, (marks.get(id) ?? 0) + 1);
  }
  return rowsOf(book, MODULES_TAB).map((row) => {
    const r = row.record;
    return {
      external: text(r.kind) === 'Externo' || text(r.requestId) !== '',
      createdAt: date(r.createdAt),
      programmeSentAt: date(r.programmeSentAt),
      factSheetAt: date(r.factSheetAt),
      consolidatedAt: date(r.consolidatedAt),
      reportSentAt: date(r.reportSentAt),
      sessions: sessions.get(row.id) ?? [],
      manualMarks: marks.get(row.id) ?? 0,
    };
  });
}

/** 'Solicitudes externas' as src/domain/external/timings.ts reads them (the session's start from the workshop's sessions). */
export function requestMoments(book: Workbook | null): RequestMoments[] {
  const firstStart = new Map<string, Date>();
  for (const s of rowsOf(book, SESSIONS_TAB)) {
    const start = date(s.record.start);
    const id = text(s.record.moduleId);
    if (!start || text(s.record.status) === 'Cancelada') continue;
    const seen = firstStart.get(id);
    if (!seen || start.getTime() < seen.getTime()) firstStart.set(id, start);
  }
  return rowsOf(book, EXTERNAL_REQUESTS_TAB).map((row) => {
    const r = row.record;
    const decision = text(r.decision);
    return {
      receivedAt: r.receivedAt,
      sentForApprovalAt: r.sentForApprovalAt,
      decision,
      decidedAt: r.decidedAt,
      scheduledAt: r.scheduledAt,
      sessionStart: firstStart.get(text(r.moduleId)) ?? (decision === 'Aprobada' ? r.proposedStart : null),
      heldAt: r.heldAt,
      thanksAt: r.thanksAt,
      closedAt: r.closedAt,
    };
  });
}

/** Every row the figures need, each tab read once. */
export function timingsInput(input: Pick<IndicatorInputs, 'atenciones' | 'talleres'>): TimingsInput {
  return { attentions: attentionTimes(input.atenciones), modules: moduleTimes(input.talleres), requests: requestMoments(input.talleres) };
}

export function buildTimingsSections(input: IndicatorInputs): IndicatorSection[] {
  const figures = computeTimings(timingsInput(input), input.period, input.now);
  const missing = [input.atenciones ? '' : '«Atenciones Virtuales – Centro de Empleo»', input.talleres ? '' : '«Programación Talleres Masivos»'].filter(Boolean);
  return [timingsSection(figures, missing)];
}

export const TIMINGS_PROVIDER: IndicatorProvider = {
  key: 'tiempos',
  roles: ['atenciones', 'talleres'],
  build: buildTimingsSections,
};
