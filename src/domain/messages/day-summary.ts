/** A07: the day summary emailed to each consultant when the day is closed. */
import type { ConsultantDaySummary } from '../day-summary';
import { html } from '../html';
import { formatLimaDate, formatLimaTime, limaStartOfDay } from '../lima-time';
import {
  bulletList,
  emailDocument,
  factsTable,
  greeting,
  heading,
  oneLine,
  paragraph,
  SENDER_NAME,
  textDocument,
  textList,
  type EmailMessage,
} from './email-layout';

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function durationText(s: ConsultantDaySummary): string {
  if (s.averageDurationMinutes === null) return `Sin datos (estándar: ${s.standardMinutes} min)`;
  const avg = String(s.averageDurationMinutes).replace('.', ',');
  const diff = s.minutesOverStandard ?? 0;
  const rel =
    diff === 0
      ? 'igual al estándar'
      : diff > 0
        ? `${String(diff).replace('.', ',')} min más que el estándar`
        : `${String(-diff).replace('.', ',')} min menos que el estándar`;
  return `${avg} min en promedio (estándar: ${s.standardMinutes} min; ${rel})`;
}

/** The summary's subject line, e.g. 'Resumen del día viernes 27 de noviembre de 2026: 5 atendidas, 1 abandonada, 2 sin cerrar'. */
export function daySummarySubject(s: ConsultantDaySummary): string {
  const parts = [count(s.attended, 'atendida', 'atendidas'), count(s.abandoned, 'abandonada', 'abandonadas')];
  if (s.open.length) parts.push(`${s.open.length} sin cerrar`);
  return `Resumen del día ${formatLimaDate(limaStartOfDay(s.dayKey))}: ${parts.join(', ')}`;
}

export function daySummaryEmail(s: ConsultantDaySummary): EmailMessage {
  const day = formatLimaDate(limaStartOfDay(s.dayKey));
  const subject = daySummarySubject(s);
  const intro =
    s.total === 0
      ? `No tuvo citas registradas el ${day}.`
      : `Este es el resumen de sus atenciones personalizadas del ${day}, tal como quedaron registradas en «Atenciones Virtuales – Centro de Empleo».`;
  const facts: [string, string][] = [
    ['Citas del día', String(s.total)],
    ['Atendidas', String(s.attended)],
    ['Abandonadas', String(s.abandoned)],
    ['Canceladas', String(s.cancelled)],
    ['Sin cerrar', String(s.open.length)],
    ['Duración de la atención', durationText(s)],
    ['Encuestas respondidas', `${s.surveysAnswered} de ${s.attended}`],
  ];
  const openLines = s.open.map((r) => {
    const who = oneLine(r.fullName) || 'Sin nombre';
    return `${formatLimaTime(r.start)} – ${who} (cita ${oneLine(r.key)}) – ${r.status}`;
  });
  const openAdvice =
    'Estas citas quedaron sin cerrar. Hoy siguen en «Citas de hoy»; desde mañana aparecen en «Pendientes de días anteriores», arriba de «Citas de hoy» en la barra lateral. Ábralas allí y finalícelas (con la duración de la atención), márquelas como abandonadas o cancélelas, según corresponda.';
  const closing = 'Servicio de Orientación para el Emprendimiento – MTPE';

  const body = html`${paragraph(greeting(s.consultant))}
${paragraph(intro)}
${s.total > 0 ? factsTable(facts) : ''}
${s.open.length ? html`${heading('Citas sin cerrar')}${paragraph(openAdvice)}${bulletList(openLines)}` : ''}
${paragraph(closing)}`;

  const text = textDocument([
    greeting(s.consultant),
    intro,
    s.total > 0 && facts.map(([k, v]) => `${k}: ${v}`).join('\n'),
    s.open.length > 0 && `CITAS SIN CERRAR\n${openAdvice}\n${textList(openLines)}`,
    closing,
  ]);
  return { subject, text, html: emailDocument(subject, body), senderName: SENDER_NAME };
}
