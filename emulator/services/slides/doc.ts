import type { DriveItem } from '../drive/store';
import { clonePresentation, newPresentation, type PresentationData } from './model';

/**
 * The two versions of a presentation (developers.google.com/apps-script/guides/slides/lifecycle):
 * what Drive has saved (DriveItem.doc: what a copy, an export or another execution sees) and the
 * edits of the execution that opened it (DriveItem.draft), "saved all at once when the script
 * execution completes, or when Presentation.saveAndClose() is called". The emulator has no hook
 * at the end of an execution: a draft left by an execution that is not the reader's (or read from
 * the host, between executions) counts as saved then, and is promoted on that read.
 */
function promoteStale(item: DriveItem, execId: string | null): void {
  if (item.draft && item.draft.exec !== execId) {
    item.doc = item.draft.doc;
    delete item.draft;
  }
}

/** What Drive has saved; `execId` is the reader's execution (null from the host). */
export function savedPresentation(item: DriveItem, execId: string | null): PresentationData {
  promoteStale(item, execId);
  if (item.doc === undefined) item.doc = newPresentation();
  return item.doc as PresentationData;
}

/** The execution's working copy, made from the saved version on first use. */
export function workingPresentation(item: DriveItem, execId: string): PresentationData {
  promoteStale(item, execId);
  if (!item.draft) item.draft = { exec: execId, doc: clonePresentation(savedPresentation(item, execId)) };
  return item.draft.doc as PresentationData;
}

/** Presentation.saveAndClose: the execution's edits become the saved version. */
export function savePresentation(item: DriveItem, execId: string): void {
  if (item.draft && item.draft.exec === execId) {
    item.doc = item.draft.doc;
    delete item.draft;
  }
}
