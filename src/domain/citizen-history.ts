/**
 * A citizen's history (issue 15 item 4): what the service already did with one person, found by
 * their document number — earlier attentions with their topics ('Citas'), the modules they
 * registered for with the sessions they attended ('Inscripciones', 'Asistencia', 'Sesiones',
 * 'Módulos'), their certificates ('Certificados') — and the modules open for registration they
 * have not taken, so the consultant can invite them.
 *
 * Pure: the use case reads each tab once and passes plain rows here. Rules that protect the
 * person:
 * - only rows whose document is exactly this DNI count; an empty or invalid DNI matches NOTHING
 *   (an anonymised row has an empty DNI, so a person deleted under Ley 29733 — or whose records
 *   the retention anonymised — has no history, and a blank never gathers everyone's blanks);
 * - attendance and certificates are the person's only through one of THEIR registrations (an
 *   anonymised registration no longer has the DNI, so its attendance and certificate drop too).
 */
import { countedSessions, moduleCompletion } from './workshops/completion';
import { normaliseDni } from './validation';
import { CITIZEN_HISTORY_MESSAGES as M } from './messages/citizen-history';
import { formatLimaDate } from './lima-time';

/** A document cell as read: text, or a number when the cell was not formatted as text (7 digits: the leading zero is restored). */
export type DocumentCell = string | number;

export interface HistoryAppointmentRow {
  readonly id: string;
  readonly dni: DocumentCell;
  readonly start: Date | null;
  readonly status: string;
  readonly topic: string;
}

export interface HistoryModuleRow {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly status: string;
  readonly startDate: Date | null;
  readonly endDate: Date | null;
  readonly minSessions: number;
}

export interface HistorySessionRow {
  readonly id: string;
  readonly moduleId: string;
  readonly status: string;
  readonly start: Date | null;
  readonly end: Date | null;
}

export interface HistoryRegistrationRow {
  readonly id: string;
  readonly moduleId: string;
  readonly dni: DocumentCell;
  readonly status: string;
  readonly registeredAt: Date | null;
}

export interface HistoryAttendanceRow {
  readonly registrationId: string;
  readonly sessionId: string;
  readonly present: boolean;
}

export interface HistoryCertificateRow {
  readonly code: string;
  readonly registrationId: string;
  readonly moduleId: string;
  readonly moduleName: string;
  readonly state: string;
  readonly issuedAt: Date | null;
}

export interface HistoryInput {
  /** The person's document as read from the cell or typed (normalised here; invalid → nothing). */
  readonly dni: string;
  /** The appointment being attended: not one of the "earlier" attentions. */
  readonly excludeAppointmentId?: string;
  readonly now: Date;
  readonly appointments: readonly HistoryAppointmentRow[];
  readonly registrations: readonly HistoryRegistrationRow[];
  readonly attendance: readonly HistoryAttendanceRow[];
  readonly modules: readonly HistoryModuleRow[];
  readonly sessions: readonly HistorySessionRow[];
  readonly certificates: readonly HistoryCertificateRow[];
}

export interface HistoryAttention {
  readonly id: string;
  readonly start: Date | null;
  readonly status: string;
  readonly topic: string;
  /** After `now`: booked, not yet held. */
  readonly upcoming: boolean;
}

export interface HistoryCertificate {
  readonly code: string;
  readonly state: string;
  readonly issuedAt: Date | null;
}

export interface HistoryModule {
  readonly registrationId: string;
  readonly moduleId: string;
  readonly name: string;
  readonly kind: string;
  readonly startDate: Date | null;
  readonly endDate: Date | null;
  readonly registrationStatus: string;
  readonly registeredAt: Date | null;
  /** Counted (not cancelled) sessions of the module, and how many of them the person attended. */
  readonly sessions: number;
  readonly attended: number;
  readonly minSessions: number;
  /** Confirmed and met the module's certificate rule (domain/workshops/completion.ts). */
  readonly completed: boolean;
  /** The newest certificate of this registration (any state), or null. */
  readonly certificate: HistoryCertificate | null;
}

export interface HistoryOpenModule {
  readonly moduleId: string;
  readonly name: string;
  readonly startDate: Date | null;
  readonly endDate: Date | null;
}

