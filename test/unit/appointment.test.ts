import {
  abandonAppointment,
  ABANDON_REASONS,
  appendObservation,
  cancelAppointment,
  cancelByHand,
  CONSULTATION_TOPICS,
  isEarlierDay,
  finishAttention,
  recordConsultation,
  reinstateAppointment,
  STANDARD_ATTENTION_MINUTES,
  startAttention,
  toleranceState,
  type AppointmentFacts,
  type TransitionResult,
} from '../../src/domain/appointment';
import { limaDate } from '../../src/domain/lima-time';

const start = limaDate(2026, 11, 27, 15, 30); // viernes 27, 3:30 p. m. Lima
const at = (h: number, m: number, s = 0) => new Date(limaDate(2026, 11, 27, h, m).getTime() + s * 1000);
const appt = (over: Partial<AppointmentFacts> = {}): AppointmentFacts => ({ status: 'Programada', start, ...over });

function refusal(r: TransitionResult): string {
  if (r.ok) throw new Error('expected a refusal, got ' + JSON.stringify(r.patch));
  return r.message;
}
function patchOf(r: TransitionResult) {
  if (!r.ok) throw new Error('expected success, got: ' + r.message);
  return r.patch;
}

describe('catalogues', () => {
  test('standard time and lists the consultant chooses from', () => {
    expect(STANDARD_ATTENTION_MINUTES).toBe(35);
    expect(ABANDON_REASONS).toContain('No se conectó a la videollamada');
    expect(ABANDON_REASONS[ABANDON_REASONS.length - 1]).toBe('Otro');
    expect(CONSULTATION_TOPICS).toContain('Formalización (RUC, licencias)');
    expect(CONSULTATION_TOPICS).toHaveLength(8);
  });
});

describe('Iniciar (A04)', () => {
  test('records the start and puts the appointment in attention', () => {
    expect(patchOf(startAttention(appt(), at(15, 28)))).toEqual({ status: 'En atención', startedAt: at(15, 28) });
  });

  test('works for an evening appointment whose UTC date is already the next day', () => {
    const evening = limaDate(2026, 11, 27, 20, 0); // 01:00 UTC on the 28th
    expect(startAttention(appt({ start: evening }), limaDate(2026, 11, 27, 19, 58)).ok).toBe(true);
  });

  test('refuses another day with the date of the appointment', () => {
    expect(refusal(startAttention(appt(), limaDate(2026, 11, 26, 15, 30)))).toBe(
      'Esta cita es del viernes 27 de noviembre de 2026; solo se puede iniciar ese día.',
    );
  });

  test('refuses a second start, a finished, an abandoned or a cancelled appointment', () => {
    expect(refusal(startAttention(appt({ status: 'En atención' }), at(15, 31)))).toBe('Esta cita ya está en atención.');
    expect(refusal(startAttention(appt({ status: 'Atendida' }), at(15, 31)))).toMatch(/ya fue finalizada/);
    expect(refusal(startAttention(appt({ status: 'Abandonada' }), at(15, 31)))).toMatch(/primero reactívela/);
    expect(refusal(startAttention(appt({ status: 'Cancelada' }), at(15, 31)))).toMatch(/cancelada/);
  });
});

describe('Finalizar (A06)', () => {
  const inAttention = appt({ status: 'En atención', startedAt: at(15, 32), observations: 'Llegó tarde' });

  test('records the end, the duration and queues the survey', () => {
    const p = patchOf(finishAttention(inAttention, at(16, 9, 20), { observations: 'Se derivó a taller', topic: 'Financiamiento', notes: 'Busca crédito' }));
    expect(p).toEqual({
      status: 'Atendida',
      endedAt: at(16, 9, 20),
      durationMinutes: 37,
      surveyStatus: 'pendiente',
      observations: 'Llegó tarde\nSe derivó a taller',
      topic: 'Financiamiento',
      notes: 'Busca crédito',
    });
  });

  test('does not touch observations when none are typed', () => {
    expect(patchOf(finishAttention(inAttention, at(16, 0))).observations).toBeUndefined();
  });

  test('finishes a row set "En atención" by hand, with unknown duration', () => {
    expect(patchOf(finishAttention(appt({ status: 'En atención' }), at(16, 0))).durationMinutes).toBeNull();
  });

  test('refuses to finish what was not started, or twice', () => {
    expect(refusal(finishAttention(appt(), at(16, 0)))).toBe('No se puede finalizar una cita que no se ha iniciado.');
    expect(refusal(finishAttention(appt({ status: 'Atendida' }), at(16, 0)))).toBe('Esta cita ya fue finalizada.');
    expect(refusal(finishAttention(appt({ status: 'Abandonada' }), at(16, 0)))).toMatch(/abandonada/);
  });

  test('refuses a topic outside the list and overlong observations', () => {
    const r = finishAttention(inAttention, at(16, 0), { topic: 'Astrología' });
    expect(r).toMatchObject({ ok: false, code: 'invalid-topic', message: 'Elija el tema de la consulta de la lista.' });
    expect(refusal(finishAttention(inAttention, at(16, 0), { observations: 'x'.repeat(2001) }))).toMatch(/máximo 2000/);
  });
});

