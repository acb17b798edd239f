/**
 * Ley 29733's rights over the certificates of "Programación Talleres Masivos" (B12): what the
 * consultant reads in the personal-data panel about a person's certificates ('Certificados' and
 * their PDFs in the module's Drive folder), Spanish (Peru). See app/personal-data/lookup.ts and
 * change.ts.
 */
import { formatLimaShortDate } from '../lima-time';

/** The 'Origen' of a certificate in the panel's list and the export. */
export const CERTIFICATE_SOURCE = 'Certificados';

/** What a deletion writes as the certificate's (internal) revocation reason. */
export const DELETION_REVOKE_REASON = 'Supresión de datos personales';

/** 'Por' of the rows a deletion changes. */
export const DELETION_BY = 'Supresión de datos personales (Ley 29733)';

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export const PERSONAL_DATA_CERTIFICATE_MESSAGES = {
  summary: (moduleName: string, state: string, issuedAt: Date | null) =>
    `Certificado${moduleName ? ` de «${moduleName}»` : ''} · ${state || 'sin estado'}${issuedAt ? ` · emitido el ${formatLimaShortDate(issuedAt)}` : ''}`,
  /** Lookup note: what the panel cannot take back. */
  kept: (n: number, sent: number) =>
    `${plural(n, 'certificado', 'certificados')} a su nombre: el PDF se guarda en la carpeta del módulo en Drive` +
    (sent ? ` y ${sent === 1 ? 'se le envió por correo' : 'se le enviaron por correo'} (los correos enviados no se pueden recuperar).` : '.') +
    ' Una eliminación envía los PDF a la papelera, borra el nombre y revoca los códigos: la página de verificación responderá «revocado» sin nombrar a la persona.',
  /** Appended to a deletion's message. */
  deleted: (revoked: number, trashed: number, removed: readonly string[]) =>
    ` ${plural(revoked, 'certificado quedó revocado', 'certificados quedaron revocados')} y sin nombre` +
    (trashed ? `; ${plural(trashed, 'PDF se envió', 'PDF se enviaron')} a la papelera de Drive` : '') +
    (removed.length
      ? `; ${plural(removed.length, 'PDF se quitó', 'PDF se quitaron')} de la carpeta del módulo, pero su propietario(a) en Drive debe buscarlo(s) por el código (${removed.join(', ')}) y enviarlo(s) a la papelera (solo el propietario puede hacerlo)`
      : '') +
    '.',
  retireFailed: (code: string, why: string) =>
    `No se pudo retirar de Drive el PDF del certificado ${code} (${why}). No se cambió nada en las hojas; envíelo a la papelera a mano o vuelva a intentarlo en unos minutos.`,
  noDrive: 'No se pudo acceder a Google Drive para retirar los PDF de los certificados. No se cambió nada en las hojas; vuelva a intentarlo.',
  /** Appended to a name correction when issued certificates carry the old name. */
  reissueNeeded: (codes: readonly string[]) =>
    ` ${codes.length === 1 ? `El certificado ${codes[0]} ya emitido conserva` : `Los certificados ${codes.join(', ')} ya emitidos conservan`} el nombre anterior: ` +
    'para corregirlo, reemítalo con «Corregir nombre y reemitir» en «Certificados (B12)», en el detalle del módulo del panel de «Programación Talleres Masivos» (se genera un código nuevo y el anterior queda como reemplazado).',
  /** Appended to a deletion's message: the module's generated tabs were rewritten without her. */
  reconsolidated: (modules: readonly string[]) =>
    ` Se rehízo el consolidado ${modules.length === 1 ? `del módulo ${modules[0]}` : `de los módulos ${modules.join(', ')}`} para que ya no la nombre.`,
  /** The deletion ran in the other spreadsheet: the consolidation must be redone in Talleres. */
  reconsolidateInTalleres: (modules: readonly string[]) =>
    ` El consolidado ${modules.length === 1 ? `del módulo ${modules[0]}` : `de los módulos ${modules.join(', ')}`} todavía la nombra: pulse «Consolidar» en «Programación Talleres Masivos».`,
  /** Reports already sent name her: the PDFs kept in the module's folder are the coordinator's decision. */
  reportsNameHer: (modules: readonly string[]) =>
    ` ${modules.length === 1 ? `El informe a la Dirección del módulo ${modules[0]} incluye` : `Los informes a la Dirección de los módulos ${modules.join(', ')} incluyen`} su nombre en las listas de asistencia: ` +
    'los correos enviados no se pueden recuperar; si el informe no debe conservarse así, envíe una nueva versión y retire la anterior de la carpeta del módulo.',
  /** The deletion's audit detail addition. */
  deletedAudit: (revoked: number, trashed: number, removed: number) => ` Certificados revocados: ${revoked}; PDF a la papelera: ${trashed}; PDF quitados de la carpeta: ${removed}.`,
} as const;
