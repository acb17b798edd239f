/**
 * Which handler acts for each action of the web app's signed links (docs/web-app.md). One line
 * per action: the router (./router.ts) refuses a link whose action has no handler here with the
 * same page as a forged one. Later features (withdrawal 'retiro', certificate verification,
 * the Sub Director's approvals) add their line.
 */
import { unsubscribeHandler } from '../workshops/unsubscribe';
import { WITHDRAWAL_HANDLER } from '../workshops/withdrawal';
import { VERIFICATION_HANDLER } from '../workshops/verification';
import { APPROVE_HANDLER, REJECT_HANDLER } from '../external/approval';
import type { LinkAction } from '../../domain/web-links';
import type { LinkHandler } from './link-handler';

export const LINK_HANDLERS: Partial<Record<LinkAction, LinkHandler>> = {
  baja: unsubscribeHandler,
  retiro: WITHDRAWAL_HANDLER,
  verificar: VERIFICATION_HANDLER,
  // C01 (i14-decision): the Sub Director's buttons on a request's proposal.
  aprobar: APPROVE_HANDLER,
  rechazar: REJECT_HANDLER,
};
