/**
 * Rows written straight into a tab, as a form's destination or a person would, each a record
 * keyed by header (the tab's own header order is kept). For fixtures of tabs another part of the
 * product will fill (e.g. 'Inscripciones' before the registration form exists).
 */
import type { Workspace } from '../../emulator';
import { sheetsStore } from '../../emulator/services/sheets';

export function appendRows(ws: Workspace, ss: string, tab: string, records: readonly Record<string, unknown>[]): void {
  const values = ws.values(ss, tab);
  const headers = (values[0] ?? []).map(String);
  let next = values.length;
  while (next > 1 && values[next - 1].every((v) => v === '' || v === null)) next--;
  for (const rec of records) {
    for (const h of Object.keys(rec)) if (!headers.includes(h)) throw new Error(`no column ${h} in ${tab}`);
    sheetsStore(ws.state).enterValues(ss, tab, next + 1, 1, [headers.map((h) => (h in rec ? rec[h] : ''))]);
    next++;
  }
}

/** Sets one cell of the row whose `idHeader` is `id`, as a person typing it. */
export function setCell(ws: Workspace, ss: string, tab: string, idHeader: string, id: string, header: string, value: unknown): void {
  const values = ws.values(ss, tab);
  const headers = (values[0] ?? []).map(String);
  const row = values.findIndex((r, i) => i > 0 && r[headers.indexOf(idHeader)] === id);
  const col = headers.indexOf(header);
  if (row < 0 || col < 0) throw new Error(`no ${header} for ${id} in ${tab}`);
  sheetsStore(ws.state).enterValues(ss, tab, row + 1, col + 1, [[value]]);
}
