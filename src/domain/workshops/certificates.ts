/**
 * Certificates of a module (B12), the pure part: the code each certificate carries, the
 * template's placeholders and its check, the values one person's certificate receives, who is to
 * be issued one, and the panel's progress figures.
 *
 * The code is DERIVED, not drawn: HMAC-SHA-256 of the spreadsheet's signing secret over
 * '<registrationId>#<round>' (round 1 = the first certificate of that registration, 2 = its first
 * reissue, …), the first 80 bits in Crockford base32 ('CERT-7K2M-Q9XD-4TRB-H0ZP'). A retry after a
 * crash computes the same code, so once-only comes for free, and nobody without the secret can
 * guess a valid one. Who completed the module is `moduleCompletion` (completion.ts): nobody here
 * re-reads the rule.
 */
import { hmacSha256 } from '../ids';
import type { CertificateState } from '../schema';
import { driveSafeName } from './drive-files';
import type { ModuleCompletion } from './completion';

// ---------------------------------------------------------------------------- the code

/** Crockford's base32: no I, L, O, U (read aloud and typed without confusion). */
export const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CERTIFICATE_PREFIX = 'CERT-';
const CODE_RE = /^CERT-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

function crockford(bytes: readonly number[]): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const b of bytes) {
    buffer = ((buffer << 8) | (b & 255)) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += CROCKFORD[(buffer << (5 - bits)) & 31];
  return out;
}

/** The code of the `round`-th certificate of a registration (round ≥ 1). */
export function certificateCode(secret: string, registrationId: string, round: number): string {
  if (!secret) throw new Error('certificateCode: empty secret');
  if (!Number.isInteger(round) || round < 1) throw new Error(`certificateCode: bad round ${round}`);
  const chars = crockford(hmacSha256(secret, `${registrationId}#${round}`).slice(0, 10));
  return CERTIFICATE_PREFIX + [0, 4, 8, 12].map((i) => chars.slice(i, i + 4)).join('-');
}

/**
 * A code as a person typed it, normalised (case, spaces, dashes, Crockford's look-alikes O→0 and
 * I/L→1); null when it cannot be a certificate code.
 */
export function normaliseCertificateCode(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length > 80) return null;
  let s = raw.toUpperCase().replace(/[\s\u00a0_.-]+/g, '');
  if (s.startsWith('CERT')) s = s.slice(4);
  s = s.replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{16}$/.test(s)) return null;
  const code = CERTIFICATE_PREFIX + [0, 4, 8, 12].map((i) => s.slice(i, i + 4)).join('-');
  return CODE_RE.test(code) ? code : null;
}

export function isCertificateCode(s: string): boolean {
  return CODE_RE.test(s);
}

/** The round of a registration's next certificate: one more than the certificates it already has. */
export function nextRound(existingCodesOfRegistration: number): number {
  return Math.max(0, Math.floor(existingCodesOfRegistration)) + 1;
}

// ---------------------------------------------------------------------------- the template

export const PLACEHOLDERS = {
  nombre: '{{nombre}}',
  documento: '{{documento}}',
  modulo: '{{modulo}}',
  horas: '{{horas}}',
  fechas: '{{fechas}}',
  codigo: '{{codigo}}',
  verificacion: '{{verificacion}}',
  qr: '{{qr}}',
} as const;
export type PlaceholderKey = keyof typeof PLACEHOLDERS;

/** Without these a certificate cannot be issued (who, what, and how to check it). */
export const REQUIRED_PLACEHOLDERS: readonly PlaceholderKey[] = ['nombre', 'modulo', 'codigo', 'verificacion'];
/** Warned when missing; the certificate is still issued. */
export const RECOMMENDED_PLACEHOLDERS: readonly PlaceholderKey[] = ['documento', 'horas', 'fechas', 'qr'];

export interface TemplateCheck {
  /** The template opened and has every required placeholder. */
  ok: boolean;
  /** False when the template could not be opened (no ID, deleted, no access). */
  opened: boolean;
  missingRequired: string[];
  missingRecommended: string[];
  /** One Spanish sentence for the panel ('' when nothing is missing). */
  message: string;
}

/** True when `text` holds the placeholder (spaces inside the braces tolerated: '{{ nombre }}' is not). */
function holds(text: string, key: PlaceholderKey): boolean {
  return text.includes(PLACEHOLDERS[key]);
}

