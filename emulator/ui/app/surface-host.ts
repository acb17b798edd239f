import type { Snapshot, SurfaceView } from '../snapshot';
import { SHIM_CHANNEL, SURFACE_SANDBOX } from '../surface-page';
import { post, type RunResult } from './api';
import type { App } from './app';
import { button, el } from './dom';

/** Sheets' sidebars are 300 px wide, whatever the script asks (HtmlOutput.setWidth is ignored for them). */
export const SIDEBAR_WIDTH = 300;

interface Frame {
  spreadsheetId: string;
  key: string;
  kind: SurfaceView['kind'];
  iframe: HTMLIFrameElement;
  container: HTMLElement;
}

interface ShimMessage {
  channel: string;
  kind: 'run' | 'close' | 'open-url' | 'focus';
  callId?: number;
  functionName?: string;
  args?: unknown[];
  url?: string;
}

/**
 * Shows the script's sidebars (docked at the right, 300 px) and dialogs, each the real HTML
 * in a sandboxed frame of its own URL, and answers the frames' google.script messages: a
 * `run` becomes one POST /api/run (one execution), its result goes back to that frame only.
 */
export class SurfaceHost {
  private readonly sidebars = new Map<string, Frame>();
  private readonly dialogs = new Map<string, Frame>();
  /** Surfaces a person closed, or that were already there when the spreadsheet was opened here. */
  private readonly dismissed = new Map<string, string>();

  constructor(
    private readonly app: App,
    private readonly dock: HTMLElement,
    private readonly overlay: HTMLElement,
  ) {
    window.addEventListener('message', (event) => void this.onMessage(event));
  }

  /** Opening a spreadsheet starts with no sidebar, as a reload does in Sheets. */
  dismissCurrent(spreadsheetId: string, s: Snapshot | undefined): void {
    const key = s?.spreadsheets.find((x) => x.id === spreadsheetId)?.surface?.key;
    if (key) this.dismissed.set(spreadsheetId, key);
  }

  forgetAll(): void {
    for (const f of [...this.sidebars.values(), ...this.dialogs.values()]) f.container.remove();
    this.sidebars.clear();
    this.dialogs.clear();
    this.dismissed.clear();
  }

  update(s: Snapshot, currentSpreadsheetId: string | undefined): void {
    for (const ss of s.spreadsheets) {
      const surface = ss.surface;
      // Only spreadsheets opened in this page show surfaces, and a closed one stays closed.
      if (!surface || !this.app.opened.has(ss.id)) continue;
      if (this.dismissed.get(ss.id) === surface.key) {
        for (const frames of [this.sidebars, this.dialogs]) {
          const f = frames.get(ss.id);
          if (f?.key === surface.key) {
            f.container.remove();
            frames.delete(ss.id);
          }
        }
        continue;
      }
      const frames = surface.kind === 'sidebar' ? this.sidebars : this.dialogs;
      const existing = frames.get(ss.id);
      if (existing?.key === surface.key) continue;
      existing?.container.remove();
      frames.set(ss.id, surface.kind === 'sidebar' ? this.makeSidebar(ss.id, surface) : this.makeDialog(ss.id, surface));
    }
    let shown = false;
    for (const [id, f] of this.sidebars) {
      const visible = id === currentSpreadsheetId;
      f.container.hidden = !visible;
      shown ||= visible;
    }
    this.dock.hidden = !shown;
    for (const [id, f] of this.dialogs) f.container.hidden = id !== currentSpreadsheetId;
  }

  private frame(spreadsheetId: string, surface: SurfaceView, label: string): HTMLIFrameElement {
    return el('iframe', {
      class: 'surface-frame',
      title: label,
      attrs: {
        src: `/surface/${encodeURIComponent(spreadsheetId)}?key=${encodeURIComponent(surface.key)}`,
        sandbox: SURFACE_SANDBOX,
        'data-surface-key': surface.key,
        'data-spreadsheet-id': spreadsheetId,
      },
    });
  }

