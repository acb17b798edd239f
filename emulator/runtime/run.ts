import * as vm from 'node:vm';
import { Bridge } from '../core/bridge';
import { Execution, ExecutionEnded, type ExecutionRecord, type ExecutionTrigger, type FaultPlan, type InterleavePlan } from '../core/execution';
import type { GasObject } from '../core/gas-object';
import type { ScriptProject } from '../core/project';
import type { WorkspaceState } from '../core/state';
import { ADVANCED_SERVICES, INSTALLERS } from '../services';
import { compile, createContext } from './sandbox';

/** Services a simple trigger may not use: they need authorization (Apps Script simple-trigger restrictions). */
const NEEDS_AUTH: Readonly<Record<string, string>> = {
  Mail: 'https://www.googleapis.com/auth/script.send_mail',
  Calendar: 'https://www.googleapis.com/auth/calendar',
  Forms: 'https://www.googleapis.com/auth/forms',
  Drive: 'https://www.googleapis.com/auth/drive',
  Slides: 'https://www.googleapis.com/auth/presentations',
  Script: 'https://www.googleapis.com/auth/script.scriptapp',
};

export interface RunRequest {
  project: ScriptProject;
  functionName: string;
  /** Host values; converted into the script's realm. A builder gets the bridge to make GasObjects. */
  args?: unknown[] | ((bridge: Bridge, globals: Record<string, GasObject>) => unknown[]);
  trigger: ExecutionTrigger;
  user: string;
  /** Web app requests: who is visiting ('' anonymous), see ExecutionRecord.visitor. */
  visitor?: string;
}

export interface RunOutcome {
  record: ExecutionRecord;
  /** The function's return value, converted back to the host realm. */
  value: unknown;
  /** The error the function ended with, if any (message as Apps Script reports it). */
  error?: string;
}

/**
 * Runs one execution: a fresh context, the services installed as globals, the bundle loaded,
 * the function called. Locks the execution held are released when it ends, as Apps Script
 * releases them when the script finishes.
 */
export function runExecution(
  state: WorkspaceState,
  req: RunRequest,
  faults: FaultPlan[],
  interleaves: InterleavePlan[],
): RunOutcome {
  const exec = new Execution(
    {
      projectId: req.project.id,
      functionName: req.functionName,
      trigger: req.trigger,
      user: req.user,
      ...(req.visitor !== undefined ? { visitor: req.visitor } : {}),
    },
    state.clock,
    faults,
    interleaves,
  );
  // Apps Script evaluates local-time Date methods (new Date(y, m, d, h), getHours …) in the
  // project's time zone. V8 contexts share the process zone, so point it there; the emulator's
  // own code never depends on the process zone.
  if (process.env.TZ !== req.project.timeZone) process.env.TZ = req.project.timeZone;
  const levelLog = (level: string, line: string) => exec.log(`${level}: ${line}`);
  const context = createContext(state.clock, levelLog);
  const guard = (obj: GasObject, method: string) => {
    const scope = NEEDS_AUTH[obj._service];
    if (req.trigger === 'simple' && scope) {
      throw new Error(`You do not have permission to call ${obj._class}.${method}. Required permissions: ${scope}`);
    }
  };
  const bridge = new Bridge(context, exec, guard);
  const env = { state, exec, project: req.project };

  const enabled = new Set(req.project.advancedServices().map((s) => s.userSymbol));
  const globals: Record<string, GasObject> = {};
  for (const install of INSTALLERS) {
    for (const [name, obj] of Object.entries(install(env))) {
      if (name in ADVANCED_SERVICES && !enabled.has(name)) continue;
      globals[name] = obj;
    }
  }
  const sandboxGlobal = vm.runInContext('globalThis', context) as Record<string, unknown>;
  for (const [name, obj] of Object.entries(globals)) sandboxGlobal[name] = bridge.wrap(obj);

  let value: unknown;
  let error: unknown;
  try {
    compile(req.project.files.code).runInContext(context);
    const fn = sandboxGlobal[req.functionName];
    if (typeof fn !== 'function') throw new Error(`Script function not found: ${req.functionName}`);
    // Event objects the runtime builds (e.response, e.range …) cross into the script like any
    // service value: their methods are accounted calls and their Dates are the script's Dates.
    const raw = typeof req.args === 'function' ? req.args(bridge, globals) : (req.args ?? []);
    const args = raw.map((a) => bridge.toSandbox(a));
    value = bridge.fromSandbox((fn as (...a: unknown[]) => unknown)(...args));
  } catch (e) {
    error = e;
  }
  for (const [key, holder] of state.locks) if (holder === exec.record.id) state.locks.delete(key);
  if (exec.isDead) error = error ?? new ExecutionEnded(exec.record.error ?? '');
  const record = exec.finish(error);
  if (error !== undefined) exec.log(`ERROR: ${record.error}`);
  // Triggers' total runtime is a trigger quota: web app requests do not count against it.
  if (req.trigger !== 'menu' && req.trigger !== 'sidebar' && req.trigger !== 'editor' && req.trigger !== 'webapp') {
    try {
      state.quotas.consume(req.user, 'triggerRuntimeMs', Math.ceil(record.modeledMs), state.now());
    } catch {
      record.logs.push('WARNING: daily trigger runtime quota exhausted');
    }
  }
  state.executions.push(record);
  if (state.executions.length > 5000) state.executions.splice(0, state.executions.length - 5000);
  return { record, value, error: error === undefined ? undefined : record.error };
}
