import { registrationConfirmedEmail, registrationFixEmail, registrationPromotedEmail, registrationWaitingEmail, sessionLine } from '../../src/domain/messages/registration';

const base = {
  fullName: 'Rosa <b>Mamani</b>',
  moduleName: 'Costos & precios <script>x</script>',
  sessions: [
    { number: 1, topic: 'Costos fijos', start: new Date('2026-12-09T23:00:00Z'), end: new Date('2026-12-10T01:00:00Z') },
    { number: 2, topic: 'Precio', start: new Date('2026-12-11T23:00:00Z'), end: new Date('2026-12-12T01:00:00Z') },
  ],
  whatsappUrl: null,
  withdrawUrl: null,
};

describe('registration emails', () => {
  test('sessions in Lima time (UTC−5)', () => {
    expect(sessionLine(base.sessions[0]!)).toBe('Sesión 1 – Costos fijos: miércoles 9 de diciembre de 2026, de 6:00 p. m. a 8:00 p. m.');
  });

  test('without the web app: no link, the person is asked to reply; markup in names stays text', () => {
    const m = registrationConfirmedEmail(base);
    expect(m.text).toContain('respondiendo a este correo');
    expect(m.html).not.toContain('<script>');
    expect(m.html).not.toContain('<b>Mamani');
    expect(m.html).toContain('&lt;script&gt;');
    expect(m.text).not.toContain('http');
  });

  test('with the web app: the withdrawal link and the WhatsApp group', () => {
    const link = 'https://script.google.com/macros/s/AKfycbPrueba123456/exec?t=abc.def';
    const m = registrationConfirmedEmail({ ...base, withdrawUrl: link, whatsappUrl: 'https://chat.whatsapp.com/Grupo' });
    expect(m.text).toContain(link);
    expect(m.text).toContain('https://chat.whatsapp.com/Grupo');
    expect(m.html).toContain('Retirar mi inscripción');
    const w = registrationWaitingEmail({ ...base, withdrawUrl: link, position: 3 });
    expect(w.text).toContain('en el lugar 3');
    expect(w.html).toContain('Salir de la lista de espera');
    expect(registrationPromotedEmail({ ...base, withdrawUrl: link }).subject).toMatch(/^Se liberó un cupo/);
  });

  test('a correction lists what to fix and links the form only when known', () => {
    const m = registrationFixEmail({ fullName: '', problems: ['El DNI debe tener 8 dígitos.'], formUrl: null });
    expect(m.text).toContain('Estimado(a) usuario(a):');
    expect(m.text).toContain('• El DNI debe tener 8 dígitos.');
    expect(m.html).not.toContain('Inscribirme otra vez');
  });
});
