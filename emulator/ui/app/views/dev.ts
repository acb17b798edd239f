import type { ExecutionView, Snapshot } from '../../snapshot';
import type { App, View } from '../app';
import { button, el } from '../dom';
import { STATUS_LABELS, TRIGGER_LABELS, callsSummary, duration } from '../labels';

/** The developer's panel: the virtual clock, the scheduled triggers and the executions log. */
export function devView(app: App, s: Snapshot): View {
  return {
    signature: `dev:${s.version}:${app.lastActivity?.text ?? ''}`,
    render: () => el('section', { class: 'page dev-screen' }, lastActivityPanel(app), clockPanel(app, s), triggersPanel(s), executionsPanel(s), resetPanel(app)),
  };
}

/** What the last action in this page ran: functions, service calls, modeled time (the status bar only says what failed). */
function lastActivityPanel(app: App): Node {
  const last = app.lastActivity;
  return el(
    'section',
    { class: 'panel', attrs: { id: 'last-activity' } },
    el('h2', {}, 'Última acción'),
    last ? el('p', { class: last.error ? 'error-text mono' : 'mono' }, last.at ? `${last.at} · ${last.text}` : last.text) : el('p', { class: 'empty' }, 'Todavía no se ha ejecutado nada desde esta página.'),
  );
}

function clockPanel(app: App, s: Snapshot): Node {
  const input = el('input', { id: 'advance-to', attrs: { type: 'datetime-local', step: 60 } });
  input.value = s.clock.nextTrigger?.wallTime ?? s.clock.wallTime;
  input.min = s.clock.wallTime;
  return el(
    'section',
    { class: 'panel' },
    el('h2', {}, 'Reloj virtual'),
    el('p', { class: 'clock-big' }, el('span', { class: 'muted' }, s.clock.timeZone === 'America/Lima' ? 'Hora de Lima: ' : `Hora (${s.clock.timeZone}): `), s.clock.label, el('span', { class: 'muted' }, ` · ${s.clock.day}`)),
    el(
      'form',
      {
        class: 'inline-form',
        on: {
          submit: (e) => {
            e.preventDefault();
            if (input.value) void app.advanceClock({ to: input.value });
          },
        },
      },
      el('label', { attrs: { for: 'advance-to' } }, 'Avanzar hasta: '),
      input,
      el('button', { class: 'btn primary', attrs: { type: 'submit' } }, 'Avanzar'),
    ),
    el(
      'div',
      { class: 'button-row' },
      ...[
        ['+5 min', 5],
        ['+15 min', 15],
        ['+1 h', 60],
        ['+1 día', 24 * 60],
      ].map(([label, minutes]) => button(String(label), () => void app.advanceClock({ minutes: Number(minutes) }), { class: 'btn small' })),
    ),
    el('p', { class: 'muted' }, 'Al avanzar, los activadores de tiempo que vencen en el camino se ejecutan en orden.'),
  );
}

function triggersPanel(s: Snapshot): Node {
  return el(
    'section',
    { class: 'panel' },
    el('h2', {}, `Activadores (${s.triggers.length})`),
    s.triggers.length === 0
      ? el('p', { class: 'empty' }, 'No hay activadores instalables.')
      : el(
          'table',
          { class: 'table', attrs: { id: 'triggers-table' } },
          el('thead', {}, el('tr', {}, ...['Proyecto', 'Función', 'Evento', 'Próxima ejecución', 'Última', 'Propietario'].map((h) => el('th', {}, h)))),
          el(
            'tbody',
            {},
            ...s.triggers.map((t) =>
              el('tr', {}, el('td', {}, t.spreadsheetName), el('td', { class: 'mono' }, t.handler), el('td', {}, t.schedule), el('td', {}, t.nextRunLabel ?? '—'), el('td', {}, t.lastRunLabel ?? '—'), el('td', {}, t.owner)),
            ),
          ),
        ),
  );
}

function executionRow(e: ExecutionView): Node {
  const failed = e.status !== 'completed' && e.status !== 'running';
  return el(
    'tr',
    { class: failed ? 'failed' : undefined, attrs: { 'data-execution-id': e.id } },
    el('td', {}, e.startedLabel),
    el('td', {}, e.spreadsheetName),
    el('td', { class: 'mono' }, e.functionName),
    el('td', {}, TRIGGER_LABELS[e.trigger] ?? e.trigger),
    el('td', {}, `${e.totalCalls}`, el('div', { class: 'muted small' }, callsSummary(e.calls))),
    el('td', { class: 'num' }, duration(e.modeledMs)),
    el('td', {}, STATUS_LABELS[e.status] ?? e.status),
    el(
      'td',
      {},
      e.error ? el('div', { class: 'error-text' }, e.error) : null,
      e.logs.length ? el('details', {}, el('summary', {}, `Registro (${e.logs.length})`), el('pre', { class: 'logs' }, e.logs.join('\n'))) : null,
    ),
  );
}

function executionsPanel(s: Snapshot): Node {
  return el(
    'section',
    { class: 'panel' },
    el('h2', {}, 'Ejecuciones'),
    s.executions.length === 0
      ? el('p', { class: 'empty' }, 'Todavía no hay ejecuciones.')
      : el(
          'table',
          { class: 'table', attrs: { id: 'executions-table' } },
          el('thead', {}, el('tr', {}, ...['Inicio', 'Proyecto', 'Función', 'Tipo', 'Llamadas', 'Tiempo modelado', 'Estado', 'Error / registro'].map((h) => el('th', {}, h)))),
          el('tbody', {}, ...s.executions.map(executionRow)),
        ),
  );
}

function resetPanel(app: App): Node {
  return el(
    'section',
    { class: 'panel' },
    el('h2', {}, 'Empezar de nuevo'),
    el('p', {}, 'Borra las hojas, correos, eventos, formularios y el registro, y vuelve a crear los datos de demostración.'),
    button('Reiniciar el espacio de trabajo', () => {
      if (confirm('¿Borrar todo y empezar de nuevo?')) void app.reset();
    }, { class: 'btn danger' }),
  );
}
