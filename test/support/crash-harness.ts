/**
 * "Crash at every call": a seeded fault-injection harness over the emulator's Workspace API
 * (docs/reliability.md). The emulator is the simulator, in the spirit of FoundationDB's
 * deterministic simulation: every fault, at every service call, replayable from a seed.
 *
 * An operation is one execution of the product (a trigger run, a sidebar call, a form
 * submission) plus what production does after a failure (the next trigger, the sweep, the
 * consultant pressing the button again). The harness runs it once without faults to count K,
 * the service calls of the acting execution, then for every k in 1..K and each fault kind
 * ('before' its effect, 'after' its effect — the ambiguous case —, execution 'kill'ed) builds a
 * fresh workspace from the same seed, injects the fault, acts, recovers and checks invariants.
 *
 * Replay one case: SOE_REPLAY=<operation>:<kind>:<k>[@<seed>] npx jest <test file>
 * (prints the faulted execution's calls, logs and the violations). SOE_EXHAUSTIVE=1 ignores
 * sampling options; SOE_SEED=<n> changes the default seed.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workspace, type CreateOptions, type ExecutionRecord, type FaultKind, type WorkspaceSnapshot } from '../../emulator';
import { Random } from '../../emulator/core/random';
import { addTeamMember, setUpPair } from './attention-world';

export const FAULT_KINDS: readonly FaultKind[] = ['before', 'after', 'kill'];

const ROOT = path.resolve(__dirname, '../..');

// ---------------------------------------------------------------------------- the product bundle

const snapshots = new Map<string, string>();

/**
 * A private copy of the built bundle (dist/), taken once per process: every case installs the
 * same code even if someone rebuilds dist/ while a long suite runs. The manifest is copied
 * from the repository root when dist/ lacks it (the build copies it verbatim).
 */
