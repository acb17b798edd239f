import type { WebAppResponse } from '../services/webapp';

/**
 * The browser UI's web-app frame. The page POSTs `/api/webapp/open` (one doGet/doPost
 * execution); the answer is kept here under a key and the frame loads it from
 * `/webapp/frame/:key`, so loading a frame never runs a script. HTML is served in the same
 * sandbox as sidebars (opaque origin: it cannot reach the emulator's API), with a small script
 * that turns links and forms aimed at a web-app URL into messages to the page, which opens them
 * in the emulator (as a browser would go to script.google.com).
 */
export const WEBAPP_CHANNEL = 'emulator:webapp';

const KEEP = 30;

export class WebAppResponses {
  private readonly items = new Map<string, WebAppResponse & { url: string }>();
  private seq = 0;

  put(url: string, r: WebAppResponse): string {
    const key = `w${++this.seq}`;
    this.items.set(key, { ...r, url });
    while (this.items.size > KEEP) this.items.delete(this.items.keys().next().value as string);
    return key;
  }

  get(key: string): (WebAppResponse & { url: string }) | undefined {
    return this.items.get(key);
  }
}

/** The navigation script placed in a web app's HTML: web-app links and forms become messages to the page. */
function navigationScript(): string {
  const WEBAPP = String(/^https:\/\/script\.google\.com\/(?:a\/macros\/[^/]+|macros)\/s\/[A-Za-z0-9_-]+\/exec/i);
  return `(function(){
  var WEBAPP = ${WEBAPP};
  function send(m){ m.channel = ${JSON.stringify(WEBAPP_CHANNEL)}; parent.postMessage(m, '*'); }
  document.addEventListener('click', function(ev){
    var a = ev.target && ev.target.closest ? ev.target.closest('a[href]') : null;
    if (!a || !/^https?:/i.test(a.href) || !WEBAPP.test(a.href)) return;
    ev.preventDefault();
    ev.stopImmediatePropagation();
    send({ kind: 'open', url: a.href, method: 'GET' });
  }, true);
  document.addEventListener('submit', function(ev){
    var f = ev.target;
    var action = f.getAttribute('action') ? f.action : '';
    if (!WEBAPP.test(action)) return;
    ev.preventDefault();
    var data = new URLSearchParams(new FormData(f)).toString();
    if ((f.method || 'get').toLowerCase() === 'post') send({ kind: 'open', url: action, method: 'POST', body: data, contentType: 'application/x-www-form-urlencoded' });
    else send({ kind: 'open', url: action.split('?')[0] + (data ? '?' + data : ''), method: 'GET' });
  }, true);
})();`;
}

/**
 * The HTML a web app returned, with the navigation script first (web-app links and forms), then
 * (when given, from surfacePage) the google.script shim, then the page's own scripts. Other
 * links go through the shim's handler (forms in the emulator, the rest in a new tab).
 */
export function webAppFramePage(html: string): string {
  const tag = `<script>${navigationScript().replace(/<\/script/gi, '<\\/script')}</script>`;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + tag + html.slice(head.index + head[0].length);
  const doctype = /^\s*<!doctype[^>]*>/i.exec(html);
  if (doctype) return doctype[0] + tag + html.slice(doctype[0].length);
  return tag + html;
}
