/** B06/B07 and the session clock, the pure part: due moments, phases, who gets what, the speaker's brief. */
import { limaDate } from '../../../src/domain/lima-time';
import { accessLinkEmail, scheduleCorrectionEmail, speakerBriefEmail } from '../../../src/domain/messages/workshop-access';
import {
  accessDueTimes,
  accessLinkAt,
  accessPhase,
  parseSessionMailId,
  planSessionMails,
  redactContacts,
  scheduleLabel,
  secondNoticeAt,
  sessionMailId,
  speakerQuestions,
  type PlanRow,
  type SessionPlanInput,
} from '../../../src/domain/workshops/access-links';
import { DUE_HORIZON_MS, isDue, mustReschedule, nextDue, planClock, type ClockSession } from '../../../src/domain/workshops/session-clock';

const HOUR = 3_600_000;
const settings = { accessLinkHour: 18, accessLinkSecondMinutes: 60 };
const start = limaDate(2026, 12, 15, 10, 0).getTime();
const end = limaDate(2026, 12, 15, 12, 0).getTime();
const session = (over: Partial<ClockSession> = {}): ClockSession => ({ id: 'S1', moduleId: 'M1', number: 1, start, end, status: 'Programada', meetUrl: 'https://meet.google.com/abc-defg-hij', ...over });

describe('the session clock', () => {
  test('a duty is due when one of its moments is at or before now and within the horizon', () => {
    expect(isDue([100, 200], 150)).toBe(true);
    expect(isDue([200], 150)).toBe(false);
    expect(isDue([0], DUE_HORIZON_MS + 1)).toBe(false);
    expect(isDue([1], DUE_HORIZON_MS + 1)).toBe(true);
  });

  test('the next wake-up is the earliest future moment of any duty', () => {
    expect(nextDue([300, 100, 200], 150)).toBe(200);
    expect(nextDue([100], 150)).toBeNull();
    expect(nextDue([150], 150)).toBeNull();
    expect(planClock([{ name: 'a', times: [100, 500] }, { name: 'b', times: [400] }, { name: 'c', times: [] }], 200)).toEqual({ run: ['a'], next: 400 });
  });

  test('a recorded wake-up is replaced only when it fired, is gone, or is later than needed', () => {
    expect(mustReschedule(null, 100, 0)).toBe(true);
    expect(mustReschedule({ dueAt: 50, exists: true }, 100, 0)).toBe(false);
    expect(mustReschedule({ dueAt: 150, exists: true }, 100, 0)).toBe(true);
    expect(mustReschedule({ dueAt: 50, exists: false }, 100, 0)).toBe(true);
    expect(mustReschedule({ dueAt: 50, exists: true }, 100, 60)).toBe(true);
  });
});

describe('when the access links go', () => {
  test('the day before at the hour, then every hour until the start, and the second notice', () => {
    expect(accessLinkAt(start, 18)).toBe(limaDate(2026, 12, 14, 18, 0).getTime());
    expect(secondNoticeAt(start, settings)).toBe(limaDate(2026, 12, 15, 9, 0).getTime());
    expect(secondNoticeAt(start, { ...settings, accessLinkSecondMinutes: 0 })).toBeNull();
    const times = accessDueTimes([session(), session({ id: 'S2', status: 'Cancelada' }), session({ id: 'S3', start: null })], settings);
    expect(times[0]).toBe(limaDate(2026, 12, 14, 18, 0).getTime());
    expect(times.every((t) => t < start)).toBe(true);
    expect(times).toHaveLength(16 + 1); // 18:00 … 09:00 hourly, plus the second notice (09:00 again)
  });

  test('phases: early, access, second, over', () => {
    expect(accessPhase(start, settings, limaDate(2026, 12, 14, 17, 59).getTime())).toBe('early');
    expect(accessPhase(start, settings, limaDate(2026, 12, 14, 18, 0).getTime())).toBe('access');
    expect(accessPhase(start, settings, limaDate(2026, 12, 15, 9, 30).getTime())).toBe('second');
    expect(accessPhase(start, settings, start)).toBe('over');
  });

  test('row IDs carry the kind, the session and the recipient', () => {
    expect(sessionMailId('Enlace de acceso', 'S1', 'R1')).toBe('EA/S1/R1');
    expect(parseSessionMailId('CH/S1/R1@abc')).toEqual({ kind: 'Cambio de horario', sessionId: 'S1', recipient: 'R1' });
    expect(parseSessionMailId('XX/S1/R1')).toBeNull();
    expect(parseSessionMailId('EA/S1')).toBeNull();
  });
});

