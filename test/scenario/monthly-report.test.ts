/**
 * The monthly report to the Sub Dirección (issue 15 item 3, i15-report) in the emulator, over
 * three month boundaries with the clock moving as in production (every trigger of both
 * spreadsheets fires on its schedule), the monthly trigger firing 59 minutes late within its hour:
 * - 1 November 2026 is a Sunday: nothing goes that day; the run asks for a one-off run on Monday
 *   2 November at 8:00, which sends October's report;
 * - 1 December (Tuesday) and 1 January 2027 (Friday): November's and December's reports go that
 *   morning — December's lists the module of that month;
 * - each month's report reaches the Sub Dirección exactly once (a second firing sends nothing),
 *   with its PDF attached and kept in «Informes mensuales»; «Enviar nueva versión» (a
 *   coordinator) sends version 2, once; a consultant may not; a bad month is refused.
 */
import type { Workspace } from '../../emulator';
import { driveStore } from '../../emulator/services/drive';
import { pdfText } from '../../emulator/services/pdf/pdf-text';
import { addTeamMember, createAttentionWorld, setSetting } from '../support/attention-world';
import { fillReportModule } from '../support/report-world';

const USER = 'ana.quispe@trabajo.gob.pe';
const CONSULTANT = 'luis.rojas@trabajo.gob.pe';
const SUB = 'sub.autoempleo@trabajo.gob.pe';
const lima = (s: string) => new Date(`${s}:00-05:00`).getTime();

interface SendResult {
  ok: boolean;
  message: string;
  view?: { version: number; delivery: string; url: string; canSend: boolean; canSendNew: boolean };
}

let ws: Workspace;
let talleres: string;
const value = (r: ReturnType<Workspace['callFromSidebar']>): SendResult => {
  if (!r.ok) throw new Error(r.error);
  return r.value as SendResult;
};
const toSub = () => ws.outbox().filter((m) => m.to.includes(SUB) && m.subject.startsWith('Informe mensual'));
const reportRuns = () => ws.executions({ functionName: 'runMonthlyReport' });
const pdfs = () => ws.driveFiles().filter((f) => !f.trashed && f.name.startsWith('Informe mensual SOE'));

beforeAll(() => {
  const w = createAttentionWorld({ at: '2026-10-26T09:00', user: USER, seed: 15 });
  ws = w.ws;
  talleres = w.talleres;
  addTeamMember(ws, w.atenciones, CONSULTANT, 'Luis Rojas', ['consultor']);
  setSetting(ws, talleres, 'Correo de la Sub Dirección', SUB);
  fillReportModule(ws, talleres, USER); // three sessions in December
  ws.setTriggerDelay(talleres, 'runMonthlyReport', 59);
}, 120_000);

test('setup installed one monthly trigger in Talleres: day 1, 8:00', () => {
  const t = ws.triggers(talleres).filter((x) => x.handler === 'runMonthlyReport');
  expect(t.map((x) => [x.eventType, x.onMonthDay, x.atHour])).toEqual([['CLOCK', 1, 8]]);
});

test('Sunday 1 November: nothing goes; Monday 2 November at 8:00 October’s report goes, once', () => {
  ws.advanceTo('2026-11-01T12:00');
  const sunday = reportRuns();
  expect(sunday).toHaveLength(1);
  expect(sunday[0]!.startedAt).toBe(lima('2026-11-01T08:59'));
  expect(toSub()).toHaveLength(0);
  const oneOff = ws.triggers(talleres).filter((x) => x.handler === 'runMonthlyReport' && x.at !== undefined);
  // At 8:00 (plus the milliseconds the run's own calls took before creating it).
  expect(oneOff).toHaveLength(1);
  expect(oneOff[0]!.at! - lima('2026-11-02T08:00')).toBeGreaterThanOrEqual(0);
  expect(oneOff[0]!.at! - lima('2026-11-02T08:00')).toBeLessThan(60_000);

  ws.advanceTo('2026-11-02T12:00');
  const mails = toSub();
  expect(mails.map((m) => m.subject)).toEqual(['Informe mensual del SOE – octubre de 2026']);
  expect(mails[0]!.attachments).toHaveLength(1);
  expect(mails[0]!.attachments[0]!.contentType).toBe('application/pdf');
  // The one-off trigger removed itself; the monthly one stays.
  expect(ws.triggers(talleres).filter((x) => x.handler === 'runMonthlyReport').map((x) => x.onMonthDay)).toEqual([1]);
});

