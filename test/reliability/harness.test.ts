import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workspace } from '../../emulator';
import { crashAtEveryCall, effectCalls, faultPoints, parseReplay, runPendingTriggers, type CrashOperation } from '../support/crash-harness';
import {
  ambiguousInReview,
  deliveryMatchesOutbox,
  emailsOnce,
  exactlyOneEventPerKey,
  idsExactlyOnce,
  inReview,
  jobsFinished,
  keyFromDescription,
  keyFromEventId,
  readRows,
  type MailKey,
} from '../support/invariants';

/**
 * The harness and the invariants must be able to fail: a small hand-written "send a notice to
 * each row" script is swept twice, once written the way DESIGN.md asks ('enviando' before the
 * send, deterministic event IDs, ambiguous rows listed for review) and once naively. The first
 * must pass every fault case; the second must be caught sending twice and creating two events.
 */

const ROWS = [
  ['ID', 'Correo', 'Estado', 'Evento'],
  ['a001', 'ana@example.org', '', ''],
  ['a002', 'beto@example.org', '', ''],
  ['a003', 'ana@example.org', '', ''],
];

const CAREFUL = `
function sendNotices() {
  var lock = LockService.getScriptLock();
  lock.waitLock(30000);
  try {
    var ss = SpreadsheetApp.getActiveSpreadsheet();
    var sh = ss.getSheetByName('Lista');
    var review = ss.getSheetByName('Revisión');
    var values = sh.getDataRange().getValues();
    var listed = review.getDataRange().getValues().map(function (r) { return String(r[0]); });
    for (var i = 1; i < values.length; i++) {
      var id = values[i][0], to = values[i][1], status = values[i][2];
      if (values[i][3] === '') {
        try {
          Calendar.Events.insert({ id: 'cita' + id, summary: 'Cita', description: 'Cita ' + id,
            start: { dateTime: '2026-11-28T10:00:00-05:00' }, end: { dateTime: '2026-11-28T10:35:00-05:00' } }, 'primary');
        } catch (e) {
          if (!/already exists/.test(e.message)) throw e; // 409: an earlier run made it; adopt it
        }
        sh.getRange(i + 1, 4).setValue('cita' + id);
      }
      if (status === 'enviando') {
        if (listed.indexOf(id) < 0) { review.appendRow([id]); listed.push(id); }
        continue;
      }
      if (status !== '') continue;
      sh.getRange(i + 1, 3).setValue('enviando');
      MailApp.sendEmail(to, 'Aviso ' + id, 'Hola');
      sh.getRange(i + 1, 3).setValue('enviado');
    }
  } finally {
    lock.releaseLock();
  }
}`;

// Marks nothing before sending and lets Google choose event IDs: a retry repeats both.
const NAIVE = `
function sendNotices() {
  var sh = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Lista');
  var values = sh.getDataRange().getValues();
  for (var i = 1; i < values.length; i++) {
    if (values[i][3] === '') {
      var ev = Calendar.Events.insert({ summary: 'Cita', description: 'Cita ' + values[i][0],
        start: { dateTime: '2026-11-28T10:00:00-05:00' }, end: { dateTime: '2026-11-28T10:35:00-05:00' } }, 'primary');
      sh.getRange(i + 1, 4).setValue(ev.id);
    }
    if (values[i][2] !== '') continue;
    MailApp.sendEmail(values[i][1], 'Aviso ' + values[i][0], 'Hola');
    sh.getRange(i + 1, 3).setValue('enviado');
  }
}`;

function bundle(code: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soe-harness-'));
  fs.writeFileSync(path.join(dir, 'Code.js'), code);
  const manifest = {
    timeZone: 'America/Lima',
    runtimeVersion: 'V8',
    dependencies: { enabledAdvancedServices: [{ userSymbol: 'Calendar', serviceId: 'calendar', version: 'v3' }] },
  };
  fs.writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify(manifest));
  return dir;
}

interface Ctx {
  ss: string;
}