const list = (items: readonly string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} y ${items[items.length - 1]}`);

/** Checks the template's text (`CertificateSlides.templateText`; null = it could not be opened). */
export function checkTemplate(text: string | null): TemplateCheck {
  if (text === null) {
    return {
      ok: false,
      opened: false,
      missingRequired: REQUIRED_PLACEHOLDERS.map((k) => PLACEHOLDERS[k]),
      missingRecommended: [],
      message: 'No se pudo abrir la plantilla de certificado. Ejecute «Configurar esta hoja» para crearla o escriba en «Configuración» el ID de una plantilla a la que tenga acceso.',
    };
  }
  const missingRequired = REQUIRED_PLACEHOLDERS.filter((k) => !holds(text, k)).map((k) => PLACEHOLDERS[k]);
  const missingRecommended = RECOMMENDED_PLACEHOLDERS.filter((k) => !holds(text, k)).map((k) => PLACEHOLDERS[k]);
  const parts: string[] = [];
  if (missingRequired.length) {
    parts.push(`A la plantilla le ${missingRequired.length === 1 ? 'falta el marcador' : 'faltan los marcadores'} ${list(missingRequired)}: sin ${missingRequired.length === 1 ? 'él' : 'ellos'} no se pueden emitir certificados. Agréguelos en Slides tal como están escritos aquí.`);
  }
  if (missingRecommended.length) {
    parts.push(`Se recomienda agregar también ${list(missingRecommended)}.`);
  }
  return { ok: missingRequired.length === 0, opened: true, missingRequired, missingRecommended, message: parts.join(' ') };
}

// ---------------------------------------------------------------------------- one person's certificate

export interface CertificateFacts {
  fullName: string;
  /** 'DNI' (default), 'CE', … */
  documentType: string;
  documentNumber: string;
  moduleName: string;
  hours: number;
  /** datesText of the counted sessions. */
  dates: string;
  code: string;
  verificationUrl: string;
}

/** A value as one line of plain text (Slides shows text, never markup; control characters would break the box). */
export function certificateText(s: string, max = 120): string {
  const one = s.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s{2,}/g, ' ').trim();
  return one.length > max ? one.slice(0, max - 1).trimEnd() + '…' : one;
}

/** 'DNI 40000012' ('' when there is no number). */
export function documentText(type: string, number: string): string {
  const n = certificateText(number, 20);
  if (!n) return '';
  return `${certificateText(type, 20) || 'DNI'} ${n}`;
}

/** The replacement of every placeholder but {{qr}} (the image goes in its box). */
export function certificateReplacements(f: CertificateFacts): Record<string, string> {
  return {
    [PLACEHOLDERS.nombre]: certificateText(f.fullName, 100),
    [PLACEHOLDERS.documento]: documentText(f.documentType, f.documentNumber),
    [PLACEHOLDERS.modulo]: certificateText(f.moduleName, 150),
    [PLACEHOLDERS.horas]: f.hours > 0 ? String(f.hours) : '',
    [PLACEHOLDERS.fechas]: certificateText(f.dates, 200),
    [PLACEHOLDERS.codigo]: f.code,
    [PLACEHOLDERS.verificacion]: f.verificationUrl,
  };
}

/** The PDF's name in the module's folder: 'Certificado - <nombre> - <código>.pdf' (found again by it after a crash). */
export function certificatePdfName(fullName: string, code: string): string {
  return `Certificado - ${driveSafeName(certificateText(fullName, 100)) || 'participante'} - ${code}.pdf`;
}

/** The preview's name: never mistaken for an issued certificate. */
export function previewPdfName(fullName: string): string {
  return `Vista previa - Certificado - ${driveSafeName(certificateText(fullName, 100)) || 'participante'}.pdf`;
}

/** A preview's code: shaped like one, never valid (it is not derived and never recorded). */
export const PREVIEW_CODE = 'CERT-0000-0000-0000-0000';

/**
 * A corrected name typed by the coordinator: one line, 2–100 characters, letters required; null
 * (with the reason) when unusable.
 */
export function validCorrectedName(raw: unknown): { ok: true; name: string } | { ok: false; reason: string } {
  const name = typeof raw === 'string' ? certificateText(raw, 200) : '';
  if (name.length < 2) return { ok: false, reason: 'Escriba el nombre completo tal como debe figurar en el certificado.' };
  if (name.length > 100) return { ok: false, reason: 'El nombre no puede tener más de 100 caracteres.' };
  if (!/\p{L}/u.test(name)) return { ok: false, reason: 'El nombre debe tener letras.' };
  if (/[<>{}]/.test(name)) return { ok: false, reason: 'El nombre no puede contener los caracteres < > { }.' };
  return { ok: true, name };
}

/** A revocation's reason: required, one line, at most 300 characters. */
export function validRevokeReason(raw: unknown): { ok: true; reason: string } | { ok: false; reason: string } {
  const reason = typeof raw === 'string' ? certificateText(raw, 300) : '';
  if (reason.length < 3) return { ok: false, reason: 'Indique el motivo de la revocación.' };
  return { ok: true, reason };
}

// ---------------------------------------------------------------------------- who is to be issued

export interface CertificateRowFacts {
  code: string;
  registrationId: string;
  state: CertificateState | string;
  /** 'pendiente' | 'enviando' | 'enviado' | 'error' | ''. */
  delivery: string;
}

export interface RegistrationFacts {
  id: string;
  certificateCode: string;
}

/** What the job does for one person. */
export type IssueStep =
  /** No certificate yet: compute the code of `round` and issue it. */
  | { registrationId: string; kind: 'new'; round: number }
  /** A certificate row exists (a run stopped half-way, or the quota ran out): go on with it. */
  | { registrationId: string; kind: 'resume'; code: string };

export type IssueBlock = 'rule-not-set' | 'not-ended' | null;

export interface IssuePlan {
  /** Why nobody can be issued yet (null: the module may be issued). */
  blocked: IssueBlock;
  steps: IssueStep[];
  /** Counts for the panel. */
  issued: number;
  errors: number;
  ambiguous: number;
  revoked: number;
  eligible: number;
}

/**
 * The current certificate of each registration: the one the registration names, or — when a run
 * died between writing the certificate's row and the registration's — its 'Vigente' row.
 */
export function currentCertificates(registrations: readonly RegistrationFacts[], rows: readonly CertificateRowFacts[]): Map<string, CertificateRowFacts> {
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const out = new Map<string, CertificateRowFacts>();
  for (const reg of registrations) {
    const named = reg.certificateCode ? byCode.get(reg.certificateCode) : undefined;
    if (named && named.state !== 'Reemplazado') {
      out.set(reg.id, named);
      continue;
    }
    const live = rows.filter((r) => r.registrationId === reg.id && r.state === 'Vigente');
    if (live.length) out.set(reg.id, live[live.length - 1]!);
    else if (named) out.set(reg.id, named);
  }
  return out;
}

/**
 * Who is to be issued a certificate: the people who meet the rule of a module whose counted
 * sessions have all ended, except those whose current certificate was sent, is in doubt (an
 * interrupted send, for a person), failed for good (no valid email; the PDF is kept), or was
 * revoked (never reissued by the job).
 */
export function planIssue(completion: ModuleCompletion, registrations: readonly RegistrationFacts[], rows: readonly CertificateRowFacts[]): IssuePlan {
  const plan: IssuePlan = { blocked: null, steps: [], issued: 0, errors: 0, ambiguous: 0, revoked: 0, eligible: 0 };
  if (!completion.ruleSet) plan.blocked = 'rule-not-set';
  else if (!completion.ended) plan.blocked = 'not-ended';
  const current = currentCertificates(registrations, rows);
  const roundsUsed = new Map<string, number>();
  for (const r of rows) roundsUsed.set(r.registrationId, (roundsUsed.get(r.registrationId) ?? 0) + 1);
  for (const p of completion.people) {
    if (!p.meetsRule) continue;
    plan.eligible++;
    const cur = current.get(p.registrationId);
    if (cur?.state === 'Revocado') {
      plan.revoked++;
      continue;
    }
    if (cur && cur.state === 'Vigente') {
      if (cur.delivery === 'enviado') {
        plan.issued++;
        continue;
      }
      if (cur.delivery === 'enviando') {
        plan.ambiguous++;
        continue;
      }
      if (cur.delivery === 'error') {
        plan.errors++;
        continue;
      }
      if (!plan.blocked) plan.steps.push({ registrationId: p.registrationId, kind: 'resume', code: cur.code });
      continue;
    }
    if (!plan.blocked) plan.steps.push({ registrationId: p.registrationId, kind: 'new', round: nextRound(roundsUsed.get(p.registrationId) ?? 0) });
  }
  if (plan.blocked) plan.eligible = completion.people.filter((p) => p.meetsRule).length;
  return plan;
}

// ---------------------------------------------------------------------------- progress

export interface CertificateProgress {
  eligible: number;
  issued: number;
  toIssue: number;
  waitingForQuota: number;
  /** No valid email (PDF kept) or a send in doubt (for a person to check). */
  errors: number;
  revoked: number;
  /** 0–100, issued over what can be issued (revoked left out). */
  percent: number;
}

export function certificateProgress(plan: IssuePlan, waitingForQuota: boolean): CertificateProgress {
  const pending = plan.steps.length;
  const errors = plan.errors + plan.ambiguous;
  const base = plan.issued + pending + errors;
  return {
    eligible: plan.eligible,
    issued: plan.issued,
    toIssue: waitingForQuota ? 0 : pending,
    waitingForQuota: waitingForQuota ? pending : 0,
    errors,
    revoked: plan.revoked,
    percent: base === 0 ? 0 : Math.round((100 * plan.issued) / base),
  };
}
