/**
 * The attention script ("pauta de atención") shown when the consultant clicks "Iniciar" (A04–A06).
 * Lines of kind 'say' are read to the user; 'do' lines are reminders for the consultant.
 * The sidebar inserts these as text, never as HTML.
 */

export interface ScriptLine {
  kind: 'say' | 'do';
  text: string;
}

export interface ScriptSection {
  activity: 'A04' | 'A05' | 'A06';
  title: string;
  lines: readonly ScriptLine[];
}

/** Placeholders {consultor} and {usuario} are filled by renderAttentionScript. */
export const ATTENTION_SCRIPT: readonly ScriptSection[] = [
  {
    activity: 'A04',
    title: 'Inicio y presentación',
    lines: [
      { kind: 'do', text: 'Marque «Inicio» en la cita de la Plataforma de Servicio al Ciudadano.' },
      {
        kind: 'say',
        text: 'Buenos días (buenas tardes), {usuario}. Mi nombre es {consultor}, consultor(a) de empleo del Servicio de Orientación para el Emprendimiento del Ministerio de Trabajo y Promoción del Empleo. Gracias por conectarse.',
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
        text: 'Muchas gracias por su tiempo, {usuario}. Si lo necesita, puede reservar una nueva cita en la Plataforma de Servicio al Ciudadano. Que tenga un buen día.',
      },
      {
        kind: 'do',
        text: 'Finalice la videollamada, marque «Final» en la Plataforma de Servicio al Ciudadano y pulse «Finalizar» aquí, con sus observaciones.',
      },
    ],
  },
];

/** The script with the names filled in; a missing name becomes a neutral form of address. */
export function renderAttentionScript(names: { consultantName?: string; userName?: string }): ScriptSection[] {
  const consultor = (names.consultantName ?? '').trim() || '(su nombre)';
  const usuario = (names.userName ?? '').trim() || 'señor(a)';
  // A function replacement, so a '$' in a name is not read as a pattern.
  const fill = (t: string) => t.replace(/\{(consultor|usuario)\}/g, (_, k: string) => (k === 'consultor' ? consultor : usuario));
  return ATTENTION_SCRIPT.map((s) => ({ ...s, lines: s.lines.map((l) => ({ ...l, text: fill(l.text) })) }));
}
