/**
 * The approval of an institution's request (C01), as pure rules: what a proposal sent to the
 * Sub Director must hold (a slot the institution asked for, or another date; end after start on
 * the same day; a speaker with an email; at least 24 hours ahead), what a rejection's reason may
 * be (it came from a web page anyone with the link could post to), whether a link's round is
 * still the request's, and the workshop's capacity with the margin setting.
 *
 * Pure: the caller passes `now` and the row's values.
 */
import { EXTERNAL_DECISION_FIELDS as F } from '../messages/external-decision';
import { limaDateAt, limaDateKey } from '../lima-time';
import { cleanText } from '../text';
import { checkPersonName, normaliseEmail } from '../validation';
import { parseHHmm, parseSessionDate } from '../workshops/module';
import type { ExternalRequestState } from '../schema';

/** A proposal must start at least this long after it is sent — and after it is approved. */
export const MIN_NOTICE_MS = 24 * 60 * 60 * 1000;
/** A rejection's reason, at most (the page's field says so too). */
export const MAX_REASON_LENGTH = 500;
/** A coordinator's note on a panel decision («por teléfono»), at most. */
export const MAX_NOTE_LENGTH = 300;

export type ProposalField = 'slot' | 'date' | 'startTime' | 'endTime' | 'speaker' | 'speakerEmail';

/** What the proposal form sends (untrusted: anything may arrive through google.script.run). */
export interface RawProposal {
  slot?: unknown;
  date?: unknown;
  startTime?: unknown;
  endTime?: unknown;
  speaker?: unknown;
  speakerEmail?: unknown;
  certificates?: unknown;
}

/** The institution's preferred slots as the row holds them. */
export interface PreferredSlots {
  option1Date: unknown;
  option1Time: unknown;
  option2Date: unknown;
  option2Time: unknown;
}

export interface ValidProposal {
  slot: '1' | '2' | 'otra';
  start: Date;
  end: Date;
  speaker: string;
  speakerEmail: string;
  certificates: boolean;
}

export type ProposalCheck = { ok: true; proposal: ValidProposal } | { ok: false; errors: Partial<Record<ProposalField, string>> };

/** 'yyyy-mm-dd' of a cell: a Date (Lima day) or text in either accepted format. */
function dateKeyOf(v: unknown): string | null {
  if (v instanceof Date) return isNaN(v.getTime()) ? null : limaDateKey(v);
  return parseSessionDate(v);
}

/** 'HH:mm' of a cell: text, or a Date whose Lima time is meant (Sheets turns '10:00' into a time). */
function timeOf(v: unknown): { hour: number; minute: number } | null {
  if (v instanceof Date) {
    if (isNaN(v.getTime())) return null;
    const key = limaDateKey(v);
    const minutes = Math.round((v.getTime() - limaDateAt(key, 0, 0).getTime()) / 60_000);
    return { hour: Math.floor(minutes / 60), minute: minutes % 60 };
  }
  return parseHHmm(v);
}

/** The moment a preferred slot names, or null when the row lacks it. */
export function preferredSlot(row: PreferredSlots, n: '1' | '2'): Date | null {
  const key = dateKeyOf(n === '1' ? row.option1Date : row.option2Date);
  const t = timeOf(n === '1' ? row.option1Time : row.option2Time);
  return key && t ? limaDateAt(key, t.hour, t.minute) : null;
}

/** Validates a proposal against the request's preferred slots and `now`. */
export function checkProposal(raw: RawProposal, row: PreferredSlots, now: Date): ProposalCheck {
  const errors: Partial<Record<ProposalField, string>> = {};
  const slotText = cleanText(raw.slot, 10).toLowerCase();
  const slot = slotText === '1' || slotText === '2' || slotText === 'otra' ? slotText : null;
  let start: Date | null = null;
  if (!slot) errors.slot = F.slotMissing;
  else if (slot === 'otra') {
    const dateText = cleanText(raw.date, 20);
    const key = dateText ? parseSessionDate(dateText) : null;
    if (!dateText) errors.date = F.dateMissing;
    else if (!key) errors.date = F.dateInvalid;
    const startText = cleanText(raw.startTime, 10);
    const t = startText ? parseHHmm(startText) : null;
    if (!startText) errors.startTime = F.startMissing;
    else if (!t) errors.startTime = F.startInvalid;
    if (key && t) start = limaDateAt(key, t.hour, t.minute);
  } else {
    start = preferredSlot(row, slot);
    if (!start) errors.slot = F.slotEmpty(slot);
  }
  let end: Date | null = null;
  const endText = cleanText(raw.endTime, 10);
  const endT = endText ? parseHHmm(endText) : null;
  if (!endText) errors.endTime = F.endMissing;
  else if (!endT) errors.endTime = F.endInvalid;
  else if (start) {
    end = limaDateAt(limaDateKey(start), endT.hour, endT.minute);
    if (end.getTime() <= start.getTime()) errors.endTime = F.endNotAfterStart;
  }
  if (start && start.getTime() < now.getTime() + MIN_NOTICE_MS) errors[slot === 'otra' ? 'date' : 'slot'] = F.tooSoon;
  const speaker = checkPersonName(raw.speaker ?? '');
  if (!speaker.ok) errors.speaker = speaker.problem === 'missing' ? F.speakerMissing : speaker.problem === 'tooLong' ? F.speakerTooLong : F.speakerInvalid;
  else if (/^[=+\-@]/.test(speaker.name)) errors.speaker = F.speakerInvalid;
  const emailText = cleanText(raw.speakerEmail, 254);
  const email = emailText ? normaliseEmail(emailText) : null;
  if (!emailText) errors.speakerEmail = F.speakerEmailMissing;
  else if (!email) errors.speakerEmail = F.speakerEmailInvalid;
  if (Object.keys(errors).length > 0 || !slot || !start || !end || !speaker.ok || !email) return { ok: false, errors };
  return { ok: true, proposal: { slot, start, end, speaker: speaker.name, speakerEmail: email, certificates: raw.certificates === true } };
}

