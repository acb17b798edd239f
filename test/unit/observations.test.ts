/**
 * 'Observaciones' holds the consultant's text and the system's notes in one cell (the sheet's
 * history). The panel shows them apart, the consultant's with its line breaks (issue 10 item 5).
 */
import { splitObservations } from '../../src/domain/appointment';
import { limaDate } from '../../src/domain/lima-time';
import { APPOINTMENT_MESSAGES as M } from '../../src/domain/messages/appointments';
import { JOB_MESSAGES as J } from '../../src/domain/messages/attention-jobs';

describe('splitObservations', () => {
  test('the consultant\'s lines keep their breaks; the system\'s notes come apart, in order', () => {
    const cell = [
      M.observationAbandoned('No contestó el teléfono', 'Llamé dos veces'),
      M.observationReinstated('sábado 28 de noviembre de 2026, 10:20 a. m.'),
      'Se explicó el plan de negocio.',
      'Quedó en enviar su RUC.',
    ].join('\n');
    expect(splitObservations(cell)).toEqual({
      consultant: 'Se explicó el plan de negocio.\nQuedó en enviar su RUC.',
      system: ['Abandonada: No contestó el teléfono – Llamé dos veces', 'Reactivada el sábado 28 de noviembre de 2026, 10:20 a. m.'],
    });
  });

  test('every kind of line the system writes is recognised (rows written before the split too)', () => {
    const now = limaDate(2026, 11, 28, 20, 0);
    for (const line of [
      M.observationAbandoned('No se conectó a la videollamada', ''),
      M.observationCancelled(''),
      M.observationCancelled('ya no figura en el reporte de la plataforma'),
      M.observationReinstated('sábado 28 de noviembre de 2026, 10:20 a. m.'),
      J.openObservation(now),
    ]) {
      expect(splitObservations(`Texto del consultor\n${line}`)).toEqual({ consultant: 'Texto del consultor', system: [line] });
    }
  });

  test('empty, Windows line ends, and words that only resemble a note stay the consultant\'s', () => {
    expect(splitObservations('')).toEqual({ consultant: '', system: [] });
    expect(splitObservations('Primera línea\r\nSegunda línea')).toEqual({ consultant: 'Primera línea\nSegunda línea', system: [] });
    expect(splitObservations('Canceladas sus deudas, quiere formalizarse').system).toEqual([]);
  });
});
