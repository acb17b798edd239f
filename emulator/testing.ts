import { Execution, type ExecutionTrigger } from './core/execution';
import { ScriptProject, type Manifest } from './core/project';
import { WorkspaceState } from './core/state';
import type { ServiceEnv } from './core/env';

/**
 * Builds a ServiceEnv for unit tests of one service, without a V8 sandbox: service objects
 * are called directly from the host. Scenario tests go through `Workspace` instead.
 */
export function makeTestEnv(opts: {
  now?: number;
  user?: string;
  trigger?: ExecutionTrigger;
  manifest?: Manifest;
  containerId?: string;
  state?: WorkspaceState;
} = {}): ServiceEnv {
  const state =
    opts.state ??
    new WorkspaceState({
      now: opts.now ?? Date.UTC(2026, 10, 27, 14, 0), // 09:00 in Lima
      seed: 42,
      account: 'workspace',
      user: opts.user ?? 'consultora@trabajo.gob.pe',
    });
  const project = new ScriptProject(
    'project-test',
    'test',
    { code: '', html: {}, manifest: opts.manifest ?? { timeZone: 'America/Lima' } },
    opts.containerId,
  );
  state.projects.set(project.id, project);
  const exec = new Execution(
    { projectId: project.id, functionName: 'test', trigger: opts.trigger ?? 'editor', user: state.user },
    state.clock,
    [],
    [],
  );
  return { state, exec, project };
}

/** A fresh execution on the same state (as the next trigger run would get). */
export function nextExecution(env: ServiceEnv, trigger: ExecutionTrigger = 'editor', user?: string): ServiceEnv {
  const exec = new Execution(
    { projectId: env.project.id, functionName: 'test', trigger, user: user ?? env.state.user },
    env.state.clock,
    [],
    [],
  );
  return { ...env, exec };
}