/** True when a proposal starting at `start` may still be approved at `now` (24 h ahead). */
export function approvableAt(start: Date | null, now: Date): boolean {
  return start !== null && start.getTime() >= now.getTime() + MIN_NOTICE_MS;
}

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/g;
const INVISIBLE = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060\ufeff]/g;

export type TextCheck = { ok: true; text: string } | { ok: false; problem: string };

/**
 * A rejection's reason as posted (from the web page or the panel): text only; control and
 * invisible characters stripped, runs of spaces and line breaks made one space, trimmed; required,
 * at most 500 characters; refused when it would read as a formula (=, +, -, @ first) or carries
 * nothing but punctuation.
 */
export function checkReason(raw: unknown, max = MAX_REASON_LENGTH): TextCheck {
  if (typeof raw !== 'string') return { ok: false, problem: F.reasonMissing };
  let s = raw.normalize('NFC').replace(INVISIBLE, '').replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
  if (s === '') return { ok: false, problem: F.reasonMissing };
  if (s.length > max) return { ok: false, problem: F.reasonTooLong(max) };
  if (/^[=+\-@]/.test(s)) return { ok: false, problem: F.reasonFormula };
  if (!/[\p{L}\p{N}]/u.test(s)) return { ok: false, problem: F.reasonMissing };
  s = s.replace(/[<>]/g, (c) => (c === '<' ? '‹' : '›'));
  return { ok: true, text: s };
}

/** A coordinator's optional note: tidied, at most 300 characters, never a formula. */
export function checkNote(raw: unknown): TextCheck {
  if (raw === undefined || raw === null || raw === '') return { ok: true, text: '' };
  if (typeof raw !== 'string') return { ok: false, problem: F.noteInvalid };
  const s = cleanText(raw, 0);
  if (s.length > MAX_NOTE_LENGTH) return { ok: false, problem: F.noteTooLong(MAX_NOTE_LENGTH) };
  if (/^[=+\-@]/.test(s)) return { ok: false, problem: F.noteInvalid };
  return { ok: true, text: s };
}

/** A link's subject `<requestId>.<round>`, or null. */
export function parseDecisionSubject(subject: string): { requestId: string; round: number } | null {
  const m = /^(.+)\.(\d{1,4})$/.exec(subject);
  if (!m || m[1].includes('.')) return null;
  const round = Number(m[2]);
  return round >= 1 ? { requestId: m[1], round } : null;
}

export function decisionSubject(requestId: string, round: number): string {
  return `${requestId}.${round}`;
}

/** The round a row holds (0 before any proposal). */
export function roundOf(v: unknown): number {
  const n = typeof v === 'number' ? v : Number(cleanText(v, 10));
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/** What a link or the panel meets when it tries to decide: decide, or why not. */
export type DecisionGate =
  | { kind: 'decide' }
  /** Decided already ('Aprobada'/'Rechazada' or later). */
  | { kind: 'decided' }
  /** The link is of an earlier proposal (a newer one was sent). */
  | { kind: 'older' }
  /** The link's proposal is newer than the row records (its sending has not been recorded yet). */
  | { kind: 'newer' }
  /** Not sent for approval (still 'Recibida', or a state a person typed). */
  | { kind: 'notSent' };

export function decisionGate(state: ExternalRequestState | null, rowRound: number, linkRound: number | null): DecisionGate {
  if (state !== 'Enviada a aprobación') {
    if (state === null || state === 'Recibida') return linkRound !== null && linkRound > rowRound ? { kind: 'newer' } : { kind: 'notSent' };
    return { kind: 'decided' };
  }
  if (linkRound === null || linkRound === rowRound) return { kind: 'decide' };
  return linkRound < rowRound ? { kind: 'older' } : { kind: 'newer' };
}
