/**
 * Registration to a module (B05) crashed at every service call (before its effect, after it,
 * killed), from a module with capacity 2 and its registration open:
 *
 * - `register-confirm`, `register-wait`, `register-duplicate`, `register-invalid`: the form's
 *   submit execution (`onRegistrationSubmit`) for a response that takes the last place, one that
 *   goes to the waiting list, a second response of someone registered, and one with a wrong DNI.
 *   Recovery is what production does: a lock the crash left "busy" leaves a sweep trigger, so the
 *   clock runs on (the sweep fires); then the next person's submission, or the consultant's
 *   «Revisar respuestas pendientes» (`processPendingRegistrations`).
 * - `annul-promote`: «Anular» from the panel on a confirmed registration; recovery: the consultant
 *   presses it again.
 * - `withdraw-promote`: the web app's POST of a signed 'retiro' link; recovery: the person
 *   presses the button again, then opens the link once more.
 *
 * After recovery: every form response accounted for exactly once (a row of 'Inscripciones' or an
 * item of 'Revisión'); no registration twice; exactly two confirmed; each person's states as
 * decided; each email (confirmation, waiting list, place freed, correction) at most once, and
 * exactly once unless the crash hit the send itself — then the row says 'enviando' (the module
 * panel counts it "por revisar") and recovery did not send it again; the row's delivery column
 * agrees with the outbox; no once-only journal entry (SOE_MAIL:…) left; no sweep trigger left.
 * For the withdrawal: the link recorded used exactly once.
 *
 * Every case starts from a snapshot of the world, built once per seed (`base`).
 */
import { Workspace, type WorkspaceSnapshot } from '../../emulator';
import { REGISTRATION_MESSAGES as M, REGISTRATION_REVIEW as R } from '../../src/domain/messages/registration';
import { linkIdOf, signLink } from '../../src/domain/web-links';
import { CONSENT_CHOICE, moduleChoice, NEWS_CHOICE, REGISTRATION_QUESTIONS as Q } from '../../src/domain/workshops/registration-form';
import { createAttentionWorld } from '../support/attention-world';
import { crashAtEveryCall, EXTERNAL_EFFECTS, formatFailures, type CrashInfo, type CrashOperation, type CrashOptions } from '../support/crash-harness';
import { deliveryMatchesOutbox, emailsOnce, noDuplicateIds, noTriggersFor, type MailKey, type MailKind } from '../support/invariants';
import { pageText, secretOf } from '../support/webapp-world';

const USER = 'ana.quispe@trabajo.gob.pe';
const MODULE_NAME = 'Aprende a Emprender – Costos';
const CAPACITY = 2;

const KINDS = {
  confirm: { kind: 'inscripcion', subjectPrefix: 'Inscripción confirmada:' },
  wait: { kind: 'espera', subjectPrefix: 'Lista de espera:' },
  promoted: { kind: 'cupo', subjectPrefix: 'Se liberó un cupo:' },
  fix: { kind: 'correccion', subjectPrefix: 'Su inscripción a los talleres del MTPE necesita una corrección' },
  closed: { kind: 'cerrada', subjectPrefix: 'La inscripción al taller' },
} satisfies Record<string, MailKind>;
const ALL_KINDS = Object.values(KINDS);

interface Person {
  dni: string;
  names: string;
  surnames: string;
  email: string;
}

const P: Person[] = [
  { dni: '41234567', names: 'Rosa', surnames: 'Mamani Quispe', email: 'rosa.mamani@gmail.com' },
  { dni: '42345678', names: 'Jorge', surnames: 'Huamán Ríos', email: 'jorge.huaman@gmail.com' },
  { dni: '43456789', names: 'Lucía', surnames: "D'Angelo Pérez", email: 'lucia.dangelo@hotmail.com' },
  { dni: '44567890', names: 'Ñusta', surnames: 'Condori', email: 'nusta.condori@gmail.com' },
  { dni: '45678901', names: 'Pedro', surnames: 'Salas', email: 'pedro.salas@yahoo.es' },
];
const INVALID: Person = { dni: '1234', names: 'Ana', surnames: 'Torres', email: 'ana.torres@gmail.com' };

