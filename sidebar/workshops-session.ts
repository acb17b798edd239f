/**
 * The session screen (B06–B09), reached from a module's detail in «Módulos»: for each session a
 * «Ver sesión» button opens, below it, the session as `getSessionDetail` answers it — the emails
 * of the session sent per kind, «Enviar enlaces ahora» / «Enviar encuesta ahora», the survey's
 * state, the attendance list (present or absent, the source of each mark, its evidence, and where
 * a hand mark disagrees with it) with «Presente» / «Ausente» per person and «Todos presentes»,
 * the Meet report's import (its link pasted) with the participants nobody was matched to and a
 * choice of registrant for each, and the module's running attendance against the certificate
 * rule. Every action answers with a sentence and the screen is read again (one call).
 *
 * «Enviar enlaces ahora» and «Enviar encuesta ahora» call `sendSessionAccessLinks` (B06–B07)
 * and `sendSessionSurvey` (B08); the check-in link for the Meet chat comes from `getCheckinLink`.
 * Data goes into the page as text only (./dom.ts).
 */
import type { AttendanceActionResult, AttendanceLine, ModuleView, SessionDetail, SessionView } from '../src/api';
import { clear, h, link, nextId } from './dom';
import { M } from './messages';
import { busy, call, showError } from './server';

type Say = (text: string, tone: 'ok' | 'error') => void;

const T = {
  title: 'Sesiones: asistencia y envíos',
  open: (n: number) => `Ver sesión ${n}`,
  close: 'Cerrar',
  loading: 'Cargando la sesión…',
  working: 'Un momento…',
  heading: (d: Extract<SessionDetail, { ok: true }>['session']) => `Sesión ${d.number}: ${d.topic}`,
  when: (d: Extract<SessionDetail, { ok: true }>['session']) => `${d.when} · ${d.status || 'Programada'}`,
  meet: 'Abrir la reunión de Meet',
  checkinTitle: 'Enlace de asistencia (para el chat de Meet)',
  checkinHelp: 'Durante la sesión, pegue este enlace en el chat de Meet: cada participante marca su asistencia con su número de documento.',
  checkinNone: 'El formato de asistencia de esta sesión no está disponible (sesión cancelada o ya terminada, o falta ejecutar «Configurar esta hoja»).',
  mailsTitle: 'Correos de la sesión',
  noMails: 'Todavía no se envió ningún correo de esta sesión.',
  mailColumns: ['Tipo', 'Enviados', 'Por enviar', 'Enviando', 'Con error'] as const,
  sendLinks: 'Enviar enlaces ahora',
  sendSurvey: 'Enviar encuesta ahora',
  surveyLine: (state: string, answers: number) => `Encuesta: ${state || 'no enviada'} · ${answers} respuesta(s)`,
  attendanceTitle: 'Asistencia',
  counts: (c: Extract<SessionDetail, { ok: true }>['counts']) =>
    `Presentes ${c.present} · Ausentes ${c.absent} · Sin marcar ${c.unmarked} (de ${c.registrants})` + (c.disagreements ? ` · En desacuerdo ${c.disagreements}` : ''),
  notStarted: 'La asistencia se registra desde la hora de inicio de la sesión.',
  allPresent: 'Todos presentes',
  allPresentHelp: 'Marca presentes a quienes aún no tienen una marca manual (las marcas manuales se respetan).',
  columns: ['Nombre', 'Asistió', 'Fuente', 'Evidencia', ''] as const,
  present: 'Presente',
  absent: 'Ausente',
  unmarked: 'Sin marcar',
  mark: (what: string, name: string) => `${what}: ${name}`,
  evidence: (a: AttendanceLine) =>
    [a.checkinAt ? `Formulario ${a.checkinAt}` : '', a.meetMinutes !== null ? `Meet ${a.meetMinutes} min${a.meetName ? ` («${a.meetName}»)` : ''}` : '', a.markedBy ? `Marcó ${a.markedBy}` : '']
      .filter((x) => x)
      .join(' · '),
  meetTitle: 'Reporte de asistencia de Meet',
  meetHelp: (min: number) =>
    `Pegue el enlace de la hoja «Informe de asistencia» que Google Meet guardó en el Drive del organizador (también llega por correo y queda en el evento del calendario). Cuenta como presente quien estuvo al menos ${min} minutos (se suman las reconexiones).`,
  meetLabel: 'Enlace o ID del reporte de Meet',
  meetImport: 'Importar reporte',
  meetAt: (when: string) => `Último reporte importado: ${when}`,
  unmatchedTitle: 'Participantes de Meet sin reconocer',
  noUnmatched: 'Todos los participantes del reporte fueron reconocidos.',
  unmatchedLine: (name: string, min: number) => `${name} — ${min} min`,
  assignLabel: (name: string) => `Asignar «${name}» a`,
  choose: 'Elija a la persona inscrita…',
  assign: 'Asignar',
  moduleTitle: 'Asistencia acumulada del módulo',
  moduleRule: (rule: string, held: number, total: number) => `Certificado: ${rule || 'sin regla definida'}. Sesiones realizadas: ${held} de ${total}.`,
  moduleColumns: ['Nombre', 'Sesiones asistidas', 'Por realizar', 'Certificado'] as const,
} as const;

