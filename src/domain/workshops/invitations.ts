/**
 * Invitations to a module (B05), pure: who is invited (the audience), the row's ID, the reading
 * of an imported list, the mail budget left after the attention flow's reserve, and the email.
 *
 * The job (src/app/workshops/invitations.ts) keeps one row per (module, lower-case address) in
 * 'Invitaciones'. Its ID is an HMAC of both with the spreadsheet's secret: the same person is
 * never queued twice for a module, and the ID — the subject of the unsubscribe link — says
 * nothing about the address and cannot be guessed.
 *
 * Mail quota is shared with the attention flow (DESIGN.md: reminders go before bulk
 * invitations). The job spends only what is left after a reserve: the reminders still to be sent
 * for today's and tomorrow's appointments (what the reminder run will send within the quota's
 * 24 hours) plus a fixed margin for the consultants' own emails during the day (surveys,
 * abandonment notices, «Invitar a talleres»).
 */
import { html } from '../html';
import { safeUrl } from '../html';
import { hmacSha256, toBase32Hex } from '../ids';
import { addLimaDays, limaDateAt, limaDateKey } from '../lima-time';
import { button, emailDocument, greeting, heading, oneLine, paragraph, SENDER_NAME, textDocument, type EmailMessage } from '../messages/email-layout';
import { LEGAL_BASES } from '../messages/workshops-invitations';
import { headerKey, type INVITATION_SOURCES } from '../schema';
import { normaliseEmail } from '../validation';

export type InvitationSource = (typeof INVITATION_SOURCES)[number];

/**
 * Emails kept for the attention flow besides the reminders counted in the sibling's 'Citas': what the
 * consultants send by hand during a day (surveys, abandonment notices, «Invitar a talleres»).
 */
export const ATTENTION_MAIL_MARGIN = 20;
/** When the sibling's 'Citas' cannot be read, this many emails are kept instead of its count. */
export const UNKNOWN_REMINDERS_RESERVE = 100;
/** After a day without quota, the job looks again this long after the next day's reminder run. */
export const AFTER_REMINDERS_MS = 30 * 60_000;
/** A declared legal basis is at least this long (a sentence, not "ok"). */
export const MIN_LEGAL_BASIS = 10;
export const MAX_LEGAL_BASIS = 300;
/** An imported list has at most this many rows. */
export const MAX_LIST_ROWS = 5000;
/** How long an unsubscribe link keeps working. */
export const UNSUBSCRIBE_LINK_DAYS = 365;

/** 'INV-' and 16 base32hex digits of an HMAC of the module and the lower-case address. */
export function invitationId(secret: string, moduleId: string, email: string): string {
  if (!secret || !moduleId || !email) throw new Error('secret, moduleId and email must be non-empty');
  const mac = toBase32Hex(hmacSha256(secret, `invitacion\u0000${moduleId}\u0000${email.trim().toLowerCase()}`)).slice(0, 16).toUpperCase();
  return `INV-${mac}`;
}

export interface AudienceMember {
  /** Lower case. */
  email: string;
  fullName: string;
  source: InvitationSource;
  legalBasis: string;
}

function text(v: unknown): string {
  if (v === null || v === undefined || v instanceof Date) return '';
  return String(v).trim();
}

function truthy(v: unknown): boolean {
  if (v === true) return true;
  const s = text(v).toLowerCase();
  return s === 'true' || s === 'sí' || s === 'si' || s === 'verdadero' || s === 'x';
}

function lower(email: string | null): string | null {
  return email ? email.toLowerCase() : null;
}

export interface RegistrationFacts {
  moduleId: unknown;
  email: unknown;
  fullName: unknown;
  acceptsNews: unknown;
}

/**
 * (a) People who registered for earlier modules and accepted news: one per address (the latest
 * row's name wins), not those already registered in `moduleId`.
 */