// ---------------------------------------------------------------------------- the world, once

interface Stage {
  snapshot: WorkspaceSnapshot;
  /** Response IDs submitted so far. */
  responses: string[];
}

interface World {
  talleres: string;
  formId: string;
  moduleId: string;
  url: string;
  /** The module's last session (the withdrawal link's expiry). */
  lastStart: Date;
  /** 0, 1, 2 and 4 people registered (P[0], P[1] confirmed; P[2], P[3] waiting). */
  stages: Record<0 | 1 | 2 | 4, Stage>;
}

function answers(w: Pick<World, 'moduleId'>, p: Person, extra: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    [Q.module]: moduleChoice(w.moduleId, MODULE_NAME, ''),
    [Q.documentType]: 'DNI',
    [Q.documentNumber]: p.dni,
    [Q.names]: p.names,
    [Q.surnames]: p.surnames,
    [Q.email]: p.email,
    [Q.phone]: '987 654 321',
    [Q.region]: 'Lima Metropolitana',
    [Q.stage]: 'Idea de negocio',
    [Q.sector]: 'Comercio',
    [Q.questions]: '¿Cómo calculo mi punto de equilibrio?',
    [Q.presents]: 'No',
    [Q.consent]: [CONSENT_CHOICE],
    [Q.news]: [NEWS_CHOICE],
    ...extra,
  };
}

const worlds = new Map<number, World>();

function world(seed: number): World {
  const cached = worlds.get(seed);
  if (cached) return cached;
  const { ws, talleres } = createAttentionWorld({ at: '2026-11-27T09:00', user: USER, seed });
  const url = ws.deployWebApp(talleres);
  const saved = ws.callFromSidebar(talleres, 'saveModule', [
    {
      requestId: 'crash-b05-registration',
      name: MODULE_NAME,
      year: 2026,
      quarter: 'IV',
      audience: 'Emprendedores',
      capacity: CAPACITY,
      minSessions: 2,
      whatsappUrl: 'https://chat.whatsapp.com/AbCdEf123456',
      sessions: [
        { topic: 'Costos fijos y variables', date: '2026-12-09', startTime: '18:00', endTime: '20:00', speaker: 'Carmen Vílchez', speakerEmail: 'carmen.vilchez@gmail.com' },
        { topic: 'Precio de venta', date: '2026-12-11', startTime: '18:00', endTime: '20:00', speaker: 'José Ñahui', speakerEmail: 'jose.nahui@gmail.com' },
      ],
    },
  ]);
  if (!saved.ok || !(saved.value as { ok: boolean }).ok) throw new Error(`saveModule failed: ${JSON.stringify(saved)}`);
  const moduleId = (saved.value as { module: { id: string } }).module.id;
  const opened = ws.callFromSidebar(talleres, 'openRegistration', [moduleId]);
  if (!opened.ok || !(opened.value as { ok: boolean }).ok) throw new Error(`openRegistration failed: ${JSON.stringify(opened)}`);
  const formId = String(ws.readTab(talleres, 'Configuración').find((r) => r['Parámetro'] === 'Formulario de inscripción (ID)')?.['Valor'] ?? '');
  if (!formId) throw new Error('no registration form');
  const responses: string[] = [];
  const stage = (): Stage => ({ snapshot: ws.snapshot(), responses: [...responses] });
  const submit = (p: Person) => {
    ws.advanceBy(60_000);
    const r = ws.submitForm(formId, answers({ moduleId }, p));
    if (r.executions.some((e) => e.status !== 'completed')) throw new Error(`submission of ${p.dni} failed`);
    responses.push(r.responseId);
  };
  const s0 = stage();
  submit(P[0]);
  const s1 = stage();
  submit(P[1]);
  const s2 = stage();
  submit(P[2]);
  submit(P[3]);
  const s4 = stage();
  const states = ws.readTab(talleres, 'Inscripciones').map((r) => r['Estado']);
  if (states.join() !== 'Inscrito,Inscrito,En lista de espera,En lista de espera') throw new Error(`unexpected world: ${states.join()}`);
  const w: World = { talleres, formId, moduleId, url, lastStart: new Date('2026-12-11T23:00:00Z'), stages: { 0: s0, 1: s1, 2: s2, 4: s4 } };
  worlds.set(seed, w);
  return w;
}