export function productBundle(distDir = path.join(ROOT, 'dist')): string {
  const cached = snapshots.get(distDir);
  if (cached) return cached;
  const code = path.join(distDir, 'Code.js');
  if (!fs.existsSync(code)) throw new Error(`${code} not found: build first (npx tsx scripts/build.ts)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soe-product-'));
  for (const f of fs.readdirSync(distDir)) {
    if (f === 'Code.js' || f === 'appsscript.json' || f.endsWith('.html')) fs.copyFileSync(path.join(distDir, f), path.join(dir, f));
  }
  if (!fs.existsSync(path.join(dir, 'appsscript.json'))) fs.copyFileSync(path.join(ROOT, 'appsscript.json'), path.join(dir, 'appsscript.json'));
  snapshots.set(distDir, dir);
  return dir;
}

/** Installs the product's bundle as the spreadsheet's bound script. */
export function installProduct(ws: Workspace, spreadsheetId: string): string {
  return ws.install(spreadsheetId, { distDir: productBundle() });
}

/**
 * The usual starting point of an attention-flow operation: both spreadsheets with the product
 * installed, "Atenciones" set up with "Talleres" as its sibling, and its consultants registered
 * in 'Configuración' (email → name).
 */
export function setUpAttentions(ws: Workspace, consultants: Record<string, string>): { ss: string; sibling: string } {
  const ss = ws.createSpreadsheet('Atenciones Virtuales – Centro de Empleo');
  const sibling = ws.createSpreadsheet('Programación Talleres Masivos');
  installProduct(ws, ss);
  installProduct(ws, sibling);
  setUpPair(ws, ss, sibling);
  for (const [email, name] of Object.entries(consultants)) {
    const roles = email === ws.state.user ? ['coordinador', 'consultor'] : ['consultor'];
    addTeamMember(ws, ss, email, name, roles);
  }
  return { ss, sibling };
}

/** True when the built bundle exports `name` (dist/exports.json): operations not built yet can be skipped. */
export function hasEntryPoint(name: string, distDir = path.join(ROOT, 'dist')): boolean {
  try {
    const names = JSON.parse(fs.readFileSync(path.join(distDir, 'exports.json'), 'utf8')) as unknown;
    return Array.isArray(names) && names.includes(name);
  } catch {
    return false;
  }
}

/**
 * A snapshot of a workspace that `restoreWorkspace` turns into as many independent copies as a
 * sweep needs: the state the emulator persists for `npm start` (spreadsheets, projects with their
 * bundle, triggers, properties, clock, random state), so each copy continues exactly like the
 * original would. Building a world through setup costs about a second; a copy, milliseconds.
 * (The emulator has no public clone: the private constructor is used here, in one place.)
 */
export function snapshotWorkspace(ws: Workspace): WorkspaceSnapshot {
  return ws.snapshot();
}

export function restoreWorkspace(snapshot: WorkspaceSnapshot): Workspace {
  return Workspace.fromSnapshot(snapshot);
}

// ---------------------------------------------------------------------------- operations

/** What the harness tells `check` about the case it is checking. */
export interface CrashInfo {
  /** 'none' for the fault-free baseline. */
  kind: FaultKind | 'none';
  /** The 1-based service call of the acting execution that failed (0 for the baseline). */
  k: number;
  /** `Class.method` of that call ('' for the baseline). */
  method: string;
  /** The acting execution: the one the fault hit (the baseline's acting execution otherwise). */
  acted: ExecutionRecord | undefined;
  /** Every execution `act` caused (the acting one and any it triggered, e.g. form-submit handlers). */
  acting: ExecutionRecord[];
  /** Executions that `recover` ran: whatever they sent or created was done by recovery. */
  recovery: ExecutionRecord[];
}

export interface CrashOperation<C = unknown> {
  /** Short name without ':' ('setup-atenciones', 'import'); used in summaries and SOE_REPLAY. */
  name: string;
  /** The function the acting execution runs: faults are injected into its calls only. */
  actFunction: string;
  /** Options for every case's workspace (the harness adds the seed). */
  workspace?: Omit<CreateOptions, 'seed' | 'stateDir'>;
  /**
   * Optional: every case starts from a copy of this snapshot (`Workspace.fromSnapshot`) instead of
   * a new workspace — build the world once (e.g. memoised per seed), then `setup` only returns
   * the context. `workspace` is ignored when given.
   */
  base?: (seed: number) => WorkspaceSnapshot;
  /** Builds the state before the action (spreadsheets, bundle, earlier steps). No faults here. */
  setup(ws: Workspace): C;
  /** The one execution under test: a trigger run, a sidebar call, a form submission. */
  act(ws: Workspace, ctx: C): void;
  /** What production does next: the next trigger run, the sweep, the consultant retrying. */
  recover(ws: Workspace, ctx: C): void;
  /** Invariant violations after recovery, one readable sentence each; [] when all hold. */
  check(ws: Workspace, ctx: C, info: CrashInfo): string[];
  /** The fault-free action must complete (default true); false for actions that are refused by design. */
  actCompletesWithoutFaults?: boolean;
  /** Every recovery execution must complete (default true). */
  recoveryMustComplete?: boolean;
}

export interface CrashOptions {
  /** Seed of every case's workspace. Default: SOE_SEED or 1. */
  seed?: number;
  kinds?: readonly FaultKind[];
  /**
   * Sampling for long operations: every k up to `exhaustiveUpTo`, every call of each method the
   * execution uses at most `rareMethodCalls` times (the side effects: a send, an insertSheet, a
   * trigger) and the first call of every other method, the last call, and `sample` more points
   * drawn (seeded) from the rest. Default: exhaustive. SOE_EXHAUSTIVE=1 overrides.
   */
  exhaustiveUpTo?: number;
  sample?: number;
  /** Default 3. */
  rareMethodCalls?: number;
  /**
   * Default true: a sampled sweep also tries the first call of every method (and every call of
   * the rare ones). False keeps only `effects` and the call after each, the first N, the last
   * call and the drawn sample — for long executions whose risky calls `effects` names.
   */
  everyMethod?: boolean;
  /**
   * Which calls are external side effects (default EXTERNAL_EFFECTS). A sampled sweep always
   * tries each of them and the call right after it — the riskiest moment: the effect happened,
   * nothing recorded it yet.
   */
  effects?: readonly RegExp[];
  /** Where summaries go. Default console.log. */
  log?: (line: string) => void;
  /** A case to replay instead of the sweep ('setup:after:17@3'). Default: SOE_REPLAY. */
  replay?: string;
}

export interface CrashFailure {
  seed: number;
  kind: FaultKind | 'none';
  k: number;
  method: string;
  violations: string[];
  /** The environment variable that replays this case. */
  replay: string;
}

export interface CrashReport {
  operation: string;
  seed: number;
  /** K: service calls of the acting execution without faults. */
  calls: number;
  kinds: FaultKind[];
  /** The k values tried (1..K unless sampled). */
  points: number[];
  /** The calls of the fault-free run that were external side effects (see EXTERNAL_EFFECTS). */
  effects: number[];
  sampled: boolean;
  /** Fault cases run (kinds × points), not counting the baseline. */
  cases: number;
  failures: CrashFailure[];
  /** True when SOE_REPLAY named another operation and this one was not run. */
  skipped: boolean;
  summary: string;
}

export interface ReplayTarget {
  operation: string;
  kind: FaultKind | 'none';
  k: number;
  seed?: number;
}

/** Parses 'import:after:17' or 'import:kill:3@42' (seed after '@'); 'import:none:0' is the baseline. */
export function parseReplay(spec: string): ReplayTarget {
  const m = /^([^:]+):(before|after|kill|none):(\d+)(?:@(\d+))?$/.exec(spec.trim());
  if (!m) throw new Error(`SOE_REPLAY must look like "operation:kind:k" or "operation:kind:k@seed", got "${spec}"`);
  return { operation: m[1], kind: m[2] as FaultKind | 'none', k: Number(m[3]), seed: m[4] === undefined ? undefined : Number(m[4]) };
}

export function replaySpec(operation: string, kind: FaultKind | 'none', k: number, seed: number): string {
  return `SOE_REPLAY=${operation}:${kind}:${k}@${seed}`;
}

/**
 * Service calls whose effect leaves Google's side and cannot be taken back by the script: an
 * email sent, a calendar event inserted, changed or removed, a form response deleted, a form, a
 * file or a spreadsheet created. Keys are the emulator's `Class.method` (ExecutionRecord.sequence).
 */
export const EXTERNAL_EFFECTS: readonly RegExp[] = [
  /^(MailApp|GmailApp)\.send/,
  /^Calendar\.Events\.(insert|patch|update|remove|delete|move|import|quickAdd)$/,
  /^Form\.(deleteResponse|deleteAllResponses)$/,
  /^(FormApp|DriveApp|SpreadsheetApp|DocumentApp|SlidesApp)\.create/,
  /^(File|Folder)\.(makeCopy|create\w*)$/,
];

/** The 1-based calls of `trace` that are external side effects. */
export function effectCalls(trace: readonly string[], effects: readonly RegExp[] = EXTERNAL_EFFECTS): number[] {
  const out: number[] = [];
  trace.forEach((m, i) => {
    if (effects.some((re) => re.test(m))) out.push(i + 1);
  });
  return out;
}

/**
 * The k values to try: all of 1..K, or (sampling) 1..N, every external side effect and the call
 * right after it, the calls that cover every method (see CrashOptions), a seeded sample of the
 * rest, and K itself. `trace` is the method of each call of the fault-free run, when known.
 */
export function faultPoints(
  K: number,
  seed: number,
  opts: Pick<CrashOptions, 'exhaustiveUpTo' | 'sample' | 'rareMethodCalls' | 'effects' | 'everyMethod'> = {},
  trace: readonly string[] = [],
): { points: number[]; sampled: boolean } {
  const all = Array.from({ length: K }, (_, i) => i + 1);
  const N = opts.exhaustiveUpTo;
  if ((N === undefined && opts.sample === undefined) || process.env.SOE_EXHAUSTIVE === '1') return { points: all, sampled: false };
  const chosen = new Set<number>(all.slice(0, N ?? 0));
  chosen.add(K);
  if (trace.length === K) {
    // The effect itself ('after' there is the ambiguous case) and the next call: a crash right
    // after an email left or an event was made, before anything recorded it.
    for (const k of effectCalls(trace, opts.effects)) {
      chosen.add(k);
      chosen.add(k + 1);
    }
    const calls = new Map<string, number[]>();
    trace.forEach((m, i) => calls.set(m, [...(calls.get(m) ?? []), i + 1]));
    if (opts.everyMethod !== false) for (const ks of calls.values()) for (const k of ks.length <= (opts.rareMethodCalls ?? 3) ? ks : ks.slice(0, 1)) chosen.add(k);
  }
  const rest = all.filter((k) => !chosen.has(k));
  const want = Math.min(opts.sample ?? 0, rest.length);
  const rnd = new Random(seed ^ 0x5eed);
  for (let i = 0; i < want; i++) {
    const j = i + rnd.int(rest.length - i);
    [rest[i], rest[j]] = [rest[j], rest[i]];
    chosen.add(rest[i]);
  }
  const points = [...chosen].filter((k) => k >= 1 && k <= K).sort((a, b) => a - b);
  return { points, sampled: points.length < K };
}

/**
 * The method of each call of the acting execution, from the emulator's record of it
 * (ExecutionRecord.sequence); [] when the record does not add up (then sampling falls back to the
 * first calls, the last one and the seeded sample).
 */
export function callTrace(acted: ExecutionRecord | undefined): string[] {
  const seq = acted?.sequence;
  return Array.isArray(seq) && seq.length === acted!.totalCalls ? [...seq] : [];
}

interface CaseResult {
  info: CrashInfo;
  violations: string[];
  /** Method of each call of the acting execution (baseline only). */
  trace: string[];
}

/** One case: fresh workspace from `seed`, setup, fault at call k of the acting execution, act, recover, check. */
export function runCase<C>(op: CrashOperation<C>, seed: number, kind: FaultKind | 'none', k: number): CaseResult {
  let trace: string[] = [];
  const ws = op.base ? restoreWorkspace(op.base(seed)) : Workspace.create({ ...op.workspace, seed });
  const violations: string[] = [];
  const info: CrashInfo = { kind, k, method: '', acted: undefined, acting: [], recovery: [] };
  let ctx: C;
  try {
    ctx = op.setup(ws);
  } catch (e) {
    return { info, violations: [`setup threw: ${message(e)}`], trace };
  }

  const beforeAct = new Set(ws.executions().map((e) => e.id));
  if (kind !== 'none') ws.injectFault({ kind, atCall: k, match: (e) => e.functionName === op.actFunction });
  try {
    op.act(ws, ctx);
  } catch (e) {
    violations.push(`act threw in the host: ${message(e)}`);
  }
  ws.clearFaults(); // a fault that did not fire must not hit recovery instead
  info.acting = ws.executions().filter((e) => !beforeAct.has(e.id));
  const ofAct = info.acting.filter((e) => e.functionName === op.actFunction);
  if (kind === 'none') {
    info.acted = ofAct[0];
    trace = callTrace(info.acted);
    if (!info.acted) violations.push(`act ran no execution of ${op.actFunction}`);
    else if (op.actCompletesWithoutFaults !== false && info.acted.status !== 'completed') {
      violations.push(`the fault-free ${op.actFunction} ended ${info.acted.status}: ${info.acted.error ?? ''}`);
    }
  } else {
    info.acted = ofAct.find((e) => e.faults.length > 0);
    if (!info.acted) violations.push(`no fault fired at call ${k} of ${op.actFunction} (the run took another path than the fault-free one)`);
    else info.method = info.acted.faults[0].method;
  }

  const beforeRecovery = new Set(ws.executions().map((e) => e.id));
  try {
    op.recover(ws, ctx);
  } catch (e) {
    violations.push(`recover threw in the host: ${message(e)}`);
  }
  info.recovery = ws.executions().filter((e) => !beforeRecovery.has(e.id));
  if (op.recoveryMustComplete !== false) {
    for (const e of info.recovery) {
      if (e.status !== 'completed') violations.push(`recovery execution ${e.functionName} ended ${e.status}: ${e.error ?? ''}`);
    }
  }
  try {
    violations.push(...op.check(ws, ctx, info));
  } catch (e) {
    violations.push(`check threw: ${message(e)}`);
  }
  return { info, violations: [...new Set(violations)], trace };
}

/**
 * Sweeps every fault kind at every call of the operation's acting execution (or the sample the
 * options ask for) and returns what failed, each failure with the SOE_REPLAY line that replays it.
 * The fault-free baseline must pass its own check first; if it does not, nothing else is tried.
 */
export function crashAtEveryCall<C>(op: CrashOperation<C>, opts: CrashOptions = {}): CrashReport {
  if (op.name.includes(':')) throw new Error(`operation name must not contain ':' (${op.name})`);
  const log = opts.log ?? ((line: string) => console.log(line));
  const seedDefault = opts.seed ?? (process.env.SOE_SEED ? Number(process.env.SOE_SEED) : 1);
  const kinds = [...(opts.kinds ?? FAULT_KINDS)];
  const replay = opts.replay ?? process.env.SOE_REPLAY;
  const report = (r: Omit<CrashReport, 'summary'>, summary: string): CrashReport => {
    log(summary);
    return { ...r, summary };
  };

  if (replay) {
    const target = parseReplay(replay);
    if (target.operation !== op.name) {
      return report(
        { operation: op.name, seed: seedDefault, calls: 0, kinds, points: [], effects: [], sampled: false, cases: 0, failures: [], skipped: true },
        `${op.name}: skipped (SOE_REPLAY=${replay})`,
      );
    }
    const seed = target.seed ?? seedDefault;
    const { trace } = runCase(op, seed, 'none', 0); // for the calls around k
    const { info, violations } = runCase(op, seed, target.kind, target.k);
    log(describeCase(op.name, seed, info, violations, trace));
    const failures = violations.length ? [failure(op.name, seed, info, violations)] : [];
    return report(
      { operation: op.name, seed, calls: trace.length, kinds: target.kind === 'none' ? [] : [target.kind], points: [target.k], effects: effectCalls(trace, opts.effects), sampled: true, cases: 1, failures, skipped: false },
      `${op.name}: replayed ${target.kind} at call ${target.k} (seed ${seed}): ${violations.length ? 'FAILED' : 'ok'}`,
    );
  }

  const seed = seedDefault;
  const baseline = runCase(op, seed, 'none', 0);
  const K = baseline.info.acted?.totalCalls ?? 0;
  if (baseline.violations.length || K === 0) {
    const violations = baseline.violations.length ? baseline.violations : [`${op.actFunction} made no service call`];
    return report(
      { operation: op.name, seed, calls: K, kinds, points: [], effects: [], sampled: false, cases: 0, failures: [failure(op.name, seed, baseline.info, violations)], skipped: false },
      `${op.name}: the fault-free run fails its own check (${violations[0]}); no fault case tried`,
    );
  }

  const { points, sampled } = faultPoints(K, seed, opts, baseline.trace);
  const failures: CrashFailure[] = [];
  for (const kind of kinds) {
    for (const k of points) {
      const { info, violations } = runCase(op, seed, kind, k);
      if (violations.length) failures.push(failure(op.name, seed, info, violations));
    }
  }
  const cases = kinds.length * points.length;
  const tried = sampled ? `${kinds.length} × ${points.length} of ${K} calls (sampled, seed ${seed})` : `${kinds.length} × ${K}`;
  let summary = `${op.name}: ${tried} = ${cases} fault cases, ${failures.length} failure${failures.length === 1 ? '' : 's'}`;
  if (failures.length) summary += '\n' + formatFailures({ failures }, 5);
  return report({ operation: op.name, seed, calls: K, kinds, points, effects: effectCalls(baseline.trace, opts.effects), sampled, cases, failures, skipped: false }, summary);
}

function failure(operation: string, seed: number, info: CrashInfo, violations: string[]): CrashFailure {
  return { seed, kind: info.kind, k: info.k, method: info.method, violations, replay: replaySpec(operation, info.kind, info.k, seed) };
}

/** Failures as lines a person can act on: where the fault hit, what broke, how to replay it. */
export function formatFailures(report: Pick<CrashReport, 'failures'>, max = 20): string {
  const lines: string[] = [];
  for (const f of report.failures.slice(0, max)) {
    const where = f.kind === 'none' ? 'without faults' : `${f.kind} at call ${f.k} (${f.method || '?'})`;
    lines.push(`  ${where}: ${f.violations.join('; ')}  [${f.replay}]`);
  }
  if (report.failures.length > max) lines.push(`  … and ${report.failures.length - max} more`);
  return lines.join('\n');
}

/** The detail printed when replaying one case. */
function describeCase(operation: string, seed: number, info: CrashInfo, violations: string[], trace: readonly string[]): string {
  const out = [`== ${operation}: ${info.kind} at call ${info.k} (seed ${seed})`];
  if (trace.length && info.k > 0) {
    const from = Math.max(1, info.k - 5);
    const around = trace.slice(from - 1, info.k + 3).map((m, i) => `${from + i === info.k ? '>' : ' '} ${from + i}. ${m}`);
    out.push(`calls of the fault-free run around call ${info.k}:`, ...around.map((l) => `  ${l}`));
  }
  const a = info.acted;
  if (a) {
    out.push(`acting execution ${a.functionName} [${a.trigger}] ${a.status}${a.error ? `: ${a.error}` : ''}; ${a.totalCalls} calls`);
    for (const f of a.faults) out.push(`  fault ${f.kind} at call ${f.atCall}: ${f.method}`);
    for (const l of a.logs) out.push(`  log ${l}`);
  }
  for (const e of info.recovery) out.push(`recovery ${e.functionName} [${e.trigger}] ${e.status}${e.error ? `: ${e.error}` : ''}; ${e.totalCalls} calls`);
  out.push(violations.length ? `violations:\n  ${violations.join('\n  ')}` : 'no violation');
  return out.join('\n');
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

// ---------------------------------------------------------------------------- recovery helpers

/**
 * Recovery for jobs: advances the clock to each pending run of the given handlers (continuation
 * triggers, the next daily run) until none is scheduled or `maxRuns` fired, as production would
 * let them fire. Returns the executions that ran.
 */
export function runPendingTriggers(ws: Workspace, target: string, handlers: readonly string[], opts: { maxRuns?: number; until?: string | number } = {}): ExecutionRecord[] {
  const out: ExecutionRecord[] = [];
  const limit = opts.until === undefined ? Infinity : ws.wallTime(opts.until);
  for (let i = 0; i < (opts.maxRuns ?? 50); i++) {
    const next = ws
      .triggers(target)
      .filter((t) => handlers.includes(t.handler) && t.nextRun !== undefined && t.nextRun <= limit)
      .map((t) => t.nextRun as number)
      .sort((a, b) => a - b)[0];
    if (next === undefined) break;
    out.push(...ws.advanceTo(Math.max(next, ws.now.getTime())));
  }
  return out;
}
