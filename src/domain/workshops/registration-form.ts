/**
 * The registration form of "Aprende a Emprender" (B05): ONE Google Form for every module.
 *
 * Why one: a form-submit trigger is per form, and Apps Script allows 20 triggers per user per
 * script; a form per module would grow the triggers with the modules. So the form's first
 * question is the module, a dropdown whose choices are the modules with open registration
 * (kept in step by the app when a module opens or closes), and each module's own registration
 * link is the form's prefilled link with that choice made.
 *
 * A module's choice text ends with its ID in brackets ('Plan de negocios · 12 ene. al 2 feb.
 * [M-…]'): the ID is what a response is matched by, so renaming a module or a citizen's typing
 * cannot attach a response to the wrong module.
 *
 * The privacy notice (Ley N.° 29733 and its Reglamento, D.S. N.° 016-2024-JUS) has a version:
 * each registration keeps the version it was consented under ('Versión del aviso').
 */
import type { FormDefinition, FormItemSpec } from '../form-definition';
import { cleanText } from '../text';
import { DOCUMENT_TYPES } from '../validation';
import { BUSINESS_STAGES } from '../schema';

export const REGISTRATION_FORM_TITLE = 'Inscripción – Talleres «Aprende a Emprender» – MTPE';

/** Version of the notice below; change it whenever the notice's text changes. */
export const REGISTRATION_NOTICE_VERSION = '2026-12';

export const REGISTRATION_NOTICE =
  'Aviso de privacidad (versión ' +
  REGISTRATION_NOTICE_VERSION +
  '). Conforme a la Ley N.° 29733, Ley de Protección de Datos Personales, y su Reglamento (D.S. N.° 016-2024-JUS), ' +
  'los datos que registre en este formulario serán tratados por el Ministerio de Trabajo y Promoción del Empleo (MTPE), ' +
  'Servicio de Orientación para el Emprendimiento, con la finalidad de gestionar su inscripción y participación en el taller ' +
  '(confirmación, enlaces de acceso, control de asistencia, encuestas de satisfacción y certificados). ' +
  'Sus datos se conservan en los sistemas del MTPE mientras sean necesarios para esa finalidad y no se comparten con terceros, salvo obligación legal. ' +
  'Puede ejercer sus derechos de acceso, rectificación, cancelación y oposición escribiendo al correo desde el que recibirá la confirmación de su inscripción.';

export const REGISTRATION_QUESTIONS = {
  module: 'Taller al que se inscribe',
  documentType: 'Tipo de documento',
  documentNumber: 'Número de documento',
  names: 'Nombres',
  surnames: 'Apellidos',
  email: 'Correo electrónico',
  phone: 'Celular',
  region: 'Región donde vive',
  stage: '¿Tiene una idea de negocio o un negocio en marcha?',
  sector: 'Sector o rubro de su negocio o idea',
  questions: 'Preguntas para los ponentes (opcional)',
  presents: '¿Le gustaría presentar su proyecto en la sesión de cierre?',
  consent: 'Consentimiento para el tratamiento de sus datos personales',
  news: 'Novedades del Servicio (opcional)',
} as const;

export const CONSENT_CHOICE = 'Sí, he leído el aviso de privacidad y acepto el tratamiento de mis datos personales para esta inscripción.';
export const NEWS_CHOICE = 'Sí, deseo recibir por correo invitaciones a futuros talleres del Servicio.';
export const YES = 'Sí';
export const NO = 'No';

/** Peru's regions as people name them (24 departments, the Constitutional Province of Callao, Lima split as INEI does). */
export const PERU_REGIONS = [
  'Amazonas',
  'Áncash',
  'Apurímac',
  'Arequipa',
  'Ayacucho',
  'Cajamarca',
  'Callao',
  'Cusco',
  'Huancavelica',
  'Huánuco',
  'Ica',
  'Junín',
  'La Libertad',
  'Lambayeque',
  'Lima Metropolitana',
  'Lima Provincias',
  'Loreto',
  'Madre de Dios',
  'Moquegua',
  'Pasco',
  'Piura',
  'Puno',
  'San Martín',
  'Tacna',
  'Tumbes',
  'Ucayali',
  'Vivo fuera del Perú',
] as const;

