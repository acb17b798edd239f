/**
 * Spanish texts of the certificates (B12): the email that carries the PDF, the panel's answers and
 * the audit log's lines.
 */
import { html } from '../html';
import { emailDocument, greeting, link, oneLine, paragraph, requireUrl, SENDER_NAME, textDocument, type EmailMessage } from './email-layout';

export const CERTIFICATE_EXECUTION_KIND = 'Activador de certificados';

export interface CertificateEmailInput {
  fullName: string;
  moduleName: string;
  dates: string;
  code: string;
  verificationUrl: string;
}

/** The short, polite message that carries the certificate's PDF (attached). */
export function certificateEmail(input: CertificateEmailInput): EmailMessage {
  const url = requireUrl(input.verificationUrl, 'verificationUrl');
  const moduleName = oneLine(input.moduleName) || 'Aprende a Emprender';
  const dates = oneLine(input.dates);
  const subject = `Su certificado del taller «${moduleName}»`;
  const thanks = `Gracias por su participación en el taller «${moduleName}»${dates ? ` (${dates})` : ''}. Le hacemos llegar adjunto su certificado en PDF.`;
  const verify = `Su certificado tiene el código ${input.code}. Cualquier persona puede comprobar que es auténtico en la página de verificación o escaneando el código QR impreso en él.`;
  const fix = 'Si su nombre no figura correctamente, responda a este correo y le enviaremos un certificado corregido.';
  const sign = 'Atentamente,\nServicio de Orientación para el Emprendimiento\nMinisterio de Trabajo y Promoción del Empleo';
  const body = html`${paragraph(greeting(input.fullName))}
${paragraph(thanks)}
${paragraph(verify)}
${paragraph(link(url, 'Verificar el certificado'))}
${paragraph(fix)}
${paragraph(html`Atentamente,<br>Servicio de Orientación para el Emprendimiento<br>Ministerio de Trabajo y Promoción del Empleo`)}`;
  const text = textDocument([greeting(input.fullName), thanks, verify, `Verificación: ${url}`, fix, sign]);
  return { subject, text, html: emailDocument(subject, body), senderName: SENDER_NAME };
}

export const CERTIFICATE_MESSAGES = {
  notTalleres: 'Los certificados se emiten en la hoja «Programación Talleres Masivos». Ejecute primero «Configurar esta hoja».',
  notFound: 'No se encontró el módulo. Actualice el panel.',
  cancelled: 'El módulo está cancelado: no se emiten certificados.',
  /** C04: the module's 'Emite certificados' is no (an external workshop's choice at approval). */
  noCertificates: 'Este taller no emite certificados (se acordó así al aprobarlo).',
  ruleNotSet: 'Falta definir la «Asistencia mínima (sesiones)» del módulo: sin esa regla no se puede saber quién recibe certificado.',
  notEnded: 'Los certificados se emiten cuando ha terminado la última sesión del módulo.',
  noWebApp: 'Falta el «Enlace de la aplicación web» en «Configuración»: cada certificado lleva un enlace de verificación, sin él no se pueden emitir.',
  noTemplate: 'No hay plantilla de certificado: ejecute «Configurar esta hoja».',
  nobody: 'Nadie cumple todavía la asistencia mínima del módulo.',
  lockBusy: 'Otra persona está guardando cambios en este momento. Intente de nuevo en unos segundos.',
  busy: 'La emisión de certificados ya está en curso; el avance se actualiza en el panel.',
  started: (n: number) => (n === 1 ? 'Se está emitiendo 1 certificado. Puede cerrar el panel: el proceso continúa solo.' : `Se están emitiendo ${n} certificados. Puede cerrar el panel: el proceso continúa solo.`),
  nothingToIssue: 'No hay certificados por emitir: todos los que cumplen la regla ya tienen el suyo.',
  waitingQuota: 'Se agotó el cupo diario de correos: los certificados restantes se emitirán y enviarán automáticamente mañana.',
  summary: (r: { issued: number; errors: number; ambiguous: number; remaining: number; waiting: number }) => {
    const parts = [`${r.issued} certificado(s) emitido(s) y enviado(s)`];
    if (r.errors) parts.push(`${r.errors} sin correo válido (el PDF queda en la carpeta)`);
    if (r.ambiguous) parts.push(`${r.ambiguous} envío(s) por revisar`);
    if (r.waiting) parts.push(`${r.waiting} en espera de cupo de correo`);
    if (r.remaining) parts.push(`${r.remaining} por emitir (continúa en un minuto)`);
    return parts.join('; ') + '.';
  },
  previewDone: 'Vista previa creada en la carpeta del módulo. No es un certificado emitido: no tiene código válido ni se envió a nadie.',
  noPreviewPerson: 'No hay participantes inscritos para la vista previa.',
  codeUnknown: 'No se encontró ese código de certificado.',
  notCurrent: 'Ese certificado ya no está vigente (fue reemplazado o revocado).',
  alreadyRevoked: 'Ese certificado ya estaba revocado.',
  reissued: (code: string) => `Certificado reemitido con el código ${code}. El anterior quedó como «Reemplazado».`,
  revoked: 'Certificado revocado. La página de verificación responderá que ya no es válido.',
  renderFailed: (reason: string) => `No se pudo generar el PDF del certificado: ${reason}. Revise la plantilla y la carpeta del módulo e intente de nuevo.`,
  sameName: 'El nombre corregido es igual al que figura en el certificado.',
} as const;

/** Detalle of a 'Revisión' item: a certificate's email that may or may not have gone out. */
export const CERTIFICATE_REVIEW = {
  kind: 'Envío de certificado por revisar',
  detail: (name: string, moduleName: string) =>
    `El envío del certificado de ${name} (${moduleName}) se interrumpió y no se sabe si llegó. Verifique con la persona antes de reenviarlo.`,
  noEmail: 'Certificado sin correo válido',
  noEmailDetail: (name: string, moduleName: string) => `${name} (${moduleName}) no tiene un correo válido: su certificado quedó en la carpeta del módulo para entregarlo por otro medio.`,
} as const;

export const CERTIFICATE_AUDIT = {
  run: 'Emisión de certificados',
  issued: 'Certificado emitido',
  ambiguous: 'Certificado por revisar',
  noEmail: 'Certificado sin correo válido',
  preview: 'Vista previa de certificado',
  reissued: 'Certificado reemitido',
  revoked: 'Certificado revocado',
  refused: 'Certificados no emitidos',
  templateCreated: 'Plantilla de certificado creada',
  continuation: 'Continuación programada',
} as const;
