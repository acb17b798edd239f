/**
 * "Importar reporte" (A01): the consultant picks the platform's report (.csv, .xlsx, .xls…); the page
 * reads its bytes with FileReader and sends them, base64, to `importReport(fileName, base64)`.
 * The answer — a summary, the counts and every rejected row with its reason — is shown as text.
 */
import type { ImportCounts, ImportResult } from '../src/api';
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

function renderResult(r: ImportResult): void {
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
  el('import-result').hidden = false;
  summary.focus();
}

async function submit(onImported: () => void): Promise<void> {
  hideError();
  el('import-result').hidden = true;
  const input = el<HTMLInputElement>('import-file');
  const file = input.files && input.files[0];
  if (!file) return problem(M.import.chooseFile);
  // The server reads the file by its content; the name only catches a wrong pick (a photo, a PDF).
  if (!/\.(csv|txt|xlsx|xls|ods|xml)$/i.test(file.name)) return problem(M.import.wrongType);
  if (file.size > MAX_MB * 1024 * 1024) return problem(M.import.tooBig(MAX_MB));
  problem('');
  try {
    const r = await busy(M.import.busy, async () => call('importReport', file.name, await readAsBase64(file)));
    if (!r) throw new Error(M.unknownError);
    renderResult(r);
    if (r.ok) onImported();
  } catch (e) {
    showError(e, null);
  }
}

export function initImport(onImported: () => void): void {
  el('import-summary').tabIndex = -1;
  el<HTMLFormElement>('import-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    void submit(onImported);
  });
}
