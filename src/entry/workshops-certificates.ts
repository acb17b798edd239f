/**
 * Entry points of a module's certificates (issue 13, B12 items 2–4), in "Programación Talleres
 * Masivos": the panel's view, a preview, the issuing (a job), and a coordinator's reissue and
 * revoke. The issuing job's trigger handler is trigger-only.
 */
import {
  certificatesView,
  issueCertificates as issueUseCase,
  previewCertificate as previewUseCase,
  reissueCertificate as reissueUseCase,
  revokeCertificate as revokeUseCase,
  runCertificates as runUseCase,
  type CertificateActionResult,
  type CertificateDeps,
  type CertificatesView,
} from '../app/workshops/certificates';
import { CERTIFICATE_EXECUTION_KIND } from '../domain/messages/workshops-certificates';
import { EXECUTION_KINDS } from '../domain/messages/setup';
import { SlidesCertificates } from '../gas/certificate-slides';
import { DriveAppFiles } from '../gas/drive-files';
import type { Context } from './context';
import { guarded } from './guard';

function deps(ctx: Context): CertificateDeps {
  return { ...ctx, drive: new DriveAppFiles(), slides: new SlidesCertificates() };
}

/** The module's certificates: template check, progress, and each person's code, state and PDF. */
export function getCertificatesView(moduleId: string): CertificatesView {
  return guarded('getCertificatesView', EXECUTION_KINDS.panel, (ctx) => certificatesView(deps(ctx), moduleId));
}

/** «Vista previa»: one certificate as a PDF named 'Vista previa - …' in the module's folder; nothing issued or sent. */
export function previewCertificate(moduleId: string, registrationId?: string): CertificateActionResult {
  return guarded('previewCertificate', EXECUTION_KINDS.panel, (ctx) => previewUseCase(deps(ctx), moduleId, registrationId));
}

/** «Emitir certificados»: starts the issuing job and answers at once with the progress. */
export function issueCertificates(moduleId: string): CertificateActionResult {
  return guarded('issueCertificates', EXECUTION_KINDS.panel, (ctx) => issueUseCase(deps(ctx), moduleId));
}

/** «Corregir nombre y reemitir» (coordinator): a new code with the corrected name; the old one replaced. */
export function reissueCertificate(code: string, correctedName: string): CertificateActionResult {
  return guarded('reissueCertificate', EXECUTION_KINDS.panel, (ctx) => reissueUseCase(deps(ctx), code, correctedName));
}

/** «Revocar» (coordinator): with a required reason; the PDF leaves the folder. */
export function revokeCertificate(code: string, reason: string): CertificateActionResult {
  return guarded('revokeCertificate', EXECUTION_KINDS.panel, (ctx) => revokeUseCase(deps(ctx), code, reason));
}

/** Time-driven (the job's continuations): issues what the asked-for modules still lack, within the budget and the quota. */
export function runCertificates(e?: GoogleAppsScript.Events.TimeDriven): string {
  return guarded('runCertificates', CERTIFICATE_EXECUTION_KIND, (ctx) => {
    const result = runUseCase(deps(ctx));
    console.log(result.summary);
    return result.summary;
  }, e);
}
