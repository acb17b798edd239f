/** B02's pure pieces: the sessions' event IDs, the speaker's answer, what the speaker was told, the speaker's emails. */
import { isValidCalendarEventId } from '../../../src/domain/ids';
import {
  SESSION_EVENT_TEXT,
  speakerCancellationEmail,
  speakerChangeEmail,
  speakerInvitationEmail,
  SPEAKER_MESSAGES,
} from '../../../src/domain/messages/workshops';
import {
  afterCancellation,
  afterChange,
  afterInvitation,
  cancellationMailKey,
  changeMailKey,
  formatSpeakerState,
  invitationMailKey,
  parseSpeakerState,
  sessionEventId,
  sessionMeetRequestId,
  speakerAnswerOf,
  toldTimes,
} from '../../../src/domain/workshops/events';

describe('session event IDs', () => {
  test('deterministic, valid for Calendar, distinct per session and from appointments', () => {
    const a = sessionEventId('M-ABCDEFGHIJKL-S1');
    expect(a).toBe(sessionEventId('M-ABCDEFGHIJKL-S1'));
    expect(isValidCalendarEventId(a)).toBe(true);
    expect(a).not.toBe(sessionEventId('M-ABCDEFGHIJKL-S2'));
    expect(sessionMeetRequestId('M-ABCDEFGHIJKL-S1')).toBe(sessionMeetRequestId('M-ABCDEFGHIJKL-S1'));
    expect(sessionMeetRequestId('M-ABCDEFGHIJKL-S1', 1)).not.toBe(sessionMeetRequestId('M-ABCDEFGHIJKL-S1'));
  });
});

describe('speakerAnswerOf', () => {
  const guests = [
    { email: 'organizer@trabajo.gob.pe', responseStatus: 'accepted' },
    { email: 'Ponente@Gmail.com', responseStatus: 'declined' },
  ];
  test.each([
    ['accepted', 'Aceptó'],
    ['declined', 'Declinó'],
    ['tentative', 'Pendiente'],
    ['needsAction', 'Pendiente'],
    [undefined, 'Pendiente'],
  ])('%s → %s', (status, answer) => {
    expect(speakerAnswerOf([{ email: 'p@x.pe', responseStatus: status }], 'p@x.pe')).toBe(answer);
  });
  test('the speaker is found without case; another guest does not count', () => {
    expect(speakerAnswerOf(guests, 'ponente@gmail.com')).toBe('Declinó');
    expect(speakerAnswerOf(guests, 'otro@gmail.com')).toBe('Pendiente');
    expect(speakerAnswerOf(undefined, 'otro@gmail.com')).toBe('Pendiente');
  });
});

describe('what the speaker was told', () => {
  const s1 = new Date('2026-12-01T23:00:00Z');
  const e1 = new Date('2026-12-02T01:00:00Z');
  const s2 = new Date('2026-12-02T23:00:00Z');
  const e2 = new Date('2026-12-03T01:00:00Z');
  test('state round-trips; garbage reads as nothing told', () => {
    const st = afterInvitation(parseSpeakerState(null), s1, e1);
    expect(parseSpeakerState(formatSpeakerState(st))).toEqual(st);
    expect(parseSpeakerState('not json')).toEqual({ g: 0, n: 0, s: '', e: '' });
    expect(parseSpeakerState('{"g":-1,"n":"x"}')).toEqual({ g: 0, n: 0, s: '', e: '' });
  });
  test('each change gets its own key; moving back and forth is told each time', () => {
    let st = afterInvitation(parseSpeakerState(null), s1, e1);
    expect(toldTimes(st, s1, e1)).toBe(true);
    expect(toldTimes(st, s2, e2)).toBe(false);
    const k1 = changeMailKey('S1', st);
    st = afterChange(st, s2, e2);
    const k2 = changeMailKey('S1', st);
    st = afterChange(st, s1, e1);
    expect(new Set([k1, k2, changeMailKey('S1', st)]).size).toBe(3);
    expect(toldTimes(st, s1, e1)).toBe(true);
  });
  test('a cancelled session added again is a new generation: new invitation and cancellation keys', () => {
    const st = afterInvitation(parseSpeakerState(null), s1, e1);
    const next = afterCancellation(st);
    expect(next).toEqual({ g: 1, n: 0, s: '', e: '' });
    expect(invitationMailKey('S1', next)).not.toBe(invitationMailKey('S1', st));
    expect(cancellationMailKey('S1', next)).not.toBe(cancellationMailKey('S1', st));
  });
});

describe("the speaker's emails and the event's text", () => {
  const session = {
    moduleName: 'Aprende <i>a</i> Emprender',
    number: 2,
    topic: 'Costos & precios <script>',
    start: new Date('2026-12-03T23:00:00Z'),
    end: new Date('2026-12-04T01:00:00Z'),
    speaker: "José O'Brien",
    meetUrl: 'https://meet.google.com/abc-defg-hij',
  };
  test('the invitation: topic, date, Lima time, the Meet link and what is expected; HTML escaped', () => {
    const m = speakerInvitationEmail(session);
    expect(m.subject).toBe('Invitación como ponente: Costos & precios <script> – jueves 3 de diciembre de 2026');
    expect(m.text).toContain('Fecha: jueves 3 de diciembre de 2026');
    expect(m.text).toContain('Hora: de 6:00 p. m. a 8:00 p. m. (hora de Lima)');
    expect(m.text).toContain('https://meet.google.com/abc-defg-hij');
    expect(m.text).toContain('Preparar su presentación');
    expect(m.text).toContain('10 minutos antes');
    expect(m.text).toContain('Responder las preguntas de las personas inscritas');
    expect(m.html).not.toContain('<script>');
    expect(m.html).toContain('Costos &amp; precios &lt;script&gt;');
    expect(m.html).not.toContain('<i>a</i>');
  });
  test('a change and a cancellation', () => {
    expect(speakerChangeEmail(session).text).toContain('el enlace de Google Meet es el mismo');
    const c = speakerCancellationEmail(session);
    expect(c.subject).toBe('Sesión cancelada: Costos & precios <script>');
    expect(c.text).not.toContain('meet.google.com');
  });
  test("the event's description is escaped and carries no personal data", () => {
    const d = SESSION_EVENT_TEXT.description(session);
    expect(d).toContain('Sesión 2');
    expect(d).not.toContain('<script>');
    expect(d).not.toContain("O'Brien");
  });
  test('the warning names the sessions whose speaker declined', () => {
    expect(SPEAKER_MESSAGES.declinedWarning([2])).toContain('sesión 2');
    expect(SPEAKER_MESSAGES.declinedWarning([1, 3])).toContain('sesiones 1, 3');
  });
});