// ---------------------------------------------------------------------------- checks

interface Ctx {
  /** The operation's name (for its baseline's calls). */
  op: string;
  w: World;
  /** Every response of the form: the world's and those submitted by act and recovery. */
  responses: string[];
  /** The answer of the panel's retry, when recovery pressed a button. */
  retry?: { ok: boolean; message: string };
  retryText?: string;
  laterText?: string;
}

const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v).trim());

/** The fault-free run's calls of each operation (its baseline runs first), to tell where call k was. */
const baselines = new Map<string, string[]>();

/**
 * True when call k of the faulted execution is a send, or the journal write just before or just
 * after one: the only places where the product cannot know whether the email left.
 */
function crashHitSend(op: string, info: CrashInfo): boolean {
  const seq = baselines.get(op) ?? [];
  const k = info.k;
  if (info.kind === 'none' || k === 0) return false;
  const isSend = (j: number) => /^(MailApp|GmailApp)\.send/.test(seq[j - 1] ?? '');
  // The send itself (any fault), the 'enviado' journal write after it (any fault), or the
  // 'enviando' write before it taking effect and then failing ('after').
  return isSend(k) || isSend(k - 1) || (info.kind === 'after' && isSend(k + 1));
}

interface Expect {
  /** DNI → the state its one row must have. */
  states: Record<string, string>;
  /** Emails owed outside the rows (a correction), each exactly once unless the crash hit a send. */
  extraMail?: MailKey[];
}

