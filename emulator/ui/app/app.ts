import type { MessageView, Snapshot } from '../snapshot';
import { getState, getVersion, post, resolveFormUrl, type Effects, type RunResult } from './api';
import { SHIM_CHANNEL } from '../surface-page';
import { button, el, replaceChildren } from './dom';
import { STATUS_LABELS, TRIGGER_LABELS, callsSummary, duration } from './labels';
import { SurfaceHost } from './surface-host';
import { calendarView } from './views/calendar';
import { devView } from './views/dev';
import { driveView } from './views/drive';
import { formsListView, formView } from './views/forms';
import { mailView } from './views/mail';
import { sheetsView } from './views/sheets';
import { WEBAPP_URL, webAppView, type WebAppPageState } from './views/webapp';
import { WEBAPP_CHANNEL } from '../webapp-page';
import { renderClock, topbar } from './views/topbar';

export type Route =
  | { view: 'sheets'; spreadsheetId?: string; tab?: string }
  | { view: 'mail'; mailId?: string }
  | { view: 'calendar' }
  | { view: 'forms' }
  | { view: 'form'; formId: string }
  | { view: 'form-link'; url: string }
  | { view: 'drive' }
  | { view: 'webapp'; url: string }
  | { view: 'dev' };

/** A view: what it shows depends only on `signature`; the page redraws it when that changes. */
export interface View {
  signature: string;
  render(): Node;
}

export interface FormPageState {
  formId: string;
  nonce: number;
  prefill?: Record<string, string | string[]>;
  confirmation?: string;
  problems?: { itemId?: number; title: string; message: string }[];
  email?: string;
}

const POLL_MS = 1500;

