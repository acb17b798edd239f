/**
 * The script lock, for every day action and the import (issue 9, section 6). Two executions on
 * the same appointment at once — a double click, two panels open, a consultant typing notes while
 * another ticks the extranet box, an import arriving while someone works on the day — must give a
 * result some ONE-AT-A-TIME order would give. For each pair (outer, inner), the inner execution is
 * run inside the outer one at several of its calls (`ws.interleave`): before it takes the lock,
 * right after, at its reads, its writes, after each email, after it releases the lock, at its end.
 *
 * The oracle is serialisability, not a list of expected values: the same two calls are run one
 * after the other, in both orders, and each alone (the other refused because the sheet is busy).
 * The interleaved result — the appointments' rows (times left out: they move with the lock wait),
 * 'Revisión', the emails sent, the events, and what each panel was told (done / refused / busy) —
 * must equal one of those. A lost update (one action's write undoing the other's), a doubled email
 * or a panel saying "done" for something the sheet does not show all fail it.
 *
 * Call points: from the outer execution's own call sequence (ExecutionRecord.sequence). With
 * SOE_EXHAUSTIVE=1, every call of the outer execution.
 */
import { Workspace } from '../../emulator';
import { sheetsStore } from '../../emulator/services/sheets';
import { EXTERNAL_EFFECTS, restoreWorkspace, setUpAttentions, snapshotWorkspace } from '../support/crash-harness';
import { importReport, makeReport, type Report } from '../support/attention-world';

const TODAY = '2026-11-27';
const ANA = 'ana.quispe@trabajo.gob.pe';
const LOCK_BUSY = /está usando la hoja/;

// ---------------------------------------------------------------------------- worlds

type Snapshot = ReturnType<typeof snapshotWorkspace>;

interface Base {
  snapshot: Snapshot;
  ss: string;
  /** The appointment both executions act on. */
  code: string;
  /** A newer report of the day in which that appointment moved from 10:00 to 10:30, and a new one added. */
  newer: Report;
}

function typeModule(ws: Workspace, sibling: string): void {
  const headers = ws.values(sibling, 'Módulos')[0].map(String);
  const fields: Record<string, string> = {
    'ID de módulo': 'MOD-2026-IV',
    Módulo: 'Aprende a Emprender – Módulo IV',
    Tipo: 'Interno',
    Estado: 'Inscripción abierta',
    Fechas: 'martes 1, 8 y 15 de diciembre',
    'Enlace de inscripción': 'https://forms.gle/aprende-a-emprender-iv',
  };
  sheetsStore(ws.state).enterValues(sibling, 'Módulos', 2, 1, [headers.map((h) => fields[h] ?? '')]);
}

interface World {
  ws: Workspace;
  ss: string;
  code: string;
  newer: Report;
}

let built: { snapshot: Snapshot; ss: string; code: string; newer: Report } | undefined;

/**
 * Both spreadsheets set up, 3 of Ana's appointments today from 10:00 imported, a workshop open in
 * the sibling. Built once (setup costs about a second); every use gets its own copy.
 */
function baseWorld(): World {
  if (!built) {
    const ws = Workspace.create({ at: `${TODAY}T09:00`, user: ANA, seed: 7 });
    const { ss, sibling } = setUpAttentions(ws, { [ANA]: 'Ana Quispe' });
    const opts = { startTime: '10:00', slotMinutes: 60, consultants: ['Ana Quispe'] };
    const report = makeReport(TODAY, 3, opts);
    const imported = importReport(ws, ss, report.fileName, report.bytes);
    if (!imported.ok || !imported.value.ok) throw new Error('the import failed');
    typeModule(ws, sibling);
    const newer = makeReport(TODAY, 4, { ...opts, edit: (rows) => rows.map((r, i) => (i === 0 ? { ...r, time: '10:30' } : r)) });
    built = { snapshot: snapshotWorkspace(ws), ss, code: report.rows[0].code, newer };
  }
  return { ws: restoreWorkspace(built.snapshot), ss: built.ss, code: built.code, newer: built.newer };
}