/** What a send answers: `{ message }` (and `ok`) as the product's actions do; anything else → a neutral sentence. */
function messageOf(r: unknown): { text: string; ok: boolean } {
  if (r && typeof r === 'object' && typeof (r as { message?: unknown }).message === 'string') {
    return { text: (r as { message: string }).message, ok: (r as { ok?: unknown }).ok !== false };
  }
  return { text: 'Listo.', ok: true };
}

function table(caption: string, columns: readonly string[], rows: HTMLTableRowElement[], cls: string): HTMLTableElement {
  return h(
    'table',
    { class: cls },
    // The section's heading already shows the name: the caption names the table for a screen reader only.
    h('caption', { text: caption, class: 'visually-hidden' }),
    h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', { text: c, attrs: { scope: 'col' } })))),
    h('tbody', {}, ...rows),
  );
}

function presentText(p: boolean | null): string {
  return p === null ? T.unmarked : p ? T.present : T.absent;
}

/** Draws one session's screen into `box`; `reload` reads it again. */
function draw(box: HTMLElement, d: SessionDetail, reload: () => Promise<void>, say: Say): void {
  clear(box);
  if (!d.ok) {
    box.appendChild(h('p', { class: 'notice notice-error', text: d.message, attrs: { role: 'status' } }));
    return;
  }
  const s = d.session;
  const act = async (work: () => Promise<AttendanceActionResult | null | undefined>) => {
    try {
      const r = await busy(T.working, work);
      if (!r) throw new Error(M.unknownError);
      say(r.message, r.ok ? 'ok' : 'error');
      await reload();
    } catch (e) {
      showError(e, null);
    }
  };

  box.appendChild(h('h5', { class: 'session-heading', text: T.heading(s) }));
  box.appendChild(h('p', { class: 'help', text: T.when(s) }));
  const meetLink = link(s.meetUrl, T.meet, ['https:'], 'link-button secondary');
  if (meetLink) box.appendChild(h('p', {}, meetLink));

  // The check-in form's link (B09), asked for apart so the screen never waits on the form.
  const checkin = h('section', { class: 'session-checkin', attrs: { 'aria-label': T.checkinTitle } }, h('h6', { text: T.checkinTitle }));
  box.appendChild(checkin);
  void call('getCheckinLink', s.id)
    .then((r) => {
      if (r && r.ok && r.url) {
        const field = h('input', { attrs: { type: 'text', readonly: 'readonly', 'aria-label': T.checkinTitle, value: r.url } }) as HTMLInputElement;
        field.value = r.url;
        field.addEventListener('focus', () => field.select());
        checkin.appendChild(h('p', { class: 'help', text: T.checkinHelp }));
        checkin.appendChild(field);
      } else {
        checkin.appendChild(h('p', { class: 'help', text: T.checkinNone }));
      }
    })
    .catch(() => checkin.appendChild(h('p', { class: 'help', text: T.checkinNone })));

  // Emails of the session and the two sends of other parts of the product.
  const mails = h('section', { class: 'session-mails', attrs: { 'aria-label': T.mailsTitle } }, h('h6', { text: T.mailsTitle }));
  mails.appendChild(
    d.mails.length === 0
      ? h('p', { class: 'help', text: T.noMails })
      : table(
          T.mailsTitle,
          T.mailColumns,
          d.mails.map((m) => h('tr', { attrs: { 'data-kind': m.kind } }, h('td', { text: m.kind }), h('td', { text: String(m.sent) }), h('td', { text: String(m.pending) }), h('td', { text: String(m.sending) }), h('td', { text: String(m.failed) }))),
          'session-mails-table',
        ),
  );
  mails.appendChild(h('p', { class: 'session-survey', text: T.surveyLine(s.survey, s.surveyAnswers) }));
  const sends = h('div', { class: 'actions' });
  for (const [label, action, f] of [
    [T.sendLinks, 'send-links', (id: string) => call('sendSessionAccessLinks', id)],
    [T.sendSurvey, 'send-survey', (id: string) => call('sendSessionSurvey', id)],
  ] as const) {
    const b = h('button', { text: label, class: 'secondary', attrs: { type: 'button', 'data-action': action } });
    b.addEventListener('click', async () => {
      try {
        const r = messageOf(await busy(T.working, () => f(s.id)));
        say(r.text, r.ok ? 'ok' : 'error');
        await reload();
      } catch (e) {
        showError(e, null);
      }
    });
    sends.appendChild(b);
  }
  mails.appendChild(sends);
  box.appendChild(mails);

  // Attendance.
  const att = h('section', { class: 'session-attendance', attrs: { 'aria-label': T.attendanceTitle } }, h('h6', { text: T.attendanceTitle }));
  att.appendChild(h('p', { class: 'attendance-counts', text: T.counts(d.counts), attrs: { role: 'status' } }));
  if (!s.started) att.appendChild(h('p', { class: 'help', text: T.notStarted }));
  else {
    const all = h('button', { text: T.allPresent, class: 'action', attrs: { type: 'button', 'data-action': 'all-present' } });
    all.addEventListener('click', () => void act(() => call('markAllPresent', s.id)));
    att.appendChild(h('div', { class: 'actions' }, all));
    att.appendChild(h('p', { class: 'help', text: T.allPresentHelp }));
  }
  const rows = d.attendance.map((a) => {
    const mark = (present: boolean) => {
      const b = h('button', {
        text: present ? T.present : T.absent,
        class: 'secondary small',
        attrs: { type: 'button', 'data-action': present ? 'mark-present' : 'mark-absent', 'aria-label': T.mark(present ? T.present : T.absent, a.name), 'aria-pressed': String(a.source === 'Manual' && a.present === present) },
      });
      b.addEventListener('click', () => void act(() => call('markSessionAttendance', s.id, a.registrationId, present)));
      return b;
    };
    return h(
      'tr',
      { attrs: { 'data-id': a.registrationId, 'data-present': String(a.present) } },
      h('td', {}, a.name, a.disagreement ? h('p', { class: 'notice notice-warn disagreement', text: a.disagreement }) : null),
      h('td', { text: presentText(a.present) }),
      h('td', { text: a.source }),
      h('td', { text: T.evidence(a) }),
      h('td', {}, s.started ? mark(true) : null, s.started ? mark(false) : null),
    );
  });
  att.appendChild(table(T.attendanceTitle, T.columns, rows, 'session-attendance-table'));
  box.appendChild(att);

  // The Meet report.
  const meet = h('section', { class: 'session-meet', attrs: { 'aria-label': T.meetTitle } }, h('h6', { text: T.meetTitle }));
  meet.appendChild(h('p', { class: 'help', text: T.meetHelp(d.meetMinMinutes) }));
  if (s.meetReportAt) meet.appendChild(h('p', { class: 'meet-report-at', text: T.meetAt(s.meetReportAt) }));
  if (s.started) {
    const id = nextId('meet-link');
    const input = h('input', { attrs: { id, type: 'text', maxlength: '2000', class: 'meet-report-link' } });
    const go = h('button', { text: T.meetImport, class: 'action', attrs: { type: 'button', 'data-action': 'import-meet' } });
    go.addEventListener('click', () => void act(() => call('importMeetReport', s.id, input.value)));
    meet.appendChild(h('div', { class: 'field' }, h('label', { text: T.meetLabel, attrs: { for: id } }), input, go));
  }
  if (d.unmatched) {
    meet.appendChild(h('h6', { text: T.unmatchedTitle }));
    if (d.unmatched.length === 0) meet.appendChild(h('p', { class: 'help', text: T.noUnmatched }));
    const list = h('ul', { class: 'meet-unmatched' });
    for (const u of d.unmatched) {
      const id = nextId('assign');
      const select = h('select', { attrs: { id } }, h('option', { text: T.choose, attrs: { value: '' } }), ...d.attendance.map((a) => h('option', { text: a.name, attrs: { value: a.registrationId } })));
      const b = h('button', { text: T.assign, class: 'secondary small', attrs: { type: 'button', 'data-action': 'assign' } });
      b.addEventListener('click', () => {
        if (!select.value) return select.focus();
        void act(() => call('matchMeetParticipant', s.id, u.key, select.value));
      });
      list.appendChild(h('li', { attrs: { 'data-key': u.key } }, T.unmatchedLine(u.name, u.minutes), ' ', h('label', { text: T.assignLabel(u.name), attrs: { for: id, class: 'visually-hidden' } }), select, b));
    }
    if (d.unmatched.length) meet.appendChild(list);
  }
  box.appendChild(meet);

  // The module's running attendance against the certificate rule.
  const mod = h('section', { class: 'module-attendance', attrs: { 'aria-label': T.moduleTitle } }, h('h6', { text: T.moduleTitle }));
  mod.appendChild(h('p', { class: 'help', text: T.moduleRule(d.module.rule, d.module.held, d.module.total) }));
  mod.appendChild(
    table(
      T.moduleTitle,
      T.moduleColumns,
      d.module.people.map((p) => h('tr', { attrs: { 'data-id': p.registrationId } }, h('td', { text: p.name }), h('td', { text: String(p.attended) }), h('td', { text: String(p.remaining) }), h('td', { text: p.verdict }))),
      'module-attendance-table',
    ),
  );
  box.appendChild(mod);
}

