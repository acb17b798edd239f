import { checkRows, floorOf, renderTable, type BenchRow } from '../../bench/framework';
import { latencyOf } from '../../emulator';

/** The benchmark table's arithmetic: floors from the latency table, and the targets it flags. */
describe('bench framework', () => {
  test('a floor is its calls priced by the latency table, counted by service', () => {
    const f = floorOf({ 'MailApp.sendEmail': 300, 'Range.getValues': 1, 'Range.setValues': 2, 'Calendar.Events.insert': 300 });
    const ms = 300 * latencyOf('MailApp', 'sendEmail').ms + latencyOf('Range', 'getValues').ms + 2 * latencyOf('Range', 'setValues').ms + 300 * latencyOf('Calendar.Events', 'insert').ms;
    expect(f.ms).toBe(ms);
    expect(f.byService).toEqual({ Mail: 300, Sheets: 3, Calendar: 300 });
  });

  const row = (size: number, sheets: number, modeledMs: number, floorMs: number): BenchRow => ({
    operation: 'reminders',
    size,
    unit: 'appointments',
    executions: 1,
    calls: { Sheets: sheets },
    modeledMs,
    floor: { calls: {}, byService: {}, ms: floorMs },
    ratioTarget: 1.2,
    problems: [],
  });

  test('flags a ratio above the target and Sheets calls that grow with size', () => {
    expect(checkRows([row(10, 4, 1100, 1000), row(300, 4, 1200, 1000)])).toEqual([]);
    expect(checkRows([row(10, 4, 1300, 1000), row(300, 9, 1000, 1000)])).toEqual([
      'reminders (10 appointments): 1.30 × its floor (target ≤ 1.2)',
      'reminders: Sheets calls per execution grow with size (4 at 10, 9 at 300)',
    ]);
  });

  test('prints one markdown row per case, times in seconds', () => {
    const table = renderTable([row(300, 4, 156_000, 150_000)]);
    expect(table.split('\n')[2]).toBe('| reminders | 300 appointments | 1 | 4 | 4 | 0 | 0 | 0 | 156.0 | 150.0 | 1.04 |');
  });
});
