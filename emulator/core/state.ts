import { VirtualClock } from './clock';
import { Quotas, type AccountKind, type QuotasJSON } from './quotas';
import { Random } from './random';
import { ScriptProject, type ProjectJSON } from './project';
import type { ExecutionRecord } from './execution';

/**
 * A service's persistent data (spreadsheets, outbox, calendars …). Each service module owns
 * its store and registers how to rebuild it from JSON, so the core never knows their shape.
 */
export interface Store {
  toJSON(): unknown;
}

type StoreFactory = { create: () => Store; fromJSON: (json: unknown) => Store };
const storeFactories = new Map<string, StoreFactory>();

export function registerStore(name: string, factory: StoreFactory): void {
  storeFactories.set(name, factory);
}

/** Something a service did that the runtime must react to (a form submitted fires triggers). */
export type WorkspaceEvent =
  | { type: 'formSubmit'; formId: string; responseId: string; spreadsheetId?: string; sheetName?: string; row?: number };

export interface WorkspaceOptions {
  /** Virtual time to start at (epoch ms). */
  now: number;
  seed: number;
  account: AccountKind;
  /** The signed-in user (the consultant) and the domain of generated addresses. */
  user: string;
}

export interface StateJSON {
  version: 1;
  clock: number;
  seed: number;
  random: number;
  user: string;
  quotas: QuotasJSON;
  projects: ProjectJSON[];
  stores: Record<string, unknown>;
  executions: ExecutionRecord[];
}

export class WorkspaceState {
  readonly clock: VirtualClock;
  readonly random: Random;
  quotas: Quotas;
  /** The user whose browser is acting (menus, sidebar, form submissions as a respondent). */
  user: string;
  readonly projects = new Map<string, ScriptProject>();
  private readonly stores = new Map<string, Store>();
  /** Lock holders: lock key → execution id. Released when the execution ends. */
  readonly locks = new Map<string, string>();
  readonly events: WorkspaceEvent[] = [];
  executions: ExecutionRecord[] = [];

  constructor(readonly options: WorkspaceOptions) {
    this.clock = new VirtualClock(options.now);
    this.random = new Random(options.seed);
    this.quotas = new Quotas(options.account);
    this.user = options.user;
  }

  now(): number {
    return this.clock.now();
  }

  store<T extends Store>(name: string): T {
    let s = this.stores.get(name);
    if (!s) {
      const f = storeFactories.get(name);
      if (!f) throw new Error(`no store registered as "${name}"`);
      s = f.create();
      this.stores.set(name, s);
    }
    return s as T;
  }

  emit(event: WorkspaceEvent): void {
    this.events.push(event);
  }

  projectForContainer(containerId: string): ScriptProject | undefined {
    for (const p of this.projects.values()) if (p.containerId === containerId) return p;
    return undefined;
  }

  toJSON(): StateJSON {
    const stores: Record<string, unknown> = {};
    for (const [k, v] of this.stores) stores[k] = v.toJSON();
    return {
      version: 1,
      clock: this.clock.now(),
      seed: this.options.seed,
      random: this.random.state,
      user: this.user,
      quotas: this.quotas.toJSON(),
      projects: [...this.projects.values()].map((p) => p.toJSON()),
      stores,
      executions: this.executions,
    };
  }

  static fromJSON(j: StateJSON): WorkspaceState {
    const s = new WorkspaceState({ now: j.clock, seed: j.seed, account: j.quotas.account, user: j.user });
    s.random.state = j.random;
    s.quotas = Quotas.fromJSON(j.quotas);
    for (const p of j.projects) s.projects.set(p.id, ScriptProject.fromJSON(p));
    for (const [name, json] of Object.entries(j.stores)) {
      const f = storeFactories.get(name);
      if (f) s.stores.set(name, f.fromJSON(json));
    }
    s.executions = j.executions;
    return s;
  }
}
