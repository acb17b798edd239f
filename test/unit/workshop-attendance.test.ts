import { attendanceId, mergeAttendance, type AttendanceMark } from '../../src/domain/workshops/attendance';

const at = (hhmm: string) => new Date(`2026-12-10T${hhmm}:00-05:00`);
const meet = (minutes: number, name = 'Ana') => ({ source: 'Reporte de Meet' as const, minutes, name, minMinutes: 30 });
const form = (hhmm: string) => ({ source: 'Formulario' as const, at: at(hhmm) });
const hand = (present: boolean) => ({ source: 'Manual' as const, present, by: 'ana@trabajo.gob.pe' });

function apply(...evidence: Parameters<typeof mergeAttendance>[1][]): AttendanceMark | null {
  let mark: AttendanceMark | null = null;
  for (const e of evidence) mark = mergeAttendance(mark, e).mark;
  return mark;
}

describe('attendance merge (B09)', () => {
  test('one row per session and registration', () => {
    expect(attendanceId('S-1', 'R-9')).toBe('S-1/R-9');
  });

  test('a check-in makes a person present; a second keeps the first time and changes nothing', () => {
    const first = mergeAttendance(null, form('10:01'));
    expect(first.mark).toMatchObject({ present: true, source: 'Formulario', checkinAt: at('10:01') });
    const again = mergeAttendance(first.mark, form('10:20'));
    expect(again.changed).toBe(false);
    expect(again.mark.checkinAt).toEqual(at('10:01'));
  });

  test('Meet minutes count against the minimum; a re-import replaces, never adds', () => {
    expect(apply(meet(29))).toMatchObject({ present: false, source: 'Reporte de Meet', meetMinutes: 29 });
    expect(apply(meet(30))).toMatchObject({ present: true, source: 'Reporte de Meet' });
    const twice = mergeAttendance(apply(meet(45)), meet(45));
    expect(twice.changed).toBe(false);
    expect(twice.mark.meetMinutes).toBe(45);
  });

  test('any automatic source saying present wins, in either order, and the first source stays named', () => {
    expect(apply(form('10:00'), meet(5))).toMatchObject({ present: true, source: 'Formulario', meetMinutes: 5 });
    expect(apply(meet(5), form('10:00'))).toMatchObject({ present: true, source: 'Formulario' });
    expect(apply(meet(50), form('10:00'))).toMatchObject({ present: true, source: 'Reporte de Meet' });
  });

  test('a hand mark is never overwritten, and disagreement is reported', () => {
    const absent = apply(hand(false))!;
    const late = mergeAttendance(absent, form('10:05'));
    expect(late.mark).toMatchObject({ present: false, source: 'Manual', checkinAt: at('10:05') });
    expect(late.disagrees).toBe(true);
    const present = apply(hand(true))!;
    const short = mergeAttendance(present, meet(3));
    expect(short.mark).toMatchObject({ present: true, source: 'Manual', meetMinutes: 3 });
    expect(short.disagrees).toBe(true);
    expect(mergeAttendance(present, meet(60)).disagrees).toBe(false);
  });

  test('marking absent by hand over a check-in is allowed and flagged', () => {
    const r = mergeAttendance(apply(form('10:00')), hand(false));
    expect(r.mark).toMatchObject({ present: false, source: 'Manual', markedBy: 'ana@trabajo.gob.pe' });
    expect(r.disagrees).toBe(true);
  });
});
