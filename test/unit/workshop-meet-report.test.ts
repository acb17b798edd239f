import {
  durationMinutes,
  matchParticipants,
  meetingCodeOf,
  normalisedName,
  parseMeetReport,
  reportIdFromLink,
  reportMismatch,
  type MeetReport,
} from '../../src/domain/workshops/meet-report';

const at = (hhmm: string, day = '2026-12-10') => new Date(`${day}T${hhmm}:00-05:00`);

const EN = ['First name', 'Last name', 'Email', 'Duration', 'Time joined', 'Time exited'];
const ES = ['Nombre', 'Apellidos', 'Correo electrónico', 'Duración', 'Hora de entrada', 'Hora de salida'];

function report(rows: unknown[][]): MeetReport {
  const r = parseMeetReport('Taller (abc-defg-hij) - Informe de asistencia', rows);
  if (!r.ok) throw new Error(r.message);
  return r.report;
}

describe('Meet attendance report (B09)', () => {
  test('English export: one participant per row, minutes from Duration', () => {
    const r = report([EN, ['Ana', 'Quispe', 'ana@gmail.com', '1 hr 5 min', at('10:00'), at('11:05')], ['Luis', 'Mamani', 'luis@gmail.com', '45 min', at('10:10'), at('10:55')]]);
    expect(r.language).toBe('en');
    expect(r.participants.map((p) => [p.email, p.minutes])).toEqual([
      ['ana@gmail.com', 65],
      ['luis@gmail.com', 45],
    ]);
    expect(r.meetingCode).toBe('abc-defg-hij');
    expect(r.dates).toEqual(['2026-12-10']);
  });

  test('Spanish export with columns moved, an extra column and a title row above the header', () => {
    const rows = [
      ['Informe de asistencia de abc-defg-hij'],
      ['Hora de salida', 'Correo electrónico', 'Nombre', 'Apellidos', 'Notas', 'Duración', 'Hora de entrada'],
      [at('11:00'), 'ANA@Gmail.com ', 'Ana', 'Quispe', 'x', '0:58:30', at('10:01')],
    ];
    const r = parseMeetReport('Informe.xlsx', rows);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.report.language).toBe('es');
    expect(r.report.meetingCode).toBe('abc-defg-hij');
    expect(r.report.participants).toEqual([{ key: 'email:ana@gmail.com', name: 'Ana Quispe', email: 'ana@gmail.com', minutes: 59, connections: 1 }]);
  });

  test('reconnections: rows of one person are added (intervals united when every row has both times)', () => {
    const r = report([
      ES,
      ['Ana', 'Quispe', 'ana@gmail.com', '20 min', at('10:00'), at('10:20')],
      ['Ana', 'Quispe', 'ana@gmail.com', '25 min', at('10:30'), at('10:55')],
      // A second device at the same time is not counted twice.
      ['Ana', 'Quispe', 'ana@gmail.com', '10 min', at('10:35'), at('10:45')],
      ['Invitado', '', '', '12 min', '', ''],
      ['Invitado', '', '', '13 min', '', ''],
    ]);
    const ana = r.participants.find((p) => p.email === 'ana@gmail.com')!;
    expect(ana).toMatchObject({ minutes: 45, connections: 3 });
    const guest = r.participants.find((p) => p.email === '')!;
    expect(guest).toMatchObject({ name: 'Invitado', minutes: 25, connections: 2 });
  });

  test('a missing column is a Spanish error naming it', () => {
    const r = parseMeetReport('x', [['First name', 'Last name', 'Duration'], ['Ana', 'Q', '5 min']]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.missing).toEqual(['Correo electrónico (Email)']);
    expect(r.message).toMatch(/falta la columna «Correo electrónico \(Email\)»/);
    const none = parseMeetReport('x', [['Nombre', 'Correo']]);
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.missing[0]).toMatch(/^Duración/);
    expect(parseMeetReport('x', []).ok).toBe(false);
  });

  test('without Duration, the minutes come from the times', () => {
    const r = report([['Name', 'Email', 'Time joined', 'Time exited'], ['Ana Quispe', 'ana@gmail.com', at('10:00'), at('10:40')]]);
    expect(r.participants[0].minutes).toBe(40);
  });

  test('duration texts', () => {
    expect(durationMinutes('1 h 5 min')).toBe(65);
    expect(durationMinutes('1 hora 5 minutos')).toBe(65);
    expect(durationMinutes('2:00:30')).toBe(120.5);
    expect(durationMinutes('45:30')).toBeCloseTo(45.5);
    expect(durationMinutes(12)).toBe(12);
    expect(durationMinutes('30 s')).toBe(0.5);
    expect(durationMinutes('nada')).toBeNull();
  });

  test('matching: by email, then by name in any order and without accents; a nickname stays unmatched', () => {
    const r = report([
      EN,
      ['Ana', 'Quispe', 'ana@gmail.com', '50 min', '', ''],
      ['PEREZ', 'jose', '', '40 min', '', ''],
      ['María', 'Huamán', '', '35 min', '', ''],
      ['Pepito', '', '', '60 min', '', ''],
    ]);
    const regs = [
      { id: 'R1', fullName: 'Ana Lucía Quispe', email: 'ANA@gmail.com' },
      { id: 'R2', fullName: 'José Pérez', email: 'jose@hotmail.com' },
      { id: 'R3', fullName: 'María Elena Huamán Ríos', email: 'maria@x.pe' },
    ];
    const m = matchParticipants(r.participants, regs);
    expect(m.matched.get('R1')).toMatchObject({ minutes: 50, how: 'email' });
    expect(m.matched.get('R2')).toMatchObject({ minutes: 40, how: 'name' });
    expect(m.matched.get('R3')).toMatchObject({ minutes: 35, how: 'name' });
    expect(m.unmatched.map((p) => p.name)).toEqual(['Pepito']);
    // A hand match made earlier is remembered by the Meet name.
    const again = matchParticipants(r.participants, regs, new Map([[normalisedName('Pepito'), 'R2']]));
    expect(again.matched.get('R2')!.minutes).toBe(100);
    expect(again.unmatched).toEqual([]);
  });

  test('an ambiguous name is left for a person', () => {
    const r = report([EN, ['Juan', 'Pérez', '', '40 min', '', '']]);
    const m = matchParticipants(r.participants, [
      { id: 'R1', fullName: 'Juan Pérez López', email: '' },
      { id: 'R2', fullName: 'Juan Carlos Pérez', email: '' },
    ]);
    expect(m.matched.size).toBe(0);
    expect(m.unmatched).toHaveLength(1);
  });

  test('a report of another meeting or another day is refused; what it does not say is not held against it', () => {
    const r = report([EN, ['Ana', 'Q', 'ana@gmail.com', '50 min', at('10:00'), at('10:50')]]);
    expect(reportMismatch(r, { meetUrl: 'https://meet.google.com/abc-defg-hij', start: at('10:00') })).toBeNull();
    expect(reportMismatch(r, { meetUrl: 'https://meet.google.com/xyz-wxyz-xyz', start: at('10:00') })).toMatch(/otra reunión de Meet \(abc-defg-hij\)/);
    expect(reportMismatch(r, { meetUrl: 'https://meet.google.com/abc-defg-hij', start: at('10:00', '2026-12-17') })).toMatch(/otro día \(10\/12\/2026\); la sesión fue el 17\/12\/2026/);
    const bare = parseMeetReport('Informe', [EN, ['Ana', 'Q', 'ana@gmail.com', '50 min', '', '']]);
    expect(bare.ok && reportMismatch(bare.report, { meetUrl: 'https://meet.google.com/xyz-wxyz-xyz', start: at('10:00', '2027-01-01') })).toBeNull();
  });

  test('links and IDs', () => {
    expect(reportIdFromLink('https://docs.google.com/spreadsheets/d/1AbC_def-GHIjkl/edit#gid=0')).toBe('1AbC_def-GHIjkl');
    expect(reportIdFromLink('https://drive.google.com/file/d/1AbC_def-GHIjkl/view')).toBe('1AbC_def-GHIjkl');
    expect(reportIdFromLink('https://drive.google.com/open?id=1AbC_def-GHIjkl')).toBe('1AbC_def-GHIjkl');
    expect(reportIdFromLink(' 1AbC_def-GHIjkl ')).toBe('1AbC_def-GHIjkl');
    expect(reportIdFromLink('javascript:alert(1)')).toBe('');
    expect(meetingCodeOf('https://meet.google.com/Abc-Defg-Hij?x=1')).toBe('abc-defg-hij');
  });
});
