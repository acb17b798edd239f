/**
 * Entry points of a module's files in Drive (issue 11, B04 and B05), in the "Programación
 * Talleres Masivos" spreadsheet: the ficha técnica PDF and the banner uploaded from the panel.
 * Each is called by the panel through google.script.run.
 */
import { generateFactSheet as generateFactSheetUseCase, type FilesResult } from '../app/workshops/fact-sheet';
import { uploadBanner as uploadBannerUseCase, type BannerUpload } from '../app/workshops/banner-file';
import { EXECUTION_KINDS } from '../domain/messages/setup';
import { DriveAppFiles } from '../gas/drive-files';
import { guarded } from './guard';

/** «Ficha técnica: Generar»: the module's ficha as a PDF in its Drive folder (the previous one replaced); its link. */
export function generateFactSheet(moduleId: string): FilesResult {
  return guarded('generateFactSheet', EXECUTION_KINDS.panel, (ctx) => generateFactSheetUseCase({ ...ctx, drive: new DriveAppFiles() }, moduleId));
}

/** «Subir banner»: a PNG, JPG or PDF (≤ 5 MB) into the module's folder; the banner becomes 'Recibido' with its link. */
export function uploadBanner(moduleId: string, file: BannerUpload): FilesResult {
  return guarded('uploadBanner', EXECUTION_KINDS.panel, (ctx) => uploadBannerUseCase({ ...ctx, drive: new DriveAppFiles() }, moduleId, file));
}
