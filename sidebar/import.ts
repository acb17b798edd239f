/**
 * "Importar reporte" (A01): the consultant picks the platform's report (.csv, .xlsx, .xls…); the page
 * reads its bytes with FileReader and sends them, base64, to `previewImport(fileName, base64)`.
 * The preview (new, changed, to cancel — by name and Lima date and time — and rejected rows, and
 * the second confirmation when today's or many appointments would be cancelled) is shown as text;
 * «Confirmar e importar» sends the same bytes with the preview's plan ID to `importReport`. When
 * the sheet changed meanwhile the server refuses and the new preview is shown. The result lists
 * what was cancelled, with «Deshacer las cancelaciones» (`undoImportCancellations`).
 */
import type { ImportCounts, ImportItemView, ImportPreview, ImportResult } from '../src/api';
import { clear, el, h, listInto } from './dom';
import { M } from './messages';
import { busy, call, hideError, showError } from './server';

/** google.script.run carries arguments up to a few tens of MB; a report is a few hundred KB. */
const MAX_MB = 10;

/** The file's bytes as base64 (without the data: URL prefix). */
export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(new Error(M.import.unreadable));
    reader.onload = () => {
      const url = String(reader.result ?? '');
      const comma = url.indexOf(',');
      resolve(comma >= 0 ? url.slice(comma + 1) : url);
    };
    reader.readAsDataURL(file);
  });
}

function problem(text: string): void {
  const p = el('import-problem');
  p.textContent = text;
  p.hidden = text === '';
  if (text) el('import-file').focus();
}

function renderCounts(counts: ImportCounts): void {
  const dl = el('import-counts');
  clear(dl);
  const keys: (keyof typeof M.import.counts)[] = ['inserted', 'updated', 'moved', 'reinstated', 'cancelled', 'unchanged', 'rejected'];
  for (const k of keys) {
    const n = counts[k];
    if (!n) continue;
    dl.append(h('dt', { text: M.import.counts[k] }), h('dd', { text: String(n) }));
  }
  dl.hidden = dl.childNodes.length === 0;
}

const itemText = (x: ImportItemView): string => M.import.item(x.name, x.when, x.detail);

function titled(list: string, title: string, items: readonly ImportItemView[], text: (n: number) => string): void {
  const t = el(title);
  t.textContent = text(items.length);
  t.hidden = items.length === 0;
  listInto(el(list), items.map(itemText));
}

/** What the panel keeps between the preview and the confirmation: the same file, and the plan ID. */
let pending: { fileName: string; base64: string; planId: string } | null = null;
let lastUndoId: string | null = null;

function hidePreview(): void {
  pending = null;
  el('import-preview').hidden = true;
}

function renderPreview(p: ImportPreview, notice = ''): void {
  el('import-result').hidden = true;
  const summary = el('import-preview-summary');
  summary.textContent = notice ? `${notice} ${p.summary}` : p.summary;
  el('import-preview-scope').textContent = p.scope;
  titled('import-preview-cancel', 'import-preview-cancel-title', p.cancellations, M.import.previewCancel);
  titled('import-preview-insert', 'import-preview-insert-title', p.inserts, M.import.previewInsert);
  titled('import-preview-update', 'import-preview-update-title', p.updates, M.import.previewUpdate);
  const rejectedTitle = el('import-preview-rejected-title');
  rejectedTitle.textContent = M.import.rejectedTitle(p.rejected.length);
  rejectedTitle.hidden = p.rejected.length === 0;
  listInto(el('import-preview-rejected'), p.rejected.map((x) => x.reason));
  el('import-preview-warnings-title').hidden = p.warnings.length === 0;
  listInto(el('import-preview-warnings'), p.warnings);
  el('import-second').hidden = !p.needsSecondConfirmation;
  el('import-second-reason').textContent = p.secondConfirmation;
  el<HTMLInputElement>('import-second-check').checked = false;
  el<HTMLButtonElement>('import-confirm').hidden = p.planId === null;
  el('import-preview').hidden = false;
  summary.focus();
}

