/**
 * Walk-ins booked from the panel with hostile values in every field: each booking is stored
 * with the literal text, or refused with a Spanish message on the field at fault (a name outside
 * the one rule for names, a document type the service does not attend). The same
 * walk-in twice is one row.
 */
import type { BookingResult, WalkInInput } from '../../../src/api';
import { checkPersonName, documentTypeOf } from '../../../src/domain/validation';
import { bookWalkIn, citas, createAttentionWorld, type AttentionWorld } from '../../support/attention-world';
import { brokenExecutions, formulaCells, overlongCells, tried } from '../checks';
import { cut, DNI_CASES, EMAIL_CASES, HOSTILE_TEXTS, PHONE_CASES } from '../corpus';

type Outcome = { stored: Record<string, string> } | { field: keyof WalkInInput; message: RegExp };

const NAME_MISSING = /^Escriba los nombres y apellidos\.$/;
const NAME_TOO_LONG = /^Los nombres y apellidos son demasiado largos \(máximo 200 caracteres\)\.$/;
const NAME_INVALID = /^Los nombres y apellidos deben empezar con una letra y no pueden tener números ni signos como/;
const DOCUMENT_TYPE_UNKNOWN = /^Elija el tipo de documento: DNI, carné de extranjería, pasaporte, PTP o CPP\.$/;

/** Distinct slots: each case its own minute, from Saturday 28 November 2026 on. */
let slot = 0;
function nextSlot(): { date: string; time: string } {
  const minutes = slot++ * 5;
  const day = 28 + Math.floor(minutes / 600);
  const m = 8 * 60 + (minutes % 600);
  const date = day <= 30 ? `2026-11-${day}` : `2026-12-${String(day - 30).padStart(2, '0')}`;
  return { date, time: `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}` };
}

let dniSeq = 0;
function person(): WalkInInput {
  dniSeq++;
  return {
    dni: String(40_000_000 + dniSeq),
    fullName: 'Rosa Elvira Condori',
    email: `rosa${dniSeq}@gmail.com`,
    phone: '987654321',
    ...nextSlot(),
  };
}

/** A booking whose row is checked once all are made (one read of 'Citas', not one per booking). */
interface Pending {
  label: string;
  id: string;
  stored: Record<string, string>;
}

function book(w: AttentionWorld, input: WalkInInput, outcome: Outcome, problems: string[], pending: Pending[]): void {
  const r = bookWalkIn(w.ws, w.atenciones, input);
  tried('citas desde el panel');
  const label = JSON.stringify(input).slice(0, 120);
  if (!r.ok) {
    problems.push(`${label}: la llamada falló: ${r.error}`);
    return;
  }
  const v: BookingResult = r.value;
  if ('field' in outcome) {
    if (v.ok) problems.push(`${label}: se registró, se esperaba un error en «${outcome.field}»`);
    else if (v.message !== 'Revise los datos marcados.' || !outcome.message.test(v.fieldErrors[outcome.field as keyof typeof v.fieldErrors] ?? '')) {
      problems.push(`${label}: respuesta ${JSON.stringify(v)}; se esperaba ${outcome.message} en «${outcome.field}»`);
    }
    return;
  }
  if (!v.ok) problems.push(`${label}: rechazada (${JSON.stringify(v.fieldErrors)}), se esperaba registrarla`);
  else pending.push({ label, id: v.id, stored: outcome.stored });
}

/** The rows of the bookings made, with the cells expected. */
function checkRows(w: AttentionWorld, pending: readonly Pending[], problems: string[]): void {
  const byId = new Map(citas(w.ws, w.atenciones).map((x) => [x['ID de cita'], x]));
  for (const p of pending) {
    const row = byId.get(p.id);
    if (!row) {
      problems.push(`${p.label}: ${p.id} no está en «Citas»`);
      continue;
    }
    for (const [header, want] of Object.entries(p.stored)) {
      if (row[header] !== want) problems.push(`${p.label}: «${header}» es ${JSON.stringify(row[header])}, se esperaba ${JSON.stringify(want)}`);
    }
  }
}

