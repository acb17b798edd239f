/**
 * An institution's request (C01), pure: one response of the request form read and validated, its
 * de-duplication key and its ID.
 *
 * Rules, per answer (./request-form.ts names the questions):
 * - RUC: 11 digits, prefix 10/15/17/20, SUNAT's check digit (./ruc.ts);
 * - the contact's email (validation.ts) and Peruvian mobile ('+51 9XXXXXXXX');
 * - the contact's name as people's names are checked elsewhere (letters, spaces, apostrophes,
 *   dots, hyphens); the institution's name needs letters; texts are tidied and capped;
 * - choices (type, region, topic, times, modality) must be the form's own;
 * - both preferred dates 'YYYY-MM-DD', from the day after the submission (Lima) to a year ahead;
 * - expected participants a whole number from 1 to 500;
 * - the privacy notice accepted.
 * A value that would be read as a formula is neutralised when it is written (app layer, like the
 * rest of the product); HTML is only ever escaped when put in an email.
 *
 * The same institution (RUC) asking again for the same topic (compared without case, accents or
 * spacing) and the same two dates is the same request: its key, and its ID derived from the key
 * with the spreadsheet's secret, are the same, so a second response (or a retry after a crash)
 * finds the row.
 */
import { hmacSha256, toBase32Hex } from '../ids';
import { addLimaDays, isDateKey, limaDateKey, limaStartOfDay } from '../lima-time';
import { cleanText } from '../text';
import { checkPersonName, normaliseEmail, normalisePeruMobile } from '../validation';
import { INSTITUTION_TYPES } from '../schema';
import { checkRuc, type RucProblem } from './ruc';
import {
  EXTERNAL_REQUEST_NOTICE_VERSION,
  MAX_EXPECTED,
  MIN_EXPECTED,
  MODALITIES,
  OTHER_TOPIC,
  REQUEST_CONSENT_CHOICE,
  REQUEST_QUESTIONS as Q,
  REQUEST_REGIONS,
  START_TIMES,
  WORKSHOP_TOPICS,
  type RequestField,
} from './request-form';

/** Longest texts kept (a cell takes more; nothing real comes near). */
export const REQUEST_LIMITS = {
  institution: 200,
  district: 100,
  contactRole: 120,
  topic: 150,
  notes: 1000,
} as const;

/** How far ahead a preferred date may be. */
export const MAX_DAYS_AHEAD = 366;

export interface ExternalRequest {
  institution: string;
  ruc: string;
  institutionType: string;
  region: string;
  district: string;
  contactName: string;
  contactRole: string;
  contactEmail: string;
  contactPhone: string;
  /** The catalogue's topic, or the one typed after «Otro». */
  topic: string;
  option1Date: string;
  option1Time: string;
  option2Date: string;
  option2Time: string;
  expected: number;
  modality: string;
  notes: string;
  noticeVersion: string;
}

export interface RequestProblem {
  field: RequestField;
  message: string;
}

export type RequestRead =
  | { ok: true; request: ExternalRequest }
  /** `email`: where to say what to fix, when valid. */
  | { ok: false; problems: RequestProblem[]; email: string | null; contactName: string; institution: string };

/** What the institution is asked to fix (Spanish, polite). */
export const REQUEST_PROBLEMS = {
  institution: 'Indique el nombre de la institución (con letras, hasta 200 caracteres).',
  ruc: {
    empty: 'Indique el RUC de la institución.',
    notDigits: 'El RUC debe tener solo números.',
    length: 'El RUC debe tener 11 dígitos.',
    prefix: 'El RUC debe empezar con 10, 15, 17 o 20.',
    checkDigit: 'El RUC no es válido: revise sus dígitos (el último no corresponde a los anteriores).',
  } satisfies Record<RucProblem, string>,
  institutionType: 'Elija el tipo de institución de la lista.',
  region: 'Elija la región de la lista.',
  district: 'Indique el distrito (hasta 100 caracteres).',
  contactName: 'El nombre de la persona de contacto no es válido (solo letras, espacios, apóstrofos, puntos y guiones).',
  contactRole: 'Indique el cargo de la persona de contacto (hasta 120 caracteres).',
  email: 'El correo electrónico no es válido.',
  phone: 'El celular debe ser un número móvil del Perú de 9 dígitos que empiece con 9.',
  topic: 'Elija el tema del taller de la lista.',
  otherTopic: 'Si eligió «Otro», indique el tema del taller (hasta 150 caracteres).',
  date: (n: 1 | 2) => `La fecha preferida (opción ${n}) debe ser una fecha válida a partir de mañana y dentro del próximo año.`,
  time: (n: 1 | 2) => `Elija la hora de inicio preferida (opción ${n}) de la lista.`,
  expected: `El número de participantes esperado debe ser un número entero de ${MIN_EXPECTED} a ${MAX_EXPECTED}.`,
  modality: 'Elija la modalidad de la lista.',
  notes: `Las observaciones pueden tener hasta ${REQUEST_LIMITS.notes} caracteres.`,
  consent: 'Para atender la solicitud es necesario aceptar el tratamiento de los datos de la persona de contacto.',
} as const;

