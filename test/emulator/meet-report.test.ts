/**
 * The Meet attendance report as the emulator writes it (support.google.com/meet/answer/10090454:
 * a spreadsheet in the organizer's Drive, linked from the event, one row per connection).
 */
import { Workspace } from '../../emulator';
import { calendarStore } from '../../emulator/services/calendar/store';
import { parseMeetReport } from '../../src/domain/workshops/meet-report';

function world() {
  const ws = Workspace.create({ at: '2026-12-10T12:00', user: 'consultora@example.org' });
  const cal = calendarStore(ws.state).calendar('consultora@example.org');
  cal['ev1'] = {
    rev: 1,
    resource: {
      kind: 'calendar#event', etag: '"1"', id: 'ev1', status: 'confirmed', htmlLink: '', created: '', updated: '',
      summary: 'Sesión 1: Modelo de negocio', creator: { email: 'consultora@example.org' }, organizer: { email: 'consultora@example.org', self: true },
      start: { dateTime: '2026-12-10T10:00:00-05:00' }, end: { dateTime: '2026-12-10T12:00:00-05:00' }, iCalUID: 'ev1@google.com', sequence: 0,
      conferenceData: { conferenceId: 'abc-defg-hij' },
    },
  };
  return ws;
}

const t = (hhmm: string) => `2026-12-10T${hhmm}:00-05:00`;

describe('Meet attendance report in the emulator', () => {
  test.each(['es', 'en'] as const)('%s: a spreadsheet of the organizer, one row per connection, linked from the event', (language) => {
    const ws = world();
    const r = ws.meet.writeAttendanceReport(
      'ev1',
      [
        { firstName: 'Ana', lastName: 'Quispe', email: 'ana@gmail.com', connections: [{ joined: t('10:00'), exited: t('10:40') }, { joined: t('10:45'), exited: t('12:00') }] },
        { firstName: 'Pepito', connections: [{ joined: t('10:05'), exited: t('10:50') }] },
      ],
      { language },
    );
    expect(r.name).toBe(`Sesión 1: Modelo de negocio (abc-defg-hij) - ${language === 'es' ? 'Informe de asistencia' : 'Attendance report'}`);
    expect(ws.sharing(r.spreadsheetId).owner).toBe('consultora@example.org');
    const values = ws.values(r.spreadsheetId, ws.sheetNames(r.spreadsheetId)[0]);
    expect(values[0]).toEqual(language === 'es' ? ['Nombre', 'Apellidos', 'Correo electrónico', 'Duración', 'Hora de entrada', 'Hora de salida'] : ['First name', 'Last name', 'Email', 'Duration', 'Time joined', 'Time exited']);
    expect(values.filter((row) => row.some((c) => c !== '')).length).toBe(4);
    expect(values[2][3]).toBe(language === 'es' ? '1 h 15 min' : '1 hr 15 min');
    expect(values[1][4]).toBeInstanceOf(Date);
    const event = ws.calendarEvents().find((e) => e.id === 'ev1')!;
    expect(event.attachments).toEqual([{ fileUrl: r.url, title: r.name, mimeType: 'application/vnd.google-apps.spreadsheet', fileId: r.spreadsheetId }]);
    // What the product's parser reads from it.
    const parsed = parseMeetReport(r.name, values);
    expect(parsed.ok && parsed.report.participants.map((p) => [p.name, p.minutes, p.connections])).toEqual([
      ['Ana Quispe', 115, 2],
      ['Pepito', 45, 1],
    ]);
    expect(parsed.ok && parsed.report.meetingCode).toBe('abc-defg-hij');
  });

  test('an unknown event throws', () => {
    expect(() => world().meet.writeAttendanceReport('nope', [])).toThrow('no calendar event nope');
  });
});
