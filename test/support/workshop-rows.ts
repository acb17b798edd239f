/**
 * Rows of "Programación Talleres Masivos" put straight into the sheet, for tests of code that
 * reads them (personal data) while the code that writes them is built elsewhere: values go in as
 * setValues would write them (a value starting with '=' stays text when given with its
 * apostrophe, as the product's own writes neutralise it). And a plain registration form.
 */
import type { Workspace } from '../../emulator';
import { formsStore } from '../../emulator/services/forms';
import { sheetsStore } from '../../emulator/services/sheets';
import { setSetting } from './attention-world';

/** Appends rows to a tab by header, after its last non-empty row. */
export function putRows(ws: Workspace, ss: string, tab: string, rows: Record<string, unknown>[]): void {
  const values = ws.values(ss, tab);
  const headers = (values[0] ?? []).map(String);
  let next = values.length;
  while (next > 1 && values[next - 1].every((v) => v === '' || v === null)) next--;
  for (const row of rows) {
    next++;
    for (const [header, value] of Object.entries(row)) {
      const col = headers.indexOf(header);
      if (col < 0) throw new Error(`no column ${header} in ${tab}`);
      sheetsStore(ws.state).enterValues(ss, tab, next, col + 1, [[value]]);
    }
  }
}

/**
 * A registration form with the questions given (text items), recorded in the Talleres
 * spreadsheet's 'Formulario de inscripción (ID)' setting; its ID.
 */
export function createRegistrationForm(ws: Workspace, talleres: string, owner: string, questions: readonly string[] = ['Nombres y apellidos', 'DNI']): string {
  const store = formsStore(ws.state);
  const form = store.create(owner, 'Inscripción a talleres', ws.state.clock.now(), ws.state.random, true);
  for (const title of questions) {
    const item = store.newItem(form, 'TEXT', ws.state.random);
    item.title = title;
    form.items.push(item);
  }
  setSetting(ws, talleres, 'Formulario de inscripción (ID)', form.id);
  // Setup made the product's registration form; this test's form takes its place, where the
  // product looks first (the document property), as a form re-made by setup would.
  ws.project(talleres).documentProperties['SOE_REGISTRATION_FORM_ID'] = form.id;
  return form.id;
}
