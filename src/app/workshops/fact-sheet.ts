/**
 * «Ficha técnica» of a module (B05): its HTML page (src/domain/workshops/fact-sheet.ts) made a
 * PDF in the module's Drive folder, "Ficha técnica – <módulo>.pdf", and recorded on its row
 * ('Ficha técnica' link, 'Ficha generada' when). Regenerated on request.
 *
 * One ficha is kept: the new PDF is saved first, then every earlier one is retired — the one the
 * row records (also under an older name, if the module was renamed) and any other file of the
 * same name in the folder (one a run that died before recording it left). The old one goes to
 * the trash when this person owns it; otherwise (a colleague made it, and Drive lets only the
 * owner trash) it is taken out of the folder. A crash at any point leaves at most an extra PDF
 * that the next generation retires.
 */
import { limaDateAt } from '../../domain/lima-time';
import { FILES_AUDIT as A, FILES_MESSAGES as M, factSheetFileName } from '../../domain/messages/workshops-files';
import { MODULES_TAB, REGISTRATIONS_TAB } from '../../domain/schema';
import { factSheetHtml, type FactSheetModule } from '../../domain/workshops/fact-sheet';
import { driveSafeName, fileIdOf } from '../../domain/workshops/drive-files';
import type { ModuleView } from './programme';
import { ensureModuleFolder, moduleNow, onModuleFiles, type FilesResult, type FolderDeps } from './folder';

export type { FilesResult };

function text(v: unknown): string {
  return v === null || v === undefined || v instanceof Date ? '' : String(v).trim();
}

/** Confirmed and waiting registrations of the module, counted (no one's data leaves this function). */
function registrationCounts(deps: FolderDeps, id: string): { confirmed: number; waiting: number } {
  const table = deps.workbooks.current().table(REGISTRATIONS_TAB);
  if (!table.exists()) return { confirmed: 0, waiting: 0 };
  let confirmed = 0;
  let waiting = 0;
  for (const r of table.read().rows) {
    if (text(r.record.moduleId) !== id) continue;
    const status = text(r.record.status);
    if (status === 'Inscrito') confirmed++;
    else if (status === 'En lista de espera') waiting++;
  }
  return { confirmed, waiting };
}

function factSheetOf(m: ModuleView, counts: { confirmed: number; waiting: number }, now: Date): FactSheetModule {
  const at = (date: string, hhmm: string) => {
    const [h, mi] = hhmm.split(':').map(Number);
    return limaDateAt(date, h || 0, mi || 0);
  };
  return {
    name: m.name,
    year: m.year,
    quarter: m.quarter,
    objective: m.objective,
    audience: m.audience,
    capacity: m.capacity,
    minSessions: m.minSessions,
    sessions: m.sessions
      .filter((s) => s.date !== '')
      .map((s) => ({ number: s.number, topic: s.topic, start: at(s.date, s.startTime), end: at(s.date, s.endTime), speaker: s.speaker, speakerAnswer: s.speakerAnswer })),
    confirmed: counts.confirmed,
    waiting: counts.waiting,
    generatedAt: now,
  };
}

/** «Ficha técnica: Generar»: makes (or remakes) the module's ficha técnica PDF; answers with its link. */
export function generateFactSheet(deps: FolderDeps, moduleId: unknown): FilesResult {
  return onModuleFiles(deps, moduleId, (m, row) => {
    const now = deps.clock.now();
    const folder = ensureModuleFolder(deps, row);
    const name = factSheetFileName(driveSafeName(m.name));
    const html = factSheetHtml(factSheetOf(m, registrationCounts(deps, m.id), now));

    const recordedId = fileIdOf(text(row.record.factSheetUrl));
    const file = deps.drive.savePdfFromHtml(folder.id, name, html);

    const earlier = new Set(deps.drive.filesNamed(folder.id, name).map((f) => f.id));
    if (recordedId) earlier.add(recordedId);
    earlier.delete(file.id);
    const retired: string[] = [];
    let keptByOther = false;
    for (const old of earlier) {
      let outcome: string;
      try {
        const r = deps.drive.retire(old, folder.id);
        if (r === 'gone') continue;
        keptByOther = keptByOther || r === 'removed';
        outcome = r === 'trashed' ? A.factSheetOldTrashed(old) : A.factSheetOldMoved(old);
      } catch (e) {
        // The new ficha is made and recorded all the same; the audit line says which file stayed.
        keptByOther = true;
        outcome = A.factSheetOldLeft(old, e instanceof Error ? e.message : String(e));
      }
      retired.push(outcome);
    }

    deps.workbooks.current().table(MODULES_TAB).update([{ id: row.id, fields: { factSheetUrl: file.url, factSheetAt: now } }]);
    deps.audit.record({ action: A.factSheet, target: m.id, result: 'Correcto', detail: [file.url, ...retired].join(' · ') });
    const message = keptByOther ? M.factSheetOldKept(m.name) : retired.length > 0 ? M.factSheetRemade(m.name) : M.factSheetMade(m.name);
    return { ok: true, message, url: file.url, module: moduleNow(deps, m.id, m) };
  });
}
