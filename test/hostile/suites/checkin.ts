/**
 * Hostile answers to the check-in form «Formato de asistencia» (B09): the document number is
 * the only free text a person types there (the session and the type are dropdowns the form
 * itself refuses to take outside their choices). Every markup, formula, control and 10 000-
 * character value, and every DNI shape of the corpus, is sent inside the session's window: each
 * response ends as attendance (only for a registrant's document) or as one 'Revisión' item, no
 * cell holds a formula or is too long, no execution fails.
 */
import type { ModuleInput, SaveModuleResult } from '../../../src/api';
import { CHECKIN_QUESTIONS as CQ } from '../../../src/domain/workshops/checkin-form';
import { createAttentionWorld, type AttentionWorld } from '../../support/attention-world';
import { putRows } from '../../support/workshop-rows';
import { brokenExecutions, formulaCells, overlongCells, reviewRows, tried } from '../checks';
import { DNI_CASES, HOSTILE_TEXTS } from '../corpus';

const MODULE: ModuleInput = {
  requestId: 'hostile-b09-checkin',
  name: 'Aprende a Emprender – Hostil',
  year: 2026,
  quarter: 'IV',
  audience: 'Emprendedores',
  capacity: 10,
  minSessions: 1,
  whatsappUrl: '',
  sessions: [{ topic: 'Sesión única', date: '2026-12-09', startTime: '18:00', endTime: '20:00', speaker: 'Carmen Vílchez', speakerEmail: 'carmen.vilchez@gmail.com' }],
};

export function checkinSuite(): void {
  describe('hostile answers to the check-in form', () => {
    let w: AttentionWorld;
    let link = '';

    beforeAll(() => {
      w = createAttentionWorld({ at: '2026-12-09T17:00' });
      const r = w.ws.callFromSidebar(w.talleres, 'saveModule', [MODULE]);
      if (!r.ok) throw new Error(r.error);
      const saved = r.value as SaveModuleResult;
      if (!saved.ok) throw new Error(JSON.stringify(saved));
      const moduleId = saved.module.id;
      // Registrants straight into the sheet: the registration code is tested elsewhere.
      putRows(w.ws, w.talleres, 'Inscripciones', [
        { 'ID de inscripción': 'I-HOSTIL-1', 'ID de módulo': moduleId, 'Tipo doc.': 'DNI', DNI: '04587963', 'Nombres y apellidos': 'Rosa Mamani', Estado: 'Inscrito' },
        { 'ID de inscripción': 'I-HOSTIL-2', 'ID de módulo': moduleId, 'Tipo doc.': 'DNI', DNI: '45879631', 'Nombres y apellidos': 'Jorge Ríos', Estado: 'Inscrito' },
      ]);
      const got = w.ws.callFromSidebar(w.talleres, 'getCheckinLink', [`${moduleId}-S1`]);
      if (!got.ok) throw new Error(got.error);
      link = String((got.value as { url: string }).url);
      w.ws.advanceTo('2026-12-09T18:05');
    });

    test('every hostile document number is accounted for: attendance for a registrant, else one «Revisión» item; no formula, no overlong cell, no failure', () => {
      const since = w.ws.state.now();
      const opened = w.ws.openFormLink(link);
      const values = [...HOSTILE_TEXTS.map((t) => t.value), ...DNI_CASES.map((c) => c.value)].filter((v) => v.trim() !== '');
      const sent = values.map((v) => w.ws.submitForm(opened.formId, { ...opened.answers, [CQ.documentType]: 'DNI', [CQ.documentNumber]: v }).responseId);
      tried('formato de asistencia', values.length);
      const attendance = w.ws.readTab(w.talleres, 'Asistencia').filter((r) => r['ID de asistencia']);
      // '4587963' (7 digits) is Rosa's 04587963 with its zero dropped; the others with 8 digits are Jorge's.
      expect(attendance.map((r) => r['ID de inscripción']).sort()).toEqual(['I-HOSTIL-1', 'I-HOSTIL-2']);
      const review = reviewRows(w.ws, w.talleres).filter((r) => r['Tipo'] === 'Asistencia por revisar');
      const accepted = values.filter((v) => ['4587963', '04587963', '45.879.631', ' 4587 9631 '].includes(v)).length;
      expect(review).toHaveLength(sent.length - accepted);
      expect(new Set(review.map((r) => r['Referencia']))).toEqual(new Set(sent.filter((id) => review.some((r) => r['Referencia'] === id))));
      expect(formulaCells(w.ws, w.talleres)).toEqual([]);
      expect(overlongCells(w.ws, w.talleres)).toEqual([]);
      expect(brokenExecutions(w.ws, since)).toEqual([]);
    });
  });
}
