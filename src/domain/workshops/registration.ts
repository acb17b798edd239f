/**
 * Registration to a module (B05), pure: reading a form response, the registration's ID, where a
 * person goes (confirmed or waiting list), and who is promoted when a place frees up.
 *
 * The rules, in the order they are applied to a response:
 * 1. The module is the one its choice names by ID (registration-form.ts); a response naming no
 *    module, or a module not open any more (state, or its first session has started), is not a
 *    registration: it goes to 'Revisión' and the person, when their address is valid, is told.
 * 2. Every answer is validated with the rules the attention flow uses (validation.ts); a response
 *    with problems goes to 'Revisión' with the Spanish reasons, and the person, when their address
 *    is valid, is told what to fix. Consent is required.
 * 3. One person (document type and number) has one registration per module: a second response
 *    updates the contact data of the first and keeps its place. Someone who withdrew and
 *    registers again goes to the end of the queue as a new registration (a new round).
 * 4. A new registration is confirmed while confirmed registrations are fewer than the capacity;
 *    after that it waits. Waiting registrations are promoted in order of registration.
 */
import { hmacSha256, toBase32Hex } from '../ids';
import { cleanText } from '../text';
import { checkPersonName, documentTypeOf, normaliseDocumentNumber, normaliseEmail, normalisePeruMobile, type DocumentType } from '../validation';
import { BUSINESS_STAGES, type RegistrationState } from '../schema';
import {
  CONSENT_CHOICE,
  moduleOfChoice,
  NEWS_CHOICE,
  PERU_REGIONS,
  REGISTRATION_NOTICE_VERSION,
  REGISTRATION_QUESTIONS as Q,
  SECTORS,
  YES,
} from './registration-form';

export const MAX_QUESTIONS_LENGTH = 1000;

export interface Registrant {
  moduleId: string;
  documentType: DocumentType;
  documentNumber: string;
  fullName: string;
  email: string;
  phone: string;
  region: string;
  businessStage: string;
  sector: string;
  questions: string;
  presentsProject: boolean;
  consent: true;
  noticeVersion: string;
  acceptsNews: boolean;
}

export type ReadResult =
  | { ok: true; registrant: Registrant }
  /** `moduleId` null: the response names no module. `email`: where to tell them, when valid. */
  | { ok: false; moduleId: string | null; problems: string[]; email: string | null; fullName: string };

function answer(answers: Readonly<Record<string, string | readonly string[]>>, title: string): string {
  const v = answers[title];
  if (Array.isArray(v)) return v.join(', ');
  return typeof v === 'string' ? v : '';
}

function checked(answers: Readonly<Record<string, string | readonly string[]>>, title: string, choice: string): boolean {
  const v = answers[title];
  const list = Array.isArray(v) ? v : typeof v === 'string' && v !== '' ? [v] : [];
  return list.some((x) => cleanText(String(x), 400) === choice);
}

/** Spanish reasons a response cannot be taken as it is (what the person is asked to fix). */
export const REGISTRATION_PROBLEMS = {
  noModule: 'No se indicó un taller con inscripción abierta.',
  documentType: 'El tipo de documento no es uno de los que atiende el servicio (DNI, CE, Pasaporte, PTP o CPP).',
  dni: 'El DNI debe tener 8 dígitos.',
  document: 'El número de documento debe tener de 5 a 15 letras o números.',
  names: 'Los nombres no son válidos (solo letras, espacios, apóstrofos, puntos y guiones).',
  surnames: 'Los apellidos no son válidos (solo letras, espacios, apóstrofos, puntos y guiones).',
  email: 'El correo electrónico no es válido.',
  phone: 'El celular debe ser un número móvil del Perú de 9 dígitos que empiece con 9.',
  region: 'La región no es una de la lista.',
  stage: 'Indique si tiene una idea de negocio o un negocio en marcha.',
  sector: 'El sector no es uno de la lista.',
  consent: 'Para inscribirse es necesario aceptar el tratamiento de sus datos personales.',
} as const;

/** Reads and validates one response of the registration form. */
export function readRegistration(answers: Readonly<Record<string, string | readonly string[]>>): ReadResult {
  const P = REGISTRATION_PROBLEMS;
  const problems: string[] = [];
  const moduleId = moduleOfChoice(answer(answers, Q.module));
  if (!moduleId) problems.push(P.noModule);

  const documentType = documentTypeOf(answer(answers, Q.documentType));
  let documentNumber: string | null = null;
  if (!documentType) problems.push(P.documentType);
  else {
    documentNumber = normaliseDocumentNumber(documentType, answer(answers, Q.documentNumber));
    if (!documentNumber) problems.push(documentType === 'DNI' ? P.dni : P.document);
  }
  const names = checkPersonName(answer(answers, Q.names));
  if (!names.ok) problems.push(P.names);
  const surnames = checkPersonName(answer(answers, Q.surnames));
  if (!surnames.ok) problems.push(P.surnames);
  const email = normaliseEmail(cleanText(answer(answers, Q.email), 254));
  if (!email) problems.push(P.email);
  const phoneText = cleanText(answer(answers, Q.phone), 60);
  const phone = phoneText === '' ? '' : normalisePeruMobile(phoneText);
  if (phone === null) problems.push(P.phone);
  const region = cleanText(answer(answers, Q.region), 60);
  if (!(PERU_REGIONS as readonly string[]).includes(region)) problems.push(P.region);
  const stage = cleanText(answer(answers, Q.stage), 60);
  if (!(BUSINESS_STAGES as readonly string[]).includes(stage)) problems.push(P.stage);
  const sector = cleanText(answer(answers, Q.sector), 60);
  if (!(SECTORS as readonly string[]).includes(sector)) problems.push(P.sector);
  const consent = checked(answers, Q.consent, CONSENT_CHOICE);
  if (!consent) problems.push(P.consent);

  const fullName = [names.ok ? names.name : '', surnames.ok ? surnames.name : ''].filter(Boolean).join(' ');
  if (problems.length || !moduleId || !documentType || !documentNumber || !email || phone === null || !names.ok || !surnames.ok) {
    return { ok: false, moduleId, problems, email, fullName };
  }
  return {
    ok: true,
    registrant: {
      moduleId,
      documentType,
      documentNumber,
      fullName: `${names.name} ${surnames.name}`,
      email,
      phone,
      region,
      businessStage: stage,
      sector,
      questions: cleanText(answer(answers, Q.questions), MAX_QUESTIONS_LENGTH),
      presentsProject: cleanText(answer(answers, Q.presents), 10) === YES,
      consent: true,
      noticeVersion: REGISTRATION_NOTICE_VERSION,
      acceptsNews: checked(answers, Q.news, NEWS_CHOICE),
    },
  };
}

