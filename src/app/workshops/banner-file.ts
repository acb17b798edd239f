/**
 * «Subir banner» (B04): the banner file the Dirección sent, uploaded from the panel into the
 * module's Drive folder; the module's 'Enlace del banner' becomes the file's link and its banner
 * 'Recibido' through the same rule and use case as a link typed by hand
 * (domain/workshops/banner.ts nextBannerState, ./direction.ts setBannerState).
 *
 * The file is checked before anything is saved: base64 that decodes, at most 5 MB, and bytes that
 * really are PNG, JPEG or PDF (their first bytes, not the name or the type the browser claims).
 * One banner is kept in the folder: earlier 'Banner – <módulo>.*' files (an older upload, or one a
 * run that died before recording it left) are retired once the new one is recorded.
 */
import { FILES_AUDIT as A, FILES_MESSAGES as M } from '../../domain/messages/workshops-files';
import { bannerStateOf, nextBannerState } from '../../domain/workshops/banner';
import {
  MAX_BANNER_BYTES,
  bannerFileName,
  base64MaxBytes,
  isBase64,
  sniffBannerType,
  type BannerMime,
} from '../../domain/workshops/drive-files';
import { setBannerState, type DirectionDeps } from './direction';
import { ensureModuleFolder, onModuleFiles, refuseFiles, type FilesResult, type FolderDeps } from './folder';

export interface BannerUpload {
  /** The file's name on the person's computer (only for the audit line). */
  name?: string;
  /** What the browser says it is (not trusted: the bytes decide). */
  mimeType?: string;
  /** The file's bytes, base64 (no 'data:' prefix). */
  base64?: string;
}

export type BannerFileDeps = FolderDeps & DirectionDeps;

const ALL_TYPES: readonly BannerMime[] = ['image/png', 'image/jpeg', 'application/pdf'];
const MAX_MB = MAX_BANNER_BYTES / (1024 * 1024);

function text(v: unknown): string {
  return v === null || v === undefined || v instanceof Date ? '' : String(v).trim();
}

/** The checked bytes and their real type, or the Spanish reason they are refused. */
function checkUpload(deps: BannerFileDeps, upload: unknown): { ok: true; bytes: number[]; mime: BannerMime } | { ok: false; message: string } {
  const raw = upload && typeof upload === 'object' ? (upload as BannerUpload).base64 : undefined;
  if (typeof raw !== 'string' || raw.trim() === '') return { ok: false, message: M.bannerMissing };
  const b64 = raw.trim().replace(/^data:[^,]*;base64,/, '');
  // Refused before decoding when it cannot fit (nothing big is decoded for nothing).
  if (base64MaxBytes(b64.length) - 3 > MAX_BANNER_BYTES) return { ok: false, message: M.bannerTooBig(MAX_MB) };
  if (!isBase64(b64)) return { ok: false, message: M.bannerBadBase64 };
  let bytes: number[];
  try {
    bytes = deps.drive.decodeBase64(b64);
  } catch {
    return { ok: false, message: M.bannerBadBase64 };
  }
  if (bytes.length === 0) return { ok: false, message: M.bannerEmpty };
  if (bytes.length > MAX_BANNER_BYTES) return { ok: false, message: M.bannerTooBig(MAX_MB) };
  const mime = sniffBannerType(bytes);
  if (!mime) return { ok: false, message: M.bannerBadType };
  return { ok: true, bytes, mime };
}

/** «Subir banner»: saves the file in the module's folder and marks the banner received with its link. */
export function uploadBanner(deps: BannerFileDeps, moduleId: unknown, upload: unknown): FilesResult {
  const checked = checkUpload(deps, upload);
  if (!checked.ok) return refuseFiles(deps, text(moduleId).slice(0, 80), checked.message);
  return onModuleFiles(deps, moduleId, (m, row) => {
    // The same rule as a typed link, asked before anything is saved (a link of the right shape stands in for the file's).
    const current = bannerStateOf(text(row.record.bannerStatus));
    const may = nextBannerState(current, text(row.record.bannerUrl), 'Recibido', 'https://drive.google.com/file/d/0000000000/view');
    if (!may.ok) return refuseFiles(deps, m.id, may.message);

    const folder = ensureModuleFolder(deps, row);
    const name = bannerFileName(m.name, checked.mime);
    const file = deps.drive.saveFile(folder.id, name, checked.mime, checked.bytes);
    const given = upload as BannerUpload;
    deps.audit.record({
      action: A.bannerUploaded,
      target: m.id,
      result: 'Correcto',
      detail: `${text(given.name).slice(0, 120) || '(sin nombre)'} → ${name} (${checked.mime}, ${checked.bytes.length} bytes) · ${file.url}`,
    });

    const r = setBannerState(deps, m.id, { state: 'Recibido', link: file.url });
    if (!r.ok) return { ok: false, message: r.message };

    // One banner in the folder: the earlier ones (any of the three types) are retired.
    for (const mime of ALL_TYPES) {
      for (const old of deps.drive.filesNamed(folder.id, bannerFileName(m.name, mime))) {
        if (old.id === file.id) continue;
        try {
          deps.drive.retire(old.id, folder.id);
        } catch {
          // Left where it is: the new banner is recorded all the same.
        }
      }
    }
    return { ok: true, message: M.bannerUploaded(m.name), url: file.url, module: r.module };
  });
}