/** `keyedById`: events are told apart by their deterministic ID; otherwise by their description. */
function noticeOperation(name: string, code: string, keyedById: boolean, seen = { ambiguousCases: 0 }): CrashOperation<Ctx> {
  const dist = bundle(code);
  const ids = ROWS.slice(1).map((r) => String(r[0]));
  const keyOf = keyedById ? keyFromEventId(ids, (id) => `cita${id}`) : keyFromDescription(/^Cita (\S+)$/);
  const list = (ss: string) => ({ spreadsheetId: ss, tab: 'Lista', idColumn: 'ID' });
  const review = (ss: string) => ({ spreadsheetId: ss, tab: 'Revisión', referenceColumn: 'Referencia' });
  const kinds = [{ kind: 'aviso', subjectPrefix: 'Aviso ' }];
  const rowOf = (m: { subject: string }) => m.subject.slice('Aviso '.length);
  return {
    name,
    actFunction: 'sendNotices',
    workspace: { at: '2026-11-27T18:00' },
    setup(ws) {
      const ss = ws.createSpreadsheet('Avisos');
      ws.install(ss, { distDir: dist });
      ws.run(ss, 'setUp', [ROWS]);
      return { ss };
    },
    act: (ws, { ss }) => void ws.run(ss, 'sendNotices', [], { as: 'time' }),
    recover: (ws, { ss }) => void ws.run(ss, 'sendNotices', [], { as: 'time' }),
    check(ws, { ss }, info) {
      const rows = readRows(ws, { spreadsheetId: ss, tab: 'Lista' })?.rows ?? [];
      const key = (r: Record<string, unknown>): MailKey => ({ kind: 'aviso', to: String(r.Correo), row: String(r.ID) });
      const ambiguous = rows.filter((r) => r.record.Estado === 'enviando').map((r) => key(r.record));
      if (ambiguous.length) seen.ambiguousCases++;
      return [
        ...idsExactlyOnce(ws, { ...list(ss), expected: ids }),
        ...exactlyOneEventPerKey(ws, { keyOf, expected: ids, noun: 'appointment' }),
        ...emailsOnce(ws, {
          kinds,
          rowOf,
          expected: rows.map((r) => key(r.record)),
          ambiguous,
          recoveryExecutionIds: info.recovery.map((e) => e.id),
        }),
        ...deliveryMatchesOutbox(ws, {
          ...list(ss),
          statusColumn: 'Estado',
          recipientColumn: 'Correo',
          kind: kinds[0],
          rowOf,
          inReview: inReview(ws, review(ss)),
        }),
        ...ambiguousInReview(ws, { ...list(ss), statusColumn: 'Estado', review: review(ss) }),
      ];
    },
  };
}

// Both scripts get the same fixture-writing helper.
const SET_UP = `
function setUp(rows) {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var sh = ss.getSheets()[0];
  sh.setName('Lista');
  sh.getRange(1, 1, rows.length, rows[0].length).setValues(rows);
  ss.insertSheet('Revisión').getRange(1, 1).setValue('Referencia');
}`;