function check(ws: Workspace, ctx: Ctx, info: CrashInfo, want: Expect): string[] {
  const v: string[] = [];
  // The sweep every burst schedules runs (it prunes the journal of what the sheet records and
  // removes its own trigger) before anything is judged.
  ws.advanceBy(SWEEP_WAIT_MS + 60_000);
  if (info.kind === 'none') baselines.set(ctx.op, [...(info.acted?.sequence ?? [])]);
  const hitSend = crashHitSend(ctx.op, info);
  const ss = ctx.w.talleres;
  const rows = ws.readTab(ss, 'Inscripciones');
  const review = ws.readTab(ss, 'Revisión');
  v.push(...noDuplicateIds(ws, { spreadsheetId: ss, tab: 'Inscripciones', idColumn: 'ID de inscripción' }));

  // Every response once: on a row, or in 'Revisión'.
  for (const id of ctx.responses) {
    const onRows = rows.filter((r) => text(r['ID de respuesta']).split(/\s+/).includes(id)).length;
    const inReview = review.filter((r) => text(r['Referencia']) === id).length;
    if (onRows + inReview !== 1) v.push(`response ${id} accounted for ${onRows + inReview} times (rows ${onRows}, 'Revisión' ${inReview}), expected once`);
  }

  // Each person once, in the state decided; the capacity exactly filled.
  for (const [dni, state] of Object.entries(want.states)) {
    const mine = rows.filter((r) => text(r['DNI']) === dni);
    if (mine.length !== 1) v.push(`DNI ${dni} has ${mine.length} rows`);
    else if (text(mine[0]['Estado']) !== state) v.push(`DNI ${dni} is "${text(mine[0]['Estado'])}", expected "${state}"`);
  }
  if (rows.length !== Object.keys(want.states).length) v.push(`'Inscripciones' has ${rows.length} rows, expected ${Object.keys(want.states).length}`);
  const confirmed = rows.filter((r) => r['Estado'] === 'Inscrito').length;
  if (confirmed !== CAPACITY) v.push(`${confirmed} confirmed, expected exactly ${CAPACITY}`);

  // Emails: what each row owes, the ambiguous ones as the rows say.
  const expected: MailKey[] = [];
  const ambiguous: MailKey[] = [];
  const owe = (kind: MailKind, to: string, column: unknown, where: string) => {
    const state = text(column);
    const key = { kind: kind.kind, to };
    if (state === 'enviando') {
      ambiguous.push(key);
      if (!hitSend) v.push(`${where} left 'enviando' although the crash did not hit a send`);
    } else if (state === 'enviado') expected.push(key);
    else v.push(`${where} is "${state}", expected 'enviado'`);
  };
  for (const r of rows) {
    const id = text(r['ID de inscripción']);
    const to = text(r['Correo']);
    const state = text(r['Estado']);
    const promoted = r['Cupo asignado'] instanceof Date;
    const columns = [
      [KINDS.confirm, 'Confirmación', state === 'Inscrito' && !promoted],
      [KINDS.wait, 'Aviso de lista de espera', state === 'En lista de espera' || promoted],
      [KINDS.promoted, 'Aviso de cupo', promoted],
    ] as const;
    for (const [kind, column, required] of columns) {
      if (required || text(r[column]) !== '') owe(kind, to, r[column], `${id} '${column}'`);
    }
    if (promoted && state !== 'Inscrito' && state !== 'Retirado' && state !== 'Anulado') v.push(`${id}: promoted but "${state}"`);
    if (promoted && text(r['Confirmación']) !== '') v.push(`${id}: promoted but 'Confirmación' says "${text(r['Confirmación'])}"`);
  }
  const extraAmbiguous = hitSend ? (want.extraMail ?? []) : [];
  v.push(
    ...emailsOnce(ws, {
      kinds: ALL_KINDS,
      expected: [...expected, ...(hitSend ? [] : (want.extraMail ?? []))],
      ambiguous: [...ambiguous, ...extraAmbiguous],
      recoveryExecutionIds: info.recovery.map((e) => e.id),
    }),
  );
  // Recovery never sends what a row (or the journal) says may have left.
  for (const e of info.recovery) {
    for (const m of ws.outbox().filter((x) => x.executionId === e.id)) {
      if (ambiguous.some((a) => m.to.includes(a.to) && m.subject.startsWith(ALL_KINDS.find((k) => k.kind === a.kind)!.subjectPrefix))) v.push(`recovery sent an ambiguous email again to ${m.to.join()}`);
    }
  }
  for (const [kind, column] of [
    [KINDS.confirm, 'Confirmación'],
    [KINDS.wait, 'Aviso de lista de espera'],
    [KINDS.promoted, 'Aviso de cupo'],
  ] as const) {
    v.push(...deliveryMatchesOutbox(ws, { spreadsheetId: ss, tab: 'Inscripciones', idColumn: 'ID de inscripción', statusColumn: column, recipientColumn: 'Correo', kind }));
  }
  if (info.kind === 'none' && ambiguous.length) v.push('a clean run left a send ambiguous');

  // The once-only journal, after the sweep pruned what the sheet records: an entry left only for a
  // send in doubt ('enviando'), or what the row (or 'Revisión') already records — never a fact the
  // sheet lacks.
  const COLUMN: Record<string, string> = { inscripcion: 'Confirmación', espera: 'Aviso de lista de espera', cupo: 'Aviso de cupo' };
  for (const [key, value] of Object.entries(ws.project(ss).documentProperties)) {
    if (!key.startsWith('SOE_MAIL:')) continue;
    const [, kind, ...rest] = key.split(':');
    const state = value.split('|')[0];
    const ref = rest.join(':');
    const column = COLUMN[kind];
    const row = column ? rows.find((r) => ref.startsWith(`${text(r['ID de inscripción'])}:`)) : undefined;
    const recorded = column ? row !== undefined && text(row[column]) === state : review.some((r) => text(r['Referencia']) === ref);
    if (!recorded) v.push(`journal entry left after recovery that the sheet does not record: ${key}=${state}`);
    else if (info.kind === 'none' && state === 'enviado') v.push(`a clean run left a journal entry the sweep should have pruned: ${key}`);
  }
  v.push(...noTriggersFor(ws, ss, ['runRegistrationSweep']));
  return v;
}

