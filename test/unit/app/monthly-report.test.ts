/**
 * The monthly report's use case (issue 15, i15-report) against in-memory ports, with fake
 * indicator providers of its own (the real ones are written in parallel): whatever provider is
 * registered appears in the report (`computeSections(..., null)`: also one whose roles are
 * Atenciones only), with the previous month as its period and both spreadsheets; a provider that
 * throws becomes a section saying so and the report still goes; the monthly trigger's run asks
 * for a one-off run when day 1 is a weekend day, recorded so setup leaves it alone.
 */
import type { IndicatorInputs, IndicatorProvider } from '../../../src/app/indicators/dashboard';
import { FOLDER_PROPERTY, REQUEST_PROPERTY, runMonthlyReport, sendMonthlyReport, type MonthlyReportDeps } from '../../../src/app/indicators/monthly-report';
import { jobTriggerIds } from '../../../src/app/jobs';
import { PROPERTY_KEYS, runSetup } from '../../../src/app/setup';
import { limaDate } from '../../../src/domain/lima-time';
import { SETTINGS_TAB } from '../../../src/domain/schema';
import type { OutgoingMail } from '../../../src/ports';
import { FakeDrive } from '../../support/certificate-fakes';
import { ArrayAuditLog, FixedClock, FixedSession, MemoryScheduler, MemoryStore, MemoryWorkbook, MemoryWorkbooks, NoLock } from '../../support/memory-ports';

const TALLERES_ID = '1TalleresTalleresTalleresTalleresTalleres000';
const ATENCIONES_ID = '1AtencionesAtencionesAtencionesAtenciones00';
const USER = 'ana@trabajo.gob.pe';
const SUB = 'sub.autoempleo@trabajo.gob.pe';

class HtmlDrive extends FakeDrive {
  readonly pages: string[] = [];
  override savePdfFromHtml(folderId: string, name: string, html?: string) {
    this.pages.push(html ?? '');
    return super.savePdfFromHtml(folderId, name);
  }
}

function world(at: Date) {
  const workbooks = new MemoryWorkbooks(TALLERES_ID);
  const talleres = workbooks.add(new MemoryWorkbook(TALLERES_ID, 'Programación Talleres Masivos'));
  workbooks.add(new MemoryWorkbook(ATENCIONES_ID, 'Atenciones Virtuales – Centro de Empleo'));
  const properties = new MemoryStore();
  const clock = new FixedClock(at);
  const scheduler = new MemoryScheduler(USER);
  const base = { workbooks, properties, scheduler, lock: new NoLock(), clock, session: new FixedSession(USER), audit: new ArrayAuditLog() };
  runSetup(base, { role: 'talleres' });
  talleres.newExecution();
  talleres.table(SETTINGS_TAB).update([{ id: 'Correo de la Sub Dirección', fields: { value: SUB } }]);
  properties.setAll({ [PROPERTY_KEYS.siblingId]: ATENCIONES_ID });
  const sent: OutgoingMail[] = [];
  const mailer = { send: (m: OutgoingMail) => void sent.push(m), remainingDailyQuota: () => 100 };
  const drive = new HtmlDrive();
  const deps: MonthlyReportDeps = { ...base, mailer, drive };
  return { deps, sent, drive, clock, scheduler, properties };
}

const seen: IndicatorInputs[] = [];
const fake: IndicatorProvider = {
  key: 'prueba',
  roles: ['atenciones'], // shown in Atenciones' tab only: the report shows it anyway
  build(input) {
    seen.push(input);
    return [{ key: 'prueba', title: 'Indicadores de prueba', headline: [['Atenciones realizadas', 42]], tables: [{ title: 'Por semana', header: ['Semana', 'Atendidas'], rows: [['02/11', 10], ['09/11', 32]], chart: 'column' }] }];
  },
};
const broken: IndicatorProvider = {
  key: 'roto',
  roles: ['talleres'],
  build() {
    throw new Error('falta la columna «Estado»');
  },
};

