import type { Execution } from './execution';
import type { GasObject } from './gas-object';
import type { ScriptProject } from './project';
import type { WorkspaceState } from './state';

/** What a service implementation sees of the world during one execution. */
export interface ServiceEnv {
  state: WorkspaceState;
  exec: Execution;
  project: ScriptProject;
}

/** A service module's entry: the global objects it adds to the script's context. */
export type ServiceInstaller = (env: ServiceEnv) => Record<string, GasObject>;
