import { MODULE_STANDARD_MINUTES, moduleTimings, REQUEST_STANDARD_MINUTES, requestTimings, type RequestMoments } from '../../../src/domain/external/timings';
import { limaDate } from '../../../src/domain/lima-time';
import { formatMinutes } from '../../../src/domain/messages/external-panel';
import type { TimingsView as PanelTimings } from '../../../src/app/external/types';

const none: RequestMoments = {
  receivedAt: '',
  sentForApprovalAt: '',
  decision: '',
  decidedAt: '',
  scheduledAt: '',
  sessionStart: '',
  heldAt: '',
  thanksAt: '',
  closedAt: '',
};

describe('formatMinutes', () => {
  it('writes days, hours and minutes without the zero parts', () => {
    expect(formatMinutes(325)).toBe('5 h 25 min');
    expect(formatMinutes(3060)).toBe('2 d 3 h');
    expect(formatMinutes(40)).toBe('40 min');
    expect(formatMinutes(0)).toBe('0 min');
    expect(formatMinutes(1441)).toBe('1 d 1 min');
  });
});

describe('requestTimings (C01–C04)', () => {
  const now = limaDate(2027, 2, 1, 12, 0);

  it('has the seed standard of 5 h 25 min and says nothing is measured before two moments', () => {
    const t = requestTimings({ ...none, receivedAt: limaDate(2027, 1, 4, 9, 0) }, now);
    expect(REQUEST_STANDARD_MINUTES).toBe(325);
    expect(t.standardMinutes).toBe(325);
    expect(t.totalElapsedMinutes).toBeNull();
    expect(t.steps.map((s) => s.code)).toEqual(['C01', 'C01', 'C02', 'C02', 'C03', 'C04', 'C04']);
    expect(t.steps.every((s) => s.elapsedMinutes === null)).toBe(true);
    expect(t.summary).toContain('Todavía no hay dos momentos');
    expect(t.summary).toContain('5 h 25 min');
  });

  it('measures each step and the whole, and says elapsed time is not hands-on time', () => {
    const t = requestTimings(
      {
        receivedAt: limaDate(2027, 1, 4, 9, 0),
        sentForApprovalAt: limaDate(2027, 1, 4, 9, 20),
        decision: 'Aprobada',
        decidedAt: limaDate(2027, 1, 5, 10, 0),
        scheduledAt: limaDate(2027, 1, 5, 10, 2),
        sessionStart: limaDate(2027, 1, 12, 10, 0),
        heldAt: limaDate(2027, 1, 12, 12, 15),
        thanksAt: limaDate(2027, 1, 13, 12, 15),
        closedAt: limaDate(2027, 1, 13, 12, 16),
      },
      now,
    );
    expect(t.steps.map((s) => s.elapsedMinutes)).toEqual([20, 24 * 60 + 40, 2, 7 * 1440 - 2, 135, 1440, 1]);
    expect(t.steps[0]).toEqual({ code: 'C01', label: 'Solicitud recibida → Enviada a aprobación', from: '04/01/2027 09:00', to: '04/01/2027 09:20', elapsedMinutes: 20 });
    expect(t.steps[1].label).toBe('Enviada a aprobación → Aprobada');
    expect(t.totalElapsedMinutes).toBe(9 * 1440 + 3 * 60 + 16);
    expect(t.summary).toContain('De «Solicitud recibida» a «Solicitud cerrada» pasaron 9 d 3 h 16 min.');
    expect(t.summary).toContain('no es tiempo de trabajo');
    expect(t.summary).toContain('Referencia: 5 h 25 min de trabajo del consultor según el procedimiento (C01–C04).');
  });

  it('counts a planned session start only once it has passed', () => {
    const t = requestTimings(
      { ...none, receivedAt: limaDate(2027, 1, 4, 9, 0), sentForApprovalAt: limaDate(2027, 1, 4, 10, 0), decision: 'Aprobada', decidedAt: limaDate(2027, 1, 5, 9, 0), scheduledAt: limaDate(2027, 1, 5, 9, 1), sessionStart: limaDate(2027, 3, 1, 10, 0) },
      now,
    );
    expect(t.steps[3]).toMatchObject({ to: '', elapsedMinutes: null });
    expect(t.totalElapsedMinutes).toBe(1441);
    expect(t.summary).toContain('Hasta ahora, de «Solicitud recibida» a «Taller programado (inscripción abierta)»');
  });

  it('ends a rejected request at its decision', () => {
    const t = requestTimings({ ...none, receivedAt: limaDate(2027, 1, 4, 9, 0), sentForApprovalAt: limaDate(2027, 1, 4, 9, 30), decision: 'Rechazada', decidedAt: limaDate(2027, 1, 4, 15, 30) }, now);
    expect(t.steps).toHaveLength(2);
    expect(t.steps[1].label).toBe('Enviada a aprobación → Rechazada');
    expect(t.totalElapsedMinutes).toBe(390);
    expect(t.summary).toMatch(/^De «Solicitud recibida» a «Rechazada» pasaron 6 h 30 min\./);
  });

  it('ignores what is not a date (a person typed over a cell) and never counts negative minutes', () => {
    const t = requestTimings({ ...none, receivedAt: limaDate(2027, 1, 4, 9, 0), sentForApprovalAt: 'ayer', decision: 'Aprobada', decidedAt: limaDate(2027, 1, 4, 8, 0) }, now);
    expect(t.steps[0]).toMatchObject({ to: '', elapsedMinutes: null });
    // The decision's step starts from the nearest earlier moment reached (the reception).
    expect(t.steps[1]).toMatchObject({ label: 'Solicitud recibida → Aprobada', elapsedMinutes: 0 });
    expect(t.totalElapsedMinutes).toBe(60);
  });

  it('returns the shape the panel expects', () => {
    const t: PanelTimings = requestTimings(none, now);
    expect(t.steps).toHaveLength(7);
  });
});

