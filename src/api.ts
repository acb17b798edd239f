/**
 * The contract between the panel (sidebar/) and the server (src/entry.ts): what each function
 * called through google.script.run takes and returns. Types only — the sidebar imports nothing
 * else from src/, and these are erased from its bundle.
 */
import type { SetupResult, SetupStatus } from './app/setup';

export type { RoleOption, ScheduledTask, SetupResult, SetupStatus } from './app/setup';
export type { Role } from './domain/schema';

export interface SetupOptions {
  /** Install the automatic tasks for this person even though someone else installed them. */
  takeOverTriggers?: boolean;
}

/** Server functions the panel calls, by name, with their arguments and results. */
export interface ServerApi {
  getSetupStatus(): SetupStatus;
  setupSpreadsheet(role: string, siblingId: string, options?: SetupOptions): SetupResult;
}
