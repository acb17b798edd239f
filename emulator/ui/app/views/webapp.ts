import { SURFACE_SANDBOX } from '../../surface-page';
import type { App, View } from '../app';
import { button, el } from '../dom';

/** What the web-app page shows: the last answer of the app at `url`, for `user` ('' = not signed in). */
export interface WebAppPageState {
  url: string;
  user: string;
  key?: string;
  status?: number;
  contentType?: string;
  title?: string;
  fileName?: string;
  error?: string;
  loading?: boolean;
}

/** Web app links (…/macros/s/<id>/exec) open here, as a browser tab on script.google.com would show them. */
export const WEBAPP_URL = /^https:\/\/script\.google\.com\/(?:a\/macros\/[^/]+|macros)\/s\/[A-Za-z0-9_-]+\/exec/i;

export function webAppView(app: App, st: WebAppPageState): View {
  return {
    signature: `webapp:${JSON.stringify(st)}`,
    render: () => {
      const who = el('input', { class: 'webapp-user', attrs: { type: 'email', value: st.user, placeholder: 'vacío = sin iniciar sesión', 'aria-label': 'Correo del visitante' } });
      const status =
        st.loading ? 'Abriendo…'
        : st.key === undefined ? ''
        : `HTTP ${st.status} · ${st.contentType}${st.fileName ? ` · descarga «${st.fileName}»` : ''}${st.error ? ` · ${st.error}` : ''}`;
      return el(
        'section',
        { class: 'page webapp-screen' },
        el('h1', {}, st.title ? `App web · ${st.title}` : 'App web'),
        el('div', { class: 'link-url webapp-url' }, st.url),
        el(
          'div',
          { class: 'webapp-bar' },
          el('label', {}, 'Visitante: ', who),
          button('Abrir de nuevo', () => void app.openWebApp(st.url, who.value.trim()), { class: 'btn small' }),
        ),
        el('div', { class: 'muted webapp-status', role: 'status' }, status),
        st.key
          ? el('iframe', {
              class: 'webapp-frame',
              title: st.title || 'App web',
              attrs: { src: `/webapp/frame/${encodeURIComponent(st.key)}`, sandbox: SURFACE_SANDBOX, 'data-webapp-key': st.key },
            })
          : null,
      );
    },
  };
}