  private makeSidebar(spreadsheetId: string, surface: SurfaceView): Frame {
    const title = surface.title || 'Barra lateral';
    const iframe = this.frame(spreadsheetId, surface, title);
    const f: Frame = { spreadsheetId, key: surface.key, kind: 'sidebar', iframe, container: el('section') };
    f.container = el(
      'section',
      { class: 'sidebar', attrs: { 'aria-label': title, style: `width:${SIDEBAR_WIDTH}px` } },
      el('div', { class: 'sidebar-title' }, el('h2', {}, title), button('×', () => this.close(f), { class: 'icon-btn', attrs: { 'aria-label': 'Cerrar barra lateral' } })),
      iframe,
    );
    this.dock.appendChild(f.container);
    return f;
  }

  private makeDialog(spreadsheetId: string, surface: SurfaceView): Frame {
    const title = surface.title || 'Diálogo';
    const iframe = this.frame(spreadsheetId, surface, title);
    const width = surface.width ?? 600;
    const height = surface.height ?? 400;
    const f: Frame = { spreadsheetId, key: surface.key, kind: surface.kind, iframe, container: el('div') };
    const box = el(
      'div',
      { class: 'dialog surface-dialog', role: 'dialog', attrs: { 'aria-label': title, 'aria-modal': surface.kind === 'modal' ? 'true' : undefined, style: `width:${width}px` } },
      el('div', { class: 'dialog-title' }, el('h2', {}, title), button('×', () => this.close(f), { class: 'icon-btn', attrs: { 'aria-label': 'Cerrar' } })),
      iframe,
    );
    iframe.style.height = `${height}px`;
    f.container = surface.kind === 'modal' ? el('div', { class: 'backdrop' }, box) : el('div', { class: 'modeless' }, box);
    this.overlay.appendChild(f.container);
    return f;
  }

  private close(f: Frame): void {
    this.dismissed.set(f.spreadsheetId, f.key);
    f.container.remove();
    (f.kind === 'sidebar' ? this.sidebars : this.dialogs).delete(f.spreadsheetId);
    if (f.kind === 'sidebar' && this.sidebars.size === 0) this.dock.hidden = true;
    if (this.app.snapshot) this.update(this.app.snapshot, this.app.route.view === 'sheets' ? this.app.route.spreadsheetId : undefined);
  }

  private findFrame(source: MessageEventSource | null): Frame | undefined {
    for (const f of [...this.sidebars.values(), ...this.dialogs.values()]) if (f.iframe.contentWindow === source) return f;
    return undefined;
  }

  private async onMessage(event: MessageEvent): Promise<void> {
    const data = event.data as ShimMessage;
    if (!data || data.channel !== SHIM_CHANNEL) return;
    const f = this.findFrame(event.source);
    if (!f) return; // not one of our frames (or a frame replaced since)
    const target = event.source as Window;
    switch (data.kind) {
      case 'close':
        this.close(f);
        return;
      case 'open-url':
        if (typeof data.url === 'string') this.app.openUrl(data.url);
        return;
      case 'run': {
        let reply: { ok: boolean; value?: unknown; error?: string };
        let result: RunResult | undefined;
        try {
          result = await post<RunResult>('/api/run', { spreadsheetId: f.spreadsheetId, functionName: data.functionName, args: data.args ?? [] });
          reply = result.ok ? { ok: true, value: result.value } : { ok: false, error: result.error };
        } catch (e) {
          reply = { ok: false, error: `No se pudo contactar con el emulador: ${e instanceof Error ? e.message : String(e)}` };
        }
        // Opaque-origin frame: '*' is the only target origin that reaches it; `target` is that one frame.
        target.postMessage({ channel: SHIM_CHANNEL, kind: 'result', callId: data.callId, ...reply }, '*');
        if (result) this.app.showEffects(result, `google.script.run.${data.functionName}`);
        await this.app.refresh();
        return;
      }
      default:
        return;
    }
  }
}