export function audienceFromRegistrations(rows: readonly RegistrationFacts[], moduleId: string): AudienceMember[] {
  const inModule = new Set<string>();
  for (const r of rows) {
    const e = lower(normaliseEmail(text(r.email)));
    if (e && text(r.moduleId) === moduleId) inModule.add(e);
  }
  const out = new Map<string, AudienceMember>();
  for (const r of rows) {
    if (text(r.moduleId) === moduleId || !truthy(r.acceptsNews)) continue;
    const e = lower(normaliseEmail(text(r.email)));
    if (!e || inModule.has(e)) continue;
    out.set(e, { email: e, fullName: text(r.fullName), source: 'Inscripción anterior', legalBasis: LEGAL_BASES.registration });
  }
  return [...out.values()];
}

export interface AttentionFacts {
  email: unknown;
  fullName: unknown;
  workshopInvitation: unknown;
}

/** (b) Citizens invited to workshops during their attention ('Invitación talleres' = 'enviado'). */
export function audienceFromAttention(rows: readonly AttentionFacts[]): AudienceMember[] {
  const out = new Map<string, AudienceMember>();
  for (const r of rows) {
    if (text(r.workshopInvitation).toLowerCase() !== 'enviado') continue;
    const e = lower(normaliseEmail(text(r.email)));
    if (!e) continue;
    out.set(e, { email: e, fullName: text(r.fullName), source: 'Atención', legalBasis: LEGAL_BASES.attention });
  }
  return [...out.values()];
}

/** The declared legal basis, cleaned, or null when it is missing or too short. */
export function declaredLegalBasis(raw: unknown): string | null {
  const s = text(raw).replace(/\s+/g, ' ');
  if (s.length < MIN_LEGAL_BASIS) return null;
  return s.slice(0, MAX_LEGAL_BASIS);
}

export type ParsedList =
  | {
      ok: true;
      entries: { email: string; fullName: string }[];
      /** 1-based sheet row numbers of invalid addresses, in order. */
      invalidRows: number[];
      duplicates: number;
    }
  | { ok: false; problem: 'no-email-column' | 'empty' | 'too-many' };

const EMAIL_HEADERS = new Set(['correo', 'correoelectronico', 'email', 'email', 'e-mail', 'mail'].map(headerKey));
const NAME_HEADERS = new Set(['nombre', 'nombres', 'nombresyapellidos', 'nombrecompleto', 'apellidosynombres'].map(headerKey));

/**
 * (c) An imported list: the first row (of the first ten) with a 'Correo' header is the header;
 * 'Nombre' is optional. Blank rows are ignored, invalid addresses reported by row number,
 * repeated addresses counted once.
 */
export function parseInvitationList(rows: readonly (readonly unknown[])[]): ParsedList {
  let headerAt = -1;
  let emailCol = -1;
  let nameCol = -1;
  for (let i = 0; i < Math.min(rows.length, 10) && headerAt < 0; i++) {
    const keys = (rows[i] ?? []).map((c) => headerKey(text(c)));
    const e = keys.findIndex((k) => EMAIL_HEADERS.has(k));
    if (e >= 0) {
      headerAt = i;
      emailCol = e;
      nameCol = keys.findIndex((k) => NAME_HEADERS.has(k));
    }
  }
  if (headerAt < 0) return { ok: false, problem: 'no-email-column' };
  if (rows.length - headerAt - 1 > MAX_LIST_ROWS) return { ok: false, problem: 'too-many' };
  const seen = new Set<string>();
  const entries: { email: string; fullName: string }[] = [];
  const invalidRows: number[] = [];
  let duplicates = 0;
  for (let i = headerAt + 1; i < rows.length; i++) {
    const row = rows[i] ?? [];
    const raw = text(row[emailCol]);
    const name = nameCol >= 0 ? text(row[nameCol]) : '';
    if (raw === '' && row.every((c) => text(c) === '')) continue;
    const e = lower(normaliseEmail(raw));
    if (!e) {
      invalidRows.push(i + 1);
      continue;
    }
    if (seen.has(e)) {
      duplicates++;
      continue;
    }
    seen.add(e);
    entries.push({ email: e, fullName: name.slice(0, 200) });
  }
  if (entries.length === 0 && invalidRows.length === 0) return { ok: false, problem: 'empty' };
  return { ok: true, entries, invalidRows, duplicates };
}

