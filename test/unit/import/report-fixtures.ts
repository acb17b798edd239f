/**
 * Realistic report data for the import tests: 30 bookings over three days, as the platform
 * lists them, and helpers to turn them into CSV text or rows.
 */
import { limaDate } from '../../../src/domain/lima-time';
import { REPORT_FIELDS, REPORT_HEADER, type ReportRow } from '../../support/report-rows';

/** Monday 9 March 2026, 08:00 in Lima: the consultant imports the report for the coming days. */
export const NOW = limaDate(2026, 3, 9, 8, 0);

export const HEADER = [...REPORT_HEADER];

/** One booking as the platform's report lists it (all text). */
export type Booking = ReportRow;

const NAMES: [string, string][] = [
  ['María José', 'Ñahui Huamán'], ['José Ángel', 'Peña Cárdenas'], ['Lucía', 'D’Onofrio Güemes'],
  ['Ángela', 'Muñoz Díaz'], ['Raúl', 'Quispe Mamani'], ['Rosa Elvira', 'Condori Apaza'],
  ['Jesús', 'Ñique Chávez'], ['Milagros', 'Huamaní Rojas'], ['César Augusto', 'Vílchez León'],
  ['Yolanda', 'Ccori Tupa'], ['Óscar', 'Benítez Salazar'], ['Verónica', 'Calderón Ríos'],
  ['Iñaki', 'Zúñiga Paredes'], ['Fiorella', 'Gutiérrez Ayala'], ['Héctor', 'Ramírez Poma'],
  ['Noemí', 'Sánchez Villanueva'], ['Martín', 'Cáceres Lozano'], ['Susana', "O'Brien Castañeda"],
  ['Edgar', 'Mendoza Quiñones'], ['Teresa', 'Álvarez Pizarro'], ['Wilber', 'Huillca Ccahuana'],
  ['Gisela', 'Núñez Tello'], ['Álvaro', 'Espinoza Meléndez'], ['Karina', 'Torres Yupanqui'],
  ['Julián', 'Ordóñez Saldaña'], ['Pilar', 'Montañez Ruiz'], ['Ronald', 'Tácunan Flores'],
  ['Elena', 'Peñaloza Cruz'], ['Ítalo', 'Guzmán Aguirre'], ['Soledad', 'Ibáñez Carhuaz'],
];
const SLOTS = ['09:00', '09:40', '10:20', '11:00', '11:40', '14:00', '14:40', '15:20', '16:00', '16:40'];
const DAYS = ['10/03/2026', '11/03/2026', '12/03/2026'];
const CONSULTANTS = ['Ana Peña', 'Luis Ñique'];

function ascii(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z]/g, '').toLowerCase();
}

/** Thirty bookings: codes 000101…000130, DNI of the first one starts with 0. */
export function thirtyBookings(): Booking[] {
  return NAMES.map(([names, lastNames], i) => ({
    code: String(101 + i).padStart(6, '0'),
    documentType: 'DNI',
    dni: i === 0 ? '01234567' : String(40000000 + i * 1234567).slice(0, 8),
    names,
    lastNames,
    email: `${ascii(names.split(' ')[0])}.${ascii(lastNames.split(' ')[0])}@${i % 3 === 0 ? 'gmail.com' : i % 3 === 1 ? 'hotmail.com' : 'outlook.com'}`,
    phone: `9${String(10000000 + i * 2345678).slice(0, 8)}`,
    date: DAYS[Math.floor(i / SLOTS.length)],
    time: SLOTS[i % SLOTS.length],
    service: 'Orientación para el emprendimiento',
    consultant: CONSULTANTS[i % 2],
    status: 'Reservada',
  }));
}

export function bookingRow(b: Booking): string[] {
  return REPORT_FIELDS.map((f) => b[f]);
}

/** The rows of a platform export: two title lines and a blank line above the header. */
export function reportRows(bookings: Booking[], withTitle = true): string[][] {
  const title = withTitle ? [['Reporte de citas reservadas - Centro de Empleo Lima'], ['Generado el 09/03/2026 07:45'], ['']] : [];
  return [...title, HEADER, ...bookings.map(bookingRow)];
}

/** CSV text as a spreadsheet program writes it (quotes only where needed). */
export function toCsv(rows: string[][], delimiter: ',' | ';' = ',', eol = '\r\n'): string {
  const quote = (f: string) => (/["\r\n]/.test(f) || f.includes(delimiter) ? `"${f.replace(/"/g, '""')}"` : f);
  return rows.map((r) => r.map(quote).join(delimiter)).join(eol) + eol;
}