function renderResult(r: ImportResult): void {
  hidePreview();
  const summary = el('import-summary');
  summary.textContent = r.ok ? r.summary : r.problem || r.summary;
  summary.className = r.ok ? (r.rejected.length ? 'notice notice-warn' : 'notice notice-ok') : 'notice notice-error';
  renderCounts(r.counts);
  const rejectedTitle = el('import-rejected-title');
  rejectedTitle.textContent = M.import.rejectedTitle(r.rejected.length);
  rejectedTitle.hidden = r.rejected.length === 0;
  listInto(el('import-rejected'), r.rejected.map((x) => x.reason));
  el('import-warnings-title').hidden = r.warnings.length === 0;
  listInto(el('import-warnings'), [...r.warnings, ...(r.reminderRunRequested ? [M.import.reminders] : [])]);
  const cancelled = r.cancelledList ?? [];
  titled('import-cancelled', 'import-cancelled-title', cancelled, M.import.cancelledTitle);
  lastUndoId = r.undoId ?? null;
  el('import-undo').hidden = lastUndoId === null;
  el('import-undo-result').hidden = true;
  listInto(el('import-undo-left'), []);
  el('import-result').hidden = false;
  summary.focus();
}

function renderRefusal(problemText: string): void {
  renderResult({
    ok: false,
    fileName: '',
    format: null,
    encoding: null,
    problem: problemText,
    summary: problemText,
    counts: { inserted: 0, updated: 0, moved: 0, reinstated: 0, cancelled: 0, unchanged: 0, rejected: 0, cancelledOnPlatformNotHeld: 0 },
    rejected: [],
    warnings: [],
    reminderRunRequested: false,
    cancelledList: [],
    undoId: null,
  });
}

async function submit(): Promise<void> {
  hideError();
  el('import-result').hidden = true;
  hidePreview();
  const input = el<HTMLInputElement>('import-file');
  const file = input.files && input.files[0];
  if (!file) return problem(M.import.chooseFile);
  // The server reads the file by its content; the name only catches a wrong pick (a photo, a PDF).
  if (!/\.(csv|txt|xlsx|xls|ods|xml)$/i.test(file.name)) return problem(M.import.wrongType);
  if (file.size > MAX_MB * 1024 * 1024) return problem(M.import.tooBig(MAX_MB));
  problem('');
  try {
    const base64 = await readAsBase64(file);
    const p = await busy(M.import.busyPreview, () => call('previewImport', file.name, base64));
    if (!p) throw new Error(M.unknownError);
    if (!p.ok) return renderRefusal(p.problem || p.summary);
    pending = p.planId ? { fileName: file.name, base64, planId: p.planId } : null;
    renderPreview(p);
  } catch (e) {
    showError(e, null);
  }
}

async function confirm(onImported: () => void): Promise<void> {
  hideError();
  if (!pending) return;
  const second = el<HTMLInputElement>('import-second-check');
  if (!el('import-second').hidden && !second.checked) {
    problem(M.import.secondMissing);
    second.focus();
    return;
  }
  problem('');
  const { fileName, base64, planId } = pending;
  try {
    const r = await busy(M.import.busy, () => call('importReport', fileName, base64, { planId, confirmCancellations: second.checked }));
    if (!r) throw new Error(M.unknownError);
    if (!r.ok && r.stale) {
      // The sheet or the file changed since the preview: show the new one, with the reason.
      const p = await busy(M.import.busyPreview, () => call('previewImport', fileName, base64));
      if (p && p.ok) {
        pending = p.planId ? { fileName, base64, planId: p.planId } : null;
        return renderPreview(p, `${r.problem ?? ''} ${M.import.previewAgain}`);
      }
    }
    renderResult(r);
    if (r.ok) onImported();
  } catch (e) {
    showError(e, null);
  }
}

async function undo(onImported: () => void): Promise<void> {
  hideError();
  if (!lastUndoId) return;
  const id = lastUndoId;
  try {
    const u = await busy(M.import.busyUndo, () => call('undoImportCancellations', id));
    if (!u) throw new Error(M.unknownError);
    const out = el('import-undo-result');
    out.textContent = u.summary;
    out.className = u.ok && u.notRestored.length === 0 ? 'notice notice-ok' : 'notice notice-warn';
    out.hidden = false;
    listInto(el('import-undo-left'), u.notRestored.map(itemText));
    lastUndoId = null;
    el('import-undo').hidden = true;
    out.focus();
    if (u.restored.length) onImported();
  } catch (e) {
    showError(e, null);
  }
}

export function initImport(onImported: () => void): void {
  el('import-summary').tabIndex = -1;
  el('import-preview-summary').tabIndex = -1;
  el('import-second-reason').tabIndex = -1;
  el('import-undo-result').tabIndex = -1;
  el<HTMLFormElement>('import-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    void submit();
  });
  el('import-file').addEventListener('change', () => {
    hidePreview();
    el('import-result').hidden = true;
  });
  el('import-confirm').addEventListener('click', () => void confirm(onImported));
  el('import-discard').addEventListener('click', () => {
    hidePreview();
    el('import-file').focus();
  });
  el('import-undo').addEventListener('click', () => void undo(onImported));
}