type Answers = Readonly<Record<string, string | readonly string[]>>;

function answer(answers: Answers, title: string): string {
  const v = answers[title];
  if (Array.isArray(v)) return v.join(', ');
  return typeof v === 'string' ? v : '';
}

/** A choice as the form offers it (exact after tidying), or null. */
function choice(raw: string, options: readonly string[]): string | null {
  const v = cleanText(raw, 300);
  return options.includes(v) ? v : null;
}

/** Text of a person or institution: tidy; null when too long (refused, never cut silently). */
function capped(raw: string, max: number): string | null {
  const v = cleanText(raw, 0);
  return v.length > max ? null : v;
}

const LETTER = /\p{L}/u;

/** A preferred date: 'YYYY-MM-DD' from the day after `today` (a Lima date key) up to a year ahead. */
export function checkPreferredDate(raw: string, today: string): string | null {
  const v = cleanText(raw, 20);
  if (!isDateKey(v)) return null;
  if (v <= today || v > addLimaDays(today, MAX_DAYS_AHEAD)) return null;
  return v;
}

/** Expected participants: digits only (spaces around allowed), 1–500. */
export function checkExpected(raw: string): number | null {
  const v = cleanText(raw, 20);
  if (!/^\d{1,4}$/.test(v)) return null;
  const n = Number(v);
  return n >= MIN_EXPECTED && n <= MAX_EXPECTED ? n : null;
}

/**
 * Reads and validates one response. `submittedAt` is when the institution sent it: "from
 * tomorrow" is judged against that day, so a response handled late (a lost submission found by
 * the sweep) gets the same answer.
 */
