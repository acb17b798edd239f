import type { Snapshot } from '../../snapshot';
import type { View } from '../app';
import { el } from '../dom';
import { bytes } from '../labels';

/** Drive's file list; PDFs and images open in the browser. */
export function driveView(s: Snapshot): View {
  return {
    signature: `drive:${JSON.stringify(s.drive)}`,
    render: () =>
      el(
        'section',
        { class: 'page drive-screen' },
        el('h1', {}, 'Drive · Mi unidad'),
        s.drive === null
          ? el('p', { class: 'empty' }, 'Este emulador todavía no incluye Drive: no hay archivos que mostrar.')
          : s.drive.length === 0
            ? el('p', { class: 'empty' }, 'No hay archivos.')
            : el(
                'table',
                { class: 'table' },
                el('thead', {}, el('tr', {}, el('th', {}, 'Nombre'), el('th', {}, 'Tipo'), el('th', {}, 'Tamaño'))),
                el(
                  'tbody',
                  {},
                  ...s.drive.map((f) =>
                    el(
                      'tr',
                      {},
                      el('td', {}, f.folder ? `📁 ${f.name}` : f.contentUrl ? el('a', { attrs: { href: f.contentUrl, target: '_blank', rel: 'noopener noreferrer' } }, f.name) : f.name),
                      el('td', {}, f.folder ? 'Carpeta' : f.mimeType),
                      el('td', {}, f.folder ? '—' : bytes(f.size)),
                    ),
                  ),
                ),
              ),
      ),
  };
}