describe('moduleTimings (B01–B12)', () => {
  const now = limaDate(2027, 4, 1, 12, 0);
  it('has the seed standard of 2 d 3 h and measures from the creation to the report', () => {
    const t = moduleTimings(
      {
        createdAt: limaDate(2027, 1, 4, 9, 0),
        programmeSentAt: limaDate(2027, 1, 4, 11, 0),
        factSheetAt: '',
        sessions: [
          { start: limaDate(2027, 2, 1, 10, 0), end: limaDate(2027, 2, 1, 12, 0) },
          { start: limaDate(2027, 2, 8, 10, 0), end: limaDate(2027, 2, 8, 12, 0) },
        ],
        consolidatedAt: limaDate(2027, 2, 9, 9, 0),
        reportSentAt: limaDate(2027, 2, 9, 10, 0),
      },
      now,
    );
    expect(MODULE_STANDARD_MINUTES).toBe(3060);
    expect(t.standardMinutes).toBe(3060);
    expect(t.steps.map((s) => s.code)).toEqual(['B03', 'B05', 'B07', 'B09', 'B12', 'B12']);
    expect(t.steps[0].elapsedMinutes).toBe(120);
    expect(t.steps[1].elapsedMinutes).toBeNull();
    // The first session's step starts from the programme (the ficha técnica was never made).
    expect(t.steps[2].label).toBe('Programación enviada a la Sub Dirección → Inicio de la primera sesión');
    expect(t.steps[3]).toMatchObject({ from: '01/02/2027 10:00', to: '08/02/2027 12:00', elapsedMinutes: 7 * 1440 + 120 });
    expect(t.summary).toContain('Referencia: 2 d 3 h de trabajo del consultor según el procedimiento (B01–B12).');
    expect(t.summary).toContain('no es tiempo de trabajo');
  });

  it('does not count the last session before every session has ended', () => {
    const t = moduleTimings(
      {
        createdAt: limaDate(2027, 3, 1, 9, 0),
        programmeSentAt: '',
        factSheetAt: '',
        sessions: [
          { start: limaDate(2027, 3, 20, 10, 0), end: limaDate(2027, 3, 20, 12, 0) },
          { start: limaDate(2027, 4, 20, 10, 0), end: limaDate(2027, 4, 20, 12, 0) },
        ],
        consolidatedAt: '',
        reportSentAt: '',
      },
      now,
    );
    expect(t.steps[2].elapsedMinutes).toBe(19 * 1440 + 60);
    expect(t.steps[3].elapsedMinutes).toBeNull();
  });
});
