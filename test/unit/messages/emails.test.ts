import type { ConsultantDaySummary } from '../../../src/domain/day-summary';
import { limaDate } from '../../../src/domain/lima-time';
import {
  abandonmentEmail,
  daySummaryEmail,
  extranetNotice,
  REBOOK_URL,
  reminderEmail,
  SENDER_NAME,
  surveyEmail,
  workshopInvitationEmail,
  type EmailMessage,
} from '../../../src/domain/messages/attention';

const EVIL = '<script>alert("x")</script> O\'Brien & Ñuñez';
const start = limaDate(2026, 11, 27, 15, 30);
const MEET = 'https://meet.google.com/abc-defg-hij';
const SURVEY = 'https://docs.google.com/forms/d/e/FORM/viewform?usp=pp_url&entry.1=AV-000123';

function daySummary(over: Partial<ConsultantDaySummary> = {}): ConsultantDaySummary {
  return {
    dayKey: '2026-11-27', consultant: EVIL, total: 4, attended: 2, abandoned: 1, cancelled: 0,
    open: [{ key: 'AV-9', start: limaDate(2026, 11, 27, 20, 0), status: 'En atención', consultant: 'x', fullName: EVIL }],
    averageDurationMinutes: 37.5, standardMinutes: 35, minutesOverStandard: 2.5, surveysAnswered: 1, ...over,
  };
}

const all: [string, () => EmailMessage][] = [
  ['reminder', () => reminderEmail({ fullName: EVIL, start, meetUrl: MEET, consultantName: EVIL })],
  ['abandonment', () => abandonmentEmail({ fullName: EVIL, start, reason: EVIL })],
  ['survey', () => surveyEmail({ fullName: EVIL, surveyUrl: SURVEY, consultantName: EVIL })],
  ['workshops', () => workshopInvitationEmail({ fullName: EVIL, workshops: [{ title: EVIL, dates: EVIL, registrationUrl: 'https://forms.gle/abc' }] })],
  ['day summary', () => daySummaryEmail(daySummary())],
];

