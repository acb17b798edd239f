import type { EventView, Snapshot } from '../../snapshot';
import type { App, View } from '../app';
import { el, safeHref } from '../dom';
import { dayHeading } from '../../time-labels';

const RESPONSE_LABELS: Record<string, string> = {
  needsAction: 'sin responder',
  accepted: 'asistirá',
  declined: 'no asistirá',
  tentative: 'quizás',
};

/** A Calendar agenda: events by day (Lima time), with their Meet link and guests. */
export function calendarView(app: App, s: Snapshot): View {
  return {
    signature: `calendar:${JSON.stringify(s.calendar)}:${s.clock.day}`,
    render: () => {
      const days = new Map<string, EventView[]>();
      for (const e of s.calendar) {
        const list = days.get(e.day) ?? [];
        list.push(e);
        days.set(e.day, list);
      }
      return el(
        'section',
        { class: 'page calendar-screen' },
        el('h1', {}, 'Calendar · Agenda'),
        el('p', { class: 'muted' }, `Hoy es ${s.clock.day}.`),
        s.calendar.length === 0
          ? el('p', { class: 'empty' }, 'No hay eventos en ningún calendario.')
          : el(
              'div',
              { class: 'agenda' },
              ...[...days.values()].map((events) =>
                el('section', { class: 'agenda-day' }, el('h2', {}, events[0].dayLabel ? dayHeading(events[0].dayLabel) : 'Sin fecha'), ...events.map((e) => eventCard(app, e))),
              ),
            ),
      );
    },
  };
}

/** A guest's answer, and (for a live event) a select to answer as that guest, as their own Calendar would. */
function guestItem(app: App, e: EventView, g: EventView['guests'][number]): Node {
  const label = `${g.name ? `${g.name} <${g.email}>` : g.email}${g.organizer ? ' (organizador)' : ''} · ${RESPONSE_LABELS[g.responseStatus] ?? g.responseStatus}`;
  if (g.organizer || e.status === 'cancelled') return el('li', {}, label);
  const select = el(
    'select',
    { class: 'guest-answer', attrs: { 'aria-label': `Responder como ${g.email}`, 'data-guest': g.email } },
    el('option', { attrs: { value: '', selected: true, disabled: true } }, 'responder como invitado…'),
    ...(['accepted', 'tentative', 'declined'] as const).map((r) => el('option', { attrs: { value: r } }, RESPONSE_LABELS[r])),
  );
  select.addEventListener('change', () => {
    if (select.value) void app.respondToEvent(e.calendarId, e.id, g.email, select.value);
  });
  return el('li', {}, label, ' ', select);
}

function eventCard(app: App, e: EventView): Node {
  return el(
    'article',
    { class: `event${e.status === 'cancelled' ? ' cancelled' : ''}`, attrs: { 'data-event-id': e.id } },
    el('div', { class: 'event-time' }, e.timeLabel),
    el(
      'div',
      { class: 'event-main' },
      el('h3', { class: 'event-title' }, e.summary),
      el('div', { class: 'muted' }, `Calendario: ${e.calendarId}`),
      e.meetLink
        ? el(
            'div',
            { class: 'event-meet' },
            safeHref(e.meetLink) ? el('a', { class: 'btn small meet', attrs: { href: safeHref(e.meetLink), target: '_blank', rel: 'noopener noreferrer' } }, 'Unirse con Google Meet') : null,
            el('span', { class: 'link-url' }, e.meetLink),
          )
        : null,
      e.location ? el('div', {}, `Ubicación: ${e.location}`) : null,
      e.guests.length
        ? el(
            'div',
            { class: 'event-guests' },
            el('span', { class: 'label' }, `${e.guests.length} invitado${e.guests.length === 1 ? '' : 's'}:`),
            el('ul', {}, ...e.guests.map((g) => guestItem(app, e, g))),
          )
        : null,
      e.description ? el('p', { class: 'event-description' }, e.description) : null,
    ),
  );
}