export interface CitizenHistory {
  /** The normalised DNI ('' when the input was none: then everything below is empty). */
  readonly dni: string;
  /** Newest first. */
  readonly attentions: readonly HistoryAttention[];
  /** Newest registration first. */
  readonly modules: readonly HistoryModule[];
  /** Every certificate of the person's registrations, newest first ('Reemplazado' ones left out: the reissue replaced them). */
  readonly certificates: readonly (HistoryCertificate & { readonly moduleName: string })[];
  /** Modules with registration open that the person has not taken (see `modulesToInvite`). */
  readonly toInvite: readonly HistoryOpenModule[];
  readonly counts: { readonly attentions: number; readonly modules: number; readonly completed: number; readonly certificates: number };
}

const EMPTY_COUNTS = { attentions: 0, modules: 0, completed: 0, certificates: 0 } as const;

/** The DNI a history is about, or '' (nothing matches ''). */
export function historyDni(raw: unknown): string {
  if (typeof raw !== 'string' && typeof raw !== 'number') return '';
  return normaliseDni(typeof raw === 'string' ? raw.trim() : raw) ?? '';
}

function time(d: Date | null): number {
  return d ? d.getTime() : -Infinity;
}

/** A module's name as compared across editions: no accents, case or repeated spaces. */
export function moduleNameKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** A registration that holds (or waits for) a place. */
const ACTIVE_REGISTRATION = new Set(['Inscrito', 'En lista de espera', 'Por revisar']);

/**
 * Modules the consultant can invite the person to: registration open ('Inscripción abierta'), not
 * ended, and not "taken" — the person has no active registration in it and has not completed a
 * module of the same name (another edition of the same module).
 */
export function modulesToInvite(modules: readonly HistoryModuleRow[], taken: readonly HistoryModule[], now: Date): HistoryOpenModule[] {
  const activeIn = new Set(taken.filter((m) => ACTIVE_REGISTRATION.has(m.registrationStatus)).map((m) => m.moduleId));
  const completedNames = new Set(taken.filter((m) => m.completed).map((m) => moduleNameKey(m.name)));
  return modules
    .filter((m) => m.status === 'Inscripción abierta' && !(m.endDate && m.endDate.getTime() < now.getTime()))
    .filter((m) => !activeIn.has(m.id) && !completedNames.has(moduleNameKey(m.name)))
    .map((m) => ({ moduleId: m.id, name: m.name, startDate: m.startDate, endDate: m.endDate }))
    .sort((a, b) => time(a.startDate) - time(b.startDate) || a.name.localeCompare(b.name));
}

export function citizenHistory(i: HistoryInput): CitizenHistory {
  const dni = historyDni(i.dni);
  if (dni === '') return { dni: '', attentions: [], modules: [], certificates: [], toInvite: [], counts: EMPTY_COUNTS };

  const attentions: HistoryAttention[] = i.appointments
    .filter((a) => a.id !== '' && a.id !== i.excludeAppointmentId && historyDni(a.dni) === dni)
    .map((a) => ({ id: a.id, start: a.start, status: a.status, topic: a.topic, upcoming: a.start !== null && a.start.getTime() > i.now.getTime() }))
    .sort((a, b) => time(b.start) - time(a.start));

  const registrations = i.registrations.filter((r) => r.id !== '' && historyDni(r.dni) === dni);
  const mine = new Set(registrations.map((r) => r.id));
  const present = i.attendance.filter((a) => a.present && mine.has(a.registrationId));
  const moduleOf = new Map(i.modules.map((m) => [m.id, m]));
  const sessionsOf = new Map<string, HistorySessionRow[]>();
  for (const s of i.sessions) {
    const list = sessionsOf.get(s.moduleId);
    if (list) list.push(s);
    else sessionsOf.set(s.moduleId, [s]);
  }
  const certificates = i.certificates.filter((c) => c.code !== '' && mine.has(c.registrationId)).sort((a, b) => time(b.issuedAt) - time(a.issuedAt));

  const modules: HistoryModule[] = registrations
    .map((r): HistoryModule => {
      const m = moduleOf.get(r.moduleId);
      const sessions = sessionsOf.get(r.moduleId) ?? [];
      const rule = moduleCompletion({ minSessions: m?.minSessions ?? 0, sessions, registrations: [r], present, now: i.now });
      const counted = new Set(countedSessions(sessions).map((s) => s.id));
      const attended = new Set(present.filter((p) => p.registrationId === r.id && counted.has(p.sessionId)).map((p) => p.sessionId)).size;
      const cert = certificates.find((c) => c.registrationId === r.id);
      return {
        registrationId: r.id,
        moduleId: r.moduleId,
        name: m?.name || r.moduleId,
        kind: m?.kind ?? '',
        startDate: m?.startDate ?? null,
        endDate: m?.endDate ?? null,
        registrationStatus: r.status,
        registeredAt: r.registeredAt,
        sessions: counted.size,
        attended,
        minSessions: rule.minSessions,
        completed: rule.people[0]?.meetsRule ?? false,
        certificate: cert ? { code: cert.code, state: cert.state, issuedAt: cert.issuedAt } : null,
      };
    })
    .sort((a, b) => time(b.registeredAt) - time(a.registeredAt));

  const shownCertificates = certificates
    .filter((c) => c.state !== 'Reemplazado')
    .map((c) => ({ code: c.code, state: c.state, issuedAt: c.issuedAt, moduleName: c.moduleName || moduleOf.get(c.moduleId)?.name || c.moduleId }));

  return {
    dni,
    attentions,
    modules,
    certificates: shownCertificates,
    toInvite: modulesToInvite(i.modules, modules, i.now),
    counts: {
      attentions: attentions.filter((a) => !a.upcoming).length,
      modules: modules.length,
      completed: modules.filter((m) => m.completed).length,
      certificates: shownCertificates.filter((c) => c.state === 'Vigente').length,
    },
  };
}