// ---------------------------------------------------------------------------- the submissions

const SWEEP_WAIT_MS = 5 * 60_000;

function fromStage(op: string, stage: 0 | 1 | 2 | 4): Pick<CrashOperation<Ctx>, 'name' | 'base' | 'setup'> {
  let seedOf = 1;
  return {
    name: op,
    base: (seed) => {
      seedOf = seed;
      return world(seed).stages[stage].snapshot;
    },
    setup: () => {
      const w = world(seedOf);
      return { op, w, responses: [...w.stages[stage].responses] };
    },
  };
}

function submit(ws: Workspace, ctx: Ctx, p: Person, extra?: Record<string, string | string[]>): void {
  ws.advanceBy(60_000);
  ctx.responses.push(ws.submitForm(ctx.w.formId, answers(ctx.w, p, extra)).responseId);
}

function panel(ws: Workspace, ctx: Ctx, fn: string, args: unknown[]): void {
  const r = ws.callFromSidebar(ctx.w.talleres, fn, args, USER);
  ctx.retry = r.ok ? { ok: (r.value as { ok?: boolean }).ok !== false, message: text((r.value as { message?: string }).message) } : { ok: false, message: r.error };
}

const submitOperation = (
  name: string,
  stage: 0 | 1 | 2 | 4,
  act: (ws: Workspace, ctx: Ctx) => void,
  recover: 'next-submission' | 'panel',
  want: (ctx: Ctx) => Expect,
): CrashOperation<Ctx> => ({
  actFunction: 'onRegistrationSubmit',
  ...fromStage(name, stage),
  act,
  recover(ws, ctx) {
    ws.advanceBy(SWEEP_WAIT_MS); // a sweep the crash left (busy lock) fires
    if (recover === 'next-submission') submit(ws, ctx, P[4]);
    else panel(ws, ctx, 'processPendingRegistrations', []);
  },
  check(ws, ctx, info) {
    const v = check(ws, ctx, info, want(ctx));
    if (recover === 'panel' && ctx.retry && !ctx.retry.ok) v.push(`«Revisar respuestas pendientes» answered "${ctx.retry.message}"`);
    return v;
  },
});

const OPERATIONS: CrashOperation<Ctx>[] = [
  // The last place: P[1] confirmed; the next person (P[4]) waits.
  submitOperation('register-confirm', 1, (ws, ctx) => submit(ws, ctx, P[1]), 'next-submission', () => ({
    states: { [P[0].dni]: 'Inscrito', [P[1].dni]: 'Inscrito', [P[4].dni]: 'En lista de espera' },
  })),
  // Full: P[2] waits.
  submitOperation('register-wait', 2, (ws, ctx) => submit(ws, ctx, P[2]), 'panel', () => ({
    states: { [P[0].dni]: 'Inscrito', [P[1].dni]: 'Inscrito', [P[2].dni]: 'En lista de espera' },
  })),
  // P[0] again with a new phone: their row updated, no new email; the next person waits.
  submitOperation('register-duplicate', 2, (ws, ctx) => submit(ws, ctx, P[0], { [Q.phone]: '912345678' }), 'next-submission', () => ({
    states: { [P[0].dni]: 'Inscrito', [P[1].dni]: 'Inscrito', [P[4].dni]: 'En lista de espera' },
  })),
  // A DNI of 4 digits: 'Revisión', and an email saying what to fix.
  submitOperation('register-invalid', 2, (ws, ctx) => submit(ws, ctx, INVALID), 'panel', () => ({
    states: { [P[0].dni]: 'Inscrito', [P[1].dni]: 'Inscrito' },
    extraMail: [{ kind: KINDS.fix.kind, to: INVALID.email }],
  })),
];

