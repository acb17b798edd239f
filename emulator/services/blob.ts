import { GasObject } from '../core/gas-object';

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
    return new Blob(new Uint8Array(this._bytes), this.contentType, this.name);
  }

  getBlob(): Blob {
    return this;
  }

  isGoogleType(): boolean {
    return false;
  }

  /** Conversion is only emulated where no rendering is involved: same type returns a copy. */
  getAs(contentType: string): Blob {
    if (contentType === this.contentType) return this.copyBlob();
    throw new Error(`Converting from ${this.contentType} to ${contentType} is not supported.`);
  }
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
