import { ATTENTION_SCRIPT, renderAttentionScript } from '../../../src/domain/messages/attention-script';

describe('attention script (A04–A06)', () => {
  test('follows the procedure: presentation, the question, workshops, the survey by email, goodbye', () => {
    expect(ATTENTION_SCRIPT.map((s) => s.activity)).toEqual(['A04', 'A05', 'A06']);
    const all = ATTENTION_SCRIPT.flatMap((s) => s.lines.map((l) => l.text)).join('\n');
    expect(all).toContain('Mi nombre es {consultor}');
    expect(all).toContain('emprender un negocio o mejorar el negocio que ya tiene');
    expect(all).toContain('¿Cuál es su consulta?');
    expect(all).toContain('talleres de emprendimiento');
    expect(all).toContain('le llegará automáticamente a su correo electrónico la Encuesta de Satisfacción – Servicios Virtuales MTPE');
    expect(all).toContain('reservar una nueva cita');
    expect(all).toContain('«Finalizar»');
  });

  test('fills in the names literally, even with $ in them', () => {
    const s = renderAttentionScript({ consultantName: 'Lily Aguilar', userName: "José $& O'Neill" });
    const all = s.flatMap((x) => x.lines.map((l) => l.text)).join('\n');
    expect(all).toContain('Mi nombre es Lily Aguilar');
    expect(all).toContain("José $& O'Neill");
    expect(all).not.toMatch(/\{(consultor|usuario)\}/);
    expect(ATTENTION_SCRIPT[0].lines[1].text).toContain('{consultor}'); // the template itself is untouched
  });

  test('neutral words when names are missing', () => {
    const all = renderAttentionScript({}).flatMap((x) => x.lines.map((l) => l.text)).join('\n');
    expect(all).toContain('Buenos días (buenas tardes), señor(a).');
  });
});
