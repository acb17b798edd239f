/**
 * The attention script ("pauta de atención") shown when the consultant clicks "Iniciar" (A04–A06).
 * Lines of kind 'say' are read to the user; 'do' lines are reminders for the consultant.
 * The sidebar inserts these as text, never as HTML.
 */
import { limaParts } from '../lima-time';

export interface ScriptLine {
  kind: 'say' | 'do';
  text: string;
}

export interface ScriptSection {
  activity: 'A04' | 'A05' | 'A06';
  title: string;
  lines: readonly ScriptLine[];
}

/** Placeholders {consultor}, {usuario}, {saludo} and {despedida} are filled by renderAttentionScript. */
export const ATTENTION_SCRIPT: readonly ScriptSection[] = [
  {
    activity: 'A04',
    title: 'Inicio y presentación',
    lines: [
      { kind: 'do', text: 'Marque «Inicio» en la cita de la Plataforma de Servicio al Ciudadano.' },
      {
        kind: 'say',
        text: '{saludo}, {usuario}. Mi nombre es {consultor}, consultor(a) de empleo del Servicio de Orientación para el Emprendimiento del Ministerio de Trabajo y Promoción del Empleo. Gracias por conectarse.',
      },
      { kind: 'do', text: 'Confirme el nombre completo y el DNI del usuario.' },
      {
        kind: 'say',
        text: 'Este servicio le brinda orientación para que pueda emprender un negocio o mejorar el negocio que ya tiene: resolvemos sus consultas sobre su idea de negocio, la formalización, el plan de negocio, el financiamiento, las ventas y otros temas, y le invitamos a nuestros talleres de emprendimiento.',
      },
    ],
  },
  {
    activity: 'A05',
    title: 'Consulta e invitación a talleres',
    lines: [
      { kind: 'say', text: '¿Cuál es su consulta? Cuénteme sobre su idea o su negocio.' },
      { kind: 'do', text: 'Escuche, brinde la información y registre el tema de la consulta y sus notas.' },
      {
        kind: 'say',
        text: 'Le invito a participar en nuestros próximos talleres de emprendimiento. Le enviaré a su correo los enlaces de inscripción.',
      },
      { kind: 'do', text: 'Pulse «Invitar a talleres» para enviarle los enlaces de inscripción.' },
    ],
  },
  {
    activity: 'A06',
    title: 'Cierre de la atención',
    lines: [
      {
        kind: 'say',
        text: 'Al finalizar la atención le llegará automáticamente a su correo electrónico la Encuesta de Satisfacción – Servicios Virtuales MTPE, para conocer su opinión sobre la atención que le brindé.',
      },
      {
        kind: 'say',
        text: 'Muchas gracias por su tiempo, {usuario}. Si lo necesita, puede reservar una nueva cita en la Plataforma de Servicio al Ciudadano. Que tenga {despedida}.',
      },
      {
        kind: 'do',
        text: 'Finalice la videollamada, marque «Final» en la Plataforma de Servicio al Ciudadano y pulse «Finalizar» aquí, con sus observaciones.',
      },
    ],
  },
];

/**
 * The greeting and the goodbye that fit the Lima hour: «Buenos días» until noon, «Buenas tardes»
 * until 7 p. m., «Buenas noches» after. Without a time, the neutral «Buen día».
 */
export function greetingFor(now?: Date): { saludo: string; despedida: string } {
  if (!now || isNaN(now.getTime())) return { saludo: 'Buen día', despedida: 'un buen día' };
  const hour = limaParts(now).hour;
  if (hour < 12) return { saludo: 'Buenos días', despedida: 'un buen día' };
  if (hour < 19) return { saludo: 'Buenas tardes', despedida: 'una buena tarde' };
  return { saludo: 'Buenas noches', despedida: 'una buena noche' };
}

/** The script with the names and the greeting for `now` filled in; a missing name becomes a neutral form of address. */
export function renderAttentionScript(names: { consultantName?: string; userName?: string; now?: Date }): ScriptSection[] {
  const values: Record<string, string> = {
    consultor: (names.consultantName ?? '').trim() || '(su nombre)',
    usuario: (names.userName ?? '').trim() || 'señor(a)',
    ...greetingFor(names.now),
  };
  // A function replacement, so a '$' in a name is not read as a pattern.
  const fill = (t: string) => t.replace(/\{(consultor|usuario|saludo|despedida)\}/g, (_, k: string) => values[k]);
  return ATTENTION_SCRIPT.map((s) => ({ ...s, lines: s.lines.map((l) => ({ ...l, text: fill(l.text) })) }));
}