test('every registered provider appears, for the previous month and both spreadsheets; a failing one is named and the report still goes', () => {
  const w = world(limaDate(2026, 12, 1, 8, 30));
  seen.length = 0;
  const r = sendMonthlyReport(w.deps, [fake, broken], '', {});
  expect(r).toMatchObject({ ok: true, message: `Informe de noviembre de 2026 enviado a ${SUB}.` });
  expect(seen).toHaveLength(1);
  expect(seen[0]!.period.key).toBe('2026-11');
  expect(seen[0]!.role).toBe('talleres');
  expect(seen[0]!.talleres?.id).toBe(TALLERES_ID);
  expect(seen[0]!.atenciones?.id).toBe(ATENCIONES_ID);
  const page = w.drive.pages[0]!;
  expect(page).toContain('Indicadores de prueba');
  expect(page).toContain('Atenciones realizadas');
  expect(page).toContain('Por semana: Atendidas');
  expect(page).toContain('No se pudieron calcular los indicadores «roto»: falta la columna «Estado»');
  expect(w.sent).toHaveLength(1);
  expect(w.sent[0]!.to).toBe(SUB);
  expect(w.sent[0]!.attachmentFileIds).toEqual([w.drive.live('Informe mensual SOE 2026-11 – v1.pdf')[0]!.id]);
  // Kept in «Informes mensuales», inside the service's folder.
  const folder = w.drive.folders.find((f) => f.id === w.properties.get(FOLDER_PROPERTY));
  expect(folder?.name).toBe('Informes mensuales');
});

test('Saturday 1 August 2026: the run sends nothing and asks for one run on Monday 3 at 8:00, which setup keeps', () => {
  const w = world(limaDate(2026, 8, 1, 8, 20));
  const summary = runMonthlyReport(w.deps, [fake]);
  expect(summary).toMatch(/^El día 1 no es laborable: el informe mensual se enviará el lunes 3 de agosto de 2026/);
  expect(w.sent).toHaveLength(0);
  const id = w.properties.get(REQUEST_PROPERTY)!;
  expect(w.scheduler.all.filter((t) => t.handler === 'runMonthlyReport' && t.monthDay === undefined).map((t) => t.id)).toEqual([id]);
  expect(jobTriggerIds(w.properties.getAll()).has(id)).toBe(true);
  // Fired again the same morning (late): still one request.
  runMonthlyReport(w.deps, [fake]);
  expect(w.scheduler.all.filter((t) => t.handler === 'runMonthlyReport' && t.monthDay === undefined)).toHaveLength(1);
  // Monday 3 at 8:00: July's report goes; the spent one-off trigger is removed.
  w.clock.at = limaDate(2026, 8, 3, 8, 0);
  expect(runMonthlyReport(w.deps, [fake])).toBe(`Informe de julio de 2026 enviado a ${SUB}.`);
  expect(w.sent.map((m) => m.subject)).toEqual(['Informe mensual del SOE – julio de 2026']);
  expect(w.scheduler.all.filter((t) => t.handler === 'runMonthlyReport' && t.monthDay === undefined)).toHaveLength(0);
  expect(w.properties.get(REQUEST_PROPERTY)).toBeNull();
});

test('a month not ended, and a month refused by the quota, send nothing; the quota one goes on the next run', () => {
  const w = world(limaDate(2026, 12, 15, 9));
  expect(sendMonthlyReport(w.deps, [fake], '2026-12').message).toBe('El mes de diciembre de 2026 aún no termina: su informe se envía cuando haya terminado.');
  expect(w.drive.files).toHaveLength(0);
  w.clock.at = limaDate(2027, 1, 1, 8, 10);
  let quota = 0;
  w.deps.mailer = { send: (m) => void w.sent.push(m), remainingDailyQuota: () => quota };
  expect(runMonthlyReport(w.deps, [fake])).toMatch(/cupo diario/);
  expect(w.sent).toHaveLength(0);
  quota = 10;
  w.clock.at = limaDate(2027, 1, 1, 8, 50); // a second firing, or the next day's one-off
  expect(runMonthlyReport(w.deps, [fake])).toBe(`Informe de diciembre de 2026 enviado a ${SUB}.`);
  expect(w.sent).toHaveLength(1);
  expect(w.drive.live('Informe mensual SOE 2026-12')).toHaveLength(1); // the refused attempt's PDF retired
});
