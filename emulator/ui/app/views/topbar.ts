import type { Snapshot } from '../../snapshot';
import type { App } from '../app';
import { button, el, type Child } from '../dom';

const NAV: { view: string; hash: string; label: string }[] = [
  { view: 'sheets', hash: '#/hojas', label: 'Hojas de cálculo' },
  { view: 'mail', hash: '#/correo', label: 'Gmail' },
  { view: 'calendar', hash: '#/calendario', label: 'Calendar' },
  { view: 'forms', hash: '#/formularios', label: 'Formularios' },
  { view: 'drive', hash: '#/drive', label: 'Drive' },
  { view: 'dev', hash: '#/desarrollador', label: 'Panel del desarrollador' },
];

/** The emulator's own bar: where to go, and the virtual clock with quick ways to move it. */
export function topbar(app: App): Child[] {
  return [
    el('div', { class: 'brand' }, el('span', { class: 'brand-mark', attrs: { 'aria-hidden': 'true' } }), 'Google Workspace ', el('span', { class: 'brand-note' }, 'emulado')),
    el(
      'nav',
      { attrs: { 'aria-label': 'Aplicaciones' } },
      ...NAV.map((n) => el('a', { attrs: { href: n.hash, 'data-view': n.view } }, n.label)),
    ),
    el(
      'div',
      { class: 'clock', role: 'group', attrs: { 'aria-label': 'Reloj virtual' } },
      el('span', { class: 'clock-zone', id: 'clock-zone' }, 'Hora de Lima'),
      el('time', { class: 'clock-now', id: 'clock-now', attrs: { 'aria-live': 'polite' } }),
      button('+15 min', () => void app.advanceClock({ minutes: 15 }), { class: 'btn small', title: 'Avanzar 15 minutos (ejecuta los activadores que venzan)' }),
      button('+1 h', () => void app.advanceClock({ minutes: 60 }), { class: 'btn small', title: 'Avanzar una hora (ejecuta los activadores que venzan)' }),
      button(
        'Siguiente activador',
        () => {
          const next = app.snapshot?.clock.nextTrigger;
          if (next) void app.advanceClock({ to: next.wallTime });
        },
        { class: 'btn small', id: 'clock-next' },
      ),
    ),
  ];
}

export function renderClock(_app: App, s: Snapshot): void {
  const now = document.getElementById('clock-now');
  const zone = document.getElementById('clock-zone');
  const next = document.getElementById('clock-next') as HTMLButtonElement | null;
  if (now) {
    now.textContent = s.clock.label;
    now.setAttribute('datetime', new Date(s.clock.now).toISOString());
    now.title = s.clock.day;
  }
  if (zone) zone.textContent = s.clock.timeZone === 'America/Lima' ? 'Hora de Lima' : `Hora (${s.clock.timeZone})`;
  if (next) {
    next.disabled = !s.clock.nextTrigger;
    next.title = s.clock.nextTrigger ? `Avanzar a ${s.clock.nextTrigger.label} (${s.clock.nextTrigger.handler})` : 'No hay activadores de tiempo programados';
  }
}
