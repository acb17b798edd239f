import { zonedParts } from '../core/zones';

/**
 * Times as the browser UI shows them: in the workspace's zone (Lima), in Spanish, computed
 * on the server so the page never depends on the browser's own zone.
 */
const WEEKDAYS_SHORT = ['dom', 'lun', 'mar', 'mié', 'jue', 'vie', 'sáb'];
const WEEKDAYS_LONG = ['domingo', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado'];
const MONTHS = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'];

const two = (n: number) => String(n).padStart(2, '0');

/** "vie 27/11/2026 09:00" */
export function shortLabel(ms: number, timeZone: string): string {
  const p = zonedParts(ms, timeZone);
  return `${WEEKDAYS_SHORT[p.weekday]} ${two(p.day)}/${two(p.month)}/${p.year} ${two(p.hour)}:${two(p.minute)}`;
}

/** "viernes, 27 de noviembre de 2026" */
export function dayLabel(ms: number, timeZone: string): string {
  const p = zonedParts(ms, timeZone);
  return `${WEEKDAYS_LONG[p.weekday]}, ${p.day} de ${MONTHS[p.month - 1]} de ${p.year}`;
}

/**
 * A day label as a heading: "Viernes, 27 de noviembre de 2026" — only its first letter is a
 * capital (CSS `text-transform: capitalize` would also write "De Noviembre De", which Spanish
 * does not). In a sentence, use `dayLabel` as it is.
 */
export function dayHeading(label: string): string {
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** "09:00" */
export function hourLabel(ms: number, timeZone: string): string {
  const p = zonedParts(ms, timeZone);
  return `${two(p.hour)}:${two(p.minute)}`;
}

/** "2026-11-27T09:00" — the value of an <input type="datetime-local"> in that zone. */
export function wallTimeValue(ms: number, timeZone: string): string {
  const p = zonedParts(ms, timeZone);
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}

/** "2026-11-27" — the calendar day in that zone, for grouping. */
export function dayKey(ms: number, timeZone: string): string {
  const p = zonedParts(ms, timeZone);
  return `${p.year}-${two(p.month)}-${two(p.day)}`;
}
