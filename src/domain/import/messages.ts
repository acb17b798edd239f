/**
 * What a consultant reads about importing the platform's report of booked appointments (A01):
 * why a row was rejected, what was noticed, and the summary shown in the sidebar.
 * Values from the file are quoted with « » so spaces and empty strings are visible.
 */
import { DOCUMENT_TYPES_TEXT, NAME_ALLOWED } from '../messages/validation';

/** Longest piece of a cell quoted back in a message. */
const QUOTE_MAX = 60;

/** «value», shortened if very long. */
export function quoted(value: string): string {
  const v = value.length > QUOTE_MAX ? value.slice(0, QUOTE_MAX - 1) + '…' : value;
  return `«${v}»`;
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

/** Spanish list: 'a', 'a y b', 'a, b y c'. */
export function joinSpanish(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return items.slice(0, -1).join(', ') + ' y ' + items[items.length - 1];
}

/** Names of the report's columns, as a consultant would call them (used for missing columns). */
export const FIELD_LABELS = {
  code: 'Código de cita',
  documentType: 'Tipo de documento',
  dni: 'DNI / N° de documento',
  names: 'Nombres',
  lastNames: 'Apellidos',
  fullName: 'Nombres y apellidos',
  email: 'Correo electrónico',
  phone: 'Celular',
  date: 'Fecha de cita',
  time: 'Hora de cita',
  dateTime: 'Fecha y hora',
  service: 'Servicio',
  consultant: 'Consultor',
  status: 'Estado',
} as const;

export const IMPORT_MESSAGES = {
  rowPrefix: (line: number) => `Fila ${line}`,

  // Identity document
  dniMissing: 'falta el DNI',
  dniNotDigits: (v: string) => `el DNI ${quoted(v)} debe tener solo números (8 dígitos)`,
  dniWrongLength: (v: string) => `el DNI ${quoted(v)} no tiene 8 dígitos`,
  // Typical of a report opened and saved again in Excel, which drops a leading 0; we do not guess.
  dniSevenDigits: (v: string) =>
    `el DNI ${quoted(v)} tiene 7 dígitos (si el reporte se abrió y guardó en Excel, pudo perder el 0 inicial: revíselo en el reporte original)`,
  documentMissing: 'falta el número de documento',
  documentInvalid: (type: string, v: string) => `el número de ${type} ${quoted(v)} no es válido`,

  // Name and contact
  nameMissing: 'falta el nombre',
  nameInvalid: (v: string) => `el nombre ${quoted(v)} no es válido (${NAME_ALLOWED})`,
  nameTooLong: 'el nombre es demasiado largo (máximo 200 caracteres)',
  documentTypeUnknown: (v: string) => `el tipo de documento ${quoted(v)} no es uno de los que atiende el servicio (${DOCUMENT_TYPES_TEXT})`,
  emailMissing: 'falta el correo electrónico',
  emailInvalid: (v: string) => `el correo electrónico ${quoted(v)} no es válido`,

  // Date and time (Lima)
  dateMissing: 'falta la fecha de la cita',
  dateUnrecognised: (v: string) => `la fecha ${quoted(v)} no tiene un formato reconocido (se espera dd/mm/aaaa)`,
  dateImpossible: (v: string) => `la fecha ${quoted(v)} no existe`,
  dateOutOfRange: (v: string) => `la fecha ${quoted(v)} tiene un año fuera de rango`,
  timeMissing: 'falta la hora de la cita',
  timeInvalid: (v: string) => `la hora ${quoted(v)} no es válida`,

  // Duplicates inside the same file
  duplicateCode: (code: string, firstLine: number) =>
    `la cita ${quoted(code)} está repetida (ya figura en la fila ${firstLine})`,
  duplicateSlot: (dni: string, date: string, time: string, firstLine: number) =>
    `la cita del documento ${dni} el ${date} a las ${time} está repetida (ya figura en la fila ${firstLine})`,

  // Warnings: the row is imported, but a person should know
  phoneKeptAsTyped: (v: string) =>
    `el teléfono ${quoted(v)} no es un celular peruano (+51 9XXXXXXXX); se guardó tal como está`,

  // Whole file
  noHeader:
    'No se encontró la fila de encabezados del reporte (por ejemplo «DNI», «Correo», «Fecha», «Hora»). Verifique que sea el reporte de citas reservadas descargado de la plataforma.',
  missingColumns: (labels: string[]) =>
    `Al reporte le ${plural(labels.length, 'falta la columna', 'faltan las columnas')} ${joinSpanish(labels.map((l) => `«${l}»`))}. Revise los encabezados o agregue el nombre usado por la plataforma en la pestaña de configuración.`,
} as const;

/** Most rejected rows listed by name in the summary; the rest are counted. */
const SUMMARY_MAX_REASONS = 5;

export interface SummaryCounts {
  inserted: number;
  updated: number;
  moved: number;
  reinstated: number;
  cancelled: number;
  unchanged: number;
  cancelledOnPlatformNotHeld: number;
}

/** One paragraph for the sidebar, e.g. 'Se importaron 28 citas nuevas, 1 actualizada y 1 cancelada. …' */
export function importSummaryText(c: SummaryCounts, rejectedReasons: string[]): string {
  const sentences: string[] = [];
  const parts: string[] = [];
  if (c.inserted > 0) parts.push(`${c.inserted} ${plural(c.inserted, 'cita nueva', 'citas nuevas')}`);
  if (c.updated > 0) {
    let s = `${c.updated} ${plural(c.updated, 'actualizada', 'actualizadas')}`;
    const notes: string[] = [];
    if (c.moved > 0) notes.push(`${c.moved} con nueva fecha u hora`);
    if (c.reinstated > 0) notes.push(`${c.reinstated} ${plural(c.reinstated, 'reactivada', 'reactivadas')}`);
    if (notes.length > 0) s += ` (${notes.join(', ')})`;
    parts.push(s);
  }
  if (c.cancelled > 0) parts.push(`${c.cancelled} ${plural(c.cancelled, 'cancelada', 'canceladas')}`);
  if (c.inserted > 0) {
    sentences.push(`${plural(c.inserted, 'Se importó', 'Se importaron')} ${joinSpanish(parts)}.`);
  } else if (parts.length > 0) {
    // Without new appointments the first item must carry the noun: '1 cita actualizada'.
    const first = parts[0].replace(/^(\d+) /, (_, n: string) => `${n} ${Number(n) === 1 ? 'cita' : 'citas'} `);
    sentences.push(`No hay citas nuevas; ${joinSpanish([first, ...parts.slice(1)])}.`);
  } else {
    sentences.push('No hubo cambios en las citas.');
  }
  if (c.unchanged > 0) {
    sentences.push(`${c.unchanged} ${plural(c.unchanged, 'cita ya registrada quedó', 'citas ya registradas quedaron')} sin cambios.`);
  }
  if (c.cancelledOnPlatformNotHeld > 0) {
    const n = c.cancelledOnPlatformNotHeld;
    sentences.push(`${n} ${plural(n, 'cita anulada', 'citas anuladas')} en la plataforma no se ${plural(n, 'registró', 'registraron')}.`);
  }
  if (rejectedReasons.length > 0) {
    const n = rejectedReasons.length;
    const shown = rejectedReasons.slice(0, SUMMARY_MAX_REASONS).map((r) => r.replace(/\.$/, ''));
    let s = `${n} ${plural(n, 'fila rechazada', 'filas rechazadas')}: ${shown.join('; ')}`;
    if (n > shown.length) s += `; y ${n - shown.length} más`;
    sentences.push(s + '.');
  }
  return sentences.join(' ');
}

// ---------------------------------------------------------------------------- legacy Excel (.xls)

const SAVE_AS = 'Ábralo en Excel, use «Guardar como» › «Libro de Excel (.xlsx)» o «CSV UTF-8» y vuelva a importarlo.';
const DOWNLOAD_AGAIN = 'Descargue el reporte de citas de la plataforma en formato CSV o Excel y vuelva a importarlo.';

/** What a consultant reads when an `.xls` file cannot be read (src/domain/import/xls.ts). */
export const XLS_MESSAGES = {
  damaged:
    'El archivo parece un Excel antiguo (.xls), pero está dañado o incompleto. Descárguelo otra vez de la plataforma y vuelva a importarlo.',
  notWorkbook: `El archivo no es un libro de Excel: es un archivo de Office de formato antiguo que no contiene hojas de cálculo. ${DOWNLOAD_AGAIN}`,
  notWorkbookKind: (kind: string) => `El archivo no es un libro de Excel (parece ${kind}). ${DOWNLOAD_AGAIN}`,
  encrypted:
    'El archivo de Excel está protegido con contraseña y no se puede leer. Ábralo en Excel, quite la contraseña («Archivo» › «Información» › «Proteger libro») y guárdelo con «Guardar como» › «Libro de Excel (.xlsx)» o «CSV UTF-8»; luego vuelva a importarlo.',
  tooOld: `El archivo es un Excel muy antiguo (versión 4.0 o anterior), que no se puede leer. ${SAVE_AS}`,
  codePage: `El archivo es un Excel 95 escrito con una codificación de caracteres que no se puede leer. ${SAVE_AS}`,
  noSheets: 'El libro de Excel no tiene hojas de cálculo.',
} as const;

export const HTML_TABLE_MESSAGES = {
  noTable:
    'El archivo es una página web (HTML) sin ninguna tabla de datos. Descargue de nuevo el reporte de citas de la plataforma, en formato Excel o CSV.',
} as const;

/** What the consultant reads when a spreadsheet cannot be read (Spanish, shared by the readers). */
export const SHEET_READ_MESSAGES = {
  tooLarge: `El archivo es demasiado grande para importarlo (tiene más de 2 000 000 de celdas). Guarde solo la hoja del reporte de citas e inténtelo de nuevo.`,
  outsideSheet:
    'El archivo tiene datos fuera de los límites de una hoja de cálculo (más de 1 048 576 filas o 16 384 columnas). Ábralo en Excel o LibreOffice, guárdelo de nuevo e inténtelo otra vez.',
  xmlWorkbookDamaged:
    'El archivo parece un libro XML de Excel 2003, pero está dañado o incompleto. Ábralo en Excel, guárdelo como libro de Excel (.xlsx) e inténtelo de nuevo.',
  xmlWorkbookNotWorkbook:
    'El archivo XML no es un libro de Excel (XML Spreadsheet 2003). Descargue de nuevo el reporte de la plataforma o guárdelo como libro de Excel (.xlsx).',
  xmlWorkbookNoSheet: 'El libro XML de Excel no tiene ninguna hoja con datos.',
} as const;

/** What the consultant reads when an OpenDocument file cannot be read. */
export const ODS_MESSAGES = {
  noContent:
    'El archivo no es una hoja de cálculo OpenDocument (.ods) válida: le falta su contenido (content.xml). Ábralo en LibreOffice o Excel, guárdelo de nuevo e inténtelo otra vez.',
  damaged:
    'La hoja de cálculo OpenDocument (.ods) está dañada o incompleta. Ábrala en LibreOffice o Excel, guárdela de nuevo e inténtelo otra vez.',
  encrypted:
    'La hoja de cálculo OpenDocument (.ods) está protegida con contraseña. Ábrala en LibreOffice, quite la contraseña (Archivo > Propiedades > Seguridad), guárdela e inténtelo de nuevo.',
  notSpreadsheet:
    'El archivo es un documento OpenDocument, pero no una hoja de cálculo. Use el reporte de citas en Excel (.xlsx), CSV u hoja de cálculo (.ods).',
  noTable: 'La hoja de cálculo OpenDocument (.ods) no tiene ninguna hoja.',
} as const;