// P[2] waits; before recovery the consultant annuls P[0] (P[2]'s row may not be written yet, so
// nobody may be promoted then); recovery must not leave the freed place empty while P[2] waits.
const waitThenAnnul: CrashOperation<Ctx> = {
  ...submitOperation('register-wait-annul', 2, (ws, ctx) => submit(ws, ctx, P[2]), 'panel', () => ({
    states: { [P[0].dni]: 'Anulado', [P[1].dni]: 'Inscrito', [P[2].dni]: 'Inscrito' },
  })),
  recover(ws, ctx) {
    ws.advanceBy(60_000);
    const id = text(ws.readTab(ctx.w.talleres, 'Inscripciones').find((r) => r['DNI'] === P[0].dni)?.['ID de inscripción']);
    const annulled = ws.callFromSidebar(ctx.w.talleres, 'annulRegistration', [id, 'Se inscribió dos veces por error'], USER);
    if (!annulled.ok || !(annulled.value as { ok: boolean }).ok) throw new Error(`annul failed: ${JSON.stringify(annulled.ok ? annulled.value : annulled.error)}`);
    ws.advanceBy(SWEEP_WAIT_MS);
    panel(ws, ctx, 'processPendingRegistrations', []);
  },
};
OPERATIONS.push(waitThenAnnul);

// Extra checks of single operations.
const duplicate = OPERATIONS[2];
const duplicateCheck = duplicate.check.bind(duplicate);
duplicate.check = (ws, ctx, info) => {
  const v = duplicateCheck(ws, ctx, info);
  const row = ws.readTab(ctx.w.talleres, 'Inscripciones').find((r) => r['DNI'] === P[0].dni);
  if (row && row['Celular'] !== '+51 912345678') v.push(`the second response did not update the phone ("${text(row['Celular'])}")`);
  return v;
};
const invalid = OPERATIONS[3];
const invalidCheck = invalid.check.bind(invalid);
invalid.check = (ws, ctx, info) => {
  const v = invalidCheck(ws, ctx, info);
  const items = ws.readTab(ctx.w.talleres, 'Revisión').filter((r) => r['Tipo'] === R.kindInvalid);
  if (items.length !== 1) v.push(`${items.length} '${R.kindInvalid}' items, expected 1`);
  return v;
};

// ---------------------------------------------------------------------------- freeing a place

/** Four people registered: P[0] confirmed loses the place; P[2] is promoted; P[3] keeps waiting. */
const AFTER_RELEASE = (state: string): Expect => ({
  states: { [P[0].dni]: state, [P[1].dni]: 'Inscrito', [P[2].dni]: 'Inscrito', [P[3].dni]: 'En lista de espera' },
});

function releaseChecks(ws: Workspace, ctx: Ctx, info: CrashInfo, state: string): string[] {
  const v = check(ws, ctx, info, AFTER_RELEASE(state));
  const rows = ws.readTab(ctx.w.talleres, 'Inscripciones');
  const out = rows.find((r) => r['DNI'] === P[0].dni);
  if (out && !(out['Fecha de retiro'] instanceof Date)) v.push(`${P[0].dni} has no 'Fecha de retiro'`);
  const promoted = rows.filter((r) => r['Cupo asignado'] instanceof Date);
  if (promoted.length !== 1 || promoted[0]['DNI'] !== P[2].dni) v.push(`promoted: ${promoted.map((r) => text(r['DNI'])).join(', ') || 'nobody'}, expected ${P[2].dni} only`);
  return v;
}

function regIdOf(ws: Workspace, ctx: Ctx, p: Person): string {
  return text(ws.readTab(ctx.w.talleres, 'Inscripciones').find((r) => r['DNI'] === p.dni)?.['ID de inscripción']);
}

const REASON = 'Se inscribió dos veces por error';

const annulOperation: CrashOperation<Ctx> = {
  actFunction: 'annulRegistration',
  ...fromStage('annul-promote', 4),
  act: (ws, ctx) => void ws.callFromSidebar(ctx.w.talleres, 'annulRegistration', [regIdOf(ws, ctx, P[0]), REASON], USER),
  recover(ws, ctx) {
    ws.advanceBy(60_000);
    panel(ws, ctx, 'annulRegistration', [regIdOf(ws, ctx, P[0]), REASON]);
  },
  check(ws, ctx, info) {
    const v = releaseChecks(ws, ctx, info, 'Anulado');
    const out = ws.readTab(ctx.w.talleres, 'Inscripciones').find((r) => r['DNI'] === P[0].dni);
    if (out && out['Motivo de revisión'] !== REASON) v.push(`'Motivo de revisión' is "${text(out['Motivo de revisión'])}"`);
    // The retry either did it, or says it is done already: never an error.
    if (!ctx.retry) v.push('no retry answer');
    else if (!ctx.retry.ok && ctx.retry.message !== M.notActive('Anulado')) v.push(`the retry was answered "${ctx.retry.message}"`);
    return v;
  },
};