export interface PlannedAdditions {
  add: (AudienceMember & { id: string })[];
  already: number;
  unsubscribed: number;
}

/** Which members become new rows: never a second row for an ID, never an unsubscribed address. */
export function planAdditions(
  members: readonly AudienceMember[],
  existingIds: ReadonlySet<string>,
  /** Who unsubscribed (an address or its fingerprint in 'Bajas de difusión': domain/unsubscribe-key.ts). */
  unsubscribed: { has(email: string): boolean },
  idOf: (email: string) => string,
): PlannedAdditions {
  const add: (AudienceMember & { id: string })[] = [];
  const seen = new Set<string>();
  let already = 0;
  let unsub = 0;
  for (const m of members) {
    const id = idOf(m.email);
    if (seen.has(id)) continue;
    seen.add(id);
    if (unsubscribed.has(m.email)) {
      unsub++;
      continue;
    }
    if (existingIds.has(id)) {
      already++;
      continue;
    }
    add.push({ ...m, id });
  }
  return { add, already, unsubscribed: unsub };
}

// ---------------------------------------------------------------------------- quota

export interface AppointmentFacts {
  start: Date | null;
  status: string;
  /** 'Recordatorio' as in the sheet. */
  reminderStatus: string;
}

/**
 * Reminders the attention flow still has to send within the quota's day: appointments of today
 * and tomorrow (Lima) still ahead, 'Programada', whose reminder has not gone (nor is in doubt).
 */
export function remindersStillDue(appointments: readonly AppointmentFacts[], now: Date): number {
  const today = limaDateKey(now);
  const days = new Set([today, addLimaDays(today, 1)]);
  let n = 0;
  for (const a of appointments) {
    if (a.status !== 'Programada') continue;
    if (!(a.start instanceof Date) || isNaN(a.start.getTime()) || a.start.getTime() <= now.getTime()) continue;
    const r = a.reminderStatus.trim().toLowerCase();
    if (r === 'enviado' || r === 'enviando') continue;
    if (days.has(limaDateKey(a.start))) n++;
  }
  return n;
}

/** Emails the invitations may use now: what is left today minus the attention flow's reserve. */
export function invitationBudget(remainingQuota: number, remindersDue: number | null): number {
  const reserve = (remindersDue ?? UNKNOWN_REMINDERS_RESERVE) + ATTENTION_MAIL_MARGIN;
  return Math.max(0, Math.floor(remainingQuota) - reserve);
}

/** When to look again after running out of budget: the next day, after its reminder run. */
export function nextInvitationDay(now: Date, reminderHour: number): Date {
  return new Date(limaDateAt(addLimaDays(limaDateKey(now), 1), reminderHour).getTime() + AFTER_REMINDERS_MS);
}

// ---------------------------------------------------------------------------- may it go?

export interface ModuleFacts {
  status: string;
  registrationUrl: string;
  startDate: Date | null;
  bannerAllowed: boolean;
  bannerBlockedReason: string;
  /** C02: an external workshop (kind 'Externo'): its institution shares the link; never invited to. */
  external?: boolean;
}

export type InvitationGate = { ok: true } | { ok: false; reason: 'cancelled' | 'external' | 'banner' | 'not-open' | 'no-link' | 'started'; why?: string };

/** May invitations of this module go out now? Banner first (what the panel shows), then registration. */
export function invitationGate(m: ModuleFacts, now: Date): InvitationGate {
  if (m.status === 'Cancelado') return { ok: false, reason: 'cancelled' };
  if (m.external) return { ok: false, reason: 'external' };
  if (!m.bannerAllowed) return { ok: false, reason: 'banner', why: m.bannerBlockedReason };
  if (m.startDate instanceof Date && !isNaN(m.startDate.getTime()) && m.startDate.getTime() <= now.getTime()) return { ok: false, reason: 'started' };
  if (m.status !== 'Inscripción abierta') return { ok: false, reason: 'not-open' };
  if (!safeUrl(m.registrationUrl, ['https:', 'http:'])) return { ok: false, reason: 'no-link' };
  return { ok: true };
}

