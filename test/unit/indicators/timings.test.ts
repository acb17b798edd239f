/**
 * The procedure's real time (issue 15 item 2) against values computed by hand from the moments
 * below (every figure's arithmetic is in the comment next to it).
 */
import { monthPeriod } from '../../../src/domain/indicators/period';
import {
  ACTIVITIES,
  computeTimings,
  median,
  timingsSection,
  type AttentionTimes,
  type ModuleTimes,
  type TimingsFigures,
  type TimingsInput,
} from '../../../src/domain/indicators/timings';
import type { RequestMoments } from '../../../src/domain/external/timings';
import { limaDate } from '../../../src/domain/lima-time';

const D = (day: number, h: number, m = 0, month = 12) => limaDate(2026, month, day, h, m);

function attention(o: Partial<AttentionTimes>): AttentionTimes {
  return { status: 'Programada', scheduled: null, importedAt: null, reminderSentAt: null, extranetNotified: false, startedAt: null, endedAt: null, durationMinutes: null, ...o };
}

function module(o: Partial<ModuleTimes>): ModuleTimes {
  return { external: false, createdAt: null, programmeSentAt: null, factSheetAt: null, consolidatedAt: null, reportSentAt: null, sessions: [], manualMarks: 0, ...o };
}

function request(o: Partial<RequestMoments>): RequestMoments {
  return { receivedAt: null, sentForApprovalAt: null, decision: '', decidedAt: null, scheduledAt: null, sessionStart: null, heldAt: null, thanksAt: null, closedAt: null, ...o };
}

const input: TimingsInput = {
  attentions: [
    attention({ status: 'Atendida', scheduled: D(3, 10), importedAt: D(1, 9), reminderSentAt: D(2, 8), extranetNotified: true, startedAt: D(3, 10, 3), endedAt: D(3, 10, 31), durationMinutes: 28 }),
    attention({ status: 'Atendida', scheduled: D(3, 11), importedAt: D(2, 12), reminderSentAt: D(2, 12, 10), startedAt: D(3, 11), endedAt: D(3, 11, 40) }),
    attention({ status: 'Abandonada', scheduled: D(4, 9), importedAt: D(30, 9, 0, 11), reminderSentAt: D(3, 8), extranetNotified: true }),
    attention({ status: 'Cancelada', scheduled: D(5, 9), importedAt: D(1, 9) }),
    // November: outside the period.
    attention({ status: 'Atendida', scheduled: D(28, 10, 0, 11), importedAt: D(27, 9, 0, 11), reminderSentAt: D(27, 10, 0, 11), startedAt: D(28, 10, 30, 11), endedAt: D(28, 12, 0, 11), durationMinutes: 90 }),
  ],
  modules: [
    module({
      createdAt: D(1, 9),
      programmeSentAt: D(1, 10),
      factSheetAt: D(2, 9),
      sessions: [
        { start: D(10, 18), end: D(10, 20), isClosing: false },
        { start: D(12, 18), end: D(12, 19, 30), isClosing: false },
        { start: D(15, 18), end: D(15, 18, 40), isClosing: true },
      ],
      consolidatedAt: D(16, 10),
      reportSentAt: D(16, 11),
      manualMarks: 6,
    }),
    // Created in November; its only session has not ended by `now`.
    module({ createdAt: D(20, 9, 0, 11), programmeSentAt: D(2, 9), sessions: [{ start: D(20, 18), end: D(20, 20), isClosing: false }], manualMarks: 2 }),
    // An external workshop: its session counts under C03, its marks under C04.
    module({ external: true, sessions: [{ start: D(9, 9), end: D(9, 11), isClosing: false }], manualMarks: 4 }),
  ],
  requests: [
    request({ receivedAt: D(1, 8), sentForApprovalAt: D(1, 8, 30), decision: 'Aprobada', decidedAt: D(2, 10), scheduledAt: D(2, 10, 5), sessionStart: D(9, 9), heldAt: D(9, 11, 30), thanksAt: D(9, 12), closedAt: D(11, 9) }),
    request({ receivedAt: D(3, 9), sentForApprovalAt: D(3, 9, 20), decision: 'Rechazada', decidedAt: D(3, 10, 20) }),
  ],
};

const period = monthPeriod(2026, 12);
const now = D(18, 12);

