/**
 * The real timings (issue 14 item 4) as a table: each step with its code, from, to and the time
 * that passed, then the total and the server's sentence (which says elapsed time is not hands-on
 * time). Used by «Solicitudes externas» (C01–C04) and by a module's detail in «Módulos» (B01–B12).
 * Data goes into the page as text only.
 */
import type { TimingsView } from '../src/api';
import { h } from './dom';

const T = {
  columns: ['Código', 'Paso', 'Desde', 'Hasta', 'Tiempo transcurrido'] as const,
  notYet: 'pendiente',
  total: (elapsed: string, standard: string) => `Total transcurrido: ${elapsed} · Referencia del procedimiento: ${standard} de trabajo`,
  noTotal: (standard: string) => `Referencia del procedimiento: ${standard} de trabajo`,
} as const;

/** '5 h 25 min', '2 d 3 h', '0 min' (the server's summary writes durations the same way). */
export function minutesText(total: number): string {
  const m = Math.max(0, Math.round(total));
  const parts: string[] = [];
  const days = Math.floor(m / 1440);
  const hours = Math.floor((m % 1440) / 60);
  const minutes = m % 60;
  if (days) parts.push(`${days} d`);
  if (hours) parts.push(`${hours} h`);
  if (minutes || parts.length === 0) parts.push(`${minutes} min`);
  return parts.join(' ');
}

/** The timings' table with its caption, the total and the summary. */
export function timingsSection(t: TimingsView, caption: string, className: string): HTMLElement {
  const head = h('tr', {}, ...T.columns.map((c) => h('th', { text: c, attrs: { scope: 'col' } })));
  const rows = t.steps.map((s) =>
    h(
      'tr',
      { attrs: { 'data-code': s.code } },
      h('td', { text: s.code }),
      h('th', { text: s.label, attrs: { scope: 'row' } }),
      h('td', { text: s.from || '—' }),
      h('td', { text: s.to || '—' }),
      h('td', { class: 'timing-elapsed', text: s.elapsedMinutes === null ? T.notYet : minutesText(s.elapsedMinutes) }),
    ),
  );
  return h(
    'section',
    { class: `timings ${className}`, attrs: { 'aria-label': caption } },
    h('h4', { text: caption }),
    h('div', { class: 'table-scroll' }, h('table', { class: 'timings-table' }, h('caption', { class: 'visually-hidden', text: caption }), h('thead', {}, head), h('tbody', {}, ...rows))),
    h('p', { class: 'timings-total', text: t.totalElapsedMinutes === null ? T.noTotal(minutesText(t.standardMinutes)) : T.total(minutesText(t.totalElapsedMinutes), minutesText(t.standardMinutes)) }),
    h('p', { class: 'help timings-summary', text: t.summary }),
  );
}