// ---------------------------------------------------------------------------- the email

export interface InvitationEmailInput {
  fullName: string;
  moduleName: string;
  dates: string;
  registrationUrl: string;
  /** The validated banner (https): linked, not embedded (mail clients block images). */
  bannerUrl: string | null;
  /** The signed unsubscribe link; null when there is no web app (the email asks to reply «BAJA»). */
  unsubscribeUrl: string | null;
}

export function invitationEmail(input: InvitationEmailInput): EmailMessage {
  const name = oneLine(input.moduleName);
  const dates = oneLine(input.dates);
  const registration = safeUrl(input.registrationUrl, ['https:', 'http:']);
  if (!registration) throw new Error('invitationEmail: registrationUrl must be a web address');
  const banner = input.bannerUrl ? safeUrl(input.bannerUrl, ['https:']) : null;
  const unsubscribe = input.unsubscribeUrl ? safeUrl(input.unsubscribeUrl, ['https:']) : null;
  const subject = `Invitación: «${name}» – talleres de emprendimiento del MTPE`;
  const intro =
    'Le invitamos a inscribirse en el módulo virtual de emprendimiento «Aprende a Emprender» del Ministerio de Trabajo y Promoción del Empleo:';
  const how = 'Las vacantes son limitadas. Al inscribirse recibirá la confirmación y, antes de cada sesión, el enlace de acceso.';
  const why = 'Recibe este correo porque nos autorizó a informarle sobre nuestros talleres.';
  const stop = unsubscribe
    ? 'Si no desea recibir más invitaciones, use este enlace:'
    : 'Si no desea recibir más invitaciones, responda a este correo con la palabra «BAJA».';
  const closing = 'Atentamente,\nServicio de Orientación para el Emprendimiento\nMinisterio de Trabajo y Promoción del Empleo';

  const body = html`${paragraph(greeting(input.fullName))}
${paragraph(intro)}
${heading(name)}
${paragraph(html`<strong>Fechas:</strong> ${dates}`)}
${banner ? paragraph(html`<a href="${banner}">Ver el banner del módulo</a>`) : ''}
${button(registration, 'Inscribirme')}
${paragraph(how)}
${paragraph(html`Atentamente,<br>Servicio de Orientación para el Emprendimiento<br>Ministerio de Trabajo y Promoción del Empleo`)}
${paragraph(html`<small>${why} ${stop}${unsubscribe ? html` <a href="${unsubscribe}">Dejar de recibir invitaciones</a>` : ''}</small>`)}`;

  const textBody = textDocument([
    greeting(input.fullName),
    intro,
    `▸ ${name}\nFechas: ${dates}\nInscripción: ${registration}`,
    banner ? `Banner del módulo: ${banner}` : null,
    how,
    closing,
    unsubscribe ? `${why} ${stop} ${unsubscribe}` : `${why} ${stop}`,
  ]);
  return { subject, text: textBody, html: emailDocument(subject, body), senderName: SENDER_NAME };
}

// ---------------------------------------------------------------------------- counts

export interface InvitationCounts {
  queued: number;
  sent: number;
  skipped: number;
  review: number;
}

export function countInvitations(rows: readonly { delivery: unknown }[]): InvitationCounts {
  const c: InvitationCounts = { queued: 0, sent: 0, skipped: 0, review: 0 };
  for (const r of rows) {
    const d = text(r.delivery).toLowerCase();
    if (d === 'enviado') c.sent++;
    else if (d === 'enviando') c.review++;
    else if (d === 'error') c.skipped++;
    else c.queued++;
  }
  return c;
}
