/**
 * The `DriveFiles` port over DriveApp (reference/drive/drive-app, folder, file) and Utilities
 * (base64, blobs): a module's folder, its ficha técnica PDF and its uploaded banner.
 *
 * Sharing: a folder is shared with the team's accounts one by one (`addEditor`) and its link
 * sharing is set to PRIVATE, so nothing the product makes in Drive is public. Files inherit
 * their folder's sharing in Drive.
 */
import type { DriveFiles, DriveItemRef } from '../ports';
import { UtilitiesFiles } from './files';

type Item = GoogleAppsScript.Drive.File | GoogleAppsScript.Drive.Folder;

function ref(item: Item): DriveItemRef {
  return { id: item.getId(), url: item.getUrl(), name: item.getName() };
}

function all<T>(it: { hasNext(): boolean; next(): T }): T[] {
  const out: T[] = [];
  while (it.hasNext()) out.push(it.next());
  return out;
}

export class DriveAppFiles implements DriveFiles {
  folder(id: string): DriveItemRef | null {
    if (!id) return null;
    try {
      const f = DriveApp.getFolderById(id);
      return f.isTrashed() ? null : ref(f);
    } catch {
      // "No item with the given ID could be found…": deleted, or never shared with this person.
      return null;
    }
  }

  spreadsheetFolder(): DriveItemRef {
    try {
      const parents = DriveApp.getFileById(SpreadsheetApp.getActive().getId()).getParents();
      if (parents.hasNext()) return ref(parents.next());
    } catch {
      // The spreadsheet's folder is not this person's to open: their "My Drive" instead.
    }
    return ref(DriveApp.getRootFolder());
  }

  childFolders(parentId: string, match: { readonly name?: string; readonly suffix?: string }): DriveItemRef[] {
    const parent = DriveApp.getFolderById(parentId);
    const it = match.name !== undefined ? parent.getFoldersByName(match.name) : parent.getFolders();
    return all(it)
      .filter((f) => !f.isTrashed() && (match.suffix === undefined || f.getName().endsWith(match.suffix)))
      .map(ref);
  }

  createFolder(parentId: string, name: string): DriveItemRef {
    return ref(DriveApp.getFolderById(parentId).createFolder(name));
  }

  shareWithTeam(folderId: string, emails: readonly string[]): number {
    const folder = DriveApp.getFolderById(folderId);
    const has = new Set(folder.getEditors().map((u) => u.getEmail().toLowerCase()));
    const owner = folder.getOwner();
    if (owner) has.add(owner.getEmail().toLowerCase());
    let added = 0;
    for (const email of emails) {
      const e = email.trim().toLowerCase();
      if (!e || has.has(e)) continue;
      folder.addEditor(e);
      has.add(e);
      added++;
    }
    if (String(folder.getSharingAccess()) !== String(DriveApp.Access.PRIVATE)) folder.setSharing(DriveApp.Access.PRIVATE, DriveApp.Permission.NONE);
    return added;
  }

  filesNamed(folderId: string, name: string): DriveItemRef[] {
    return all(DriveApp.getFolderById(folderId).getFilesByName(name))
      .filter((f) => !f.isTrashed())
      .map(ref);
  }

  savePdfFromHtml(folderId: string, name: string, html: string): DriveItemRef {
    const pdf = Utilities.newBlob(html, 'text/html', name).getAs('application/pdf').setName(name);
    return ref(DriveApp.getFolderById(folderId).createFile(pdf));
  }

  saveFile(folderId: string, name: string, mimeType: string, bytes: readonly number[]): DriveItemRef {
    const signed = Array.from(bytes, (b) => (b > 127 ? b - 256 : b));
    return ref(DriveApp.getFolderById(folderId).createFile(Utilities.newBlob(signed, mimeType, name)));
  }

  retire(fileId: string, folderId: string): 'trashed' | 'removed' | 'gone' {
    let file: GoogleAppsScript.Drive.File;
    try {
      file = DriveApp.getFileById(fileId);
    } catch {
      // A missing file and a passing fault of Drive throw alike: ask once more before saying
      // 'gone' (a deletion under Ley 29733 forgets the file's ID after this; a crash sweep found
      // one fault here leaving the person's certificate PDF in the folder).
      try {
        file = DriveApp.getFileById(fileId);
      } catch {
        return 'gone';
      }
    }
    if (file.isTrashed()) return 'gone';
    const owner = file.getOwner();
    const me = Session.getEffectiveUser().getEmail().toLowerCase();
    if (owner && owner.getEmail().toLowerCase() === me) {
      file.setTrashed(true);
      return 'trashed';
    }
    DriveApp.getFolderById(folderId).removeFile(file);
    return 'removed';
  }

  decodeBase64(base64: string): number[] {
    return new UtilitiesFiles().decodeBase64(base64);
  }
}
