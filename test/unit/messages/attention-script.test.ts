import { limaDate } from '../../../src/domain/lima-time';
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
    expect(all).toContain('Buen día, señor(a).');
  });

  test('the greeting that fits the Lima hour, never «Buenos días (buenas tardes)»', () => {
    const said = (h: number) =>
      renderAttentionScript({ userName: 'Rosa', now: limaDate(2026, 11, 27, h, 30) }).flatMap((x) => x.lines.map((l) => l.text)).join('\n');
    expect(said(9)).toContain('Buenos días, Rosa.');
    expect(said(9)).toContain('Que tenga un buen día.');
    expect(said(15)).toContain('Buenas tardes, Rosa.');
    expect(said(15)).toContain('Que tenga una buena tarde.');
    expect(said(19)).toContain('Buenas noches, Rosa.');
    for (const h of [0, 11, 12, 18, 23]) expect(said(h)).not.toMatch(/\(buenas tardes\)|\{saludo|\{despedida/);
  });
});
