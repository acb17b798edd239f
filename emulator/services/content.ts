import type { ServiceInstaller } from '../core/env';
import { GasObject } from '../core/gas-object';

/**
 * ContentService (developers.google.com/apps-script/reference/content/content-service) and
 * TextOutput (…/reference/content/text-output): text a web app's doGet/doPost returns. "The
 * default is plain text" (setMimeType). Google serves it from script.googleusercontent.com
 * after a redirect; the emulator's `openWebApp` hands back its text and MIME type directly.
 */
export const MIME_TYPES: Readonly<Record<string, string>> = Object.freeze({
  ATOM: 'application/atom+xml',
  CSV: 'text/csv',
  ICAL: 'text/calendar',
  JAVASCRIPT: 'application/javascript',
  JSON: 'application/json',
  RSS: 'application/rss+xml',
  TEXT: 'text/plain',
  VCARD: 'text/vcard',
  XML: 'text/xml',
});

export const CONTENT_MESSAGES = {
  badMimeType: 'Invalid argument: mimeType',
  badFileName: (name: string) => `Invalid argument: filename "${name}"`,
};

/** Characters a download file name may not hold (the reference: "if the filename contains illegal characters"; the set is the emulator's reading). */
const ILLEGAL_FILENAME = /[\\/:*?"<>|\u0000-\u001f]/;

export class TextOutput extends GasObject {
  readonly _service = 'Content' as const;
  readonly _class = 'TextOutput';
  _mimeType = 'TEXT';
  _fileName: string | null = null;

  constructor(private _content = '') {
    super();
  }

  /** The served Content-Type of this output. */
  _contentType(): string {
    return MIME_TYPES[this._mimeType] ?? 'text/plain';
  }

  append(addedContent: string): TextOutput {
    this._content += String(addedContent);
    return this;
  }

  clear(): TextOutput {
    this._content = '';
    return this;
  }

  /** "Setting this to null will reset it back to the default behavior (display rather than download)." */
  downloadAsFile(filename: string | null): TextOutput {
    if (filename === null || filename === undefined) {
      this._fileName = null;
      return this;
    }
    const name = String(filename);
    if (name === '' || ILLEGAL_FILENAME.test(name)) throw new Error(CONTENT_MESSAGES.badFileName(name));
    this._fileName = name;
    return this;
  }

  getContent(): string {
    return this._content;
  }

  getFileName(): string | null {
    return this._fileName;
  }

  getMimeType(): string {
    return this._mimeType;
  }

  setContent(content: string): TextOutput {
    this._content = String(content);
    return this;
  }

  setMimeType(mimeType: string): TextOutput {
    const key = String(mimeType);
    if (!Object.prototype.hasOwnProperty.call(MIME_TYPES, key)) throw new Error(CONTENT_MESSAGES.badMimeType);
    this._mimeType = key;
    return this;
  }
}

export class ContentService extends GasObject {
  readonly _service = 'Content' as const;
  readonly _class = 'ContentService';
  readonly MimeType = Object.freeze(Object.fromEntries(Object.keys(MIME_TYPES).map((k) => [k, k])));

  createTextOutput(content?: unknown): TextOutput {
    return new TextOutput(content === undefined || content === null ? '' : String(content));
  }
}

export const install: ServiceInstaller = () => ({ ContentService: new ContentService() });