/** Where the appointment is when both buttons are pressed (no faults, no interleaving). */
type Stage = 'scheduled' | 'due' | 'inAttention' | 'abandoned';

const bases = new Map<Stage, Base>();

function base(stage: Stage): Base {
  const cached = bases.get(stage);
  if (cached) return cached;
  const w = baseWorld();
  const press = (fn: string, args: unknown[]) => {
    const r = w.ws.callFromSidebar(w.ss, fn, args, ANA);
    const v = r.ok ? (r.value as { ok: boolean; message: string }) : { ok: false, message: r.error };
    if (!v.ok) throw new Error(`${fn} refused while preparing "${stage}": ${v.message}`);
  };
  if (stage === 'scheduled') w.ws.advanceTo(`${TODAY}T09:30`);
  if (stage === 'due') w.ws.advanceTo(`${TODAY}T10:07`);
  if (stage === 'inAttention') {
    w.ws.advanceTo(`${TODAY}T10:01`);
    press('startAttention', [w.code]);
    w.ws.advanceTo(`${TODAY}T10:33`);
  }
  if (stage === 'abandoned') {
    w.ws.advanceTo(`${TODAY}T10:07`);
    press('abandonAppointment', [w.code, { reason: 'No se conectó a la videollamada' }]);
    w.ws.advanceTo(`${TODAY}T10:20`);
  }
  const b: Base = { snapshot: snapshotWorkspace(w.ws), ss: w.ss, code: w.code, newer: w.newer };
  bases.set(stage, b);
  return b;
}

// ---------------------------------------------------------------------------- calls

interface Outcome {
  /** done: applied; refused: the product said no (state machine, nothing to do); busy: the lock. */
  result: 'done' | 'refused' | 'busy';
  message: string;
}

interface Call {
  label: string;
  /** The function its execution runs (what the interleaving matches). */
  fn: string;
  run(ws: Workspace, b: Base): Outcome;
}

function outcomeOf(r: ReturnType<Workspace['callFromSidebar']>): Outcome {
  if (!r.ok) return { result: LOCK_BUSY.test(r.error) ? 'busy' : 'refused', message: r.error };
  const v = (r.value ?? {}) as { ok?: boolean; message?: string; summary?: string };
  const message = String(v.message ?? v.summary ?? '');
  if (v.ok === false) return { result: LOCK_BUSY.test(message) ? 'busy' : 'refused', message };
  return { result: 'done', message };
}

function panel(label: string, fn: string, args: (code: string) => unknown[]): Call {
  return { label, fn, run: (ws, b) => outcomeOf(ws.callFromSidebar(b.ss, fn, args(b.code), ANA)) };
}

const start = panel('start', 'startAttention', (c) => [c]);
const save = (topic: string, notes: string) => panel(`save(${topic})`, 'saveConsultation', (c) => [c, { topic, notes }]);
const invite = panel('invite', 'inviteToWorkshops', (c) => [c]);
const finish = panel('finish', 'finishAttention', (c) => [c, { observations: 'Se orientó sobre formalización.' }]);
const abandon = panel('abandon', 'abandonAppointment', (c) => [c, { reason: 'No se conectó a la videollamada' }]);
const reinstate = panel('reinstate', 'reinstateAppointment', (c) => [c]);
const extranet = (done: boolean) => panel(`extranet(${done})`, 'markExtranetNotified', (c) => [c, done]);
const importNewer: Call = {
  label: 'import',
  fn: 'importReport',
  run: (ws, b) => outcomeOf(importReport(ws, b.ss, b.newer.fileName, b.newer.bytes) as ReturnType<Workspace['callFromSidebar']>),
};

// ---------------------------------------------------------------------------- what is compared

function isDate(v: unknown): boolean {
  return Object.prototype.toString.call(v) === '[object Date]';
}

