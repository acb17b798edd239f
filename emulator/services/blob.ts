import { GasObject } from '../core/gas-object';
import { htmlToPdf, textToPdf } from './pdf/html-to-pdf';

/** What `getAs` can convert to PDF: HTML (rendered as text blocks) and plain text. */
const TO_PDF: Record<string, (data: string, opts: { title: string | null; at: Date | null }) => Uint8Array> = {
  'text/html': htmlToPdf,
  'text/plain': textToPdf,
};

/** The base type of a content type: "text/html; charset=utf-8" → "text/html". */
const baseType = (t: string | null) => (t ?? '').split(';')[0].trim().toLowerCase();

/**
 * Blob (developers.google.com/apps-script/reference/base/blob). Apps Script represents bytes
 * as Java bytes: `getBytes()` returns an array of signed integers (-128…127), and accepts the
 * same. Internally the emulator keeps a Uint8Array.
 */
export class Blob extends GasObject {
  readonly _service = 'Base' as const;
  readonly _class = 'Blob';

  constructor(
    public _bytes: Uint8Array,
    private contentType: string | null = null,
    private name: string | null = null,
  ) {
    super();
  }

  /** The workspace's virtual clock, when the blob was made by a service (dates a converted PDF). */
  _now?: () => number;

  static fromAny(data: unknown, contentType?: string | null, name?: string | null): Blob {
    return new Blob(toBytes(data), contentType ?? null, name ?? null);
  }

  getBytes(): number[] {
    return Array.from(this._bytes, (b) => (b > 127 ? b - 256 : b));
  }

  getDataAsString(charset?: string): string {
    return decodeBytes(this._bytes, charset ?? 'UTF-8');
  }

  setDataFromString(s: string, charset?: string): Blob {
    this._bytes = encodeString(s, charset ?? 'UTF-8');
    return this;
  }

  setBytes(data: number[]): Blob {
    this._bytes = toBytes(data);
    return this;
  }

  getContentType(): string | null {
    return this.contentType;
  }

  setContentType(t: string): Blob {
    this.contentType = t;
    return this;
  }

  getName(): string | null {
    return this.name;
  }

  setName(n: string): Blob {
    this.name = n;
    return this;
  }

  copyBlob(): Blob {
    const b = new Blob(new Uint8Array(this._bytes), this.contentType, this.name);
    b._now = this._now;
    return b;
  }

  getBlob(): Blob {
    return this;
  }

  isGoogleType(): boolean {
    return false;
  }

  /**
   * reference/base/blob#getAs: "Return the data inside this object as a blob converted to the
   * specified content type. This method adds the appropriate extension to the filename … it
   * assumes that the part of the filename that follows the last period (if any) is an existing
   * extension that should be replaced" ("ShoppingList.12.25.2014" becomes "ShoppingList.12.25.pdf").
   * The same type gives a copy; HTML and plain text convert to a real PDF ('application/pdf',
   * "for most blobs … the only valid option"); any other conversion throws.
   */
  getAs(contentType: string): Blob {
    const to = baseType(String(contentType));
    const from = baseType(this.contentType);
    if (to === from && to !== '') return this.copyBlob();
    const convert = to === 'application/pdf' ? TO_PDF[from] : undefined;
    if (!convert) throw new Error(`Converting from ${this.contentType} to ${contentType} is not supported.`);
    const at = this._now ? new Date(this._now()) : null;
    const pdf = convert(this.getDataAsString(), { title: this.name, at });
    const out = new Blob(pdf, 'application/pdf', this.name === null ? null : withExtension(this.name, 'pdf'));
    out._now = this._now;
    return out;
  }
}

/** Replaces the name's extension (what follows its last period), or adds one. */
export function withExtension(name: string, ext: string): string {
  const dot = name.lastIndexOf('.');
  return `${dot > 0 ? name.slice(0, dot) : name}.${ext}`;
}

/** Accepts a string, a Uint8Array, or Apps Script's signed byte array. */
export function toBytes(data: unknown): Uint8Array {
  if (data === undefined || data === null) return new Uint8Array();
  if (typeof data === 'string') return encodeString(data, 'UTF-8');
  if (data instanceof Uint8Array) return new Uint8Array(data);
  if (Array.isArray(data)) return Uint8Array.from(data, (b) => Number(b) & 0xff);
  if (data instanceof Blob) return new Uint8Array(data._bytes);
  throw new Error('Invalid argument: data');
}

export function encodeString(s: string, charset: string): Uint8Array {
  const cs = charset.toUpperCase().replace('_', '-');
  if (cs === 'UTF-8' || cs === 'UTF8') return new Uint8Array(Buffer.from(s, 'utf8'));
  if (cs === 'US-ASCII' || cs === 'ISO-8859-1' || cs === 'LATIN1' || cs === 'WINDOWS-1252') {
    return new Uint8Array(Buffer.from(s, 'latin1'));
  }
  throw new Error(`Unsupported charset: ${charset}`);
}

export function decodeBytes(bytes: Uint8Array, charset: string): string {
  const cs = charset.toUpperCase().replace('_', '-');
  if (cs === 'UTF-8' || cs === 'UTF8') return Buffer.from(bytes).toString('utf8');
  if (cs === 'ISO-8859-1' || cs === 'LATIN1' || cs === 'US-ASCII') return Buffer.from(bytes).toString('latin1');
  if (cs === 'WINDOWS-1252') return new TextDecoder('windows-1252').decode(bytes);
  throw new Error(`Unsupported charset: ${charset}`);
}
