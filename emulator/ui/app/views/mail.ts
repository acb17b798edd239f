import type { MailView, Snapshot } from '../../snapshot';
import type { App, View } from '../app';
import { button, el } from '../dom';
import { bytes } from '../labels';
import { WEBAPP_URL } from './webapp';

/**
 * A Gmail-like view of the outbox: every message the scripts sent. The HTML body is drawn in a
 * frame with `sandbox=""` (no script, no navigation, opaque origin) from srcdoc, so nothing in
 * a message can run or reach the page; everything else is text.
 */
export function mailView(app: App, s: Snapshot, mailId: string | undefined): View {
  const selected = s.outbox.find((m) => m.id === mailId) ?? s.outbox[0];
  return {
    signature: `mail:${selected?.id ?? ''}:${s.outbox.length}:${s.outbox[0]?.id ?? ''}`,
    render: () =>
      el(
        'section',
        { class: 'mail-screen' },
        el(
          'div',
          { class: 'mail-list-pane' },
          el('h1', {}, 'Enviados ', el('span', { class: 'count' }, `(${s.outbox.length})`)),
          s.outbox.length === 0
            ? el('p', { class: 'empty' }, 'Todavía no se ha enviado ningún correo.')
            : el('ul', { class: 'mail-list', attrs: { 'aria-label': 'Correos enviados' } }, ...s.outbox.map((m) => listItem(m, m === selected))),
        ),
        el('div', { class: 'mail-reader' }, selected ? message(app, selected) : null),
      ),
  };
}

function recipients(m: MailView): string {
  return [...m.to, ...m.cc, ...m.bcc].join(', ');
}

function listItem(m: MailView, active: boolean): Node {
  return el(
    'li',
    { class: active ? 'active' : undefined },
    el(
      'a',
      { attrs: { href: `#/correo/${encodeURIComponent(m.id)}`, 'aria-current': active ? 'true' : undefined } },
      el('span', { class: 'mail-to' }, `Para: ${recipients(m)}`),
      el('span', { class: 'mail-subject' }, m.subject || '(sin asunto)'),
      m.attachments.length ? el('span', { class: 'mail-clip', title: 'Con adjuntos' }, '📎') : null,
      el('span', { class: 'mail-time' }, m.atLabel),
    ),
  );
}

function message(app: App, m: MailView): Node {
  const from = m.noReply ? `${m.name ?? ''} <noreply>`.trim() : m.name ? `${m.name} <${m.from}>` : m.from;
  const header = (label: string, value: string) => (value ? el('div', { class: 'mail-header' }, el('span', { class: 'label' }, label), el('span', {}, value)) : null);
  const body = m.html
    ? el('iframe', {
        class: 'mail-body-frame',
        title: `Contenido del correo: ${m.subject}`,
        attrs: { sandbox: '', srcdoc: m.html, referrerpolicy: 'no-referrer' },
      })
    : el('pre', { class: 'mail-body-text' }, m.body);
  return el(
    'article',
    { class: 'mail-message', attrs: { 'data-mail-id': m.id } },
    el('h2', { class: 'mail-title' }, m.subject || '(sin asunto)'),
    header('De:', from),
    header('Para:', m.to.join(', ')),
    header('Cc:', m.cc.join(', ')),
    header('Cco:', m.bcc.join(', ')),
    header('Responder a:', m.replyTo ?? ''),
    header('Fecha:', m.atLabel),
    body,
    m.attachments.length
      ? el(
          'div',
          { class: 'attachments' },
          el('h3', {}, `${m.attachments.length} archivo${m.attachments.length === 1 ? '' : 's'} adjunto${m.attachments.length === 1 ? '' : 's'}`),
          ...m.attachments.map((a) =>
            el('a', { class: 'chip', attrs: { href: a.url, target: '_blank', rel: 'noopener noreferrer' } }, `${a.name} · ${bytes(a.size)}`),
          ),
        )
      : null,
    m.links.length
      ? el(
          'div',
          { class: 'mail-links' },
          el('h3', {}, 'Enlaces del correo'),
          el(
            'ul',
            {},
            ...m.links.map((l) =>
              el(
                'li',
                {},
                l.formId ? button('Abrir formulario', () => app.openUrl(l.url), { class: 'btn small' }) : null,
                WEBAPP_URL.test(l.url) ? button('Abrir app web', () => app.openUrl(l.url), { class: 'btn small' }) : null,
                el('span', { class: 'link-url' }, l.url),
              ),
            ),
          ),
        )
      : null,
  );
}
