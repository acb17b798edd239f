/**
 * Answers of the institutions' request form (C01) as an institution fills it, shared by the
 * intake's scenario and crash tests.
 */
import { REQUEST_CONSENT_CHOICE, REQUEST_QUESTIONS as Q } from '../../src/domain/external/request-form';
import { rucCheckDigit } from '../../src/domain/external/ruc';

/** A valid RUC from its first ten digits (the check digit computed). */
export function validRuc(firstTen: string): string {
  return firstTen + String(rucCheckDigit(firstTen));
}

/** The same RUC with its check digit wrong. */
export function wrongDigit(ruc: string): string {
  return ruc.slice(0, 10) + String((Number(ruc[10]) + 1) % 10);
}

export interface Institution {
  name: string;
  ruc: string;
  contact: string;
  email: string;
}

export const INSTITUTIONS: Institution[] = [
  { name: 'CETPRO Santa Rosa de Lima', ruc: validRuc('2013137099'), contact: "María D'Ángelo Ñahui", email: 'direccion@cetprosantarosa.edu.pe' },
  { name: 'Instituto Superior Tecnológico Huancavelica', ruc: validRuc('2045678912'), contact: 'Jorge Huamán Ríos', email: 'coordinacion@isthuancavelica.edu.pe' },
  { name: 'Municipalidad Distrital de Ñuñoa', ruc: validRuc('2060123456'), contact: 'Lucía Condori', email: 'desarrollo.economico@muninunoa.gob.pe' },
];

export function requestAnswers(i: Institution, extra: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    [Q.institution]: i.name,
    [Q.ruc]: i.ruc,
    [Q.institutionType]: 'CETPRO',
    [Q.region]: 'Lima Metropolitana',
    [Q.district]: 'San Juan de Lurigancho',
    [Q.contactName]: i.contact,
    [Q.contactRole]: 'Directora',
    [Q.email]: i.email,
    [Q.phone]: '987 654 321',
    [Q.topic]: 'Costos y precios',
    [Q.option1Date]: '2026-12-15',
    [Q.option1Time]: '10:00',
    [Q.option2Date]: '2026-12-17',
    [Q.option2Time]: '15:30',
    [Q.expected]: '40',
    [Q.modality]: 'Virtual (Google Meet)',
    [Q.notes]: 'Estudiantes del último ciclo.',
    [Q.consent]: [REQUEST_CONSENT_CHOICE],
    ...extra,
  };
}
