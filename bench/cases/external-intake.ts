/**
 * A burst of institutions' requests (C01): n institutions send the public request form within
 * minutes (one a second), every tenth with a RUC whose check digit is wrong. Each submission runs
 * the form-submit trigger (onExternalRequestSubmit): a valid request becomes a row 'Recibida' of
 * 'Solicitudes externas' acknowledged once; a bad one goes to 'Revisión' with an email saying what
 * to fix. Only those executions, and the sweep the burst leaves, are counted.
 *
 * Floor, per submission (each is its own execution), from bench/framework.ts's CHAINS:
 * - a genuine trigger started it (access);
 * - the submitted response read: its ID (what the row records, the idempotency key), its time,
 *   each answer with the question it answers (the form is the public's: the code must know which
 *   answer is which);
 * - the document properties read once (one getProperties): the signing secret (a request's ID is
 *   an HMAC of what it asks: RUC, topic, dates, so the same request asked again finds its row)
 *   and the email journal;
 * - the script lock around the read-decide-append (dozens arrive in the same minute);
 * - the spreadsheet; 'Solicitudes externas' read whole (the same request already there, the
 *   response already handled) and 'Revisión' read whole (a response set aside by an earlier
 *   execution is not handled twice);
 * - a valid request: the acknowledgment once (CHAINS.onceOnlyEmail) and one appended row;
 * - a bad one: 'Configuración' read whole (the email to fix it carries the form's link), the
 *   email once and one appended 'Revisión' item;
 * - the audit line.
 * Not in the floor (overhead the ratio shows): the sweep's scheduling by the burst's first
 * submission and the one sweep at the end (the safety net of "nothing a citizen submits is lost":
 * it reads the form's responses, and those set aside for review again), the mail quota asked
 * before each send, the journal's clearing once the sheet records the email, the '@' format of
 * the new row and of the audit line (a RUC or a phone stays a string).
 */
import type { ExecutionRecord, Workspace } from '../../emulator';
import { REQUEST_CONSENT_CHOICE, REQUEST_QUESTIONS as Q } from '../../src/domain/external/request-form';
import { rucCheckDigit } from '../../src/domain/external/ruc';
import { INSTITUTION_TYPES } from '../../src/domain/schema';
import { AUDIT_LINE, CHAINS, floorOf, sumFloors, type BenchCase, type FloorCalls } from '../framework';
import { setUpSpreadsheets } from './setup';

/** Submission i carries a RUC with a wrong check digit. */
const bad = (i: number) => i % 10 === 9;

const TYPES = INSTITUTION_TYPES.slice(0, 4);
const TOPICS = ['Costos y precios', 'Formalización de negocios', 'Marketing digital y ventas'];

function ruc(i: number): string {
  const firstTen = `20${String(100_000_00 + i).padStart(8, '0')}`;
  const digit = rucCheckDigit(firstTen);
  return firstTen + String(bad(i) ? (digit + 1) % 10 : digit);
}

/** What institution i answers (18 answers: every question but «Otro» tema). */
function answers(i: number): Record<string, string | string[]> {
  return {
    [Q.institution]: `CETPRO N.° ${i + 1} «Santa Rosa de Lima»`,
    [Q.ruc]: ruc(i),
    [Q.institutionType]: TYPES[i % TYPES.length]!,
    [Q.region]: 'Lima Metropolitana',
    [Q.district]: 'San Juan de Lurigancho',
    [Q.contactName]: ['María Ñahui Quispe', 'Jorge Huamán Ríos', "Lucía D'Ángelo"][i % 3]!,
    [Q.contactRole]: 'Directora',
    [Q.email]: `direccion.${i + 1}@cetpro.edu.pe`,
    [Q.phone]: '987 654 321',
    [Q.topic]: TOPICS[i % TOPICS.length]!,
    [Q.option1Date]: '2026-12-15',
    [Q.option1Time]: '10:00',
    [Q.option2Date]: '2026-12-17',
    [Q.option2Time]: '15:30',
    [Q.expected]: String(20 + (i % 40)),
    [Q.modality]: 'Virtual (Google Meet)',
    [Q.notes]: 'Estudiantes del último ciclo.',
    [Q.consent]: [REQUEST_CONSENT_CHOICE],
  };
}
const ANSWERS = 18;

function burst(ws: Workspace, n: number): ExecutionRecord[] {
  const { talleres } = setUpSpreadsheets(ws);
  const formId = String(ws.readTab(talleres, 'Configuración').find((r) => r['Parámetro'] === 'Formulario de solicitudes externas (ID)')?.['Valor'] ?? '');
  if (!formId) throw new Error('bench external intake: setup made no request form');
  ws.advanceTo('2026-11-27T10:00');
  const out: ExecutionRecord[] = [];
  for (let i = 0; i < n; i++) {
    ws.advanceBy(1_000);
    out.push(...ws.submitForm(formId, answers(i)).executions.filter((e) => e.functionName === 'onExternalRequestSubmit' || e.functionName === 'runExternalRequestSweep'));
  }
  // The sweep the burst leaves behind (one, whatever its size).
  out.push(...ws.advanceBy(15 * 60_000).filter((e) => e.functionName === 'runExternalRequestSweep'));
  const invalid = Array.from({ length: n }, (_, i) => i).filter(bad).length;
  const rows = ws.readTab(talleres, 'Solicitudes externas');
  const review = ws.readTab(talleres, 'Revisión').filter((r) => String(r['Tipo']).startsWith('Solicitud externa'));
  const acks = ws.outbox().filter((m) => /Recibimos su solicitud de taller/.test(m.subject)).length;
  if (rows.length !== n - invalid || review.length !== invalid || acks !== n - invalid) {
    throw new Error(`bench external intake: ${rows.length} requests, ${review.length} for review, ${acks} acknowledgments for ${n} submissions`);
  }
  return out;
}

export const cases: BenchCase[] = [30, 100].map((n) => ({
  operation: 'external request submissions (burst)',
  size: n,
  unit: 'submissions',
  run: (ws: Workspace) => burst(ws, n),
  floor: (size: number) => {
    const readTable = sumFloors(CHAINS.tab, CHAINS.tableRead);
    const readResponse: FloorCalls = {
      'FormResponse.getId': 1,
      'FormResponse.getTimestamp': 1,
      'FormResponse.getItemResponses': 1,
      'ItemResponse.getResponse': ANSWERS,
      'ItemResponse.getItem': ANSWERS,
      'Item.getTitle': ANSWERS,
    };
    const properties: FloorCalls = { 'PropertiesService.getDocumentProperties': 1, 'Properties.getProperties': 1 };
    const each = Array.from({ length: size }, (_, i) =>
      sumFloors(
        CHAINS.triggerAccess,
        readResponse,
        properties,
        CHAINS.lock,
        CHAINS.spreadsheet,
        readTable,
        readTable,
        bad(i) ? readTable : {},
        CHAINS.onceOnlyEmail,
        CHAINS.append,
        AUDIT_LINE,
      ),
    );
    return floorOf(sumFloors(...each));
  },
}));