export const SECTORS = [
  'Comercio',
  'Servicios',
  'Producción o manufactura',
  'Agropecuario o agroindustria',
  'Turismo, gastronomía u hotelería',
  'Tecnología',
  'Textil y confecciones',
  'Otro',
] as const;

/** The dropdown's only choice while no module is open (a Google list item needs one). */
export const NO_OPEN_MODULE = 'No hay talleres con inscripción abierta en este momento';

function item(spec: FormItemSpec): FormItemSpec {
  return spec;
}

export function registrationForm(moduleChoices: readonly string[]): FormDefinition {
  const Q = REGISTRATION_QUESTIONS;
  return {
    title: REGISTRATION_FORM_TITLE,
    description:
      'Inscríbase en los talleres virtuales «Aprende a Emprender» del Ministerio de Trabajo y Promoción del Empleo. ' +
      'Complete sus datos tal como figuran en su documento. Recibirá la confirmación en su correo.\n\n' +
      REGISTRATION_NOTICE,
    confirmationMessage:
      'Gracias. Recibimos su inscripción. En unos minutos le llegará un correo con la confirmación o, si el taller ya no tiene cupos, con su lugar en la lista de espera. Revise también la carpeta de correo no deseado.',
    items: [
      item({ kind: 'list', title: Q.module, required: true, choices: moduleChoices.length ? moduleChoices : [NO_OPEN_MODULE] }),
      item({ kind: 'list', title: Q.documentType, required: true, choices: DOCUMENT_TYPES }),
      item({ kind: 'text', title: Q.documentNumber, required: true, help: 'DNI: 8 dígitos. Otros documentos: letras y números, sin espacios.' }),
      item({ kind: 'text', title: Q.names, required: true }),
      item({ kind: 'text', title: Q.surnames, required: true }),
      item({ kind: 'text', title: Q.email, required: true, help: 'A este correo le enviaremos la confirmación y los enlaces de acceso.' }),
      item({ kind: 'text', title: Q.phone, required: false, help: 'Celular de 9 dígitos (opcional).' }),
      item({ kind: 'list', title: Q.region, required: true, choices: PERU_REGIONS }),
      item({ kind: 'choice', title: Q.stage, required: true, choices: BUSINESS_STAGES }),
      item({ kind: 'list', title: Q.sector, required: true, choices: SECTORS }),
      item({ kind: 'paragraph', title: Q.questions, required: false, help: 'Se comparten con los ponentes, sin sus datos de contacto.' }),
      item({ kind: 'choice', title: Q.presents, required: true, choices: [YES, NO] }),
      item({ kind: 'checkbox', title: Q.consent, required: true, help: REGISTRATION_NOTICE, choices: [CONSENT_CHOICE] }),
      item({ kind: 'checkbox', title: Q.news, required: false, choices: [NEWS_CHOICE] }),
    ],
  };
}

// ---------------------------------------------------------------------------- module choices

const MODULE_REF = /\[(M-[0-9A-Z]{12})\]\s*$/;

/** The dropdown text of a module: its name (and dates when known) and its ID in brackets. */
export function moduleChoice(moduleId: string, name: string, dates: string): string {
  const title = cleanText(name, 120).replace(/[[\]]/g, '');
  const when = cleanText(dates, 80).replace(/[[\]]/g, '');
  return `${title}${when ? ` · ${when}` : ''} [${moduleId}]`;
}

/** The module ID a choice names, or null (the "no module open" choice, a typed or altered answer). */
export function moduleOfChoice(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const m = MODULE_REF.exec(raw.trim());
  return m ? m[1]! : null;
}