export function parseRoute(hash: string): Route {
  const [path, query = ''] = hash.replace(/^#\/?/, '').split('?');
  const parts = path.split('/').filter(Boolean).map((p) => decodeURIComponent(p));
  switch (parts[0]) {
    case 'correo':
      return { view: 'mail', mailId: parts[1] };
    case 'calendario':
      return { view: 'calendar' };
    case 'formularios':
      return parts[1] ? { view: 'form', formId: parts[1] } : { view: 'forms' };
    case 'formulario':
      return { view: 'form-link', url: new URLSearchParams(query).get('url') ?? '' };
    case 'drive':
      return { view: 'drive' };
    case 'appweb':
      return { view: 'webapp', url: new URLSearchParams(query).get('url') ?? '' };
    case 'desarrollador':
      return { view: 'dev' };
    default:
      return { view: 'sheets', spreadsheetId: parts[1], tab: parts[2] };
  }
}

export function sheetHash(spreadsheetId: string, tab?: string): string {
  return `#/hojas/${encodeURIComponent(spreadsheetId)}${tab ? `/${encodeURIComponent(tab)}` : ''}`;
}

/**
 * The page: keeps the latest snapshot, draws the view the address asks for, runs actions
 * through the server and shows what they caused (executions, alerts, toasts).
 */
export class App {
  snapshot?: Snapshot;
  route: Route = { view: 'sheets' };
  /** Spreadsheets opened in this page (onOpen ran once, as when a person opens the file). */
  readonly opened = new Set<string>();
  readonly activeTab = new Map<string, string>();
  form?: FormPageState;
  webApp?: WebAppPageState;
  readonly surfaces: SurfaceHost;

  private readonly header = el('header', { class: 'topbar' });
  private readonly view = el('main', { id: 'view', class: 'view' });
  private readonly dock = el('aside', { id: 'sidebar-dock', class: 'sidebar-dock', attrs: { hidden: true } });
  private readonly status = el('div', { id: 'status', class: 'statusbar', role: 'status', attrs: { 'aria-live': 'polite' } });
  private readonly overlay = el('div', { id: 'overlay', class: 'overlay-root' });
  private readonly toasts = el('div', { id: 'toasts', class: 'toasts', attrs: { 'aria-live': 'polite' } });
  /** What the last action ran (functions, calls, modeled time): shown in the developer panel, not in the status bar. */
  lastActivity?: { text: string; error: boolean; at: string };
  /** The page was opened with no address: it goes to the landing, and clicks its menu item once. */
  private landingPending = location.hash === '' || location.hash === '#' || location.hash === '#/';
  private signature = '';
  private refreshing?: Promise<void>;
  private again = false;

  constructor(root: HTMLElement) {
    this.surfaces = new SurfaceHost(this, this.dock, this.overlay);
    replaceChildren(root, this.header, el('div', { class: 'workspace' }, this.view, this.dock), this.status, this.overlay, this.toasts);
    window.addEventListener('hashchange', () => this.render());
    window.addEventListener('message', (event) => void this.onWebAppMessage(event));
  }

  async start(): Promise<void> {
    await this.refresh();
    setInterval(() => void this.poll(), POLL_MS);
  }

  /** Fetches the snapshot and redraws (one fetch at a time). */
  refresh(): Promise<void> {
    if (this.refreshing) {
      this.again = true; // something changed after that fetch started: fetch once more
      return this.refreshing;
    }
    this.refreshing = (async () => {
      try {
        do {
          this.again = false;
          this.snapshot = await getState();
          this.render();
        } while (this.again);
      } catch (e) {
        this.showStatus(e instanceof Error ? e.message : String(e), true);
      } finally {
        this.refreshing = undefined;
      }
    })();
    return this.refreshing;
  }

  private async poll(): Promise<void> {
    if (!this.snapshot || this.refreshing) return;
    try {
      if ((await getVersion()) !== this.snapshot.version) await this.refresh();
    } catch {
      // the server is restarting; the next poll tries again
    }
  }

  navigate(hash: string): void {
    if (location.hash === hash) this.render();
    else location.hash = hash;
  }

  render(): void {
    const s = this.snapshot;
    if (!s) return;
    this.route = parseRoute(location.hash);
    if (this.route.view === 'sheets' && !this.route.spreadsheetId && s.spreadsheets.length > 0 && location.hash === '') {
      const landing = s.landing && s.spreadsheets.some((x) => x.id === s.landing!.spreadsheetId) ? s.landing.spreadsheetId : s.spreadsheets[0].id;
      this.navigate(sheetHash(landing));
      return;
    }
    if (this.route.view === 'form-link') {
      void this.openFormLink(this.route.url);
      return;
    }
    if (this.route.view === 'webapp' && this.webApp?.url !== this.route.url) {
      void this.openWebApp(this.route.url, this.webApp?.user ?? '');
    }
    if (this.route.view === 'sheets' && this.route.spreadsheetId && !this.opened.has(this.route.spreadsheetId)) {
      void this.openSpreadsheet(this.route.spreadsheetId);
    }
    if (this.header.childElementCount === 0) replaceChildren(this.header, ...topbar(this));
    renderClock(this, s);
    for (const link of Array.from(this.header.querySelectorAll<HTMLAnchorElement>('nav a'))) {
      link.classList.toggle('active', link.dataset.view === (this.route.view === 'form' ? 'forms' : this.route.view));
    }
    const view = this.currentView(s);
    if (view.signature !== this.signature) {
      this.signature = view.signature;
      replaceChildren(this.view, view.render());
    }
    this.surfaces.update(s, this.route.view === 'sheets' ? this.route.spreadsheetId : undefined);
  }

  private currentView(s: Snapshot): View {
    const r = this.route;
    switch (r.view) {
      case 'mail':
        return mailView(this, s, r.mailId);
      case 'calendar':
        return calendarView(this, s);
      case 'forms':
        return formsListView(this, s);
      case 'form':
        if (!this.form || this.form.formId !== r.formId) this.form = { formId: r.formId, nonce: 0 };
        return formView(this, s, this.form);
      case 'drive':
        return driveView(s);
      case 'webapp':
        return webAppView(this, this.webApp ?? { url: r.url, user: '', loading: true });
      case 'dev':
        return devView(this, s);
      default:
        return sheetsView(this, s, r.view === 'sheets' ? r.spreadsheetId : undefined, r.view === 'sheets' ? r.tab : undefined);
    }
  }

  /** Forces the current view to be redrawn on the next render (its state changed, not the snapshot). */
  invalidate(): void {
    this.signature = '';
    this.render();
  }

  // ------------------------------------------------------------------ actions

  /** Runs an action, shows what it caused, then redraws from a fresh snapshot. */
  async act<T extends Effects>(path: string, body: unknown, describe?: string): Promise<T> {
    let result: T;
    try {
      result = await post<T>(path, body);
    } catch (e) {
      const error = `No se pudo contactar con el emulador: ${e instanceof Error ? e.message : String(e)}`;
      this.showStatus(error, true);
      return { ok: false, error } as T;
    }
    this.showEffects(result, describe);
    await this.refresh();
    return result;
  }

  async openSpreadsheet(id: string): Promise<void> {
    this.opened.add(id);
    this.surfaces.dismissCurrent(id, this.snapshot);
    await this.act('/api/open', { spreadsheetId: id });
    if (this.landingPending) {
      this.landingPending = false;
      await this.landOn(id);
    }
  }

  /** On the landing spreadsheet, clicks the landing's menu item (e.g. the script's «Abrir panel») and says so. */
  private async landOn(id: string): Promise<void> {
    const s = this.snapshot;
    const fn = s?.landing?.spreadsheetId === id ? s.landing.menuFunction : undefined;
    if (!s || !fn) return;
    const ss = s.spreadsheets.find((x) => x.id === id);
    for (const menu of ss?.menus ?? []) {
      const item = menu.items.find((i): i is { caption: string; functionName: string } => 'caption' in i && i.functionName === fn);
      if (item) {
        await this.clickMenu(id, item.caption);
        this.showStatus(`Se abrió «${menu.name} › ${item.caption}», como lo haría usted desde el menú de la hoja.`, false);
        return;
      }
    }
  }

  async clickMenu(spreadsheetId: string, caption: string): Promise<void> {
    const r = await this.act('/api/menu', { spreadsheetId, caption });
    if (r.ok === false && r.error) this.alert('Error de la secuencia de comandos', r.error);
  }

  async advanceClock(body: { to: string } | { minutes: number }): Promise<void> {
    await this.act('/api/clock', body);
  }

  async enterCell(spreadsheetId: string, sheet: string, row: number, column: number, value: string): Promise<void> {
    const r = await this.act<Effects & { warning?: boolean }>('/api/cells', { spreadsheetId, sheet, row, column, value });
    // A warning-only protection: Sheets asks before the edit goes in.
    if (r.ok === false && r.warning && window.confirm('Está intentando editar una parte de la hoja que no debería modificarse por error. ¿Desea continuar?')) {
      await this.act('/api/cells', { spreadsheetId, sheet, row, column, value, confirmWarning: true });
    }
  }

  async reset(): Promise<void> {
    const r = await this.act('/api/reset', {});
    if (r.ok !== false) {
      this.opened.clear();
      this.activeTab.clear();
      this.form = undefined;
      this.surfaces.forgetAll();
      this.landingPending = true; // a fresh workspace lands as a first visit does
      if (location.hash) location.hash = '';
      else this.render();
    }
  }

  /** A form link (e.g. a prefilled survey link from an email) opens that form with its answers filled in. */
  async openFormLink(url: string): Promise<void> {
    const r = await resolveFormUrl(url);
    if ('formId' in r) {
      this.form = { formId: r.formId, nonce: 1, prefill: r.answers };
      history.replaceState(null, '', `#/formularios/${encodeURIComponent(r.formId)}`);
      this.invalidate();
    } else {
      this.showStatus(`No se pudo abrir el enlace: ${r.error}`, true);
      history.replaceState(null, '', '#/formularios');
      this.invalidate();
    }
  }

  /**
   * Opens a web-app URL as `user` ('' = not signed in): one doGet/doPost on the server; the page
   * shows the answer in a sandboxed frame.
   */
  async openWebApp(url: string, user: string, request: { method?: 'GET' | 'POST'; body?: string; contentType?: string } = {}): Promise<void> {
    this.webApp = { url, user, loading: true };
    if (this.route.view === 'webapp' && this.route.url !== url) history.replaceState(null, '', `#/appweb?url=${encodeURIComponent(url)}`);
    this.invalidate();
    const r = await this.act<Effects & { key?: string; status?: number; contentType?: string; title?: string; fileName?: string }>(
      '/api/webapp/open',
      { url, user, ...request },
      `app web (${request.method ?? 'GET'})`,
    );
    this.webApp = { url, user, key: r.key, status: r.status, contentType: r.contentType, title: r.title, fileName: r.fileName, error: r.ok === false ? r.error : undefined };
    this.invalidate();
  }

  /** Links and forms of the web-app frame aimed at a web app come here as messages. */
  private async onWebAppMessage(event: MessageEvent): Promise<void> {
    const data = event.data as {
      channel?: string;
      kind?: string;
      url?: unknown;
      method?: unknown;
      body?: unknown;
      contentType?: unknown;
      callId?: unknown;
      functionName?: unknown;
      args?: unknown;
    };
    if (!data) return;
    const frame = document.querySelector<HTMLIFrameElement>('iframe.webapp-frame');
    if (!frame || frame.contentWindow !== event.source || !this.webApp) return;
    if (data.channel === SHIM_CHANNEL) return this.onWebAppShimMessage(event.source as Window, data);
    if (data.channel !== WEBAPP_CHANNEL || data.kind !== 'open' || typeof data.url !== 'string' || !WEBAPP_URL.test(data.url)) return;
    const method = data.method === 'POST' ? 'POST' : 'GET';
    await this.openWebApp(data.url, this.webApp?.user ?? '', {
      method,
      ...(typeof data.body === 'string' ? { body: data.body } : {}),
      ...(typeof data.contentType === 'string' ? { contentType: data.contentType } : {}),
    });
  }

  /** google.script.run (and links) from a web-app page: one execution per call, as the visitor. */
  private async onWebAppShimMessage(target: Window, data: { kind?: string; url?: unknown; callId?: unknown; functionName?: unknown; args?: unknown }): Promise<void> {
    if (data.kind === 'open-url' && typeof data.url === 'string') return this.openUrl(data.url);
    if (data.kind !== 'run' || typeof data.functionName !== 'string' || !this.webApp) return;
    let reply: { ok: boolean; value?: unknown; error?: string };
    let result: RunResult | undefined;
    try {
      result = await post<RunResult>('/api/webapp/run', { url: this.webApp.url, user: this.webApp.user, functionName: data.functionName, args: data.args ?? [] });
      reply = result.ok ? { ok: true, value: result.value } : { ok: false, error: result.error };
    } catch (e) {
      reply = { ok: false, error: `No se pudo contactar con el emulador: ${e instanceof Error ? e.message : String(e)}` };
    }
    // Opaque-origin frame: '*' is the only target origin that reaches it; `target` is that one frame.
    target.postMessage({ channel: SHIM_CHANNEL, kind: 'result', callId: data.callId, ...reply }, '*');
    if (result) this.showEffects(result, `google.script.run.${data.functionName}`);
    await this.refresh();
  }

  /** A guest's answer to an event, given from the calendar view. */
  async respondToEvent(calendarId: string, eventId: string, email: string, response: string): Promise<void> {
    const r = await this.act('/api/calendar/respond', { calendarId, eventId, email, response }, `respuesta de ${email}`);
    if (r.ok === false && r.error) this.showStatus(r.error, true);
  }

  /** Where a link followed inside the emulator goes. */
  openUrl(url: string): void {
    if (/^https:\/\/(docs\.google\.com\/forms\/|forms\.gle\/)/i.test(url)) {
      this.navigate(`#/formulario?url=${encodeURIComponent(url)}`);
    } else if (WEBAPP_URL.test(url)) {
      this.navigate(`#/appweb?url=${encodeURIComponent(url)}`);
    } else {
      window.open(url, '_blank', 'noopener');
    }
  }

  // ------------------------------------------------------------------ feedback

  /**
   * The status bar says what a person needs (an error in plain words); what ran — functions,
   * service calls, modeled time — goes to the developer panel («Última acción»).
   */
  showEffects(result: Effects, describe?: string): void {
    const execs = result.executions ?? [];
    if (execs.length) {
      const last = execs[execs.length - 1];
      const failed = execs.filter((e) => e.status !== 'completed');
      const line = execs
        .map((e) => `${e.functionName} (${TRIGGER_LABELS[e.trigger]}) · ${e.totalCalls} llamadas: ${callsSummary(e.calls)} · ${duration(e.modeledMs)} modelados · ${STATUS_LABELS[e.status]}${e.error ? `: ${e.error}` : ''}`)
        .join('   |   ');
      const error = failed.length > 0 || last.status !== 'completed';
      this.lastActivity = { text: `${describe ? `${describe} — ` : ''}${line}`, error, at: this.snapshot?.clock.label ?? '' };
      const problem = failed.find((e) => e.error);
      if (error) this.showStatus(`La secuencia de comandos falló${problem ? `: ${problem.error}` : '.'} (detalle en el «Panel del desarrollador»)`, true);
      else if (this.status.classList.contains('error')) this.showStatus('', false); // a success clears an old error, not a hint
    } else if (result.ok === false && result.error) {
      this.showStatus(result.error, true);
    } else if (describe) {
      this.showStatus(describe, false);
    }
    for (const m of result.messages ?? []) this.showMessage(m);
  }

  showStatus(text: string, error: boolean): void {
    this.status.textContent = text;
    this.status.classList.toggle('error', error);
  }

  showMessage(m: MessageView): void {
    if (m.kind === 'alert') this.alert(m.title ?? '', m.message);
    else this.toast(m.title, m.message);
  }

  /** A dialog like Sheets' `ui.alert`: title, message, "Aceptar". */
  alert(title: string, message: string): void {
    const close = () => dialog.remove();
    const ok = button('Aceptar', close, { class: 'btn primary' });
    const dialog = el(
      'div',
      { class: 'backdrop' },
      el(
        'div',
        { class: 'dialog alert', role: 'alertdialog', attrs: { 'aria-modal': 'true', 'aria-label': title || 'Mensaje' } },
        title ? el('h2', {}, title) : null,
        el('p', { class: 'alert-message' }, message),
        el('div', { class: 'dialog-actions' }, ok),
      ),
    );
    this.overlay.appendChild(dialog);
    ok.focus();
  }

  toast(title: string | undefined, message: string): void {
    const t = el('div', { class: 'toast', role: 'status' }, title ? el('strong', {}, title) : null, el('span', {}, message));
    this.toasts.appendChild(t);
    setTimeout(() => t.remove(), 6000);
  }
}
