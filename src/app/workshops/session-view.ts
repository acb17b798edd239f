/**
 * One session in the panel (B06–B09): the session's emails sent per kind ('Envíos de sesiones'),
 * its attendance list (who is present, from which source, and where a hand mark disagrees with
 * the evidence), the Meet report (when it was imported, who in it nobody is matched to), the
 * survey's state, and the module's running attendance per person against the certificate rule
 * ('Asistencia mínima (sesiones)'). Read only: no lock, one read per tab (plus the Meet report
 * when one was imported, to list its unmatched participants).
 *
 * Like the module's detail, it carries names and marks, never document numbers, emails or phones.
 */
import { formatHHmm, formatLimaShortDate } from '../../domain/lima-time';
import {
  ATTENDANCE_TAB,
  MODULES_TAB,
  SESSION_MAILS_TAB,
  SESSION_MAIL_KINDS,
  SESSIONS_TAB,
  SETTINGS_TAB,
  WORKSHOP_SURVEYS_TAB,
} from '../../domain/schema';
import { cleanText } from '../../domain/text';
import { readSettings } from '../settings';
import { markOf, readSessionWorld, unmatchedParticipants, type AttendanceDeps, type UnmatchedView } from './attendance';
import { dateOf, text } from './cells';

export interface SessionMailCount {
  kind: string;
  sent: number;
  pending: number;
  sending: number;
  failed: number;
}

export interface AttendanceLine {
  registrationId: string;
  name: string;
  /** null: no mark yet. */
  present: boolean | null;
  /** 'Formulario' | 'Reporte de Meet' | 'Manual' | '' */
  source: string;
  /** '10:02' (Lima) of the check-in; '' none. */
  checkinAt: string;
  /** Minutes in Meet; null when no report had them. */
  meetMinutes: number | null;
  meetName: string;
  markedBy: string;
  /** A hand mark against what the check-in or the Meet report say. */
  disagreement: string;
}

export interface RunningAttendance {
  registrationId: string;
  name: string;
  attended: number;
  /** Sessions of the module not yet held (still to come). */
  remaining: number;
  /** 'Cumple' | 'Puede cumplir' | 'No alcanza' */
  verdict: string;
}

export type SessionDetail =
  | {
      ok: true;
      session: {
        id: string;
        moduleId: string;
        moduleName: string;
        number: number;
        topic: string;
        when: string;
        status: string;
        meetUrl: string;
        started: boolean;
        participants: number;
        accessLinks: string;
        survey: string;
        surveyAnswers: number;
        meetReportAt: string;
      };
      mails: SessionMailCount[];
      attendance: AttendanceLine[];
      counts: { registrants: number; present: number; absent: number; unmarked: number; disagreements: number };
      /** null when no report was imported (or it cannot be read now). */
      unmatched: UnmatchedView[] | null;
      meetMinMinutes: number;
      module: { minSessions: number; held: number; total: number; rule: string; people: RunningAttendance[] };
    }
  | { ok: false; message: string };

const DISAGREE = {
  checkin: 'Marcó en el formulario, pero está marcado ausente a mano',
  meet: (min: number) => `Estuvo ${min} min en Meet, pero está marcado ausente a mano`,
  noEvidence: 'Marcado presente a mano; el formulario y Meet no lo muestran',
} as const;

const VERDICT = { done: 'Cumple', possible: 'Puede cumplir', no: 'No alcanza' } as const;

function when(d: Date | null): string {
  return d ? `${formatLimaShortDate(d)} ${formatHHmm(d)}` : '';
}

function disagreementOf(m: NonNullable<ReturnType<typeof markOf>>, min: number): string {
  if (m.source !== 'Manual') return '';
  if (!m.present && m.checkinAt) return DISAGREE.checkin;
  if (!m.present && m.meetMinutes !== null && m.meetMinutes >= min) return DISAGREE.meet(m.meetMinutes);
  if (m.present && !m.checkinAt && m.meetMinutes !== null && m.meetMinutes < min) return DISAGREE.noEvidence;
  return '';
}