describe('who gets what', () => {
  const label = scheduleLabel(new Date(start), new Date(end));
  const registrants = [
    { id: 'R1', status: 'Inscrito', email: 'ana@correo.pe', fullName: 'Ana' },
    { id: 'R2', status: 'En lista de espera', email: 'beto@correo.pe', fullName: 'Beto' },
    { id: 'R3', status: 'Retirado', email: 'carla@correo.pe', fullName: 'Carla' },
    { id: 'R4', status: 'Anulado', email: 'dora@correo.pe', fullName: 'Dora' },
    { id: 'R5', status: 'Inscrito', email: '', fullName: 'Sin correo' },
  ];
  const input = (over: Partial<SessionPlanInput> = {}): SessionPlanInput => ({
    sessionId: 'S1',
    schedule: label,
    phase: 'access',
    force: false,
    secondAt: limaDate(2026, 12, 15, 9, 0).getTime(),
    registrants,
    rows: new Map(),
    speakerEmail: 'Ponente@Correo.pe',
    ...over,
  });
  const sent = (note = label, at = limaDate(2026, 12, 14, 18, 5).getTime()): PlanRow => ({ delivery: 'enviado', note, email: 'ana@correo.pe', sentAt: at });

  test('only confirmed registrants with an address get the link; the speaker gets the brief', () => {
    const plan = planSessionMails(input());
    expect(plan.map((p) => p.id)).toEqual(['EA/S1/R1', 'RS/S1/ponente@correo.pe']);
    expect(planSessionMails(input({ phase: 'early' }))).toEqual([]);
    expect(planSessionMails(input({ phase: 'over' }))).toEqual([]);
    expect(planSessionMails(input({ phase: 'early', force: true })).map((p) => p.kind)).toEqual(['Enlace de acceso', 'Resumen al ponente']);
  });

  test('once: a sent, interrupted or refused row is not planned again', () => {
    for (const delivery of ['enviado', 'enviando', 'error']) {
      const rows = new Map<string, PlanRow>([
        ['EA/S1/R1', { ...sent(), delivery }],
        ['RS/S1/ponente@correo.pe', { delivery, note: '', email: 'ponente@correo.pe', sentAt: 1 }],
      ]);
      expect(planSessionMails(input({ rows }))).toEqual([]);
    }
    // Refused for an address since corrected: tried again.
    const rows = new Map<string, PlanRow>([['EA/S1/R1', { delivery: 'error', note: 'Correo no válido', email: 'ana@correo', sentAt: null }]]);
    expect(planSessionMails(input({ rows })).map((p) => p.id)).toContain('EA/S1/R1');
  });

  test('the second notice goes to those who got the link before its time, not to a late one', () => {
    const early = new Map([['EA/S1/R1', sent()]]);
    expect(planSessionMails(input({ phase: 'second', rows: early })).map((p) => p.id)).toEqual(['RP/S1/R1', 'RS/S1/ponente@correo.pe']);
    const late = new Map([['EA/S1/R1', sent(label, limaDate(2026, 12, 15, 9, 10).getTime())]]);
    expect(planSessionMails(input({ phase: 'second', rows: late })).map((p) => p.id)).toEqual(['RS/S1/ponente@correo.pe']);
  });

  test('a moved session: one correction per new schedule, to those told the old one', () => {
    const moved = scheduleLabel(new Date(start + 2 * HOUR), new Date(end + 2 * HOUR));
    const rows = new Map([['EA/S1/R1', sent()]]);
    const plan = planSessionMails(input({ schedule: moved, rows, speakerEmail: '' }));
    expect(plan).toHaveLength(1);
    expect(plan[0]).toMatchObject({ id: 'CH/S1/R1', kind: 'Cambio de horario', previous: label });
    expect(plan[0]!.journalId).toMatch(/^CH\/S1\/R1@[0-9a-f]{10}$/);
    // Told: nothing more for this schedule.
    rows.set('CH/S1/R1', sent(moved, limaDate(2026, 12, 14, 20, 0).getTime()));
    expect(planSessionMails(input({ schedule: moved, rows, speakerEmail: '' }))).toEqual([]);
    // Moved again: a second correction under another journal key.
    const again = scheduleLabel(new Date(start + 3 * HOUR), new Date(end + 3 * HOUR));
    const second = planSessionMails(input({ schedule: again, rows, speakerEmail: '' }));
    expect(second).toHaveLength(1);
    expect(second[0]!.journalId).not.toBe(plan[0]!.journalId);
    expect(second[0]!.previous).toBe(moved);
  });
});

