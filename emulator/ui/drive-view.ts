import type { WorkspaceState } from '../core/state';

/**
 * Drive as the browser UI lists it. The Drive service registers a store named "drive" when it
 * is part of the emulator; until then (or if its shape is unknown) the UI says Drive is not
 * available instead of guessing. The store is read through its public shape only:
 * `listFiles()` or a `files` collection of records with an id, a name, a MIME type and the
 * bytes as `base64` (or `bytes`), optionally `size`, `createdAt`/`updatedAt`, `trashed`,
 * `parents`, `isFolder`.
 */
export interface DriveFileView {
  id: string;
  name: string;
  mimeType: string;
  size: number;
  folder: boolean;
  updatedAt?: number;
  parents: string[];
  /** Where the page can open the bytes (PDFs open in the browser), when the store holds them. */
  contentUrl?: string;
}

type Loose = Record<string, unknown>;

function driveStore(state: WorkspaceState): Loose | undefined {
  try {
    return state.store<never>('drive') as unknown as Loose;
  } catch {
    return undefined; // no Drive service registered in this emulator build
  }
}

function rawFiles(store: Loose): Loose[] | undefined {
  const list = store.listFiles;
  if (typeof list === 'function') {
    const out = (list as () => unknown).call(store);
    if (Array.isArray(out)) return out as Loose[];
  }
  const files = store.files;
  if (Array.isArray(files)) return files as Loose[];
  if (files instanceof Map) return [...files.values()] as Loose[];
  if (files && typeof files === 'object') return Object.values(files) as Loose[];
  return undefined;
}

const str = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function bytesOf(f: Loose): Buffer | undefined {
  if (typeof f.base64 === 'string') return Buffer.from(f.base64, 'base64');
  if (f.bytes instanceof Uint8Array) return Buffer.from(f.bytes);
  if (Array.isArray(f.bytes)) return Buffer.from(f.bytes.map((b) => Number(b) & 0xff));
  if (f.blob && typeof f.blob === 'object') return bytesOf(f.blob as Loose);
  return undefined;
}

function isFolder(f: Loose): boolean {
  return f.isFolder === true || f.kind === 'folder' || f.mimeType === 'application/vnd.google-apps.folder';
}

/** The Drive files, newest first; undefined when the emulator has no Drive store. */
export function driveFiles(state: WorkspaceState): DriveFileView[] | undefined {
  const store = driveStore(state);
  if (!store) return undefined;
  const files = rawFiles(store);
  if (!files) return undefined;
  const out: DriveFileView[] = [];
  for (const f of files) {
    if (!f || typeof f !== 'object' || f.trashed === true) continue;
    const id = str(f.id);
    if (!id) continue;
    const bytes = bytesOf(f);
    const updatedAt = num(f.updatedAt) ?? num(f.lastUpdated) ?? num(f.createdAt);
    out.push({
      id,
      name: str(f.name ?? f.title),
      mimeType: str(f.mimeType ?? f.contentType) || 'application/octet-stream',
      size: num(f.size) ?? bytes?.length ?? 0,
      folder: isFolder(f),
      ...(updatedAt !== undefined ? { updatedAt } : {}),
      parents: Array.isArray(f.parents) ? f.parents.map(str) : typeof f.parentId === 'string' ? [f.parentId] : [],
      ...(bytes && !isFolder(f) ? { contentUrl: `/api/drive/${encodeURIComponent(id)}/content` } : {}),
    });
  }
  return out.sort((a, b) => (b.updatedAt ?? 0) - (a.updatedAt ?? 0));
}

/** A Drive file's bytes and type, for the page to open. */
export function driveFileContent(state: WorkspaceState, id: string): { bytes: Buffer; mimeType: string; name: string } | undefined {
  const store = driveStore(state);
  const files = store && rawFiles(store);
  const f = files?.find((x) => x && str(x.id) === id);
  if (!f) return undefined;
  const bytes = bytesOf(f);
  if (!bytes) return undefined;
  return { bytes, mimeType: str(f.mimeType ?? f.contentType) || 'application/octet-stream', name: str(f.name ?? f.title) };
}