/**
 * 'ID de inscripción': 'I-' and 12 base32hex digits of an HMAC (the spreadsheet's secret) of the
 * module and the document. Stable for one person and module (a second response finds the row);
 * unguessable, because it is the subject of the person's withdrawal link.
 */
export function registrationId(secret: string, moduleId: string, documentType: DocumentType, documentNumber: string): string {
  if (!secret) throw new Error('secret must be non-empty');
  return 'I-' + toBase32Hex(hmacSha256(secret, `inscripcion\u0000${moduleId}\u0000${documentType}\u0000${documentNumber}`)).slice(0, 12).toUpperCase();
}

// ---------------------------------------------------------------------------- places

/** What the placement needs of each registration of the module. */
export interface PlaceFacts {
  id: string;
  status: RegistrationState | string;
  /** When it joined the queue (its round's first response). */
  registeredAt: Date | null;
  /** Position in the sheet: breaks ties of equal times. */
  order: number;
}

export const CONFIRMED: RegistrationState = 'Inscrito';
export const WAITING: RegistrationState = 'En lista de espera';
export const WITHDRAWN: RegistrationState = 'Retirado';
export const ANNULLED: RegistrationState = 'Anulado';

/** A registration that holds or waits for a place (not withdrawn, annulled or for review). */
export function isActive(status: string): boolean {
  return status === CONFIRMED || status === WAITING;
}

export function confirmedCount(rows: readonly PlaceFacts[]): number {
  return rows.filter((r) => r.status === CONFIRMED).length;
}

/** Where a new registration goes, given the module's registrations and capacity. */
export function placeNew(rows: readonly PlaceFacts[], capacity: number): typeof CONFIRMED | typeof WAITING {
  return confirmedCount(rows) < capacity ? CONFIRMED : WAITING;
}

function queueOrder(a: PlaceFacts, b: PlaceFacts): number {
  const ta = a.registeredAt ? a.registeredAt.getTime() : Number.MAX_SAFE_INTEGER;
  const tb = b.registeredAt ? b.registeredAt.getTime() : Number.MAX_SAFE_INTEGER;
  return ta - tb || a.order - b.order;
}

/** The waiting list in order (first is promoted first). */
export function waitingList(rows: readonly PlaceFacts[]): PlaceFacts[] {
  return rows.filter((r) => r.status === WAITING).sort(queueOrder);
}

/** 1-based position of `id` in the waiting list, or null. */
export function waitingPosition(rows: readonly PlaceFacts[], id: string): number | null {
  const k = waitingList(rows).findIndex((r) => r.id === id);
  return k < 0 ? null : k + 1;
}

/** Who is promoted now: the first waiting ones, as many as free places. */
export function toPromote(rows: readonly PlaceFacts[], capacity: number): PlaceFacts[] {
  const free = capacity - confirmedCount(rows);
  return free > 0 ? waitingList(rows).slice(0, free) : [];
}

// ---------------------------------------------------------------------------- the module

export interface ModuleFacts {
  id: string;
  name: string;
  status: string;
  capacity: number;
  /** Start of its first live session; null when it has none. */
  firstStart: Date | null;
  /** Start of its last live session; null when it has none. */
  lastStart: Date | null;
}

export const OPEN_STATE = 'Inscripción abierta';

export type ModuleOpenness = { open: true } | { open: false; reason: 'unknown' | 'not-open' | 'started' | 'no-capacity' };

/** Whether a new response may register to the module now. */
export function registrationOpenness(m: ModuleFacts | null, now: Date): ModuleOpenness {
  if (!m) return { open: false, reason: 'unknown' };
  if (m.status !== OPEN_STATE) return { open: false, reason: 'not-open' };
  if (!m.firstStart || m.firstStart.getTime() <= now.getTime()) return { open: false, reason: 'started' };
  if (!(m.capacity > 0)) return { open: false, reason: 'no-capacity' };
  return { open: true };
}

/** Whether a freed place can still be offered: until the last session starts. */
export function mayPromote(m: ModuleFacts, now: Date): boolean {
  return m.lastStart !== null && m.lastStart.getTime() > now.getTime();
}
