/**
 * C01 with hostile input: institutions whose names, districts and notes hold formulas, markup,
 * odd shapes and invisible characters send the request form. A name with letters is a request
 * whose cells read back as typed (tidied as documented) and whose acknowledgment escapes it; one
 * without letters, a contact name with markup, or 10,000 characters of notes goes to 'Revisión'
 * with its answers cut, and the institution is told what to fix; nothing fails, no cell becomes a
 * formula, none is too long, no email carries raw markup.
 */
import { REQUEST_QUESTIONS as Q } from '../../../src/domain/external/request-form';
import { createAttentionWorld, type AttentionWorld } from '../../support/attention-world';
import { requestAnswers, validRuc } from '../../support/external-request-answers';
import { brokenExecutions, formulaCells, overlongCells, reviewRows, tried } from '../checks';
import { escaped, HOSTILE_TEXTS, LONG_10K, RAW_HTML_MARKERS } from '../corpus';

const TAB = 'Solicitudes externas';

export function externalRequestSuite(): void {
  describe('hostile input through the institutions\' request form (C01)', () => {
    let w: AttentionWorld;
    let formId = '';
    const ruc = (i: number) => validRuc(`20${String(60_000_000 + i).padStart(8, '0')}`);
    const emailOf = (i: number) => `contacto.${i}@institucion.edu.pe`;
    const hasLetter = (s: string) => /\p{L}/u.test(s);

    beforeAll(() => {
      w = createAttentionWorld({ at: '2026-12-04T10:00' });
      formId = w.ws.project(w.talleres).documentProperties['SOE_EXTERNAL_REQUEST_FORM_ID'] ?? '';
      if (!formId) throw new Error('no request form');
    });

    test('hostile institution names, districts and notes: kept as text when they name something, else «Revisión»; each contact answered once, escaped', () => {
      // A blank answer to a required question is refused by the form itself (never reaches the product).
      const texts = HOSTILE_TEXTS.filter((t) => t.value.trim() !== '');
      texts.forEach((t, i) => {
        w.ws.advanceBy(1_000);
        w.ws.submitForm(formId, requestAnswers({ name: t.value, ruc: ruc(i), contact: 'Rosa Quispe', email: emailOf(i) }, { [Q.district]: `${t.value} Lurín`, [Q.notes]: t.value }));
      });
      tried('solicitudes externas (textos)', texts.length);
      const rows = w.ws.readTab(w.talleres, TAB);
      const review = reviewRows(w.ws, w.talleres).filter((r) => String(r.Tipo).startsWith('Solicitud externa'));
      texts.forEach((t, i) => {
        const mine = rows.filter((r) => r.RUC === ruc(i));
        const institutionOk = hasLetter(t.tidy) && t.tidy.length <= 200;
        if (institutionOk) {
          expect([t.label, mine.length]).toEqual([t.label, 1]);
          expect([t.label, mine[0]!['Institución']]).toEqual([t.label, t.tidy]);
          expect([t.label, mine[0]!['Observaciones de la institución']]).toEqual([t.label, t.tidy]);
          const ack = w.ws.outbox().filter((m) => m.to.includes(emailOf(i)) && m.subject.startsWith('Recibimos su solicitud'));
          expect([t.label, ack.length]).toEqual([t.label, 1]);
          if (t.family === 'html') expect(ack[0]!.htmlBody).toContain(escaped(t.tidy));
        } else {
          expect([t.label, mine.length]).toEqual([t.label, 0]);
          const fix = w.ws.outbox().filter((m) => m.to.includes(emailOf(i)) && m.subject.includes('necesita una corrección'));
          expect([t.label, fix.length]).toEqual([t.label, 1]);
        }
      });
      expect(rows.length + review.length).toBe(texts.length);
    });

    test('a contact name with markup, and 10,000 characters of notes: «Revisión» with the answers cut, the institution told', () => {
      const before = reviewRows(w.ws, w.talleres).length;
      w.ws.advanceBy(1_000);
      w.ws.submitForm(formId, requestAnswers({ name: 'CETPRO Uno', ruc: ruc(900), contact: '<img src=x onerror=alert(1)>', email: 'uno@cetpro.edu.pe' }));
      w.ws.advanceBy(1_000);
      w.ws.submitForm(formId, requestAnswers({ name: 'CETPRO Dos', ruc: ruc(901), contact: 'Ana Díaz', email: 'dos@cetpro.edu.pe' }, { [Q.notes]: LONG_10K, [Q.institution]: LONG_10K }));
      tried('solicitudes externas (contacto y tamaño)', 2);
      const added = reviewRows(w.ws, w.talleres).slice(before);
      expect(added).toHaveLength(2);
      for (const r of added) expect(String(r.Detalle).length).toBeLessThan(4000);
      expect(w.ws.outbox().filter((m) => (m.to.includes('uno@cetpro.edu.pe') || m.to.includes('dos@cetpro.edu.pe')) && m.subject.includes('necesita una corrección'))).toHaveLength(2);
    });

    test('nothing failed, no email carries raw markup, no cell is a formula or too long', () => {
      expect(brokenExecutions(w.ws)).toEqual([]);
      const raw = w.ws.outbox().filter((m) => RAW_HTML_MARKERS.some((mk) => (m.htmlBody ?? '').includes(mk) || m.subject.includes(mk)));
      expect(raw.map((m) => m.to)).toEqual([]);
      expect(formulaCells(w.ws, w.talleres)).toEqual([]);
      expect(overlongCells(w.ws, w.talleres)).toEqual([]);
    });
  });
}
