import * as vm from 'node:vm';
import type { VirtualClock } from '../core/clock';

/**
 * A fresh V8 context per execution, as Apps Script gives each execution its own global
 * scope: nothing a previous run left in a global survives. Its `Date` reads the virtual
 * clock, and `console` writes to the execution log.
 */
const compiled = new Map<string, vm.Script>();

export function compile(code: string, filename = 'Code.js'): vm.Script {
  let script = compiled.get(code);
  if (!script) {
    script = new vm.Script(code, { filename });
    compiled.set(code, script);
    if (compiled.size > 16) compiled.delete(compiled.keys().next().value as string);
  }
  return script;
}

const BOOTSTRAP = `
(function (clockNow, log) {
  var RealDate = Date;
  function VDate() {
    if (!(this instanceof VDate)) return new RealDate(clockNow()).toString();
    var args = Array.prototype.slice.call(arguments);
    if (args.length === 0) return Reflect.construct(RealDate, [clockNow()], new.target || VDate);
    return Reflect.construct(RealDate, args, new.target || VDate);
  }
  VDate.prototype = RealDate.prototype;
  Object.defineProperty(RealDate.prototype, 'constructor', { value: VDate, writable: true, configurable: true });
  VDate.now = function () { return clockNow(); };
  VDate.parse = RealDate.parse;
  VDate.UTC = RealDate.UTC;
  globalThis.Date = VDate;
  function fmt(args) {
    return Array.prototype.map.call(args, function (a) {
      if (typeof a === 'string') return a;
      try { return JSON.stringify(a); } catch (e) { return String(a); }
    }).join(' ');
  }
  globalThis.console = {
    log: function () { log('INFO', fmt(arguments)); },
    info: function () { log('INFO', fmt(arguments)); },
    warn: function () { log('WARNING', fmt(arguments)); },
    error: function () { log('ERROR', fmt(arguments)); },
    debug: function () { log('DEBUG', fmt(arguments)); },
    time: function () {}, timeEnd: function () {},
  };
})
`;

export function createContext(clock: VirtualClock, log: (level: string, line: string) => void): vm.Context {
  const context = vm.createContext({}, { codeGeneration: { strings: true, wasm: false } });
  const boot = vm.runInContext(BOOTSTRAP, context) as (now: () => number, log: (l: string, s: string) => void) => void;
  boot(() => clock.now(), log);
  return context;
}
