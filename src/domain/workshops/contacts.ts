/**
 * B10, WhatsApp (issue 12, item 6): groups cannot be created by API, so the panel exports the
 * module's confirmed registrants ('Inscrito') for the consultant to add them by hand — as a CSV
 * with the headers Google Contacts imports (then WhatsApp on the phone sees them) and as a vCard
 * 3.0 file (RFC 2426) a phone imports directly. Pure.
 *
 * - The mobile goes in +51 form without spaces ('+51987654321'); a number that is not a Peruvian
 *   mobile is left out of the vCard's TEL (never guessed) and written as typed in the CSV.
 * - vCard values are escaped (backslash, comma, semicolon, line breaks: RFC 2426 §4) and lines
 *   longer than 75 octets are folded (CRLF + space), never inside a UTF-8 character.
 * - CSV cells are formula-safe (`csvCell`), the file starts with a BOM (see ./silnet.ts).
 */
import { csvCell } from '../personal-data';
import { normalisePeruMobile } from '../validation';
import { BOM } from './silnet';

export interface ContactPerson {
  fullName: string;
  phone: string;
  email: string;
}

/** '+51987654321', or null when the cell is not a Peruvian mobile. */
export function mobileE164(raw: string): string | null {
  const m = normalisePeruMobile(raw);
  return m ? m.replace(/\s+/g, '') : null;
}

/** A text value of a vCard property (RFC 2426 §4: \\ \, \; and line breaks as \n). */
export function vcardEscape(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/,/g, '\\,')
    .replace(/;/g, '\\;')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

function utf8Length(ch: string): number {
  const c = ch.codePointAt(0) ?? 0;
  return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

/** Folds a content line at 75 octets (RFC 2425 §5.8.1), never inside a character. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const n = utf8Length(ch);
    const limit = parts.length === 0 ? 75 : 74; // a continuation line starts with one space
    if (octets + n > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += n;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** One vCard 3.0 per person, CRLF line ends. `category` (the module) groups them on the phone. */
export function toVcards(people: readonly ContactPerson[], category: string): string {
  const out: string[] = [];
  for (const p of people) {
    const name = p.fullName.trim() || p.email.trim();
    if (name === '') continue;
    const lines = ['BEGIN:VCARD', 'VERSION:3.0', `N:${vcardEscape(name)};;;;`, `FN:${vcardEscape(name)}`];
    const tel = mobileE164(p.phone);
    if (tel) lines.push(`TEL;TYPE=CELL:${tel}`);
    if (p.email.trim()) lines.push(`EMAIL;TYPE=INTERNET:${vcardEscape(p.email.trim())}`);
    if (category.trim()) lines.push(`CATEGORIES:${vcardEscape(category.trim())}`);
    lines.push('END:VCARD');
    out.push(...lines.map(foldLine));
  }
  return out.length > 0 ? out.join('\r\n') + '\r\n' : '';
}

/** The Google Contacts CSV headers this export fills. */
export const CONTACT_CSV_HEADERS = ['Name', 'Phone 1 - Type', 'Phone 1 - Value', 'E-mail 1 - Type', 'E-mail 1 - Value', 'Group Membership'] as const;

/** The contacts as Google Contacts imports them (BOM, CRLF, formula-safe cells). */
export function toContactsCsv(people: readonly ContactPerson[], group: string): string {
  const rows = people.map((p) => {
    const tel = mobileE164(p.phone) ?? p.phone.trim();
    return [p.fullName.trim(), tel ? 'Mobile' : '', tel, p.email.trim() ? '* Internet' : '', p.email.trim(), group.trim() ? `${group.trim()} ::: * myContacts` : '* myContacts'];
  });
  return BOM + [[...CONTACT_CSV_HEADERS], ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
