/**
 * Base class of every object the emulator hands to the script (SpreadsheetApp, Range, Trigger,
 * Blob …). The bridge wraps instances in a proxy that counts each method call against its
 * service, charges its modeled latency, applies injected faults, and converts values between
 * the host realm and the script's V8 context. Members whose name starts with `_` are the
 * emulator's own and invisible to the script.
 */
export type ServiceKind =
  | 'Sheets'
  | 'Mail'
  | 'Calendar'
  | 'Forms'
  | 'Drive'
  | 'Slides'
  | 'Properties'
  | 'Cache'
  | 'Lock'
  | 'Script'
  | 'Utilities'
  | 'Session'
  | 'Html'
  | 'Content'
  | 'Base';

export abstract class GasObject {
  abstract readonly _service: ServiceKind;
  /** The class name as the Apps Script reference spells it; also its `toString()`. */
  abstract readonly _class: string;
}

/** A plain enum object as Apps Script exposes them (`FormApp.ItemType.TEXT` …). */
export type GasEnum = Record<string, string>;

/** True for a Date from any realm (the script's `Date` is not the host's). */
export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

/** Error shape Apps Script throws: `Exception: <message>` in logs, plain Error in code. */
export class GasError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Exception';
  }
}
