/**
 * The web app's certificate verification page (B12, docs/web-app.md): what anyone who opens the
 * link or the QR printed on a certificate reads, Spanish (Peru). It shows only what the paper
 * itself shows — the name printed on it, the module and its dates — and never the person's
 * document, email or anything else; a revocation's reason is internal and never shown.
 */
import type { LinkPage } from '../web-links';

const ISSUER = 'el Servicio de Orientación para el Emprendimiento del Ministerio de Trabajo y Promoción del Empleo';
const CONTACT = 'Si tiene alguna consulta sobre este certificado, escriba al Servicio de Orientación para el Emprendimiento.';

/** What the certificate's row says (snapshot at issue time). Empty name: blanked by a deletion (Ley 29733). */
export interface CertificateFacts {
  code: string;
  fullName: string;
  moduleName: string;
  moduleDates: string;
}

/** The lines describing the paper: name (when still held), module, dates, code. */
function lines(f: CertificateFacts, withName: boolean): string[] {
  const out: string[] = [];
  if (withName && f.fullName) out.push(`Otorgado a: ${f.fullName}`);
  if (f.moduleName) out.push(`Taller: «${f.moduleName}»`);
  if (f.moduleDates) out.push(`Fechas: ${f.moduleDates}`);
  out.push(`Código: ${f.code}`);
  return out;
}

export const VERIFICATION_PAGES = {
  valid: (f: CertificateFacts): LinkPage => ({
    title: 'Certificado válido',
    paragraphs: [`Este certificado fue emitido por ${ISSUER} y se encuentra vigente.`, ...lines(f, true), 'Compruebe que estos datos coinciden con los del certificado que tiene a la vista.'],
  }),
  /**
   * Replaced by a reissue (e.g. a name correction). The page repeats only what THIS paper says;
   * the newer certificate's code and name are not shown: they are the new paper's, and whoever
   * holds the old one has no claim on them.
   */
  replaced: (f: CertificateFacts): LinkPage => ({
    title: 'Certificado reemplazado',
    paragraphs: [
      `Este certificado fue emitido por ${ISSUER}, pero ya no es válido: fue reemplazado por un certificado más reciente.`,
      ...lines(f, true),
      'La persona titular puede presentar el certificado vigente, que tiene su propio código de verificación.',
      CONTACT,
    ],
  }),
  /** Revoked: no reason shown (it is internal); no name when a deletion under Ley 29733 blanked it. */
  revoked: (f: CertificateFacts): LinkPage => ({
    title: 'Certificado revocado',
    paragraphs: [`Este certificado fue emitido por ${ISSUER}, pero fue revocado y ya no es válido.`, ...lines(f, true), CONTACT],
  }),
  unknown: {
    title: 'No encontramos este certificado',
    paragraphs: ['No encontramos un certificado con el código de este enlace. Por favor, verifique que abrió el enlace o el código QR completo del certificado.', CONTACT],
  } as LinkPage,
  /** The row exists but its state is not one the product writes (edited by hand): nothing is confirmed. */
  unconfirmed: {
    title: 'No podemos confirmar este certificado',
    paragraphs: ['En este momento no podemos confirmar la validez de este certificado.', CONTACT],
  } as LinkPage,
} as const;

/** The page where a code is typed (GET `?codigo=`): no token, nothing acted on. */
export const VERIFICATION_LOOKUP = {
  title: 'Verificar un certificado',
  intro: 'Escriba el código completo que figura en el certificado (por ejemplo, CERT-7K2M-Q9XD-4TRB-H0ZP) para comprobar si es válido.',
  label: 'Código del certificado',
  placeholder: 'CERT-XXXX-XXXX-XXXX-XXXX',
  button: 'Verificar',
  badTitle: 'Revise el código',
  bad: 'El código debe tener la forma CERT-XXXX-XXXX-XXXX-XXXX (16 letras y números después de «CERT»), tal como figura en el certificado.',
  another: 'Para verificar otro certificado, escriba su código:',
  /** Audit line of a typed code (the page's answer in the detail). */
  audit: 'Verificación de certificado por código',
  auditBad: 'código con formato no válido',
} as const;

/** Audit details (the router prefixes 'verificar: '). */
export const VERIFICATION_AUDIT = {
  valid: 'certificado vigente',
  replaced: 'certificado reemplazado',
  revoked: 'certificado revocado',
  unknown: 'certificado inexistente',
  unconfirmed: (state: string) => `estado no reconocido: ${state || 'vacío'}`,
  noTab: 'falta la pestaña Certificados',
} as const;