/** The sessions of a module, each with «Ver sesión» opening its screen below it. */
export function sessionControls(m: ModuleView, say: Say): HTMLElement {
  const section = h('section', { class: 'module-sessions-screen', attrs: { 'aria-label': `${T.title}: ${m.name}` } }, h('h4', { text: T.title }));
  const list = h('ul', { class: 'session-list' });
  for (const s of m.sessions as SessionView[]) {
    const box = h('div', { class: 'session-screen', attrs: { 'aria-live': 'polite', 'data-session': s.id } });
    const open = h('button', { text: T.open(s.number), class: 'secondary', attrs: { type: 'button', 'data-action': 'open-session', 'data-session': s.id, 'aria-expanded': 'false' } });
    const load = async () => {
      box.setAttribute('aria-busy', 'true');
      try {
        const d = await call('getSessionDetail', s.id);
        if (!d) throw new Error(M.unknownError);
        draw(box, d, load, say);
      } catch (e) {
        clear(box);
        box.appendChild(h('p', { class: 'notice notice-error', text: e instanceof Error ? e.message : M.unknownError, attrs: { role: 'status' } }));
      } finally {
        box.removeAttribute('aria-busy');
      }
    };
    open.addEventListener('click', async () => {
      if (open.getAttribute('aria-expanded') === 'true') {
        clear(box);
        open.setAttribute('aria-expanded', 'false');
        open.textContent = T.open(s.number);
        return;
      }
      open.setAttribute('aria-expanded', 'true');
      open.textContent = T.close;
      clear(box);
      box.appendChild(h('p', { class: 'help', text: T.loading }));
      await load();
    });
    list.appendChild(h('li', {}, h('span', { text: `${s.number}. ${s.topic} — ${s.date} ${s.startTime}` }), ' ', open, box));
  }
  section.appendChild(list);
  return section;
}