// ---------------------------------------------------------------------------- the panel's view (texts)

export interface CitizenHistoryAttentionView {
  id: string;
  dateText: string;
  status: string;
  topic: string;
  upcoming: boolean;
}

export interface CitizenHistoryModuleView {
  moduleId: string;
  name: string;
  datesText: string;
  registrationStatus: string;
  attendanceText: string;
  completed: boolean;
  certificateText: string;
}

export interface CitizenHistoryOpenModuleView {
  moduleId: string;
  name: string;
  datesText: string;
}

export interface CitizenHistoryCertificateView {
  code: string;
  moduleName: string;
  text: string;
}

/** The history as the panel shows it: texts only (the page puts them in as text). */
export interface CitizenHistoryView {
  dni: string;
  summary: string;
  attentions: CitizenHistoryAttentionView[];
  modules: CitizenHistoryModuleView[];
  certificates: CitizenHistoryCertificateView[];
  toInvite: CitizenHistoryOpenModuleView[];
  /** 'No hay módulos abiertos…' when `toInvite` is empty. */
  toInviteNote: string;
}

export function historyView(h: CitizenHistory): CitizenHistoryView {
  const empty = h.attentions.length + h.modules.length + h.certificates.length === 0;
  return {
    dni: h.dni,
    summary: empty ? M.nothing(h.dni) : M.summary(h.counts),
    attentions: h.attentions.map((a) => ({
      id: a.id,
      dateText: a.start ? formatLimaDate(a.start) : M.noDate,
      status: a.upcoming ? `${a.status} (${M.upcoming.toLowerCase()})` : a.status,
      topic: a.topic || M.noTopic,
      upcoming: a.upcoming,
    })),
    modules: h.modules.map((m) => ({
      moduleId: m.moduleId,
      name: m.name,
      datesText: M.dates(m.startDate, m.endDate),
      registrationStatus: m.registrationStatus,
      attendanceText: M.attendance(m.attended, m.sessions, m.minSessions),
      completed: m.completed,
      certificateText: m.certificate ? M.certificate(m.certificate.code, m.certificate.state, m.certificate.issuedAt) : M.noCertificate,
    })),
    certificates: h.certificates.map((c) => ({ code: c.code, moduleName: c.moduleName, text: M.certificate(c.code, c.state, c.issuedAt) })),
    toInvite: h.toInvite.map((m) => ({ moduleId: m.moduleId, name: m.name, datesText: M.dates(m.startDate, m.endDate) })),
    toInviteNote: h.toInvite.length ? '' : M.toInviteNone,
  };
}
