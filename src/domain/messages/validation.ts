/**
 * The Spanish sentences of the rules every entry of personal data follows (src/domain/validation.ts):
 * the name and the document type, the same on the import, the walk-in and the correction.
 */

/** What a name may hold, said once for every place that refuses one. */
export const NAME_ALLOWED = 'debe empezar con una letra y no puede tener números ni signos como «=», «+», «@», «<» o «;»';

export const NAME_MESSAGES = {
  missing: 'Escriba los nombres y apellidos.',
  invalid: 'Los nombres y apellidos deben empezar con una letra y no pueden tener números ni signos como «=», «+», «@», «<» o «;».',
  tooLong: 'Los nombres y apellidos son demasiado largos (máximo 200 caracteres).',
} as const;

/** The documents the service attends, as a person reads them. */
export const DOCUMENT_TYPES_TEXT = 'DNI, carné de extranjería, pasaporte, PTP o CPP';

export const DOCUMENT_TYPE_MESSAGES = {
  unknown: `Elija el tipo de documento: ${DOCUMENT_TYPES_TEXT}.`,
} as const;