describe('Marcar abandonada (A03)', () => {
  test('after the tolerance: status, reason in Observaciones, abandonment email queued', () => {
    const p = patchOf(abandonAppointment(appt({ observations: 'Reprogramada una vez' }), at(15, 35), { reason: 'No contestó el teléfono' }));
    expect(p).toEqual({
      status: 'Abandonada',
      abandonReason: 'No contestó el teléfono',
      abandonedAt: at(15, 35),
      observations: 'Reprogramada una vez\nAbandonada: No contestó el teléfono',
      abandonmentEmailStatus: 'pendiente',
    });
  });

  test('refuses during the 5-minute tolerance, saying from when it is allowed', () => {
    expect(refusal(abandonAppointment(appt(), at(15, 34, 59), { reason: 'No contestó el teléfono' }))).toBe(
      'Todavía no terminan los 5 minutos de tolerancia: podrá marcar la cita como abandonada desde las 3:35 p. m.',
    );
    expect(abandonAppointment(appt(), at(14, 0), { reason: 'No contestó el teléfono' })).toMatchObject({ ok: false, code: 'tolerance-not-over' });
  });

  test('"Otro" needs a detail, which is kept with the reason', () => {
    expect(refusal(abandonAppointment(appt(), at(16, 0), { reason: 'Otro', detail: '  ' }))).toMatch(/Escriba el motivo/);
    const p = patchOf(abandonAppointment(appt(), at(16, 0), { reason: 'Otro', detail: 'Se cortó la luz en su zona' }));
    expect(p.abandonReason).toBe('Otro – Se cortó la luz en su zona');
    expect(p.observations).toBe('Abandonada: Otro – Se cortó la luz en su zona');
  });

  test('refuses a reason outside the list', () => {
    expect(refusal(abandonAppointment(appt(), at(16, 0), { reason: 'porque sí' }))).toBe('Elija el motivo del abandono de la lista.');
  });

  test('only from Programada: a finished or started attention is not an abandonment', () => {
    const why = { reason: 'No se conectó a la videollamada' };
    expect(refusal(abandonAppointment(appt({ status: 'Atendida' }), at(16, 0), why))).toBe(
      'Esta cita ya fue finalizada; no se puede marcar como abandonada.',
    );
    expect(refusal(abandonAppointment(appt({ status: 'En atención' }), at(16, 0), why))).toMatch(/finalícela/);
    expect(refusal(abandonAppointment(appt({ status: 'Abandonada' }), at(16, 0), why))).toBe('Esta cita ya está marcada como abandonada.');
  });
});

describe('Cancelar (import)', () => {
  test('a future scheduled appointment is cancelled with the reason noted', () => {
    const p = patchOf(cancelAppointment(appt(), at(9, 0), 'Ya no figura en el reporte de la plataforma'));
    expect(p).toEqual({
      status: 'Cancelada',
      cancelledAt: at(9, 0),
      observations: 'Cancelada: Ya no figura en el reporte de la plataforma',
    });
  });

  test('a past appointment or one already worked on is not cancelled', () => {
    expect(refusal(cancelAppointment(appt(), at(15, 30)))).toMatch(/ya pasó/);
    expect(refusal(cancelAppointment(appt({ status: 'Atendida' }), at(9, 0)))).toBe('Esta cita ya fue atendida; no se puede cancelar.');
    expect(refusal(cancelAppointment(appt({ status: 'En atención' }), at(9, 0)))).toMatch(/ya se inició/);
  });
});

