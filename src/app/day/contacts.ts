/**
 * How the consultant reaches a citizen who does not connect (A03): email, phone and WhatsApp as
 * links, and whose appointment is whose ("mine" in the day view).
 */
import { safeUrl } from '../../domain/html';
import { normaliseEmail, normalisePeruMobile } from '../../domain/validation';
import type { Consultant, Settings } from '../settings';

export interface ContactLinks {
  mailto: string;
  telUrl: string;
  whatsappUrl: string;
}

/**
 * Links for the email and phone cells. A Peruvian mobile gets `tel:+519…` and WhatsApp's
 * `https://wa.me/519…` (wa.me wants the number with country code, digits only); another number
 * (a landline) only `tel:` with its digits; an invalid email no mailto.
 */
export function contactLinks(email: unknown, phone: unknown): ContactLinks {
  const mail = normaliseEmail(email);
  const mobile = normalisePeruMobile(phone);
  let telUrl = '';
  let whatsappUrl = '';
  if (mobile) {
    const digits = mobile.replace(/\D/g, '');
    telUrl = `tel:+${digits}`;
    whatsappUrl = `https://wa.me/${digits}`;
  } else {
    const typed = typeof phone === 'number' ? String(phone) : typeof phone === 'string' ? phone.trim() : '';
    const digits = typed.replace(/\D/g, '');
    if (digits.length >= 6) telUrl = `tel:${typed.startsWith('+') ? '+' : ''}${digits}`;
  }
  return {
    // The local part may hold '?', '#' or '%', which a mailto: URL would read as its own syntax.
    mailto: mail ? (safeUrl(`mailto:${encodeURIComponent(mail.slice(0, mail.lastIndexOf('@')))}${mail.slice(mail.lastIndexOf('@'))}`) ?? '') : '',
    telUrl,
    whatsappUrl,
  };
}

/** Comparison form of a person's name or email: no accents, case or repeated spaces. */
export function personKey(s: unknown): string {
  return String(s ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export interface PanelUser {
  email: string;
  /** Name the team gives them (as the report writes it); '' when not a consultant or no name. */
  name: string;
  isConsultant: boolean;
  /** Coordinators see every appointment's data; they too act on others' only "en lugar de". */
  isCoordinator?: boolean;
  /** Appointments of others this user may work on ("atender en lugar de"); read only when needed. */
  granted?: () => ReadonlySet<string>;
}

/** Who is using the panel, as the team (settings' consultants) knows them. */
export function panelUser(
  settings: Pick<Settings, 'consultants'>,
  userEmail: string,
  access: { isCoordinator?: boolean; granted?: () => ReadonlySet<string> } = {},
): PanelUser {
  const email = userEmail.trim().toLowerCase();
  const found: Consultant | undefined = email ? settings.consultants.find((c) => c.email === email) : undefined;
  return { email, name: found?.name.trim() ?? '', isConsultant: found !== undefined, ...access };
}

/** True when the user may work on this row: theirs, or granted "en lugar de". */
export function mayWorkOn(rowId: string, consultantCell: unknown, user: PanelUser): boolean {
  return isMine(consultantCell, user) || (user.granted?.().has(rowId) ?? false);
}

/** True when the 'Consultor' cell names this user (their name as the report writes it, or their email). */
export function isMine(consultantCell: unknown, user: PanelUser): boolean {
  const cell = personKey(consultantCell);
  if (cell === '') return false;
  return (user.email !== '' && cell === personKey(user.email)) || (user.name !== '' && cell === personKey(user.name));
}

/**
 * The consultant's name for the citizen's emails and the attention script: the settings' name for
 * the row's 'Consultor' (by name or email), or the cell itself when it is a name.
 */
export function consultantDisplayName(consultantCell: unknown, settings: Pick<Settings, 'consultants'>): string {
  const cell = personKey(consultantCell);
  if (cell === '') return '';
  const c = settings.consultants.find((x) => personKey(x.email) === cell || (x.name && personKey(x.name) === cell));
  if (c && c.name.trim()) return c.name.trim();
  const raw = String(consultantCell ?? '').trim();
  return raw.includes('@') ? '' : raw;
}
