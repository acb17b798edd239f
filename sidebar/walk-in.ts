/**
 * "Cita presencial" (A01): a consultant books the appointment of someone who came to the
 * office. The server checks every field and answers per field; a slot is never booked twice.
 */
import type { BookingResult, WalkInField, WalkInInput } from '../src/api';
import { el } from './dom';
import { M } from './messages';
import { busy, call, hideError, showError } from './server';

/** Form controls by the field the server names in its answer. */
const FIELDS: Record<WalkInField, string> = {
  documentType: 'wi-doctype',
  dni: 'wi-dni',
  fullName: 'wi-name',
  email: 'wi-email',
  phone: 'wi-phone',
  date: 'wi-date',
  time: 'wi-time',
  consultant: 'wi-consultant',
};

function value(id: string): string {
  return el<HTMLInputElement | HTMLSelectElement>(id).value.trim();
}

function clearProblems(): void {
  for (const id of Object.values(FIELDS)) {
    el(id).removeAttribute('aria-invalid');
    const p = el(`${id}-problem`);
    p.textContent = '';
    p.hidden = true;
  }
  el('walkin-problem').hidden = true;
}

function showProblems(r: Extract<BookingResult, { ok: false }>): void {
  let first: HTMLElement | null = null;
  for (const [field, id] of Object.entries(FIELDS) as [WalkInField, string][]) {
    const text = r.fieldErrors[field];
    if (!text) continue;
    el(id).setAttribute('aria-invalid', 'true');
    const p = el(`${id}-problem`);
    p.textContent = text;
    p.hidden = false;
    first = first ?? el(id);
  }
  // A message already shown on its field (e.g. the time is taken) is not repeated above the form.
  const shownOnField = Object.values(r.fieldErrors).includes(r.message);
  const general = el('walkin-problem');
  general.textContent = r.message && !shownOnField ? r.message : M.walkIn.fixFields;
  general.hidden = false;
  (first ?? general).focus();
}

async function submit(onBooked: () => void): Promise<void> {
  hideError();
  clearProblems();
  el('walkin-result').hidden = true;
  const input: WalkInInput = {
    documentType: value(FIELDS.documentType),
    dni: value(FIELDS.dni),
    fullName: value(FIELDS.fullName),
    email: value(FIELDS.email),
    phone: value(FIELDS.phone),
    date: value(FIELDS.date),
    time: value(FIELDS.time),
    consultant: value(FIELDS.consultant),
  };
  try {
    const r = await busy(M.walkIn.busy, () => call('bookWalkIn', input));
    if (!r) throw new Error(M.unknownError);
    if (!r.ok) return showProblems(r);
    const result = el('walkin-result');
    result.textContent = r.message;
    result.hidden = false;
    result.focus();
    if (!r.alreadyBooked) el<HTMLFormElement>('walkin-form').reset();
    onBooked();
  } catch (e) {
    showError(e, null);
  }
}

export function initWalkIn(onBooked: () => void): void {
  el('walkin-result').tabIndex = -1;
  el('walkin-problem').tabIndex = -1;
  el<HTMLFormElement>('walkin-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    void submit(onBooked);
  });
}