describe('an earlier day\'s leftover (issue 10)', () => {
  const nextDay = (h: number, m: number) => limaDate(2026, 11, 28, h, m);
  const threeDaysLater = limaDate(2026, 11, 30, 8, 5);

  test('isEarlierDay compares Lima days, not instants', () => {
    expect(isEarlierDay(start, at(23, 59))).toBe(false);
    expect(isEarlierDay(start, nextDay(0, 0))).toBe(true);
    expect(isEarlierDay(nextDay(9, 0), at(23, 0))).toBe(false);
  });

  test('a Programada one is finished afterwards with the duration given; the end is its start plus that', () => {
    const p = patchOf(finishAttention(appt({ observations: 'Reprogramada' }), nextDay(9, 0), { durationMinutes: '40', observations: 'Se atendió por teléfono', topic: 'Financiamiento' }));
    expect(p).toEqual({
      status: 'Atendida',
      startedAt: start,
      endedAt: new Date(start.getTime() + 40 * 60_000),
      durationMinutes: 40,
      surveyStatus: 'pendiente',
      observations: 'Reprogramada\nSe atendió por teléfono\nCerrada el sábado 28 de noviembre de 2026, 9:00 a. m. (cita de un día anterior)',
      topic: 'Financiamiento',
    });
  });

  test('an En atención one keeps its real start; the click days later is not its end', () => {
    const p = patchOf(finishAttention(appt({ status: 'En atención', startedAt: at(15, 33) }), threeDaysLater, { durationMinutes: 25 }));
    expect(p.startedAt).toEqual(at(15, 33));
    expect(p.endedAt).toEqual(at(15, 58));
    expect(p.durationMinutes).toBe(25);
  });

  test('the duration is required, whole, from 1 to 240 minutes', () => {
    for (const bad of [undefined, '', '0', '-5', '12.5', '241', 'media hora', 0, 1.5, 600]) {
      expect(finishAttention(appt({ status: 'En atención', startedAt: at(15, 33) }), nextDay(9, 0), { durationMinutes: bad as never })).toMatchObject({
        ok: false,
        code: 'duration-required',
      });
    }
  });

  test('on its own day a Programada one still cannot be finished, and the duration typed is ignored', () => {
    expect(refusal(finishAttention(appt(), at(16, 0), { durationMinutes: 30 }))).toBe('No se puede finalizar una cita que no se ha iniciado.');
    expect(patchOf(finishAttention(appt({ status: 'En atención', startedAt: at(15, 32) }), at(16, 0), { durationMinutes: 5 })).durationMinutes).toBe(28);
  });

  test('abandoned afterwards without queuing the abandonment email', () => {
    const p = patchOf(abandonAppointment(appt(), nextDay(9, 0), { reason: 'No contestó el teléfono' }));
    expect(p.status).toBe('Abandonada');
    expect(p.abandonmentEmailStatus).toBe('');
  });

  test('it still cannot be started, nor reinstated once abandoned', () => {
    expect(startAttention(appt(), nextDay(9, 0))).toMatchObject({ ok: false, code: 'wrong-day' });
    expect(reinstateAppointment(appt({ status: 'Abandonada' }), nextDay(9, 0))).toMatchObject({ ok: false, code: 'wrong-day' });
  });
});

describe('«Cancelar cita» by hand', () => {
  test('any Programada one — ahead, past today, or an earlier day — with a reason into Observaciones', () => {
    for (const now of [at(9, 0), at(17, 0), limaDate(2026, 11, 30, 9, 0)]) {
      expect(patchOf(cancelByHand(appt({ observations: 'Nota' }), now, '  La usuaria pidió   cancelar '))).toEqual({
        status: 'Cancelada',
        cancelledAt: now,
        observations: 'Nota\nCancelada: La usuaria pidió cancelar',
      });
    }
  });

  test('the reason is required (at least 5 characters) and not overlong', () => {
    expect(refusal(cancelByHand(appt(), at(9, 0), '  abc  '))).toBe('Escriba el motivo de la cancelación (al menos 5 caracteres).');
    expect(cancelByHand(appt(), at(9, 0), '')).toMatchObject({ ok: false, code: 'reason-required' });
    expect(refusal(cancelByHand(appt(), at(9, 0), 'x'.repeat(2001)))).toMatch(/máximo 2000/);
  });

  test('only Programada', () => {
    expect(refusal(cancelByHand(appt({ status: 'En atención' }), at(16, 0), 'duplicada'))).toMatch(/ya se inició/);
    expect(refusal(cancelByHand(appt({ status: 'Atendida' }), at(16, 0), 'duplicada'))).toMatch(/atendida/);
    expect(refusal(cancelByHand(appt({ status: 'Abandonada' }), at(16, 0), 'duplicada'))).toMatch(/abandonada/);
    expect(refusal(cancelByHand(appt({ status: 'Cancelada' }), at(16, 0), 'duplicada'))).toBe('Esta cita ya está cancelada.');
  });

  test('the import\'s inference still refuses a past one', () => {
    expect(refusal(cancelAppointment(appt(), nextDayAt9()))).toMatch(/ya pasó/);
  });
});
function nextDayAt9(): Date {
  return limaDate(2026, 11, 28, 9, 0);
}