describe('the speaker\'s brief', () => {
  test('questions of confirmed registrants only, without addresses or phone numbers', () => {
    const qs = speakerQuestions([
      { status: 'Inscrito', questions: '¿Cómo formalizo mi negocio? escríbame a ana.perez@gmail.com o al 987 654 321' },
      { status: 'Inscrito', questions: '   ' },
      { status: 'En lista de espera', questions: 'No debe salir' },
      { status: 'Inscrito', questions: 'Mi DNI es 07654321, ¿puedo pedir un crédito? +51 987-654-321' },
    ]);
    expect(qs).toHaveLength(2);
    expect(qs.join(' ')).not.toMatch(/@|987|07654321/);
    expect(qs[0]).toContain('[correo omitido]');
    expect(redactContacts('Tengo 2 hijos y 3 tiendas')).toBe('Tengo 2 hijos y 3 tiendas');
  });

  test('the brief names the count and the Meet link; the access email has the Meet guide and the withdrawal link', () => {
    const brief = speakerBriefEmail({
      speaker: 'José Ñahui',
      moduleName: 'Aprende a Emprender',
      number: 1,
      topic: 'Modelo de negocio',
      start: new Date(start),
      end: new Date(end),
      meetUrl: 'https://meet.google.com/abc-defg-hij',
      registrants: 42,
      questions: ['¿Cómo empiezo?'],
    });
    expect(brief.text).toContain('Inscritos confirmados: 42');
    expect(brief.text).toContain('https://meet.google.com/abc-defg-hij');
    const mail = accessLinkEmail({
      fullName: 'Ana Pérez',
      moduleName: 'Aprende a Emprender',
      number: 1,
      topic: 'Modelo de negocio',
      start: new Date(start),
      end: new Date(end),
      meetUrl: 'https://meet.google.com/abc-defg-hij',
      speaker: 'José Ñahui',
      whatsappUrl: 'https://chat.whatsapp.com/Grupo',
      withdrawUrl: 'https://script.google.com/macros/s/x/exec?t=abc',
    });
    expect(mail.text).toContain('Google Chrome');
    expect(mail.text).toContain('https://chat.whatsapp.com/Grupo');
    expect(mail.text).toContain('?t=abc');
    expect(mail.text).toContain('10:00 a. m.');
    const fix = scheduleCorrectionEmail({ ...{ fullName: 'Ana', moduleName: 'M', number: 1, topic: 'T', start: new Date(start), end: new Date(end), meetUrl: 'https://meet.google.com/x', speaker: '', whatsappUrl: null, withdrawUrl: null }, previous: 'antes' });
    expect(fix.subject).toMatch(/^Cambio de horario/);
    expect(fix.text).toContain('respondiendo a este correo');
  });
});