describe('crash harness', () => {
  const quiet = { log: () => undefined, replay: '' };

  test('a script that follows the side-effect rules survives a fault at every call', () => {
    const seen = { ambiguousCases: 0 };
    const report = crashAtEveryCall(noticeOperation('notices-careful', CAREFUL + SET_UP, true, seen), { log: console.log, replay: '' });
    expect(report.calls).toBeGreaterThan(20);
    // Faults between 'enviando' and 'enviado' leave ambiguous rows: the review path was exercised.
    expect(seen.ambiguousCases).toBeGreaterThan(0);
    expect(report.cases).toBe(3 * report.calls);
    expect(report.failures).toEqual([]);
    expect(report.summary).toBe(`notices-careful: 3 × ${report.calls} = ${report.cases} fault cases, 0 failures`);
  });

  test('a naive script is caught sending twice and creating two events, with a replay line', () => {
    const report = crashAtEveryCall(noticeOperation('notices-naive', NAIVE + SET_UP, false), quiet);
    const text = report.failures.map((f) => f.violations.join(' ')).join('\n');
    expect(text).toMatch(/"aviso" email to ana@example.org \(row a001\) sent 2 times/);
    expect(text).toMatch(/appointment "a00\d" has 2 calendar events/);
    // The ambiguous case: the send succeeded but the script saw an error; the retry resends.
    const doubled = report.failures.find((f) => f.kind === 'after' && f.method === 'MailApp.sendEmail');
    expect(doubled?.violations.join(' ')).toMatch(/sent 2 times/);
    expect(doubled?.replay).toBe(`SOE_REPLAY=notices-naive:after:${doubled?.k}@1`);

    // Replaying that line runs that one case and finds the same violation.
    const lines: string[] = [];
    const replay = crashAtEveryCall(noticeOperation('notices-naive', NAIVE + SET_UP, false), { log: (l) => lines.push(l), replay: doubled!.replay.slice('SOE_REPLAY='.length) });
    expect(replay.cases).toBe(1);
    expect(replay.failures[0].violations).toEqual(doubled!.violations);
    expect(lines.join('\n')).toContain('fault after at call');
    expect(lines.join('\n')).toMatch(new RegExp(`> ${doubled!.k}\\. MailApp\\.sendEmail`));
  });

  test('a replay aimed at another operation skips this one', () => {
    const report = crashAtEveryCall(noticeOperation('notices-careful', CAREFUL + SET_UP, true), { log: () => undefined, replay: 'import:kill:3' });
    expect(report.skipped).toBe(true);
    expect(report.cases).toBe(0);
  });

  test('a baseline that fails its own check stops the sweep', () => {
    const op = noticeOperation('broken', 'function sendNotices() { throw new Error("boom"); }' + SET_UP, true);
    const report = crashAtEveryCall(op, quiet);
    expect(report.cases).toBe(0);
    expect(report.failures[0].kind).toBe('none');
    expect(report.failures[0].violations.join(' ')).toMatch(/fault-free sendNotices ended failed: boom/);
  });

  describe('sampling', () => {
    // About sampling itself: SOE_EXHAUSTIVE=1 (which turns sampling off) must not apply here.
    let exhaustive: string | undefined;
    beforeEach(() => {
      exhaustive = process.env.SOE_EXHAUSTIVE;
      delete process.env.SOE_EXHAUSTIVE;
    });
    afterEach(() => {
      if (exhaustive !== undefined) process.env.SOE_EXHAUSTIVE = exhaustive;
    });

    test('sampling keeps the first calls and the last one, the same for the same seed', () => {
      expect(faultPoints(5, 1)).toEqual({ points: [1, 2, 3, 4, 5], sampled: false });
      const a = faultPoints(100, 7, { exhaustiveUpTo: 10, sample: 5 });
      expect(a.sampled).toBe(true);
      expect(a.points.slice(0, 10)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(a.points).toHaveLength(16);
      expect(a.points[15]).toBe(100);
      expect(new Set(a.points).size).toBe(16);
      expect(faultPoints(100, 7, { exhaustiveUpTo: 10, sample: 5 })).toEqual(a);
    });

    test('sampling tries every call of a rare method and the first call of every other one', () => {
      const trace = Array.from({ length: 20 }, () => 'Range.setNumberFormat');
      trace[4] = 'Spreadsheet.insertSheet';
      trace[11] = 'Spreadsheet.insertSheet';
      trace[19] = 'Properties.setProperties';
      expect(faultPoints(20, 1, { sample: 0 }, trace).points).toEqual([1, 5, 12, 20]);
      expect(faultPoints(20, 1, { sample: 0, rareMethodCalls: 1 }, trace).points).toEqual([1, 5, 20]);
    });

    test('sampling always tries every external side effect and the call right after it, however often it occurs', () => {
      // 40 calls: an insert and a send per appointment, six appointments — more than the three
      // calls of a "rare" method, so without the rule only the first of each would be tried.
      const trace: string[] = Array.from({ length: 40 }, (_, i) => (i % 2 ? 'Range.getValues' : 'Properties.setProperty'));
      const effects = [4, 6, 10, 12, 16, 18, 22, 24, 28, 30, 34, 36];
      effects.forEach((k, i) => (trace[k - 1] = i % 2 ? 'MailApp.sendEmail' : 'Calendar.Events.insert'));
      trace[37] = 'Calendar.Events.patch';
      trace[38] = 'Form.deleteResponse';
      trace[39] = 'Calendar.Events.remove';
      expect(effectCalls(trace)).toEqual([...effects, 38, 39, 40]);
      const { points, sampled } = faultPoints(40, 1, { exhaustiveUpTo: 0, sample: 0 }, trace);
      expect(sampled).toBe(true);
      for (const k of effects) {
        expect(points).toContain(k);
        expect(points).toContain(k + 1);
      }
      expect(points).toEqual(expect.arrayContaining([38, 39, 40]));
      // Creating a form or a file counts too; the list can be replaced per operation.
      expect(effectCalls(['FormApp.create', 'DriveApp.createFile', 'File.makeCopy', 'SpreadsheetApp.create', 'Range.setValues'])).toEqual([1, 2, 3, 4]);
      expect(faultPoints(10, 1, { sample: 0, effects: [/^Range\.setValues$/] }, Array.from({ length: 10 }, (_, i) => (i === 4 ? 'Range.setValues' : 'Lock.waitLock'))).points).toEqual([1, 5, 6, 10]);
    });

    test('a sampled sweep of a real script tries each send and insert and the call after it, from the execution record', () => {
      const report = crashAtEveryCall(noticeOperation('notices-sampled', CAREFUL + SET_UP, true), { ...quiet, exhaustiveUpTo: 0, sample: 0 });
      expect(report.sampled).toBe(true);
      // 3 rows: an insert and a send each, located in the fault-free run's call sequence.
      expect(report.effects).toHaveLength(6);
      const probe = Workspace.create({ at: '2026-11-27T18:00', seed: 1 });
      const op = noticeOperation('notices-probe', CAREFUL + SET_UP, true);
      const ctx = op.setup(probe);
      op.act(probe, ctx);
      const sequence = probe.executions({ functionName: 'sendNotices' })[0].sequence;
      expect(report.effects.map((k) => sequence[k - 1]).sort()).toEqual([...Array(3).fill('Calendar.Events.insert'), ...Array(3).fill('MailApp.sendEmail')]);
      for (const k of report.effects) expect(report.points).toEqual(expect.arrayContaining([k, k + 1]));
      expect(report.points.length).toBeLessThan(report.calls);
      expect(report.failures).toEqual([]);
    });

  });

  test('replay specs name the operation, fault, call and seed', () => {
    expect(parseReplay('import:after:17')).toEqual({ operation: 'import', kind: 'after', k: 17, seed: undefined });
    expect(parseReplay('setup-atenciones:kill:3@42')).toEqual({ operation: 'setup-atenciones', kind: 'kill', k: 3, seed: 42 });
    expect(() => parseReplay('import:17')).toThrow(/SOE_REPLAY/);
  });
});

describe('jobsFinished', () => {
  test('a continuation trigger left behind, or a spent one-off trigger, is an unfinished job', () => {
    const dist = bundle(`
      function step() { ScriptApp.newTrigger('step').timeBased().after(60000).create(); }
      function done() { ScriptApp.getProjectTriggers().forEach(function (t) { ScriptApp.deleteTrigger(t); }); }
      function other() {}`);
    const ws = Workspace.create({ at: '2026-11-27T18:00', seed: 2 });
    const ss = ws.createSpreadsheet('Trabajos');
    ws.install(ss, { distDir: dist });
    ws.run(ss, 'step');
    expect(jobsFinished(ws, ss, { continuationHandlers: ['step'] })).toEqual(['continuation trigger step left over']);
    ws.advanceBy(61_000); // fires once; the one-off trigger stays (and schedules another)
    expect(jobsFinished(ws, ss, { continuationHandlers: [] })).toEqual(['one-off trigger step fired but was not deleted']);
    ws.run(ss, 'done');
    expect(jobsFinished(ws, ss, { continuationHandlers: ['step'], pending: () => 0 })).toEqual([]);
    expect(jobsFinished(ws, ss, { continuationHandlers: ['step'], pending: () => 2 })).toEqual(['2 job(s) not finished']);
  });
});

describe('runPendingTriggers', () => {
  test('lets a job run its continuations to the end, as production would', () => {
    const dist = bundle(`
      function job() {
        var props = PropertiesService.getScriptProperties();
        ScriptApp.getProjectTriggers().forEach(function (t) { if (t.getHandlerFunction() === 'job') ScriptApp.deleteTrigger(t); });
        var end = Math.min(Number(props.getProperty('cursor') || 0) + 2, 5);
        props.setProperty('cursor', String(end));
        if (end < 5) ScriptApp.newTrigger('job').timeBased().after(60000).create();
      }`);
    const ws = Workspace.create({ at: '2026-11-27T18:00', seed: 2 });
    const ss = ws.createSpreadsheet('Trabajos');
    ws.install(ss, { distDir: dist });
    ws.run(ss, 'job');
    expect(jobsFinished(ws, ss, { continuationHandlers: ['job'] })).toHaveLength(1);
    const ran = runPendingTriggers(ws, ss, ['job']);
    expect(ran.map((e) => e.functionName)).toEqual(['job', 'job']);
    expect(ws.properties(ss).cursor).toBe('5');
    expect(jobsFinished(ws, ss, { continuationHandlers: ['job'] })).toEqual([]);
  });
});