interface WithdrawCtx extends Ctx {
  token: string;
}

const postWithdrawal = (ws: Workspace, ctx: WithdrawCtx) => ws.openWebApp(ctx.w.url, { method: 'POST', user: null, body: `t=${encodeURIComponent(ctx.token)}` });

const withdrawOperation: CrashOperation<WithdrawCtx> = {
  name: 'withdraw-promote',
  actFunction: 'doPost',
  base: annulOperation.base,
  setup(ws) {
    const ctx = { ...annulOperation.setup(ws), op: 'withdraw-promote' };
    // The link of P[0]'s confirmation email: the spreadsheet's secret already exists (the emails signed theirs).
    const token = signLink(secretOf(ws, ctx.w.talleres), { action: 'retiro', subject: regIdOf(ws, ctx, P[0]), expiresAt: ctx.w.lastStart });
    return { ...ctx, token };
  },
  act: (ws, ctx) => void postWithdrawal(ws, ctx),
  recover(ws, ctx) {
    ws.advanceBy(60_000);
    ctx.retryText = pageText(postWithdrawal(ws, ctx).body);
    ctx.laterText = pageText(ws.openWebApp(`${ctx.w.url}?t=${encodeURIComponent(ctx.token)}`, { user: null }).body);
  },
  check(ws, ctx, info) {
    const v = releaseChecks(ws, ctx, info, 'Retirado');
    const used = ws.readTab(ctx.w.talleres, 'Enlaces usados').filter((r) => r['ID de enlace'] === linkIdOf(ctx.token));
    if (used.length !== 1) v.push(`'Enlaces usados' has the link ${used.length} times, expected 1`);
    if (!ctx.retryText || !/Listo|ya estaba retirada|ya se usó/.test(ctx.retryText)) v.push(`the retry's page says "${ctx.retryText}"`);
    if (!ctx.laterText?.includes('ya se usó')) v.push(`opening the link afterwards says "${ctx.laterText}"`);
    return v;
  },
};

// ---------------------------------------------------------------------------- the sweeps

// Sampled for `npm test` (about 0.25 s a case, 0.45 s on a loaded machine): every send and the
// call after it, every row write (setValues) and the call after it, the last call; for
// register-confirm also both waitLocks (the busy-lock path that leaves a sweep trigger).
// SOE_EXHAUSTIVE=1: every call of every operation.
const SAMPLE: CrashOptions = {
  exhaustiveUpTo: 0,
  sample: 0,
  everyMethod: false,
  effects: [...EXTERNAL_EFFECTS, /^Range\.setValues$/],
};
const WITH_LOCK: CrashOptions = { ...SAMPLE, effects: [...SAMPLE.effects!, /^Lock\.waitLock$/] };

function sweep<C>(op: CrashOperation<C>): void {
  const report = crashAtEveryCall(op, op.name === 'register-confirm' ? WITH_LOCK : SAMPLE);
  if (report.skipped) return;
  if (report.failures.length) throw new Error(`${report.summary}\n${formatFailures(report)}`);
  expect(report.cases).toBeGreaterThan(0);
}

describe('a registration that crashes at any call is handled exactly once after recovery', () => {
  for (const op of OPERATIONS) test(op.name, () => sweep(op));
});

describe('freeing a place that crashes at any call promotes the first person waiting once', () => {
  test('annul-promote: «Anular» from the panel, pressed again', () => sweep(annulOperation));
  test('withdraw-promote: the web app\'s withdrawal, the button pressed again', () => sweep(withdrawOperation));
});
