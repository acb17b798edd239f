import { latencyOf } from './latency';
import type { ServiceKind } from './gas-object';
import type { VirtualClock } from './clock';

/** How an execution was started, as the Apps Script executions page lists them. */
export type ExecutionTrigger =
  | 'menu' // a custom menu item
  | 'sidebar' // google.script.run
  | 'time' // time-driven installable trigger
  | 'formSubmit' // installable form-submit trigger (spreadsheet or form)
  | 'simple' // simple trigger: onOpen / onInstall / onEdit
  | 'open' // installable on-open trigger
  | 'webapp' // a web app request: doGet / doPost
  | 'editor'; // run from the script editor or the scripting API

export type FaultKind = 'before' | 'after' | 'kill';

/** One fault to inject at call `atCall` (1-based) of the next execution that matches. */
export interface FaultPlan {
  kind: FaultKind;
  atCall: number;
  /** Only calls of this service count towards `atCall` when given. */
  service?: ServiceKind;
  match?: (e: ExecutionRecord) => boolean;
  message?: string;
}

/** Run another piece of work (usually another execution) just before call `atCall`. */
export interface InterleavePlan {
  atCall: number;
  match?: (e: ExecutionRecord) => boolean;
  run: () => void;
}

export type ExecutionStatus = 'running' | 'completed' | 'failed' | 'killed' | 'timed-out';

export interface ExecutionRecord {
  id: string;
  projectId: string;
  functionName: string;
  trigger: ExecutionTrigger;
  user: string;
  /**
   * Web app requests: the person visiting ('' when anonymous), whom Session.getActiveUser may
   * report (it runs as `user`, the deployer or the visitor per the deployment's executeAs).
   */
  visitor?: string;
  /** Virtual time the execution started and ended (epoch ms). */
  startedAt: number;
  endedAt?: number;
  /** Sum of the modeled latency of its calls and sleeps. */
  modeledMs: number;
  /** Calls per service kind. */
  calls: Partial<Record<ServiceKind, number>>;
  /** Calls per `Class.method`. */
  methods: Record<string, number>;
  /** Every call's `Class.method`, in order (what a person reads to see where an execution spends). */
  sequence: string[];
  totalCalls: number;
  status: ExecutionStatus;
  error?: string;
  logs: string[];
  /** What faults did to this execution, for the harness's report. */
  faults: { kind: FaultKind; atCall: number; method: string }[];
}

/** Apps Script's own messages for the limits it enforces. */
export const MESSAGES = {
  timeout: 'Exceeded maximum execution time',
  serverError: "We're sorry, a server error occurred. Please wait a bit and try again.",
  killed: 'Execution killed (injected fault)',
};

/**
 * Thrown when the platform ends an execution. The script may catch it, but the execution is
 * dead all the same: every later call throws again and the record says how it ended.
 */
export class ExecutionEnded extends Error {}

/** Limits per trigger kind (Apps Script quotas page, "Current limitations"). */
export function runtimeLimitMs(trigger: ExecutionTrigger): number {
  // Simple triggers and custom functions: 30 s; everything else: 6 min.
  return trigger === 'simple' ? 30_000 : 6 * 60_000;
}

let seq = 0;

/**
 * The accounting of one running execution: every service call passes through `call`, which
 * applies interleavings and faults, charges the modeled latency on the virtual clock and
 * enforces the runtime limit.
 */
export class Execution {
  readonly record: ExecutionRecord;
  private dead: ExecutionEnded | null = null;
  private readonly limitMs: number;

  constructor(
    init: { projectId: string; functionName: string; trigger: ExecutionTrigger; user: string; visitor?: string },
    private readonly clock: VirtualClock,
    private readonly faults: FaultPlan[],
    private readonly interleaves: InterleavePlan[],
  ) {
    this.record = {
      id: `exec-${++seq}`,
      ...init,
      startedAt: clock.now(),
      modeledMs: 0,
      calls: {},
      methods: {},
      sequence: [],
      totalCalls: 0,
      status: 'running',
      logs: [],
      faults: [],
    };
    this.limitMs = runtimeLimitMs(init.trigger);
  }

  get isDead(): boolean {
    return this.dead !== null;
  }

  get user(): string {
    return this.record.user;
  }

  /** Ends the execution as the platform would; later calls throw the same error. */
  end(status: 'killed' | 'timed-out', message: string): never {
    if (!this.dead) {
      this.dead = new ExecutionEnded(message);
      this.record.status = status;
      this.record.error = message;
    }
    throw this.dead;
  }

  /** Charges time that is not a call (Utilities.sleep, a lock wait). */
  spend(ms: number): void {
    if (this.dead) throw this.dead;
    const room = this.limitMs - this.record.modeledMs;
    if (ms >= room) {
      this.record.modeledMs += Math.max(0, room);
      this.clock.advance(Math.max(0, room));
      this.end('timed-out', MESSAGES.timeout);
    }
    this.record.modeledMs += ms;
    this.clock.advance(ms);
  }

  call<T>(service: ServiceKind, className: string, method: string, effect: () => T): T {
    if (this.dead) throw this.dead;
    const r = this.record;
    const k = r.totalCalls + 1;
    const serviceK = (r.calls[service] ?? 0) + 1;
    const key = `${className}.${method}`;

    // Plans are one-shot and shared with the workspace: take a plan out before running it.
    const weave = this.interleaves.findIndex((p) => p.atCall === k && (!p.match || p.match(r)));
    if (weave >= 0) this.interleaves.splice(weave, 1)[0].run();

    r.totalCalls = k;
    r.calls[service] = serviceK;
    r.methods[key] = (r.methods[key] ?? 0) + 1;
    r.sequence.push(key);

    const at = this.faults.findIndex(
      (f) => (f.service ? f.service === service && f.atCall === serviceK : f.atCall === k) && (!f.match || f.match(r)),
    );
    const fault = at >= 0 ? this.faults.splice(at, 1)[0] : undefined;
    if (fault) r.faults.push({ kind: fault.kind, atCall: k, method: key });
    if (fault?.kind === 'kill') this.end('killed', fault.message ?? MESSAGES.killed);
    if (fault?.kind === 'before') {
      this.spend(latencyOf(className, method).ms);
      throw new Error(fault.message ?? MESSAGES.serverError);
    }

    const result = effect();
    this.spend(latencyOf(className, method).ms);

    if (fault?.kind === 'after') throw new Error(fault.message ?? MESSAGES.serverError);
    return result;
  }

  log(line: string): void {
    this.record.logs.push(line);
  }

  finish(error?: unknown): ExecutionRecord {
    const r = this.record;
    r.endedAt = this.clock.now();
    if (r.status === 'running') {
      if (error === undefined) r.status = 'completed';
      else {
        r.status = 'failed';
        r.error = error instanceof Error || (error && typeof (error as Error).message === 'string')
          ? (error as Error).message
          : String(error);
      }
    }
    return r;
  }
}
