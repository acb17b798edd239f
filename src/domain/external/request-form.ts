/**
 * The institutions' public request form (C01): a technical-productive training institution
 * (CETPRO, institute, university, municipality) asks the service for an entrepreneurship
 * workshop. One Google Form, made by setup in the Talleres spreadsheet (src/app/external/intake.ts),
 * published and open to anyone with its link; its answers are read by question title
 * (./request.ts validates them).
 *
 * The privacy notice (Ley N.° 29733 and its Reglamento, D.S. N.° 016-2024-JUS) covers the contact
 * person's data; it has a version, kept on each request ('Detalle') with the consent.
 */
import type { FormDefinition } from '../form-definition';
import { INSTITUTION_TYPES } from '../schema';
import { PERU_REGIONS } from '../workshops/registration-form';

export const EXTERNAL_REQUEST_FORM_TITLE = 'Solicitud de taller de emprendimiento para instituciones – MTPE';

/** Version of the notice below; change it whenever the notice's text changes. */
export const EXTERNAL_REQUEST_NOTICE_VERSION = '2026-12';

export const EXTERNAL_REQUEST_NOTICE =
  'Aviso de privacidad (versión ' +
  EXTERNAL_REQUEST_NOTICE_VERSION +
  '). Conforme a la Ley N.° 29733, Ley de Protección de Datos Personales, y su Reglamento (D.S. N.° 016-2024-JUS), ' +
  'los datos de la persona de contacto que registre en este formulario serán tratados por el Ministerio de Trabajo y Promoción del Empleo (MTPE), ' +
  'Servicio de Orientación para el Emprendimiento, con la finalidad de atender la solicitud del taller (acuse de recibo, coordinación, ' +
  'aprobación, programación, informe de asistencia y agradecimiento). ' +
  'Sus datos se conservan en los sistemas del MTPE mientras sean necesarios para esa finalidad y no se comparten con terceros, salvo obligación legal. ' +
  'Puede ejercer sus derechos de acceso, rectificación, cancelación y oposición escribiendo al correo desde el que recibirá el acuse de recibo.';

export const REQUEST_QUESTIONS = {
  institution: 'Nombre de la institución',
  ruc: 'RUC',
  institutionType: 'Tipo de institución',
  region: 'Región',
  district: 'Distrito',
  contactName: 'Persona de contacto',
  contactRole: 'Cargo',
  email: 'Correo electrónico',
  phone: 'Celular',
  topic: 'Tema del taller',
  otherTopic: 'Si eligió «Otro», indique el tema',
  option1Date: 'Fecha preferida (opción 1)',
  option1Time: 'Hora de inicio preferida (opción 1)',
  option2Date: 'Fecha preferida (opción 2)',
  option2Time: 'Hora de inicio preferida (opción 2)',
  expected: 'Número de participantes esperado',
  modality: 'Modalidad',
  notes: 'Observaciones (opcional)',
  consent: 'Consentimiento para el tratamiento de los datos de la persona de contacto',
} as const;

export type RequestField = keyof typeof REQUEST_QUESTIONS;

export const OTHER_TOPIC = 'Otro';

/** The service's workshop catalogue, as offered to institutions; «Otro» asks for the topic. */
export const WORKSHOP_TOPICS = [
  'Idea de negocio y creatividad',
  'Modelo de negocio (Lienzo Canvas)',
  'Plan de negocio',
  'Formalización de negocios',
  'Costos y precios',
  'Marketing digital y ventas',
  'Finanzas y acceso al financiamiento',
  'Tributación para emprendedores',
  OTHER_TOPIC,
] as const;

/** How the workshop is given: the service's workshops are virtual (Google Meet). */
export const MODALITIES = ['Virtual (Google Meet)', 'Virtual con participantes reunidos en la institución'] as const;

/** Regions an institution can be in (the registration form's, without "abroad"). */
export const REQUEST_REGIONS = PERU_REGIONS.filter((r) => r !== 'Vivo fuera del Perú');

/** Start times offered (Lima), every half hour from 8:00 to 19:00. */
export const START_TIMES: readonly string[] = (() => {
  const out: string[] = [];
  for (let m = 8 * 60; m <= 19 * 60; m += 30) out.push(`${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
  return out;
})();

export const REQUEST_CONSENT_CHOICE =
  'Sí, he leído el aviso de privacidad y acepto el tratamiento de los datos de contacto para atender esta solicitud.';

export const MIN_EXPECTED = 1;
export const MAX_EXPECTED = 500;

export function externalRequestForm(): FormDefinition {
  const Q = REQUEST_QUESTIONS;
  return {
    title: EXTERNAL_REQUEST_FORM_TITLE,
    description:
      'Si su institución (CETPRO, instituto, universidad, municipalidad u otra) desea que el Servicio de Orientación para el Emprendimiento ' +
      'del Ministerio de Trabajo y Promoción del Empleo dicte un taller de emprendimiento para sus estudiantes o su comunidad, complete este formulario. ' +
      'Le enviaremos un acuse de recibo al correo indicado y, luego de la aprobación, la fecha, la hora y el enlace de inscripción para sus participantes.\n\n' +
      EXTERNAL_REQUEST_NOTICE,
    confirmationMessage:
      'Gracias. Recibimos su solicitud. En unos minutos le llegará un correo con el acuse de recibo; revise también la carpeta de correo no deseado. ' +
      'Le escribiremos cuando la solicitud sea evaluada.',
    items: [
      { kind: 'text', title: Q.institution, required: true },
      { kind: 'text', title: Q.ruc, required: true, help: 'RUC de la institución: 11 dígitos.' },
      { kind: 'list', title: Q.institutionType, required: true, choices: INSTITUTION_TYPES },
      { kind: 'list', title: Q.region, required: true, choices: REQUEST_REGIONS },
      { kind: 'text', title: Q.district, required: true },
      { kind: 'text', title: Q.contactName, required: true, help: 'Nombres y apellidos de quien coordina el taller.' },
      { kind: 'text', title: Q.contactRole, required: true },
      { kind: 'text', title: Q.email, required: true, help: 'A este correo le enviaremos el acuse de recibo y la respuesta.' },
      { kind: 'text', title: Q.phone, required: true, help: 'Celular de 9 dígitos.' },
      { kind: 'list', title: Q.topic, required: true, choices: WORKSHOP_TOPICS },
      { kind: 'text', title: Q.otherTopic, required: false },
      { kind: 'date', title: Q.option1Date, required: true, help: 'Una fecha a partir de mañana.' },
      { kind: 'list', title: Q.option1Time, required: true, choices: START_TIMES, help: 'Hora de Lima.' },
      { kind: 'date', title: Q.option2Date, required: true, help: 'Otra fecha posible, por si la primera no estuviera disponible.' },
      { kind: 'list', title: Q.option2Time, required: true, choices: START_TIMES, help: 'Hora de Lima.' },
      { kind: 'text', title: Q.expected, required: true, help: `Un número de ${MIN_EXPECTED} a ${MAX_EXPECTED}.` },
      { kind: 'choice', title: Q.modality, required: true, choices: MODALITIES },
      { kind: 'paragraph', title: Q.notes, required: false },
      { kind: 'checkbox', title: Q.consent, required: true, help: EXTERNAL_REQUEST_NOTICE, choices: [REQUEST_CONSENT_CHOICE] },
    ],
  };
}