describe.each(all)('%s email', (_name, build) => {
  test('escapes data in the HTML body and keeps it readable in the text body', () => {
    const m = build();
    expect(m.html).not.toContain('<script>');
    expect(m.html).toContain('&lt;script&gt;');
    expect(m.html).not.toContain('"x")');
    expect(m.html).toContain('&amp; Ñuñez');
    expect(m.text).toContain(EVIL);
  });

  test('self-contained: inline styles, no external images, stylesheets or scripts', () => {
    const { html } = build();
    expect(html).not.toMatch(/<img|<link|<style|<script|url\(/i);
    expect(html).toContain('lang="es"');
    expect(html).toContain('Ley N.° 29733');
  });

  test('sent under the service name, with a text body', () => {
    const m = build();
    expect(m.senderName).toBe(SENDER_NAME);
    expect(SENDER_NAME).toBe('Servicio de Orientación para el Emprendimiento – MTPE');
    expect(m.text.length).toBeGreaterThan(100);
    expect(m.text.split(EVIL).join('')).not.toMatch(/<[a-z/]/i); // no markup of our own in the text body
  });
});

describe('reminder (A02)', () => {
  const m = reminderEmail({ fullName: 'Ana Quispe', start, meetUrl: MEET, consultantName: 'Lily Aguilar' });

  test('subject gives the day and the Lima time', () => {
    expect(m.subject).toBe('Recordatorio: su cita de orientación para el emprendimiento – viernes 27 de noviembre, 3:30 p. m.');
  });

  test('carries the Meet link as a button and as text, in both bodies', () => {
    expect(m.html).toContain(`href="${MEET}"`);
    expect(m.text).toContain(MEET);
  });

  test('says how to join, what to have ready, the tolerance and how to rebook', () => {
    for (const body of [m.html, m.text]) {
      expect(body).toContain('viernes 27 de noviembre de 2026');
      expect(body).toContain('3:30 p. m. (hora de Lima)');
      expect(body).toContain('aplicación gratuita Google Meet');
      expect(body).toContain('Google Chrome; no necesita instalar ningún programa');
      expect(body).toContain('DNI');
      expect(body).toContain('lugar tranquilo');
      expect(body).toContain('idea de negocio');
      expect(body).toContain('Cámara y micrófono');
      expect(body).toContain('hasta 5 minutos');
      expect(body).toContain(REBOOK_URL);
      expect(body).toContain('Lily Aguilar');
    }
    expect(REBOOK_URL).toBe('https://serviciosvirtuales.trabajo.gob.pe/extra-net/web/citas');
  });

  test('an evening appointment shows the Lima date, not the UTC one', () => {
    const evening = reminderEmail({ fullName: 'Ana', start: limaDate(2026, 11, 27, 20, 0), meetUrl: MEET });
    expect(evening.subject).toContain('viernes 27 de noviembre, 8:00 p. m.');
    expect(evening.text).not.toContain('sábado 28');
  });

  test('refuses to send without a usable link', () => {
    expect(() => reminderEmail({ fullName: 'Ana', start, meetUrl: '' })).toThrow();
    expect(() => reminderEmail({ fullName: 'Ana', start, meetUrl: 'javascript:alert(1)' })).toThrow();
  });

  test('a quote in a link cannot break out of the href attribute', () => {
    const r = reminderEmail({ fullName: 'Ana', start, meetUrl: 'https://meet.google.com/x"onmouseover="alert(1)' });
    expect(r.html).not.toContain('"onmouseover');
  });

  test('greets neutrally when the name is missing', () => {
    expect(reminderEmail({ fullName: '  ', start, meetUrl: MEET }).text).toMatch(/^Estimado\(a\) usuario\(a\):/);
  });
});

describe('extranet notice (A02)', () => {
  test('one ready-to-paste paragraph with the date, Lima time and Meet link', () => {
    const n = extranetNotice({ fullName: 'Ana\nQuispe', start, meetUrl: MEET });
    expect(n).toBe(
      'Estimado(a) Ana Quispe: le recordamos su cita de orientación para el emprendimiento el viernes 27 de noviembre de 2026 a las 3:30 p. m. (hora de Lima). ' +
        `Conéctese a la videollamada de Google Meet con este enlace: ${MEET} . Le hemos enviado las indicaciones a su correo electrónico. ` +
        'Le esperaremos hasta 5 minutos después de la hora de inicio.',
    );
  });

  test('"a la 1:00" in the singular', () => {
    expect(extranetNotice({ fullName: 'Ana', start: limaDate(2026, 11, 27, 13, 0), meetUrl: MEET })).toContain('a la 1:00 p. m.');
  });
});

describe('abandonment (A03)', () => {
  test('explains what happened and invites to book again', () => {
    const m = abandonmentEmail({ fullName: 'Ana', start, reason: 'No contestó el teléfono' });
    expect(m.subject).toBe('Su cita de orientación para el emprendimiento del viernes 27 de noviembre no se realizó');
    for (const body of [m.html, m.text]) {
      expect(body).toContain('viernes 27 de noviembre de 2026 a las 3:30 p. m.');
      expect(body).toContain('No contestó el teléfono');
      expect(body).toContain('abandonada');
      expect(body).toContain(REBOOK_URL);
    }
    expect(m.html).toContain(`href="${REBOOK_URL}"`);
  });
});

describe('survey (A06)', () => {
  test('links the prefilled survey, escaping & in the href', () => {
    const m = surveyEmail({ fullName: 'Ana', surveyUrl: SURVEY, consultantName: 'Lily Aguilar' });
    expect(m.subject).toContain('Encuesta de Satisfacción – Servicios Virtuales MTPE');
    expect(m.html).toContain(`href="${SURVEY.replace(/&/g, '&amp;')}"`);
    expect(m.text).toContain(SURVEY);
    expect(m.text).toContain('con Lily Aguilar');
  });
});

describe('workshop invitation (A05)', () => {
  test('each workshop with its dates and registration link', () => {
    const m = workshopInvitationEmail({
      fullName: 'Ana',
      workshops: [
        { title: 'Aprende a Emprender – Módulo 1', dates: 'martes 1 y 8 de diciembre', registrationUrl: 'https://forms.gle/m1' },
        { title: 'Costos y precios', dates: 'jueves 10 de diciembre', registrationUrl: 'https://forms.gle/m2' },
      ],
    });
    expect(m.subject).toBe('Invitación a los próximos talleres de emprendimiento del MTPE');
    for (const url of ['https://forms.gle/m1', 'https://forms.gle/m2']) {
      expect(m.html).toContain(`href="${url}"`);
      expect(m.text).toContain(url);
    }
    expect(m.text).toContain('Fechas: martes 1 y 8 de diciembre');
    const one = workshopInvitationEmail({ fullName: 'Ana', workshops: [{ title: 'Costos', dates: 'x', registrationUrl: 'https://forms.gle/m2' }] });
    expect(one.subject).toBe('Invitación al taller de emprendimiento «Costos» – MTPE');
    expect(() => workshopInvitationEmail({ fullName: 'Ana', workshops: [] })).toThrow();
  });
});

describe('day summary (A07)', () => {
  test('counts, duration against the standard and the appointments left open', () => {
    const m = daySummaryEmail(daySummary({ consultant: 'Lily Aguilar', open: [{ key: 'AV-9', start: limaDate(2026, 11, 27, 20, 0), status: 'En atención', consultant: 'x', fullName: 'Ana Quispe' }] }));
    expect(m.subject).toBe('Resumen del día viernes 27 de noviembre de 2026: 2 atendidas, 1 abandonada, 1 sin cerrar');
    expect(m.text).toContain('Atendidas: 2');
    expect(m.text).toContain('37,5 min en promedio (estándar: 35 min; 2,5 min más que el estándar)');
    expect(m.text).toContain('Encuestas respondidas: 1 de 2');
    expect(m.text).toContain('8:00 p. m. – Ana Quispe (cita AV-9) – En atención');
    expect(m.html).toContain('Citas sin cerrar');
    // Where to close them: today's list tonight, «Pendientes de días anteriores» from tomorrow (issue 10).
    expect(m.text).toContain('desde mañana aparecen en «Pendientes de días anteriores»');
  });

  test('a day without appointments says so', () => {
    const m = daySummaryEmail(daySummary({ total: 0, attended: 0, abandoned: 0, open: [], averageDurationMinutes: null, minutesOverStandard: null, surveysAnswered: 0 }));
    expect(m.text).toContain('No tuvo citas registradas el viernes 27 de noviembre de 2026.');
    expect(m.subject).toBe('Resumen del día viernes 27 de noviembre de 2026: 0 atendidas, 0 abandonadas');
  });
});