export function readExternalRequest(answers: Answers, submittedAt: Date): RequestRead {
  const P = REQUEST_PROBLEMS;
  const problems: RequestProblem[] = [];
  const fail = (field: RequestField, message: string) => problems.push({ field, message });

  const institution = capped(answer(answers, Q.institution), REQUEST_LIMITS.institution);
  if (!institution || !LETTER.test(institution)) fail('institution', P.institution);
  const ruc = checkRuc(answer(answers, Q.ruc));
  if (!ruc.ok) fail('ruc', P.ruc[ruc.problem]);
  const institutionType = choice(answer(answers, Q.institutionType), INSTITUTION_TYPES);
  if (!institutionType) fail('institutionType', P.institutionType);
  const region = choice(answer(answers, Q.region), REQUEST_REGIONS);
  if (!region) fail('region', P.region);
  const district = capped(answer(answers, Q.district), REQUEST_LIMITS.district);
  if (!district || !LETTER.test(district)) fail('district', P.district);
  const contact = checkPersonName(answer(answers, Q.contactName));
  if (!contact.ok) fail('contactName', P.contactName);
  const role = capped(answer(answers, Q.contactRole), REQUEST_LIMITS.contactRole);
  if (!role || !LETTER.test(role)) fail('contactRole', P.contactRole);
  const email = normaliseEmail(cleanText(answer(answers, Q.email), 300));
  if (!email) fail('email', P.email);
  const phone = normalisePeruMobile(cleanText(answer(answers, Q.phone), 60));
  if (!phone) fail('phone', P.phone);

  const listed = choice(answer(answers, Q.topic), WORKSHOP_TOPICS);
  let topic: string | null = null;
  if (!listed) fail('topic', P.topic);
  else if (listed === OTHER_TOPIC) {
    const other = capped(answer(answers, Q.otherTopic), REQUEST_LIMITS.topic);
    if (!other || !LETTER.test(other)) fail('otherTopic', P.otherTopic);
    else topic = other;
  } else topic = listed;

  const today = limaDateKey(submittedAt);
  const date1 = checkPreferredDate(answer(answers, Q.option1Date), today);
  if (!date1) fail('option1Date', P.date(1));
  const time1 = choice(answer(answers, Q.option1Time), START_TIMES);
  if (!time1) fail('option1Time', P.time(1));
  const date2 = checkPreferredDate(answer(answers, Q.option2Date), today);
  if (!date2) fail('option2Date', P.date(2));
  const time2 = choice(answer(answers, Q.option2Time), START_TIMES);
  if (!time2) fail('option2Time', P.time(2));
  const expected = checkExpected(answer(answers, Q.expected));
  if (expected === null) fail('expected', P.expected);
  const modality = choice(answer(answers, Q.modality), MODALITIES);
  if (!modality) fail('modality', P.modality);
  const notes = capped(answer(answers, Q.notes), REQUEST_LIMITS.notes);
  if (notes === null) fail('notes', P.notes);
  const consentRaw = answers[Q.consent];
  const consentList = Array.isArray(consentRaw) ? consentRaw : typeof consentRaw === 'string' && consentRaw !== '' ? [consentRaw] : [];
  if (!consentList.some((x) => cleanText(String(x), 400) === REQUEST_CONSENT_CHOICE)) fail('consent', P.consent);

  if (
    problems.length ||
    !institution ||
    !ruc.ok ||
    !institutionType ||
    !region ||
    !district ||
    !contact.ok ||
    !role ||
    !email ||
    !phone ||
    !topic ||
    !date1 ||
    !time1 ||
    !date2 ||
    !time2 ||
    expected === null ||
    !modality ||
    notes === null
  ) {
    return {
      ok: false,
      problems,
      email,
      contactName: contact.ok ? contact.name : '',
      institution: institution && LETTER.test(institution) ? institution : '',
    };
  }
  return {
    ok: true,
    request: {
      institution,
      ruc: ruc.ruc,
      institutionType,
      region,
      district,
      contactName: contact.name,
      contactRole: role,
      contactEmail: email,
      contactPhone: phone,
      topic,
      option1Date: date1,
      option1Time: time1,
      option2Date: date2,
      option2Time: time2,
      expected,
      modality,
      notes,
      noticeVersion: EXTERNAL_REQUEST_NOTICE_VERSION,
    },
  };
}

/** A topic as compared: no accents, no case, single spaces, no punctuation around words. */
export function normaliseTopic(topic: string): string {
  return cleanText(topic, 0)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The de-duplication key: RUC, normalised topic and both dates. */
export function requestDedupeKey(r: Pick<ExternalRequest, 'ruc' | 'topic' | 'option1Date' | 'option2Date'>): string {
  return [r.ruc, normaliseTopic(r.topic), r.option1Date, r.option2Date].join('\u0000');
}

/**
 * 'ID de solicitud': 'S-' and 12 base32hex digits of an HMAC (the spreadsheet's secret) of the
 * de-duplication key. Stable for the same request (a second response, a retry after a crash find
 * the row); carries no RUC; unguessable (it is the subject of the approval links).
 */
export function externalRequestId(secret: string, key: string): string {
  if (!secret) throw new Error('secret must be non-empty');
  return 'S-' + toBase32Hex(hmacSha256(secret, `solicitud-externa\u0000${key}`)).slice(0, 12).toUpperCase();
}

/** A preferred date as the row keeps it: midnight of that day in Lima. */
export function preferredDateValue(key: string): Date {
  return limaStartOfDay(key);
}

/**
 * The raw answers for 'Revisión' (nothing a citizen submits is lost): 'Pregunta: respuesta' per
 * question, each answer tidied and cut at 300 characters, the whole at 3000.
 */
export function rawAnswersText(answers: Answers): string {
  const parts: string[] = [];
  for (const [title, v] of Object.entries(answers)) {
    const value = cleanText(Array.isArray(v) ? v.join(', ') : typeof v === 'string' ? v : String(v ?? ''), 300);
    if (value === '') continue;
    parts.push(`${cleanText(title, 80)}: ${value}`);
  }
  return cleanText(parts.join(' | '), 3000);
}