/** What a person would see, times left out: rows of 'Citas', 'Revisión' items, emails, events. */
function observe(ws: Workspace, ss: string): string {
  const [head = [], ...data] = ws.values(ss, 'Citas');
  const headers = head.map(String);
  const skip = new Set(['Duración (min)']);
  const citas = data
    .filter((r) => r.some((v) => v !== '' && v !== null))
    .map((r) => Object.fromEntries(headers.map((h, i) => [h, isDate(r[i]) ? '<fecha>' : r[i]]).filter(([h]) => h !== '' && !skip.has(h as string))));
  const review = ws
    .readTab(ss, 'Revisión')
    .filter((r) => String(r['ID de revisión'] ?? '') !== '')
    .map((r) => `${String(r['Tipo'])} ${String(r['Referencia'])}`)
    .sort();
  const mail = ws
    .outbox()
    .map((m) => `${m.to.join(',')}: ${m.subject}`)
    .sort();
  const events = ws
    .calendarEvents()
    .map((e) => `${e.id} ${String(e.status ?? '')}`)
    .sort();
  return JSON.stringify({ citas, review, mail, events }, null, 1);
}

interface Result {
  outer: Outcome;
  inner?: Outcome;
  state: string;
}

/** The two calls one after the other (inner undefined: the outer alone). */
function serial(b: Base, first: Call, second?: Call): { first: Outcome; second?: Outcome; state: string; sequence: string[] } {
  const ws = restoreWorkspace(b.snapshot);
  const one = first.run(ws, b);
  const sequence = ws.executions({ functionName: first.fn }).at(-1)?.sequence ?? [];
  const two = second?.run(ws, b);
  return { first: one, second: two, state: observe(ws, b.ss), sequence: [...sequence] };
}

/** The inner call run inside the outer one, just before the outer's call k. */
function interleaved(b: Base, outer: Call, inner: Call, k: number): Result & { fired: boolean } {
  const ws = restoreWorkspace(b.snapshot);
  let innerOutcome: Outcome | undefined;
  ws.interleave({ atCall: k, match: (e) => e.functionName === outer.fn, run: () => void (innerOutcome = inner.run(ws, b)) });
  const o = outer.run(ws, b);
  ws.clearFaults();
  return { outer: o, inner: innerOutcome, state: observe(ws, b.ss), fired: innerOutcome !== undefined };
}

/**
 * The outer execution's calls worth interleaving at: its first and last calls, taking the lock and
 * the call after, its first read under the lock, each write and each external effect and the call
 * after it, releasing the lock and the call after. (Between taking and releasing the lock every
 * point gives the same answer — the inner one is told the sheet is busy — so a few suffice.)
 */
