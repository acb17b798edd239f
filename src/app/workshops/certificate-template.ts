/**
 * The certificate template (B12 item 2): setup makes one in Google Slides when the setting
 * 'Plantilla de certificado (ID)' is empty or names a presentation that cannot be opened, in the
 * spreadsheet's folder, and setup mirrors its ID and link into 'Configuración'. The Dirección may
 * redesign it in Slides; the panel checks its placeholders (domain/workshops/certificates.ts).
 *
 * Drive has no idempotent create: the new template's ID is kept in the document properties at
 * once, and a template with the service's name in that folder is adopted, so a setup that died
 * after making it does not make a second one.
 */
import { CERTIFICATE_AUDIT as A } from '../../domain/messages/workshops-certificates';
import type { CertificateSlides, DriveFiles, DriveItemRef, KeyValueStore } from '../../ports';

/** The template's file name. */
export const TEMPLATE_NAME = 'Plantilla de certificado – Aprende a Emprender';
/** Document property: the template setup made (its ID). */
export const TEMPLATE_PROPERTY = 'talleres.plantillaCertificado';

export interface TemplateState {
  id: string;
  url: string;
}

export function presentationUrl(id: string): string {
  return `https://docs.google.com/presentation/d/${id}/edit`;
}

/**
 * The template to use: the one the setting names when it opens; else the one setup made before
 * (property, then by name in the spreadsheet's folder); else a new one.
 */
export function ensureCertificateTemplate(
  deps: { slides: CertificateSlides; drive: DriveFiles; properties: KeyValueStore },
  mirrored: string,
  change: (action: string, target: string, sentence: string) => void,
): TemplateState {
  const given = mirrored.trim();
  if (given && deps.slides.templateText(given) !== null) return { id: given, url: presentationUrl(given) };
  const recorded = deps.properties.get(TEMPLATE_PROPERTY) ?? '';
  if (recorded && recorded !== given && deps.slides.templateText(recorded) !== null) return { id: recorded, url: presentationUrl(recorded) };
  const folder = deps.drive.spreadsheetFolder();
  const found: DriveItemRef | undefined = deps.drive.filesNamed(folder.id, TEMPLATE_NAME).find((f) => f.id !== given && deps.slides.templateText(f.id) !== null);
  if (found) {
    deps.properties.setAll({ [TEMPLATE_PROPERTY]: found.id });
    return { id: found.id, url: presentationUrl(found.id) };
  }
  const made = deps.slides.createTemplate(folder.id, TEMPLATE_NAME);
  deps.properties.setAll({ [TEMPLATE_PROPERTY]: made.id });
  change(A.templateCreated, TEMPLATE_NAME, `Se creó la plantilla de certificado en Google Slides («${TEMPLATE_NAME}»), en la carpeta de esta hoja. La Dirección puede rediseñarla manteniendo los marcadores como {{nombre}} o {{codigo}}.`);
  // Always the same form of link for the same ID, so a second setup finds nothing to change.
  return { id: made.id, url: presentationUrl(made.id) };
}