describe('Reactivar', () => {
  test('an abandoned appointment comes back the same day; an unsent abandonment email is withdrawn', () => {
    const abandoned = appt({ status: 'Abandonada', observations: 'Abandonada: No contestó el teléfono', abandonmentEmailStatus: 'pendiente' });
    const p = patchOf(reinstateAppointment(abandoned, at(15, 50)));
    expect(p.status).toBe('Programada');
    expect(p.abandonReason).toBe('');
    expect(p.abandonmentEmailStatus).toBe('');
    expect(p.observations).toBe('Abandonada: No contestó el teléfono\nReactivada el viernes 27 de noviembre de 2026, 3:50 p. m.');
  });

  test('an abandonment email already sent stays recorded as sent', () => {
    const p = patchOf(reinstateAppointment(appt({ status: 'Abandonada', abandonmentEmailStatus: 'enviado' }), at(15, 50)));
    expect(p.abandonmentEmailStatus).toBeUndefined();
  });

  test('refuses on a later day, for a past cancellation, and when there is nothing to reactivate', () => {
    expect(refusal(reinstateAppointment(appt({ status: 'Abandonada' }), limaDate(2026, 11, 28, 9, 0)))).toMatch(
      /era del viernes 27 de noviembre de 2026; ya no se puede reactivar/,
    );
    expect(reinstateAppointment(appt({ status: 'Cancelada' }), at(9, 0)).ok).toBe(true);
    expect(refusal(reinstateAppointment(appt({ status: 'Cancelada' }), at(16, 0)))).toMatch(/ya pasó/);
    expect(refusal(reinstateAppointment(appt(), at(9, 0)))).toBe('Esta cita ya está programada.');
    expect(refusal(reinstateAppointment(appt({ status: 'Atendida' }), at(17, 0)))).toMatch(/ya fue atendida/);
  });
});

describe('Tema y notas (A05)', () => {
  test('recorded during the attention; only fields given are written', () => {
    expect(patchOf(recordConsultation(appt({ status: 'En atención' }), { topic: 'Plan de negocio' }))).toEqual({ topic: 'Plan de negocio' });
    expect(refusal(recordConsultation(appt(), { topic: 'Plan de negocio' }))).toBe('Inicie la atención antes de registrar el tema de la consulta.');
    expect(refusal(recordConsultation(appt({ status: 'En atención' }), { topic: 'Otro tema' }))).toBe('Elija el tema de la consulta de la lista.');
  });
});

describe('tolerance countdown', () => {
  test('before the start, during the five minutes, and late', () => {
    expect(toleranceState(start, at(15, 20))).toEqual({ phase: 'before', secondsLeft: 600 });
    expect(toleranceState(start, at(15, 30))).toEqual({ phase: 'tolerance', secondsLeft: 300 });
    expect(toleranceState(start, new Date(at(15, 34, 59).getTime() + 500))).toEqual({ phase: 'tolerance', secondsLeft: 1 });
    expect(toleranceState(start, at(15, 35))).toEqual({ phase: 'late', secondsLeft: 0 });
    expect(toleranceState(start, at(15, 31), 10)).toEqual({ phase: 'tolerance', secondsLeft: 540 });
  });
});

test('appendObservation keeps earlier lines and ignores empty additions', () => {
  expect(appendObservation('', 'Primera')).toBe('Primera');
  expect(appendObservation('Primera', '  ')).toBe('Primera');
  expect(appendObservation(undefined, 'A')).toBe('A');
});
