import { createHash, createHmac } from 'node:crypto';
import type { ServiceEnv, ServiceInstaller } from '../core/env';
import { GasObject, isDate } from '../core/gas-object';
import { Blob, encodeString, toBytes } from './blob';
import { formatDate } from './utilities/format-date';
import { formatString, parseCsv } from './utilities/text';
import { readZip, writeZip } from './utilities/zip';

/**
 * Utilities (developers.google.com/apps-script/reference/utilities/utilities) and Logger
 * (reference/base/logger). Byte arrays follow Apps Script: Java bytes, so every method that
 * returns bytes returns signed integers (-128…127), and accepts them back.
 */
export const UTILITIES_MESSAGES = {
  // The reference says "The maximum allowed value is 300000 (or 5 minutes)"; the exact
  // message Apps Script gives above it was not found, so this one follows its "Argument too large" family.
  sleepTooLong: 'Argument too large: milliseconds',
  badBase64: 'Could not decode string.',
};

export const SLEEP_MAX_MS = 300_000;

const enumOf = (...names: string[]) => Object.freeze(Object.fromEntries(names.map((n) => [n, n])));

const DIGESTS: Record<string, string> = { MD5: 'md5', SHA_1: 'sha1', SHA_256: 'sha256', SHA_384: 'sha384', SHA_512: 'sha512' };
const MACS: Record<string, string> = {
  HMAC_MD5: 'md5',
  HMAC_SHA_1: 'sha1',
  HMAC_SHA_256: 'sha256',
  HMAC_SHA_384: 'sha384',
  HMAC_SHA_512: 'sha512',
};

/** Content types Apps Script gives unzipped files, guessed from the name's extension. */
const CONTENT_TYPES: Record<string, string> = {
  txt: 'text/plain',
  csv: 'text/csv',
  html: 'text/html',
  htm: 'text/html',
  xml: 'application/xml',
  json: 'application/json',
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  zip: 'application/zip',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export const toSigned = (bytes: Uint8Array): number[] => Array.from(bytes, (b) => (b > 127 ? b - 256 : b));

/** A string in a charset (UTF-8 by default), or Apps Script's byte array as it is. */
function bytesOf(data: unknown, charset?: string): Uint8Array {
  if (typeof data === 'string') return encodeString(data, charset ?? 'UTF-8');
  if (Array.isArray(data) || data instanceof Uint8Array) return toBytes(data);
  if (data === null || data === undefined) throw new Error('Invalid argument: value');
  return encodeString(String(data), charset ?? 'UTF-8');
}

function base64Bytes(encoded: string): Uint8Array {
  const s = String(encoded).replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(s)) throw new Error(UTILITIES_MESSAGES.badBase64);
  return new Uint8Array(Buffer.from(s, 'base64'));
}

/** A Blob, or anything with getBlob() (a BlobSource such as a Drive file). */
function blobOf(x: unknown): Blob {
  if (x instanceof Blob) return x;
  if (x && typeof (x as { getBlob?: unknown }).getBlob === 'function') {
    const b = (x as { getBlob(): unknown }).getBlob();
    if (b instanceof Blob) return b;
  }
  throw new Error('Invalid argument: blob');
}

export class Utilities extends GasObject {
  readonly _service = 'Utilities' as const;
  readonly _class = 'Utilities';
  readonly Charset = enumOf('US_ASCII', 'UTF_8');
  readonly DigestAlgorithm = enumOf('MD2', 'MD5', 'SHA_1', 'SHA_256', 'SHA_384', 'SHA_512');
  readonly MacAlgorithm = enumOf('HMAC_MD5', 'HMAC_SHA_1', 'HMAC_SHA_256', 'HMAC_SHA_384', 'HMAC_SHA_512');

  constructor(private readonly _env: ServiceEnv) {
    super();
  }

  formatDate(date: Date, timeZone: string, format: string): string {
    if (!isDate(date)) throw new Error('Invalid argument: date');
    return formatDate(date, timeZone, format);
  }

  formatString(template: string, ...args: unknown[]): string {
    return formatString(template, args);
  }

  getUuid(): string {
    return this._env.state.random.uuid();
  }

