import type { WorkspaceState } from '../core/state';
import { driveStore, FOLDER_MIME, type DriveItem, type DriveStore } from '../services/drive/store';
import { savedPresentation } from '../services/slides/doc';
import { PRESENTATION_MIME } from '../services/slides/model';
import { presentationToPdf } from '../services/slides/render';

/**
 * Drive as the browser UI lists it, read from the Drive store (emulator/services/drive/store.ts):
 * every file and folder not in the trash, newest first; a file's bytes open in the browser (PDFs,
 * images), a Slides presentation as its PDF export. It used to look for a `files` collection the
 * store never had, so the UI said Drive was missing while the product was filling it.
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

function store(state: WorkspaceState): DriveStore | undefined {
  try {
    return driveStore(state);
  } catch {
    return undefined; // no Drive service registered in this emulator build
  }
}

function isFolder(f: DriveItem): boolean {
  return f.kind === 'folder' || f.mimeType === FOLDER_MIME;
}

/** A Slides presentation is shown as Drive exports it (File.getAs('application/pdf')). */
function isPresentation(f: DriveItem): boolean {
  return f.mimeType === PRESENTATION_MIME;
}

/** The Drive files, newest first (all users' drives: the emulator's UI is the developer's view); undefined without a Drive store. */
export function driveFiles(state: WorkspaceState): DriveFileView[] | undefined {
  const drive = store(state);
  if (!drive) return undefined;
  const out: DriveFileView[] = [];
  for (const f of drive.items.values()) {
    if (f.trashed || drive.isRoot(f.id)) continue;
    const folder = isFolder(f);
    out.push({
      id: f.id,
      name: f.name,
      mimeType: f.mimeType || 'application/octet-stream',
      size: folder || isPresentation(f) ? 0 : drive.bytes(f).length,
      folder,
      updatedAt: f.updated,
      parents: [...f.parents],
      ...(!folder ? { contentUrl: `/api/drive/${encodeURIComponent(f.id)}/content` } : {}),
    });
  }
  return out.sort((a, b) => (b.updatedAt ?? 0) - (a.updatedAt ?? 0));
}

/** A Drive file's bytes and type, for the page to open (a presentation as its PDF export). */
export function driveFileContent(state: WorkspaceState, id: string): { bytes: Buffer; mimeType: string; name: string } | undefined {
  const drive = store(state);
  const f = drive?.get(id);
  if (!drive || !f || isFolder(f)) return undefined;
  if (isPresentation(f)) {
    const pdf = presentationToPdf(savedPresentation(f, null), { title: f.name, at: new Date(state.now()) });
    return { bytes: Buffer.from(pdf), mimeType: 'application/pdf', name: `${f.name}.pdf` };
  }
  return { bytes: Buffer.from(drive.bytes(f)), mimeType: f.mimeType || 'application/octet-stream', name: f.name };
}
