import * as vm from 'node:vm';
import { activeBridge } from '../core/bridge';
import type { ServiceEnv, ServiceInstaller } from '../core/env';
import { GasObject } from '../core/gas-object';
import { compileTemplate, escapeHtml } from './html/template';

/**
 * HtmlService (developers.google.com/apps-script/reference/html/html-service): HTML pages
 * for sidebars and dialogs, and templates with scriptlets. `SpreadsheetApp.getUi().showSidebar`
 * reads an HtmlOutput through its public getters or `_surface()`.
 */
export const HTML_MESSAGES = {
  noFile: (name: string) => `No HTML file named ${name} was found.`,
};

const enumOf = (...names: string[]) => Object.freeze(Object.fromEntries(names.map((n) => [n, n])));

/** Text of an HTML argument: a string, or a Blob/BlobSource (anything with getDataAsString/getBlob). */
function htmlText(x: unknown): string {
  if (x === undefined || x === null) return '';
  if (typeof x === 'string') return x;
  const o = x as { getDataAsString?: () => string; getBlob?: () => { getDataAsString(): string } };
  if (typeof o.getDataAsString === 'function') return o.getDataAsString();
  if (typeof o.getBlob === 'function') return o.getBlob().getDataAsString();
  return String(x);
}

/** HtmlOutput (reference/html/html-output). */
export class HtmlOutput extends GasObject {
  readonly _service = 'Html' as const;
  readonly _class = 'HtmlOutput';
  _title = '';
  _width: number | null = null;
  _height: number | null = null;
  _sandboxMode = 'IFRAME';
  _xFrameOptionsMode = 'DEFAULT';
  _faviconUrl: string | null = null;
  _metaTags: { name: string; content: string }[] = [];

  constructor(private _content = '') {
    super();
  }

  /** What a sidebar or dialog shows, for the UI store. */
  _surface(): { html: string; title: string; width?: number; height?: number } {
    return {
      html: this._content,
      title: this._title,
      ...(this._width !== null ? { width: this._width } : {}),
      ...(this._height !== null ? { height: this._height } : {}),
    };
  }

  getContent(): string {
    return this._content;
  }

  setContent(content: string): HtmlOutput {
    this._content = String(content);
    return this;
  }

  append(addedContent: string): HtmlOutput {
    this._content += String(addedContent);
    return this;
  }

  /** "Appends new content … using contextual escaping": the text shows as text. */
  appendUntrusted(addedContent: string): HtmlOutput {
    this._content += escapeHtml(addedContent);
    return this;
  }

  clear(): HtmlOutput {
    this._content = '';
    return this;
  }

  getTitle(): string {
    return this._title;
  }

  setTitle(title: string): HtmlOutput {
    this._title = String(title);
    return this;
  }

  getWidth(): number | null {
    return this._width;
  }

  setWidth(width: number): HtmlOutput {
    this._width = Number(width);
    return this;
  }

  getHeight(): number | null {
    return this._height;
  }

  setHeight(height: number): HtmlOutput {
    this._height = Number(height);
    return this;
  }

  /** Kept for completeness: IFRAME is the only mode Apps Script still uses. */
  setSandboxMode(mode: string): HtmlOutput {
    this._sandboxMode = String(mode);
    return this;
  }

  setXFrameOptionsMode(mode: string): HtmlOutput {
    this._xFrameOptionsMode = String(mode);
    return this;
  }

  addMetaTag(name: string, content: string): HtmlOutput {
    this._metaTags.push({ name: String(name), content: String(content) });
    return this;
  }

  getFaviconUrl(): string | null {
    return this._faviconUrl;
  }

  setFaviconUrl(iconUrl: string): HtmlOutput {
    this._faviconUrl = String(iconUrl);
    return this;
  }

  asTemplate(): HtmlTemplate {
    return new HtmlTemplate(this._content);
  }
}

/**
 * HtmlTemplate (reference/html/html-template). Variables are set as properties
 * (`template.items = […]`); the bridge keeps them in `_expandos` as the script's own values.
 */
export class HtmlTemplate extends GasObject {
  readonly _service = 'Html' as const;
  readonly _class = 'HtmlTemplate';
  readonly _expandos: Record<string, unknown> = {};

  constructor(private readonly _source: string) {
    super();
  }

  /**
   * Runs the template in the calling script's context (its globals are visible to the
   * scriptlets); outside a script (host-side tests) in a fresh context.
   */
  evaluate(): HtmlOutput {
    const context = activeBridge()?.context ?? vm.createContext({});
    const vars = vm.runInContext('Object.create(null)', context) as Record<string, unknown>;
    Object.assign(vars, this._expandos);
    const fn = vm.runInContext(compileTemplate(this._source), context, { filename: 'HtmlTemplate' }) as (v: object) => string;
    return new HtmlOutput(String(fn(vars)));
  }

  getRawContent(): string {
    return this._source;
  }

  getCode(): string {
    return compileTemplate(this._source);
  }

  getCodeWithComments(): string {
    return compileTemplate(this._source);
  }
}

export class HtmlService extends GasObject {
  readonly _service = 'Html' as const;
  readonly _class = 'HtmlService';
  readonly SandboxMode = enumOf('EMULATED', 'IFRAME', 'NATIVE');
  readonly XFrameOptionsMode = enumOf('ALLOWALL', 'DEFAULT');

  constructor(private readonly _env: ServiceEnv) {
    super();
  }

  /** A project HTML file by name, with or without ".html" (as the editor lists it). */
  private _file(filename: string): string {
    const name = String(filename);
    const files = this._env.project.files.html;
    const key = Object.prototype.hasOwnProperty.call(files, name) ? name : name.replace(/\.html$/i, '');
    if (!Object.prototype.hasOwnProperty.call(files, key)) throw new Error(HTML_MESSAGES.noFile(name));
    return files[key];
  }

  createHtmlOutput(html?: unknown): HtmlOutput {
    return new HtmlOutput(htmlText(html));
  }

  /** Scriptlets in the file are not evaluated: that is what createTemplateFromFile is for. */
  createHtmlOutputFromFile(filename: string): HtmlOutput {
    return new HtmlOutput(this._file(filename));
  }

  createTemplate(html: unknown): HtmlTemplate {
    return new HtmlTemplate(htmlText(html));
  }

  createTemplateFromFile(filename: string): HtmlTemplate {
    return new HtmlTemplate(this._file(filename));
  }
}

export const install: ServiceInstaller = (env) => ({ HtmlService: new HtmlService(env) });