export function racePoints(sequence: readonly string[]): number[] {
  const K = sequence.length;
  if (process.env.SOE_EXHAUSTIVE === '1') return Array.from({ length: K }, (_, i) => i + 1);
  const at = new Set<number>([1, K]);
  let locked = false;
  let readUnderLock = false;
  sequence.forEach((m, i) => {
    const k = i + 1;
    const pair = () => {
      at.add(k);
      at.add(k + 1);
    };
    if (/^Lock\.(waitLock|tryLock)$/.test(m)) {
      locked = true;
      pair();
    } else if (m === 'Lock.releaseLock') {
      locked = false;
      pair();
    } else if (/^Range(List)?\.set/.test(m) || EXTERNAL_EFFECTS.some((re) => re.test(m))) pair();
    else if (locked && !readUnderLock && m === 'Range.getValues') {
      readUnderLock = true;
      at.add(k);
    }
  });
  return [...at].filter((k) => k >= 1 && k <= K).sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------- the races

interface Race {
  stage: Stage;
  outer: Call;
  inner: Call;
}

const RACES: Race[] = [
  { stage: 'due', outer: start, inner: start },
  { stage: 'inAttention', outer: save('Plan de negocio', 'Quiere vender tejidos en línea.'), inner: save('Financiamiento', 'Pregunta por créditos.') },
  { stage: 'inAttention', outer: save('Plan de negocio', 'Quiere vender tejidos en línea.'), inner: extranet(true) },
  { stage: 'inAttention', outer: invite, inner: invite },
  { stage: 'inAttention', outer: finish, inner: finish },
  { stage: 'inAttention', outer: finish, inner: save('Financiamiento', 'Pregunta por créditos.') },
  { stage: 'due', outer: abandon, inner: abandon },
  { stage: 'abandoned', outer: reinstate, inner: reinstate },
  { stage: 'scheduled', outer: extranet(true), inner: extranet(false) },
  { stage: 'scheduled', outer: importNewer, inner: importNewer },
  { stage: 'scheduled', outer: importNewer, inner: extranet(true) },
  { stage: 'scheduled', outer: extranet(true), inner: importNewer },
  { stage: 'due', outer: start, inner: importNewer },
];

describe('the script lock: two executions on one appointment give a result some one-at-a-time order gives', () => {
  let tried = 0;
  afterAll(() => console.log(`lock races: ${RACES.length} pairs, ${tried} interleavings, every day action and the import`));

  test.each(RACES.map((r) => [`${r.outer.label} × ${r.inner.label} (${r.stage})`, r] as const))('%s', (_name, race) => {
    const b = base(race.stage);
    // The one-at-a-time results the interleaved run may equal.
    const outerFirst = serial(b, race.outer, race.inner);
    const innerFirst = serial(b, race.inner, race.outer);
    const outerAlone = serial(b, race.outer);
    const allowed = [
      { name: `${race.outer.label} then ${race.inner.label}`, outer: outerFirst.first.result, inner: outerFirst.second!.result, state: outerFirst.state },
      { name: `${race.inner.label} then ${race.outer.label}`, outer: innerFirst.second!.result, inner: innerFirst.first.result, state: innerFirst.state },
      { name: `${race.outer.label} alone, ${race.inner.label} told the sheet is busy`, outer: outerAlone.first.result, inner: 'busy' as const, state: outerAlone.state },
    ];
    // The outer execution's calls, from its run alone.
    const sequence = outerAlone.sequence;
    const points = racePoints(sequence);
    expect(points.length).toBeGreaterThan(2);

    const problems: string[] = [];
    const seen = new Map<string, number>();
    for (const k of points) {
      const r = interleaved(b, race.outer, race.inner, k);
      const where = `k=${k} (${sequence[k - 1]}): ${race.outer.label} ${r.outer.result}, ${race.inner.label} ${r.inner?.result ?? 'did not run'}`;
      if (!r.fired) {
        problems.push(`${where}: the interleaving did not run`);
        continue;
      }
      tried++;
      if (r.inner!.result === 'busy' && !LOCK_BUSY.test(r.inner!.message)) problems.push(`${where}: busy without the Spanish busy-sheet message`);
      const match = allowed.find((a) => a.outer === r.outer.result && a.inner === r.inner!.result && a.state === r.state);
      if (!match) {
        const sameReplies = allowed.find((a) => a.outer === r.outer.result && a.inner === r.inner!.result);
        problems.push(
          `${where}: no one-at-a-time order gives this result` +
            (sameReplies ? `\n--- ${sameReplies.name}:\n${sameReplies.state}\n--- interleaved:\n${r.state}` : ` (replies: ${r.outer.message} / ${r.inner!.message})`),
        );
      } else seen.set(match.name, (seen.get(match.name) ?? 0) + 1);
    }
    console.log(`${race.outer.label} × ${race.inner.label}: ${points.length} of ${sequence.length} calls; ${[...seen].map(([n, c]) => `${n}: ${c}`).join('; ')}`);
    expect(problems.slice(0, 3)).toEqual([]);
  });
});