function byCode(f: TimingsFigures): Record<string, { cases: number; handsOn: number | null; elapsed: number | null }> {
  return Object.fromEntries(f.activities.map((a) => [a.code, { cases: a.cases, handsOn: a.handsOn, elapsed: a.elapsed }]));
}

describe('the procedure real time per activity', () => {
  const f = computeTimings(input, period, now);
  const c = byCode(f);

  it('lists every activity code of the seed once, with its standard minutes (A 35 min, C 5 h 25 min)', () => {
    expect(f.activities.map((a) => a.code)).toEqual(['A01', 'A02', 'A03', 'A04', 'A05', 'A06', 'A07', 'B01', 'B02', 'B03', 'B04', 'B05', 'B06', 'B07', 'B08', 'B09', 'B10', 'B11', 'B12', 'C01', 'C02', 'C03', 'C04']);
    expect(f.totals.A.standard).toBe(35); // 5 + 5 + 15 + 10
    expect(f.totals.C.standard).toBe(325); // 15 + 10 + 120 + 180
    expect(f.totals.B.standard).toBe(1200); // 180+120+5+30+60+5+120+240+60+20+360 (the seed's rows; its stated total is 2 d 3 h)
  });

  it('attentions: cases by scheduled time, the wait and the call measured, the reminder automatic', () => {
    // A01: imported → scheduled: 2940, 1380, 5760, 5760 → median (2940 + 5760) / 2.
    expect(c.A01).toEqual({ cases: 4, handsOn: null, elapsed: 4350 });
    // A02: 3 reminded, 2 with the extranet notice ticked: (1 + 0 + 1) / 3 = 0.67; imported → reminder 1380, 10, 4260.
    expect(c.A02).toEqual({ cases: 3, handsOn: 0.7, elapsed: 1380 });
    // A03: waits 3 and 0 (attended), 5 (abandoned: the tolerance) → 8 / 3; elapsed over the attended: (0 + 3) / 2 → 2.
    expect(c.A03).toEqual({ cases: 3, handsOn: 2.7, elapsed: 2 });
    expect(c.A04).toEqual({ cases: 2, handsOn: null, elapsed: null });
    // A06: 28 (recorded) and 40 (11:00 → 11:40, no duration recorded).
    expect(c.A06).toEqual({ cases: 2, handsOn: 34, elapsed: 34 });
    expect(c.A07).toEqual({ cases: 2, handsOn: 0, elapsed: null });
    // 0.7 + 2.7 + 34 + 0 per attention; 2 attended + 1 abandoned.
    expect(f.totals.A).toEqual({ standard: 35, handsOn: 37.4, estimated: 0.7, cases: 3 });
  });

  it('internal modules: each step placed by its own moment; estimates where a person still works', () => {
    expect(c.B01).toEqual({ cases: 1, handsOn: 180, elapsed: null });
    expect(c.B02).toEqual({ cases: 1, handsOn: 120, elapsed: null });
    // B03: created → programme 60 (module 1), 20 Nov 09:00 → 2 Dec 09:00 = 17280 (module 2).
    expect(c.B03).toEqual({ cases: 2, handsOn: 0, elapsed: 8670 });
    expect(c.B04).toEqual({ cases: 1, handsOn: 30, elapsed: null });
    // B05: programme 1 Dec 10:00 → ficha 2 Dec 09:00.
    expect(c.B05).toEqual({ cases: 1, handsOn: 0, elapsed: 1380 });
    // B07: the two ended non-closing sessions, 120 and 90 min (module 2's has not ended).
    expect(c.B07).toEqual({ cases: 2, handsOn: 105, elapsed: 105 });
    expect(c.B06).toEqual({ cases: 2, handsOn: 0, elapsed: null });
    // B09: module 1 (all sessions ended): 6 manual marks × 1 min; first start 10 Dec 18:00 → last end 15 Dec 18:40.
    expect(c.B09).toEqual({ cases: 1, handsOn: 6, elapsed: 7240 });
    expect(c.B10).toEqual({ cases: 1, handsOn: 60, elapsed: null });
    expect(c.B11).toEqual({ cases: 1, handsOn: 20, elapsed: 40 });
    // B12: last end 15 Dec 18:40 → consolidated 16 Dec 10:00 (920) → report 11:00 (60).
    expect(c.B12).toEqual({ cases: 1, handsOn: 0, elapsed: 980 });
    // 180 + 120 + 0 + 30 + 0 + 0 + 105 + 0 + 6 + 60 + 20 + 0; modules 1 and 2.
    expect(f.totals.B).toEqual({ standard: 1200, handsOn: 521, estimated: 416, cases: 2 }); // estimated: 180 + 120 + 30 + 6 + 60 + 20
  });

  it('external requests: C01–C04 from the request moments, C03 from the workshop session', () => {
    // C01: 30 + 1530 (approved), 20 + 60 (rejected) → (80 + 1560) / 2.
    expect(c.C01).toEqual({ cases: 2, handsOn: 15, elapsed: 820 });
    // C02: decided → scheduled 5, scheduled → session 10015.
    expect(c.C02).toEqual({ cases: 1, handsOn: 0, elapsed: 10020 });
    // C03: the session 09:00–11:00; session start → held 11:30.
    expect(c.C03).toEqual({ cases: 1, handsOn: 120, elapsed: 150 });
    // C04: 60 (Silnet) + 4 manual marks / 1 closed request; held → thanks 30, thanks → closed 2700.
    expect(c.C04).toEqual({ cases: 1, handsOn: 64, elapsed: 2730 });
    expect(f.totals.C).toEqual({ standard: 325, handsOn: 199, estimated: 79, cases: 2 }); // estimated: 15 + 64
  });

  it('a period with nothing in it shows no cases and no minutes', () => {
    const empty = computeTimings(input, monthPeriod(2026, 10), now);
    expect(empty.activities.every((a) => a.cases === 0 && a.handsOn === null)).toBe(true);
    expect(empty.totals.A.handsOn).toBeNull();
  });

  it('moments after now are not reached yet (a session planned later this month)', () => {
    const early = byCode(computeTimings(input, period, D(11, 0)));
    expect(early.B07.cases).toBe(1); // only the 10 Dec session has ended
    expect(early.B12.cases).toBe(0);
  });

  it('bad cells do not make figures: a negative or missing duration falls back to Inicio → Fin, an attended row without times is not a call', () => {
    const odd = computeTimings(
      {
        attentions: [
          attention({ status: 'Atendida', scheduled: D(3, 10), startedAt: D(3, 10), endedAt: D(3, 10, 20), durationMinutes: -300 }),
          attention({ status: 'Atendida', scheduled: D(3, 11), startedAt: null, endedAt: null, durationMinutes: 500 }),
        ],
        modules: [],
        requests: [],
      },
      period,
      now,
    );
    expect(byCode(odd).A06).toEqual({ cases: 1, handsOn: 20, elapsed: 20 });
  });

  it('median of an even count is the mean of the middle two', () => {
    expect(median([4, 1, 3, 10])).toBe(4); // (3 + 4) / 2 = 3.5 → 4
    expect(median([])).toBeNull();
  });

  it('the section: a chart of standard against real, the detail with who does each step and an explained estimate', () => {
    const s = timingsSection(f);
    expect(s.key).toBe('tiempos');
    const [chart, detail] = s.tables;
    expect(chart.chart).toBe('bar');
    expect(chart.header).toEqual(['Actividad', 'Estándar (min)', 'Real (min)']);
    expect(chart.rows.find((r) => r[0] === 'A06')).toEqual(['A06', 15, 34]);
    expect(chart.rows.every((r) => typeof r[1] === 'number' && typeof r[2] === 'number')).toBe(true);
    expect(detail.rows).toHaveLength(ACTIVITIES.length);
    expect(detail.rows.find((r) => r[0] === 'A07')).toEqual(['A07', 'Registro de la atención', 'El producto (≈0 min del consultor)', 10, 0, 'Automático', '—', 2]);
    expect(detail.rows.find((r) => r[0] === 'B10')?.[5]).toBe('Estimado');
    expect(detail.note).toMatch(/no es tiempo de trabajo/);
    expect(detail.note).toMatch(/B10: el estándar: Silnet no tiene API/);
    expect(s.headline[0]).toEqual(['Atención personalizada: estándar 35 min · real por caso', '37 min (3 casos; 1 min estimados)']);
    expect(s.headline[1][1]).toBe('8 h 41 min (2 casos; 6 h 56 min estimados)');
    expect(detail.rows.find((r) => r[0] === 'B09')?.[6]).toBe('5 d 40 min'); // 7240 min
    expect(timingsSection(f, ['«Programación Talleres Masivos»']).headline.at(-1)?.[0]).toBe('Sin acceso a');
  });
});
