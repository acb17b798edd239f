/**
 * A 'Citas' row as the panel shows it (AppointmentView), and the day's counts. Pure: the use
 * cases read the rows and the settings once and pass them here.
 */
import { isEarlierDay, isOpenStatus, splitObservations, type AppointmentStatus } from '../../domain/appointment';
import { safeUrl } from '../../domain/html';
import { limaDateKey, formatHHmm, formatLimaDate, formatLimaTime } from '../../domain/lima-time';
import { DAY_MESSAGES as M, DELIVERY_LABELS } from '../../domain/messages/day';
import { extranetNotice } from '../../domain/messages/reminder';
import type { AppointmentKey } from '../../domain/schema';
import type { TableRow } from '../../domain/table';
import { normaliseEmail } from '../../domain/validation';
import { appointmentStatus, cellString, deliveryStatus } from '../appointments/rows';
import type { Settings } from '../settings';
import { contactLinks, isMine, mayWorkOn, type PanelUser } from './contacts';
import type { AllowedActions, AppointmentView, DayCounts } from './types';

export interface ViewContext {
  now: Date;
  settings: Pick<Settings, 'toleranceMinutes' | 'consultants'>;
  user: PanelUser;
}

function epoch(v: unknown): number | null {
  return v instanceof Date && !isNaN(v.getTime()) ? v.getTime() : null;
}

function minutes(v: unknown): number | null {
  if (typeof v === 'number' && isFinite(v)) return v;
  const s = cellString(v);
  return /^\d+(\.\d+)?$/.test(s) ? Number(s) : null;
}

function checked(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  const s = cellString(v).toLowerCase();
  return s === 'true' || s === 'verdadero' || s === 'sí' || s === 'si' || s === 'x';
}

function allowedActions(status: AppointmentStatus | null, start: Date, now: Date, canEmail: boolean, invitation: string): Omit<AllowedActions, 'onBehalf'> {
  const attending = status === 'En atención' || status === 'Atendida';
  const earlier = isEarlierDay(start, now);
  return {
    start: status === 'Programada' && limaDateKey(start) === limaDateKey(now),
    // An earlier day's leftover is closed afterwards, 'Programada' too (with its duration).
    finish: status === 'En atención' || (status === 'Programada' && earlier),
    abandon: status === 'Programada',
    cancel: status === 'Programada',
    saveConsultation: attending,
    invite: attending && canEmail && invitation !== 'enviado' && invitation !== 'enviando',
    reinstate:
      (status === 'Abandonada' && limaDateKey(start) === limaDateKey(now)) || (status === 'Cancelada' && start.getTime() > now.getTime()),
  };
}

const NO_ACTIONS: Omit<AllowedActions, 'onBehalf'> = { start: false, finish: false, abandon: false, cancel: false, saveConsultation: false, invite: false, reinstate: false };

/**
 * The panel's view of one appointment whose instant is `start`. Another consultant's appointment
 * shows who and when but no contact data (a coordinator sees it all) and no action but
 * «Atender en lugar de» (docs/access-model.md).
 */
export function appointmentView(row: TableRow<AppointmentKey>, start: Date, c: ViewContext): AppointmentView {
  const full = fullView(row, start, c);
  if (full.mine) return full;
  const open = full.status === 'Programada' || full.status === 'En atención' || full.status === 'Abandonada' || full.status === 'Cancelada';
  const base = { ...full, allowed: { ...NO_ACTIONS, onBehalf: open }, restricted: !c.user.isCoordinator };
  if (c.user.isCoordinator) return base;
  return {
    ...base,
    dni: '',
    email: '',
    mailto: '',
    phone: '',
    telUrl: '',
    whatsappUrl: '',
    meetUrl: '',
    extranetMessage: '',
    notes: '',
    observations: '',
    consultantObservations: '',
    systemNotes: [],
  };
}

/** 'Observaciones' split: the consultant's text and the system's notes, shown apart. */
function observationParts(text: string): Pick<AppointmentView, 'consultantObservations' | 'systemNotes'> {
  const parts = splitObservations(text);
  return { consultantObservations: parts.consultant, systemNotes: parts.system };
}

function fullView(row: TableRow<AppointmentKey>, start: Date, c: ViewContext): AppointmentView {
  const r = row.record;
  const status = appointmentStatus(r);
  const rawStatus = cellString(r.status);
  const fullName = cellString(r.fullName);
  const email = cellString(r.email);
  const phone = cellString(r.phone);
  const links = contactLinks(r.email, r.phone);
  const meetUrl = safeUrl(cellString(r.meetUrl), ['https:']) ?? '';
  const reminderStatus = deliveryStatus(r.reminderStatus);
  const surveyStatus = deliveryStatus(r.surveyStatus);
  const abandonmentEmailStatus = deliveryStatus(r.abandonmentEmail);
  const invitationStatus = deliveryStatus(r.workshopInvitation);
  const tolerance = c.settings.toleranceMinutes;
  return {
    id: row.id,
    time: formatHHmm(start),
    timeText: formatLimaTime(start),
    dateText: formatLimaDate(start),
    earlier: isEarlierDay(start, c.now),
    startMs: start.getTime(),
    asOfMs: c.now.getTime(),
    toleranceEndsMs: start.getTime() + tolerance * 60_000,
    fullName,
    documentType: cellString(r.documentType),
    dni: cellString(r.dni),
    email,
    mailto: links.mailto,
    phone,
    telUrl: links.telUrl,
    whatsappUrl: links.whatsappUrl,
    meetUrl,
    consultant: cellString(r.consultant),
    mine: mayWorkOn(row.id, r.consultant, c.user),
    onBehalf: !isMine(r.consultant, c.user) && mayWorkOn(row.id, r.consultant, c.user),
    restricted: false,
    status: status ?? rawStatus,
    statusProblem: status ? '' : M.unknownStatus(rawStatus),
    reminderStatus,
    reminderText: DELIVERY_LABELS.reminder[reminderStatus],
    extranetNotified: checked(r.extranetNotified),
    extranetMessage: meetUrl ? extranetNotice({ fullName, start, meetUrl, toleranceMinutes: tolerance }) : '',
    extranetHelp: meetUrl ? '' : M.extranetNoMeet,
    topic: cellString(r.topic),
    notes: cellString(r.notes),
    observations: cellString(r.observations),
    ...observationParts(cellString(r.observations)),
    abandonReason: cellString(r.abandonReason),
    startedAtMs: epoch(r.startedAt),
    endedAtMs: epoch(r.endedAt),
    durationMinutes: minutes(r.durationMinutes),
    surveyStatus,
    surveyText: DELIVERY_LABELS.survey[surveyStatus],
    abandonmentEmailStatus,
    abandonmentEmailText: DELIVERY_LABELS.abandonment[abandonmentEmailStatus],
    invitationStatus,
    invitationText: DELIVERY_LABELS.invitation[invitationStatus],
    allowed: { ...allowedActions(status, start, c.now, normaliseEmail(email) !== null, invitationStatus), onBehalf: false },
  };
}

export function dayCounts(appointments: readonly Pick<AppointmentView, 'status'>[]): DayCounts {
  const counts: DayCounts = { total: appointments.length, attended: 0, abandoned: 0, open: 0, cancelled: 0 };
  for (const a of appointments) {
    if (a.status === 'Atendida') counts.attended++;
    else if (a.status === 'Abandonada') counts.abandoned++;
    else if (a.status === 'Cancelada') counts.cancelled++;
    else if (isOpenStatus(a.status as AppointmentStatus)) counts.open++;
  }
  return counts;
}