/** The session screen's data. */
export function sessionDetail(deps: AttendanceDeps, rawId: unknown): SessionDetail {
  const id = cleanText(rawId, 80);
  const w = readSessionWorld(deps, id);
  if (typeof w === 'string') return { ok: false, message: w };
  const now = deps.clock.now();
  const book = w.book;
  const s = w.session.record;
  const settings = readSettings(book.table(SETTINGS_TAB)).settings;
  const min = settings.meetMinMinutes;

  const modules = book.table(MODULES_TAB);
  const moduleRow = modules.exists() ? modules.read().byId.get(w.moduleId) : undefined;
  const minSessions = Number(moduleRow?.record.minSessions) || 0;

  // Emails of this session per kind.
  const mailsTab = book.table(SESSION_MAILS_TAB);
  const perKind = new Map<string, SessionMailCount>(SESSION_MAIL_KINDS.map((k) => [k, { kind: k, sent: 0, pending: 0, sending: 0, failed: 0 }]));
  if (mailsTab.exists()) {
    for (const row of mailsTab.read().rows) {
      if (row.id === '' || text(row.record.sessionId) !== id) continue;
      const c = perKind.get(text(row.record.kind));
      if (!c) continue;
      const d = text(row.record.delivery);
      if (d === 'enviado') c.sent++;
      else if (d === 'enviando') c.sending++;
      else if (d === 'error') c.failed++;
      else c.pending++;
    }
  }
  const mails = [...perKind.values()].filter((c) => c.sent + c.pending + c.sending + c.failed > 0);

  const surveys = book.table(WORKSHOP_SURVEYS_TAB);
  const surveyAnswers = surveys.exists() ? surveys.read().rows.filter((r) => r.id !== '' && text(r.record.sessionId) === id).length : 0;

  const attendance: AttendanceLine[] = w.registrants
    .map((reg) => {
      const m = markOf(w.rows.get(reg.id));
      return {
        registrationId: reg.id,
        name: text(reg.record.fullName),
        present: m ? m.present : null,
        source: m ? m.source : '',
        checkinAt: m?.checkinAt ? formatHHmm(m.checkinAt) : '',
        meetMinutes: m ? m.meetMinutes : null,
        meetName: m ? m.meetName : '',
        markedBy: m ? m.markedBy : '',
        disagreement: m ? disagreementOf(m, min) : '',
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'es'));
  const present = attendance.filter((a) => a.present === true).length;
  const absent = attendance.filter((a) => a.present === false).length;

  // The module's running attendance: every session of the module, present marks per person.
  const sessions = book.table(SESSIONS_TAB).read().rows.filter((r) => r.id !== '' && text(r.record.moduleId) === w.moduleId && text(r.record.status) !== 'Cancelada');
  const sessionIds = new Set(sessions.map((r) => r.id));
  const held = sessions.filter((r) => (dateOf(r.record.start)?.getTime() ?? Infinity) <= now.getTime()).length;
  const attended = new Map<string, number>();
  for (const row of book.table(ATTENDANCE_TAB).read().rows) {
    if (row.id === '' || !sessionIds.has(text(row.record.sessionId))) continue;
    if (!markOf(row)?.present) continue;
    const reg = text(row.record.registrationId);
    attended.set(reg, (attended.get(reg) ?? 0) + 1);
  }
  const remaining = sessions.length - held;
  const people: RunningAttendance[] = w.registrants
    .filter((r) => text(r.record.status) === 'Inscrito')
    .map((r) => {
      const n = attended.get(r.id) ?? 0;
      return {
        registrationId: r.id,
        name: text(r.record.fullName),
        attended: n,
        remaining,
        verdict: n >= minSessions ? VERDICT.done : n + remaining >= minSessions ? VERDICT.possible : VERDICT.no,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'es'));

  const start = dateOf(s.start);
  return {
    ok: true,
    session: {
      id,
      moduleId: w.moduleId,
      moduleName: text(moduleRow?.record.name),
      number: Number(s.number) || 0,
      topic: text(s.topic),
      when: when(start),
      status: text(s.status),
      meetUrl: text(s.meetUrl),
      started: !!start && start.getTime() <= now.getTime(),
      participants: Number(s.participants) || 0,
      accessLinks: text(s.accessLinks),
      survey: text(s.survey),
      surveyAnswers,
      meetReportAt: when(dateOf(s.meetReportAt)),
    },
    mails,
    attendance,
    counts: { registrants: attendance.length, present, absent, unmarked: attendance.length - present - absent, disagreements: attendance.filter((a) => a.disagreement).length },
    unmatched: unmatchedParticipants(deps, id, w),
    meetMinMinutes: min,
    module: {
      minSessions,
      held,
      total: sessions.length,
      rule: minSessions ? `al menos ${minSessions} de ${sessions.length} sesiones` : '',
      people,
    },
  };
}