  /** Charges the virtual clock; a sleep past the execution's time limit ends the execution there. */
  sleep(milliseconds: number): void {
    const ms = Number(milliseconds);
    if (!Number.isFinite(ms) || ms < 0) throw new Error('Invalid argument: milliseconds');
    if (ms > SLEEP_MAX_MS) throw new Error(UTILITIES_MESSAGES.sleepTooLong);
    this._env.exec.spend(Math.floor(ms));
  }

  computeDigest(algorithm: string, value: unknown, charset?: string): number[] {
    const alg = DIGESTS[String(algorithm)];
    if (!alg) throw new Error(`Unsupported digest algorithm: ${algorithm}`);
    return toSigned(createHash(alg).update(bytesOf(value, charset)).digest());
  }

  computeHmacSignature(algorithm: string, value: unknown, key: unknown, charset?: string): number[] {
    const alg = MACS[String(algorithm)];
    if (!alg) throw new Error(`Unsupported MAC algorithm: ${algorithm}`);
    return toSigned(createHmac(alg, bytesOf(key, charset)).update(bytesOf(value, charset)).digest());
  }

  computeHmacSha256Signature(value: unknown, key: unknown, charset?: string): number[] {
    return this.computeHmacSignature('HMAC_SHA_256', value, key, charset);
  }

  base64Encode(data: unknown, charset?: string): string {
    return Buffer.from(bytesOf(data, charset)).toString('base64');
  }

  /** Web-safe alphabet ("-" and "_"), with "=" padding kept. */
  base64EncodeWebSafe(data: unknown, charset?: string): string {
    return this.base64Encode(data, charset).replace(/\+/g, '-').replace(/\//g, '_');
  }

  base64Decode(encoded: string): number[] {
    return toSigned(base64Bytes(encoded));
  }

  base64DecodeWebSafe(encoded: string): number[] {
    return toSigned(base64Bytes(encoded));
  }

  newBlob(data: unknown, contentType?: string, name?: string): Blob {
    const blob = Blob.fromAny(data, contentType ?? null, name ?? null);
    const state = this._env.state;
    blob._now = () => state.now();
    return blob;
  }

  /** "Creates a new Blob object that is a zip file containing the data from the Blobs passed in." */
  zip(blobs: unknown[], name?: string): Blob {
    if (!Array.isArray(blobs)) throw new Error('Invalid argument: blobs');
    const entries = blobs.map((x, i) => {
      const b = blobOf(x);
      return { name: b.getName() ?? `file${i + 1}`, data: b._bytes };
    });
    return new Blob(writeZip(entries, this._env.state.now()), 'application/zip', name ?? null);
  }

  /** "Takes a Blob representing a zip file and returns its component files." */
  unzip(blob: unknown): Blob[] {
    return readZip(blobOf(blob)._bytes).map((e) => {
      const ext = /\.([^./]+)$/.exec(e.name)?.[1]?.toLowerCase() ?? '';
      return new Blob(e.data, CONTENT_TYPES[ext] ?? null, e.name);
    });
  }

  parseCsv(csv: string, delimiter?: string): string[][] {
    return parseCsv(csv, delimiter ?? ',');
  }
}

/** How Logger shows one value: strings as they are, other values as JSON. */
function show(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === undefined) return 'undefined';
  if (isDate(v)) return v.toISOString();
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/**
 * Logger (reference/base/logger): `log(data)` or `log(format, values…)` with "%s" standing
 * for each value in turn. Lines go to the execution's log (as `INFO: …`, like console.log);
 * getLog() returns this execution's lines.
 */
export class Logger extends GasObject {
  readonly _service = 'Base' as const;
  readonly _class = 'Logger';
  private _lines: string[] = [];

  constructor(private readonly _env: ServiceEnv) {
    super();
  }

  log(data: unknown, ...values: unknown[]): Logger {
    let line: string;
    if (typeof data === 'string' && values.length > 0) {
      let i = 0;
      line = data.replace(/%s/g, (m) => (i < values.length ? show(values[i++]) : m));
    } else {
      line = show(data);
    }
    this._lines.push(line);
    this._env.exec.log(`INFO: ${line}`);
    return this;
  }

  getLog(): string {
    return this._lines.join('\n');
  }

  clear(): void {
    this._lines = [];
  }
}

export const install: ServiceInstaller = (env) => ({ Utilities: new Utilities(env), Logger: new Logger(env) });