export function walkInSuite(): void {
  describe('walk-ins booked from the panel with hostile values', () => {
    const w = createAttentionWorld();

    test('names, services, consultants and document types: stored as literal text or refused with the field\'s message', () => {
      const problems: string[] = [];
      const pending: Pending[] = [];
      // Each text goes in three bookings: as the name (one rule for names: validation.ts), as the
      // service and the consultant (kept as literal text), and as the document type (only the
      // documents the service attends).
      for (const t of HOSTILE_TEXTS) {
        const name = checkPersonName(t.value);
        const asName: Outcome = name.ok
          ? { stored: { 'Nombres y apellidos': name.name } }
          : { field: 'fullName', message: name.problem === 'missing' ? NAME_MISSING : name.problem === 'tooLong' ? NAME_TOO_LONG : NAME_INVALID };
        book(w, { ...person(), fullName: t.value }, asName, problems, pending);

        // An empty consultant is the panel's user; one that looks like an email is compared in lower case.
        const consultant = t.tidy === '' ? 'Ana Quispe' : t.tidy.includes('@') ? cut(t.tidy, 200).toLowerCase() : cut(t.tidy, 200);
        book(w, { ...person(), service: t.value, consultant: t.value }, { stored: { Servicio: cut(t.tidy, 200), Consultor: consultant } }, problems, pending);

        const type = documentTypeOf(t.value);
        const p = person();
        const dni = type === 'DNI' ? p.dni : 'AB123456';
        book(w, { ...p, dni, documentType: t.value }, type ? { stored: { 'Tipo doc.': type, DNI: dni } } : { field: 'documentType', message: DOCUMENT_TYPE_UNKNOWN }, problems, pending);
      }
      checkRows(w, pending, problems);
      expect(problems).toEqual([]);
    });

    test('invalid and borderline DNI, email and phone', () => {
      const problems: string[] = [];
      const pending: Pending[] = [];
      for (const e of EMAIL_CASES) {
        const outcome: Outcome =
          'stored' in e.outcome
            ? { stored: { Correo: e.outcome.stored } }
            : { field: 'email', message: e.value.trim() === '' ? /^Escriba el correo electrónico/ : /^El correo electrónico no es válido/ };
        book(w, { ...person(), email: e.value }, outcome, problems, pending);
      }
      for (const d of DNI_CASES) {
        const outcome: Outcome =
          'stored' in d.outcome ? { stored: { DNI: d.outcome.stored } } : { field: 'dni', message: d.value === '' ? /^Escriba el DNI\.$/ : /^El DNI debe tener 8 dígitos \(solo números\)\.$/ };
        book(w, { ...person(), dni: d.value }, outcome, problems, pending);
      }
      // The panel asks for a mobile: anything else is refused (it may be left empty).
      for (const p of PHONE_CASES) {
        const outcome: Outcome = p.warned ? { field: 'phone', message: /^El celular debe tener 9 dígitos y empezar con 9/ } : { stored: { Celular: p.stored } };
        book(w, { ...person(), phone: p.value }, outcome, problems, pending);
      }
      checkRows(w, pending, problems);
      expect(problems).toEqual([]);
    });

    test('the same walk-in sent twice (a double click) is one row; the second answer says it already existed', () => {
      const input = { ...person(), service: '=HYPERLINK("http://x","y") <b>Rosa</b>' };
      const a = bookWalkIn(w.ws, w.atenciones, input);
      const b = bookWalkIn(w.ws, w.atenciones, input);
      tried('citas desde el panel', 2);
      expect(a.ok && a.value).toMatchObject({ ok: true, alreadyBooked: false });
      expect(b.ok && b.value).toMatchObject({ ok: true, alreadyBooked: true, message: expect.stringMatching(/^Esta cita ya estaba registrada .*; no se creó otra\.$/) });
      const rows = citas(w.ws, w.atenciones).filter((x) => x['DNI'] === input.dni);
      expect(rows.map((x) => x['Servicio'])).toEqual([input.service]);
    });

    test('nothing failed, no cell holds a formula or is longer than Sheets accepts', () => {
      expect(brokenExecutions(w.ws)).toEqual([]);
      expect(formulaCells(w.ws, w.atenciones)).toEqual([]);
      expect(overlongCells(w.ws, w.atenciones)).toEqual([]);
    });
  });
}
