/**
 * The platform's report of booked appointments as its CSV lists them: one row's fields and the
 * header, in the platform's column order. Shared by the emulator worlds (attention-world.ts) and
 * the importer's unit fixtures (test/unit/import/report-fixtures.ts).
 */
/** One appointment as the platform's report lists it (all text, as in its CSV). */
export interface ReportRow {
  code: string;
  documentType: string;
  dni: string;
  names: string;
  lastNames: string;
  email: string;
  phone: string;
  /** dd/mm/yyyy */
  date: string;
  /** HH:mm (24 h); `twelveHour` writes '3:30 p. m.' */
  time: string;
  service: string;
  consultant: string;
  status: string;
}

export const REPORT_HEADER = [
  'Código de cita',
  'Tipo de documento',
  'N° Documento',
  'Nombres',
  'Apellidos',
  'Correo electrónico',
  'Celular',
  'Fecha de cita',
  'Hora de cita',
  'Servicio',
  'Consultor',
  'Estado',
] as const;


/** A row's fields in the header's order. */
export const REPORT_FIELDS: readonly (keyof ReportRow)[] = ['code', 'documentType', 'dni', 'names', 'lastNames', 'email', 'phone', 'date', 'time', 'service', 'consultant', 'status'];
