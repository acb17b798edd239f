/**
 * B05: "dejar de recibir invitaciones" from the link in an invitation email (docs/web-app.md).
 *
 * The link's subject is the invitation's ID ('Invitaciones'); the address is read from that row,
 * so no address travels in the URL. The GET shows the address masked (a•••@gmail.com); the POST
 * adds it, normalised to lower case, to 'Bajas de difusión' unless it is there already. The
 * invitation job honours that tab through `unsubscribedEmails` (every later run skips the address).
 */
import { INVITATIONS_TAB, UNSUBSCRIBES_TAB, type UnsubscribeKey } from '../../domain/schema';
import { normaliseEmail } from '../../domain/validation';
import { LINK_ACTIONS } from '../../domain/web-links';
import type { TableSnapshot } from '../../ports';
import { unsubscribeChecker, type UnsubscribeChecker } from '../../domain/unsubscribe-key';
import { UNSUBSCRIBE_MESSAGES, UNSUBSCRIBE_VIA_LINK } from '../../domain/messages/web-app';
import type { LinkDeps, LinkHandler, LinkOutcome, LinkPage } from '../webapp/link-handler';

export { UNSUBSCRIBE_MESSAGES, UNSUBSCRIBE_VIA_LINK };


const M = UNSUBSCRIBE_MESSAGES;

/** The address as the tab keeps it: valid and lower case; null otherwise. */
export function normalisedAddress(raw: unknown): string | null {
  return normaliseEmail(typeof raw === 'string' ? raw : String(raw ?? ''))?.toLowerCase() ?? null;
}

/**
 * Who asked for no more invitations (for the invitation job and this page): the tab's cells hold
 * an address or, after a deletion under Ley 29733, its fingerprint (domain/unsubscribe-key.ts).
 */
export function unsubscribedEmails(snapshot: Pick<TableSnapshot<UnsubscribeKey>, 'rows'>): UnsubscribeChecker {
  return unsubscribeChecker(snapshot.rows.map((r) => r.record.email));
}

/** "a•••@gmail.com": the first character of the local part, the domain in full. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '•••';
  return `${email[0]}•••${email.slice(at)}`;
}

/** The invitation's address, or null when the row is gone or its address unusable. */
function addressOf(deps: LinkDeps, invitationId: string, fresh: boolean): string | null {
  const table = deps.workbooks.current().table(INVITATIONS_TAB);
  if (!table.exists()) return null;
  const row = table.read({ fresh }).byId.get(invitationId);
  return row ? normalisedAddress(row.record.email) : null;
}

function isUnsubscribed(deps: LinkDeps, email: string, fresh: boolean): boolean {
  const table = deps.workbooks.current().table(UNSUBSCRIBES_TAB);
  return table.exists() && unsubscribedEmails(table.read({ fresh })).has(email);
}

function page(title: string, ...paragraphs: string[]): LinkPage {
  return { title, paragraphs };
}

export const unsubscribeHandler: LinkHandler = {
  action: LINK_ACTIONS.unsubscribe,

  describe(deps, subject): LinkPage | LinkOutcome {
    const email = addressOf(deps, subject, false);
    if (!email) return { kind: 'nothing', page: page(M.goneTitle, M.gone), auditDetail: 'invitación no encontrada' };
    const masked = maskEmail(email);
    if (isUnsubscribed(deps, email, false)) return { kind: 'nothing', page: page(M.alreadyTitle, M.already(masked), M.thanks), auditDetail: 'ya estaba de baja' };
    return { title: M.title, paragraphs: [M.describe(masked), M.confirmHint], confirm: M.confirm };
  },

  perform(deps, subject): LinkOutcome {
    return deps.lock.withLock(() => {
      const email = addressOf(deps, subject, true);
      if (!email) return { kind: 'nothing', page: page(M.goneTitle, M.gone), auditDetail: 'invitación no encontrada' };
      const masked = maskEmail(email);
      const table = deps.workbooks.current().table(UNSUBSCRIBES_TAB);
      if (!table.exists()) return { kind: 'retry', page: page(M.title, M.retry), auditDetail: `falta la pestaña ${UNSUBSCRIBES_TAB.name}` };
      if (unsubscribedEmails(table.read({ fresh: true })).has(email)) {
        return { kind: 'nothing', page: page(M.alreadyTitle, M.already(masked), M.thanks), auditDetail: 'ya estaba de baja' };
      }
      table.append([{ email, at: deps.clock.now(), via: UNSUBSCRIBE_VIA_LINK }]);
      deps.audit.record({ action: M.audit, target: subject, result: 'Correcto', detail: `${masked} · ${UNSUBSCRIBE_VIA_LINK}` });
      return { kind: 'done', page: page(M.doneTitle, M.done(masked), M.thanks), auditDetail: `baja de ${masked}` };
    });
  },
};
