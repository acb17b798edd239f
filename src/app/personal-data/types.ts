/**
 * What the panel exchanges with the server about one person's data (Ley 29733, D.S. 016-2024-JUS:
 * access, rectification and deletion by DNI). Shared by src/app/personal-data/*, src/entry and
 * the sidebar (through src/api.ts). Every string a person reads is Spanish.
 */

/** One field as the sheet holds it: its header and its value as text. */
export interface PersonFieldView {
  label: string;
  value: string;
}

/** One place where the person's data is held. */
export interface PersonRecordView {
  /** Where it is: 'Citas', 'Revisión', 'Encuesta de satisfacción', 'Registro de auditoría'. */
  source: string;
  /** The row's ID (appointment ID, review ID) or the form response's ID. */
  id: string;
  /** One line for the list, e.g. 'Cita del 28/11/2026, 10:00 a. m. · Atendida'. */
  summary: string;
  fields: PersonFieldView[];
}

export interface PersonLookupResult {
  /** False when nothing was searched (the DNI is not 8 digits, setup missing…): `message` says why. */
  ok: boolean;
  /** What was searched, normalised: the DNI (8 digits, as text) or the email (lower case). */
  dni: string;
  /** Spanish: what was found ('Se encontraron 3 registros…') or why nothing was searched. */
  message: string;
  records: PersonRecordView[];
  /**
   * What is held outside the spreadsheet and the panel cannot change, in Spanish: emails already
   * sent, Calendar events, copies in Drive or in the platform.
   */
  notes: string[];
}

export interface PersonExport {
  ok: boolean;
  message: string;
  /** 'datos-personales-01234567-2026-11-27.csv' */
  fileName: string;
  /** The file's content: CSV, UTF-8 (the panel adds the BOM Excel needs), one line per field. */
  csv: string;
}

/** Fields a consultant may correct; absent or undefined = unchanged. */
export interface PersonCorrection {
  fullName?: string;
  email?: string;
  phone?: string;
}

export interface PersonChangeResult {
  ok: boolean;
  /** Spanish: what changed, or why nothing did. */
  message: string;
  /** Records changed (rows rewritten, responses deleted). */
  changed: number;
  /** What is held now, after the change (absent when nothing was searched). */
  lookup?: PersonLookupResult;
  /**
   * A deletion only: IDs of the modules where a confirmed registration of the person became
   * 'Retirado' (a place is free; the waiting list may move up).
   */
  freedPlaces?: string[];
}