test('1 December (59 minutes late) and 1 January 2027: each month once, across the year boundary', () => {
  ws.advanceTo('2026-12-01T12:00');
  ws.advanceTo('2027-01-01T12:00');
  const late = reportRuns().filter((r) => r.startedAt >= lima('2026-11-03T00:00'));
  expect(late.map((r) => r.startedAt)).toEqual([lima('2026-12-01T08:59'), lima('2027-01-01T08:59')]);
  expect(toSub().map((m) => m.subject)).toEqual([
    'Informe mensual del SOE – octubre de 2026',
    'Informe mensual del SOE – noviembre de 2026',
    'Informe mensual del SOE – diciembre de 2026',
  ]);
  // A second firing the same morning sends nothing.
  ws.runTrigger(talleres, 'runMonthlyReport');
  expect(toSub()).toHaveLength(3);
  // Kept in Drive, one per month, in «Informes mensuales»; the email carried that PDF.
  const files = pdfs();
  expect(files.map((f) => f.name).sort()).toEqual(['Informe mensual SOE 2026-10 – v1.pdf', 'Informe mensual SOE 2026-11 – v1.pdf', 'Informe mensual SOE 2026-12 – v1.pdf']);
  expect(new Set(files.map((f) => f.parents[0])).size).toBe(1);
  const folder = driveStore(ws.state).items.get(files[0]!.parents[0]!);
  expect(folder?.name).toBe('Informes mensuales');
  const dec = files.find((f) => f.name.includes('2026-12'))!;
  const mail = toSub()[2]!;
  expect(Buffer.from(mail.attachments[0]!.base64, 'base64').equals(Buffer.from(ws.driveFile(dec.id).bytes))).toBe(true);
  const text = pdfText(ws.driveFile(dec.id).bytes).join(' ');
  for (const s of ['Informe mensual del Servicio de Orientación para el Emprendimiento', 'diciembre de 2026', 'Aprende a Emprender – Diciembre', 'Talleres externos del mes']) expect(text).toContain(s);
});

test('«Enviar nueva versión»: a coordinator sends version 2 once; a consultant may not; a bad month is refused', () => {
  const view = ws.callFromSidebar(talleres, 'getMonthlyReportView', ['2026-12'], USER);
  expect(view.ok && view.value).toMatchObject({ month: '2026-12', version: 1, delivery: 'enviado', canSend: false, canSendNew: true, recipient: SUB });

  const stranger = ws.callFromSidebar(talleres, 'sendMonthlyReport', ['2026-12', true, 1], CONSULTANT);
  expect(stranger.ok ? (stranger.value as SendResult).ok : false).toBe(false);

  const again = ws.callFromSidebar(talleres, 'sendMonthlyReport', ['2026-12', false, 1], USER);
  expect(value(again).ok).toBe(false);
  expect(value(again).message).toContain('ya se envió');

  const v2 = ws.callFromSidebar(talleres, 'sendMonthlyReport', ['2026-12', true, 1], USER);
  expect(value(v2)).toMatchObject({ ok: true, view: { version: 2, delivery: 'enviado' } });
  const double = ws.callFromSidebar(talleres, 'sendMonthlyReport', ['2026-12', true, 1], USER); // the same click again
  expect(value(double).ok).toBe(false);
  expect(toSub().map((m) => m.subject).filter((s) => s.includes('diciembre'))).toEqual(['Informe mensual del SOE – diciembre de 2026', 'Informe mensual del SOE – diciembre de 2026 (versión 2)']);

  for (const bad of ['2027-01', '2026-13', '=1+1', 'x'.repeat(5000)]) {
    const r = ws.callFromSidebar(talleres, 'sendMonthlyReport', [bad, false], USER);
    expect(r.ok && (r.value as SendResult).ok).toBe(false);
  }
  expect(toSub()).toHaveLength(4);
});
