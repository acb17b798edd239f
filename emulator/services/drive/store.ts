import { registerStore, type Store, type WorkspaceState } from '../../core/state';

/** DriveApp.Access (reference/drive/access). */
export const ACCESS = ['ANYONE', 'ANYONE_WITH_LINK', 'DOMAIN', 'DOMAIN_WITH_LINK', 'PRIVATE'] as const;
export type Access = (typeof ACCESS)[number];
/** DriveApp.Permission (reference/drive/permission). */
export const PERMISSION = ['VIEW', 'EDIT', 'COMMENT', 'OWNER', 'ORGANIZER', 'FILE_ORGANIZER', 'NONE'] as const;
export type Permission = (typeof PERMISSION)[number];

export const FOLDER_MIME = 'application/vnd.google-apps.folder';

/** Who may see and change one Drive item (same model as a spreadsheet's sharing). */
export interface DriveSharing {
  /** False until the first explicit sharing: until then every workspace user has access (compatibility rule). */
  restricted: boolean;
  editors: string[];
  viewers: string[];
  /** `setSharing`: the class of users besides those listed, and what they may do. */
  access: Access;
  permission: Permission;
}

/** One file or folder as the Drive store keeps it (bytes in base64 so the state survives JSON). */
export interface DriveItem {
  id: string;
  kind: 'file' | 'folder';
  name: string;
  mimeType: string;
  parents: string[];
  owner: string;
  created: number;
  updated: number;
  trashed: boolean;
  /** Files only. */
  base64?: string;
  /** Google-native files (Slides): their content as the editor keeps it (JSON; see services/slides/model.ts). */
  doc?: unknown;
  /**
   * Slides: the edits an execution made and has not saved yet (Presentation.saveAndClose, or the
   * end of that execution, saves them: guides/slides/lifecycle). `exec` is the execution's ID.
   */
  draft?: { exec: string; doc: unknown };
  sharing: DriveSharing;
}

/** Every user's Drive: items by ID, and each user's root folder ("My Drive"). */
export class DriveStore implements Store {
  items = new Map<string, DriveItem>();
  roots: Record<string, string> = {};
  /** Attached by `driveStore(state)`: IDs come from the workspace's seeded randomness. */
  state?: WorkspaceState;

  private newId(): string {
    const r = this.state!.random;
    let id = r.driveId();
    while (this.items.has(id)) id = r.driveId();
    return id;
  }

  /** The user's root folder, created the first time anyone asks for it. */
  root(user: string): DriveItem {
    const key = user.toLowerCase();
    const id = this.roots[key];
    if (id && this.items.has(id)) return this.items.get(id)!;
    const folder = this.add({ kind: 'folder', name: 'My Drive', mimeType: FOLDER_MIME, parents: [], owner: user });
    this.roots[key] = folder.id;
    return folder;
  }

  isRoot(id: string): boolean {
    return Object.values(this.roots).includes(id);
  }

  add(init: { kind: 'file' | 'folder'; name: string; mimeType: string; parents: string[]; owner: string; bytes?: Uint8Array; doc?: unknown }): DriveItem {
    const now = this.state!.now();
    const item: DriveItem = {
      id: this.newId(),
      kind: init.kind,
      name: init.name,
      mimeType: init.mimeType,
      parents: [...init.parents],
      owner: init.owner,
      created: now,
      updated: now,
      trashed: false,
      sharing: { restricted: false, editors: [], viewers: [], access: 'PRIVATE', permission: 'NONE' },
    };
    if (init.kind === 'file') item.base64 = Buffer.from(init.bytes ?? new Uint8Array()).toString('base64');
    if (init.doc !== undefined) item.doc = init.doc;
    this.items.set(item.id, item);
    return item;
  }

  get(id: string): DriveItem | undefined {
    return this.items.get(String(id));
  }

  bytes(item: DriveItem): Uint8Array {
    return new Uint8Array(Buffer.from(item.base64 ?? '', 'base64'));
  }

  touch(item: DriveItem): void {
    item.updated = this.state!.now();
  }

  children(folderId: string, kind: 'file' | 'folder'): DriveItem[] {
    return [...this.items.values()].filter((i) => i.kind === kind && i.parents.includes(folderId));
  }

  toJSON(): unknown {
    return { items: [...this.items.values()], roots: this.roots };
  }

  static fromJSON(json: unknown): DriveStore {
    const s = new DriveStore();
    const j = json as { items?: DriveItem[]; roots?: Record<string, string> } | null;
    for (const i of j?.items ?? []) s.items.set(i.id, i);
    s.roots = { ...(j?.roots ?? {}) };
    return s;
  }
}

registerStore('drive', { create: () => new DriveStore(), fromJSON: DriveStore.fromJSON });

export function driveStore(state: WorkspaceState): DriveStore {
  const s = state.store<DriveStore>('drive');
  s.state = state;
  return s;
}
