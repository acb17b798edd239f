/**
 * A burst of registrations to one module (B05): n people send the registration form within
 * minutes (the module's link went out with the invitations); 60 places, the rest to the waiting
 * list. Each submission runs the form-submit trigger (onRegistrationSubmit). Only those
 * executions, and the sweep the burst leaves, are counted.
 *
 * Floor, per submission (each is its own execution), from bench/framework.ts's CHAINS:
 * - a genuine trigger started it (access);
 * - the submitted response read: its ID (the idempotency key), its time, each answer with the
 *   question it answers (the form is the citizens': the code must know which answer is which);
 * - the spreadsheet; 'Módulos' (the module's state and capacity), 'Sesiones' (its dates, for
 *   the email and whether it started) and 'Inscripciones' (the duplicate check and the places
 *   taken) read whole, once;
 * - the signing secret (the registration's ID and the withdrawal link are HMACs), one property;
 * - the script lock around the read-decide-append (dozens arrive in the same minute);
 * - one email once (confirmation or waiting list), one appended row, and the audit line.
 * Not in the floor (overhead the ratio shows): the pending marker written first and removed
 * after (the crash-safety of "nothing a citizen submits is lost"), the sweep's trigger check,
 * 'Programación anual' (cancelled modules), the settings (the web app's address), the journal's
 * clearing, and the one sweep at the end.
 */
import type { ExecutionRecord, Workspace } from '../../emulator';
import { CONSENT_CHOICE, moduleChoice, NEWS_CHOICE, REGISTRATION_QUESTIONS as Q } from '../../src/domain/workshops/registration-form';
import { AUDIT_LINE, CHAINS, floorOf, sumFloors, type BenchCase, type FloorCalls } from '../framework';
import { setUpSpreadsheets } from './setup';

const NAME = 'Aprende a Emprender – IV 2026';

function answers(moduleId: string, i: number): Record<string, string | string[]> {
  return {
    [Q.module]: moduleChoice(moduleId, NAME, ''),
    [Q.documentType]: 'DNI',
    [Q.documentNumber]: String(40_000_000 + i),
    [Q.names]: ['Ana', 'Rosa', 'Jorge', 'Lucía', 'Pedro'][i % 5]!,
    [Q.surnames]: ['Quispe Mamani', 'Huamán Ríos', 'Flores Salas'][i % 3]!,
    [Q.email]: `persona.${i}@gmail.com`,
    [Q.phone]: '987654321',
    [Q.region]: 'Lima Metropolitana',
    [Q.stage]: 'Idea de negocio',
    [Q.sector]: 'Comercio',
    [Q.questions]: i % 4 === 0 ? '¿Cómo formalizo mi negocio?' : '',
    [Q.presents]: 'No',
    [Q.consent]: [CONSENT_CHOICE],
    [Q.news]: [NEWS_CHOICE],
  };
}

/** Answers the handler reads in submission i (the empty ones are no answers). */
const answersIn = (i: number) => 13 + (i % 4 === 0 ? 1 : 0);

function burst(ws: Workspace, n: number): ExecutionRecord[] {
  const { talleres } = setUpSpreadsheets(ws);
  const act = (fn: string, args: unknown[]) => {
    const r = ws.callFromSidebar(talleres, fn, args);
    const v = r.ok ? (r.value as { ok?: boolean; message?: string }) : null;
    if (!r.ok || v?.ok === false) throw new Error(`bench registration: ${fn} refused: ${r.ok ? v?.message : r.error}`);
    return r.value as { module?: { id: string } };
  };
  const saved = act('saveModule', [
    {
      requestId: `bench-registration-${n}`,
      name: NAME,
      year: 2026,
      quarter: 'IV',
      audience: 'Personas con una idea de negocio',
      capacity: 60,
      minSessions: 2,
      sessions: [
        { topic: 'Validar mi idea', date: '2026-12-10', startTime: '18:00', endTime: '20:00', speaker: 'Ponente Uno', speakerEmail: 'ponente.uno@gmail.com' },
        { topic: 'Costos', date: '2026-12-12', startTime: '18:00', endTime: '20:00', speaker: 'Ponente Dos', speakerEmail: 'ponente.dos@gmail.com' },
      ],
    },
  ]);
  const id = saved.module!.id;
  act('openRegistration', [id]);
  const formId = String(ws.readTab(talleres, 'Configuración').find((r) => r['Parámetro'] === 'Formulario de inscripción (ID)')?.['Valor'] ?? '');
  ws.deployWebApp(talleres);
  ws.advanceTo('2026-11-27T10:00');
  const out: ExecutionRecord[] = [];
  for (let i = 0; i < n; i++) {
    ws.advanceBy(1_000);
    out.push(...ws.submitForm(formId, answers(id, i)).executions.filter((e) => e.functionName === 'onRegistrationSubmit' || e.functionName === 'runRegistrationSweep'));
  }
  // The sweep the burst leaves behind (one, whatever its size).
  out.push(...ws.advanceBy(15 * 60_000).filter((e) => e.functionName === 'runRegistrationSweep'));
  const rows = ws.readTab(talleres, 'Inscripciones');
  if (rows.length !== n || rows.filter((r) => r['Estado'] === 'Inscrito').length !== Math.min(60, n)) throw new Error(`bench registration: ${rows.length} rows for ${n} submissions`);
  return out;
}

export const cases: BenchCase[] = [100, 300].map((n) => ({
  operation: 'registration submissions (burst)',
  size: n,
  unit: 'submissions',
  run: (ws: Workspace) => burst(ws, n),
  floor: (size: number) => {
    const each = Array.from({ length: size }, (_, i) => {
      const k = answersIn(i);
      const readResponse: FloorCalls = {
        'FormResponse.getId': 1,
        'FormResponse.getTimestamp': 1,
        'FormResponse.getItemResponses': 1,
        'ItemResponse.getResponse': k,
        'ItemResponse.getItem': k,
        'Item.getTitle': k,
      };
      const secret: FloorCalls = { 'PropertiesService.getDocumentProperties': 1, 'Properties.getProperty': 1 };
      const readTable = sumFloors(CHAINS.tab, CHAINS.tableRead);
      return sumFloors(CHAINS.triggerAccess, readResponse, CHAINS.spreadsheet, readTable, readTable, readTable, secret, CHAINS.lock, CHAINS.onceOnlyEmail, CHAINS.append, AUDIT_LINE);
    });
    return floorOf(sumFloors(...each));
  },
}));
