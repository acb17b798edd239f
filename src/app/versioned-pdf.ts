/**
 * A report's PDF, one kept per version (the B12 module report, the monthly report): the new PDF
 * is saved, then every earlier file of the same name in the folder (a crashed attempt's, or the
 * one recorded for this version) is retired, so exactly one PDF of the version is left. A file
 * that cannot be retired stays (the new PDF is the one recorded); the sentence says which.
 */
import type { DriveFiles, DriveItemRef } from '../ports';

export interface VersionedPdf {
  file: DriveItemRef;
  /** Spanish notes of what happened to earlier copies, for the audit line. */
  retired: string[];
}

export function saveVersionedPdf(drive: DriveFiles, folderId: string, name: string, html: string, recordedId: string | null): VersionedPdf {
  const file = drive.savePdfFromHtml(folderId, name, html);
  const earlier = new Set(drive.filesNamed(folderId, name).map((f) => f.id));
  if (recordedId) earlier.add(recordedId);
  earlier.delete(file.id);
  const retired: string[] = [];
  for (const old of earlier) {
    try {
      const r = drive.retire(old, folderId);
      if (r !== 'gone') retired.push(`${r === 'trashed' ? 'a la papelera' : 'fuera de la carpeta'}: ${old}`);
    } catch (e) {
      retired.push(`no se pudo retirar ${old}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return { file, retired };
}
