/**
 * Public verification of a certificate (B12, item 4): the web app's 'verificar' action
 * (docs/web-app.md). The link printed on the certificate (and its QR) carries a signed token
 * whose subject is the certificate's code; the page reads that code's row of 'Certificados' and
 * answers valid / replaced / revoked / unknown, showing only the name printed on the certificate,
 * the module and its dates (domain/messages/certificate-verification.ts).
 *
 * Read-only and never spent: `describe` answers with a page without a confirm button, and the
 * handler is `readOnly`, so the router records the link as used neither on GET nor on a POST
 * someone forges (a spent link would stop verifying a printed certificate forever). `perform`
 * answers the same page as 'nothing'.
 */
import { VERIFICATION_AUDIT as A, VERIFICATION_LOOKUP as L, VERIFICATION_PAGES as P, type CertificateFacts } from '../../domain/messages/certificate-verification';
import { typedCertificateCode } from '../../domain/certificate-code-input';
import type { WebPage, WebPageLookup } from '../../domain/web-page';
import { CERTIFICATES_TAB, SETTINGS_TAB } from '../../domain/schema';
import { LINK_ACTIONS, LINK_VALIDITY_DAYS } from '../../domain/web-links';
import type { Clock, KeyValueStore, WebAppService, Workbooks } from '../../ports';
import { readSettings } from '../settings';
import type { LinkDeps, LinkHandler, LinkOutcome, LinkPage } from '../webapp/link-handler';
import { linkMaker, webAppBase } from '../webapp/links';
import { text } from './cells';

/** What verificationLink needs: the spreadsheet (its 'Enlace de la aplicación web' setting), the secret, the clock, Google's answer. */
export interface VerificationLinkDeps {
  workbooks: Workbooks;
  properties: KeyValueStore;
  clock: Clock;
  webApp: WebAppService | null;
}

/**
 * The maker of verification URLs for one execution (the issuing job calls it once per run with
 * the settings it already read): `usable` false when the web app has no usable /exec address
 * (then no certificate can be issued); `url(code, from)` a signed 'verificar' link valid for
 * LINK_VALIDITY_DAYS.verificar from `from`.
 */
export function verificationLinks(properties: KeyValueStore, webAppUrlSetting: string, webApp: WebAppService | null) {
  const base = webAppBase(webAppUrlSetting, webApp);
  const make = linkMaker(properties, base);
  return {
    usable: base !== null,
    url: (code: string, from: Date): string | null => make(LINK_ACTIONS.verify, code, new Date(from.getTime() + LINK_VALIDITY_DAYS.verificar * 86_400_000)),
  };
}

/**
 * The verification URL printed on the certificate with this code ({{verificacion}} and the QR),
 * valid from now; null when the web app has no usable /exec address.
 */
export function verificationLink(deps: VerificationLinkDeps, code: string): string | null {
  const settings = readSettings(deps.workbooks.current().table(SETTINGS_TAB)).settings;
  return verificationLinks(deps.properties, settings.webAppUrl, deps.webApp).url(code, deps.clock.now());
}

function nothing(page: LinkPage, auditDetail: string): LinkOutcome {
  return { kind: 'nothing', page, auditDetail };
}

/** The page for a code: one read of 'Certificados' (cached within the execution). */
export function verifyCertificate(deps: Pick<LinkDeps, 'workbooks'>, code: string): LinkOutcome {
  const table = deps.workbooks.current().table(CERTIFICATES_TAB);
  if (!table.exists()) return nothing(P.unknown, A.noTab);
  const row = table.read().byId.get(code);
  if (!row) return nothing(P.unknown, A.unknown);
  const r = row.record;
  // Only these three cells of the row reach the page (name, module, dates): never a document, an email or a reason.
  const facts: CertificateFacts = { code: row.id, fullName: text(r.fullName), moduleName: text(r.moduleName), moduleDates: text(r.moduleDates) };
  const state = text(r.state);
  if (state === 'Vigente') return nothing(P.valid(facts), A.valid);
  if (state === 'Reemplazado') return nothing(P.replaced(facts), A.replaced);
  if (state === 'Revocado') return nothing(P.revoked(facts), A.revoked);
  return nothing(P.unconfirmed, A.unconfirmed(state));
}

export const VERIFICATION_HANDLER: LinkHandler = {
  action: LINK_ACTIONS.verify,
  readOnly: true,
  describe: (deps, subject) => verifyCertificate(deps, subject),
  perform: (deps, subject) => verifyCertificate(deps, subject),
};

// ---------------------------------------------------------------------------- a code typed on the page

/** The query parameter of a typed code (GET `<exec>?codigo=…`). */
export const CODE_PARAMETER = 'codigo';

/**
 * The page for a code typed in the web app's form (GET, no token): the same four answers as the
 * signed link, followed by the form to verify another. Only a FULL code is looked up (80 bits:
 * nobody can enumerate them, and a partial code answers nothing); anything else gets the form
 * again without being read or echoed. Never writes to a sheet but the audit log.
 */
export function certificateCodeLookup(deps: Pick<LinkDeps, 'workbooks' | 'audit'>, raw: unknown, formAction: string): WebPage {
  const lookup = (value: string, label: string = L.label): WebPageLookup => ({ action: formAction, field: CODE_PARAMETER, label, value, placeholder: L.placeholder, button: L.button });
  const typed = typeof raw === 'string' ? raw.trim() : '';
  if (typed === '') return { title: L.title, paragraphs: [L.intro], lookup: lookup('') };
  const code = typedCertificateCode(typed);
  if (!code) {
    deps.audit.record({ action: L.audit, target: '', result: 'Sin efecto', detail: L.auditBad });
    return { title: L.badTitle, paragraphs: [L.bad], lookup: lookup('') };
  }
  const answer = verifyCertificate(deps, code);
  deps.audit.record({ action: L.audit, target: code, result: 'Sin cambios', detail: answer.auditDetail });
  return { title: answer.page.title, paragraphs: answer.page.paragraphs, lookup: lookup('', L.another) };
}
