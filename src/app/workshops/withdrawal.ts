/**
 * Withdrawal from a module by the link in the person's confirmation or waiting-list email
 * (B05): the web app's 'retiro' action (docs/web-app.md). The link's subject is the
 * registration's ID; the page shows only the module's name and dates. Withdrawing frees the
 * place, and the first person waiting is promoted and told (app/workshops/registration.ts).
 */
import { WITHDRAWAL_PAGES as P } from '../../domain/messages/withdrawal';
import { isActive, WITHDRAWN } from '../../domain/workshops/registration';
import { LINK_ACTIONS } from '../../domain/web-links';
import type { LinkDeps, LinkHandler, LinkOutcome, LinkPage } from '../webapp/link-handler';
import { registrationSummary, releasePlace } from './registration';
import { ensureSessionClock } from './session-clock';

function nothing(page: LinkPage, detail: string): LinkOutcome {
  return { kind: 'nothing', page, auditDetail: detail };
}

export const WITHDRAWAL_HANDLER: LinkHandler = {
  action: LINK_ACTIONS.withdraw,

  describe(deps: LinkDeps, subject: string): LinkPage | LinkOutcome {
    const r = registrationSummary(deps, subject);
    if (!r) return nothing(P.unknown, 'inscripción inexistente');
    if (!isActive(r.status)) return nothing(P.already(r.moduleName), `estado: ${r.status || 'vacío'}`);
    if (!r.moduleAhead) return nothing(P.over(r.moduleName), 'el módulo ya terminó');
    return P.confirm(r.moduleName, r.dates, r.status);
  },

  perform(deps: LinkDeps, subject: string): LinkOutcome {
    const r = registrationSummary(deps, subject);
    if (!r) return nothing(P.unknown, 'inscripción inexistente');
    if (!isActive(r.status)) return nothing(P.already(r.moduleName), `estado: ${r.status || 'vacío'}`);
    if (!r.moduleAhead) return nothing(P.over(r.moduleName), 'el módulo ya terminó');
    const done = releasePlace(deps, subject, { state: WITHDRAWN, reason: '', by: 'Por la persona, con el enlace de su correo' });
    if (!done.ok) return nothing(P.already(r.moduleName), done.message);
    // The person promoted gets the next access link within minutes, not at the clock's next hourly look.
    if (done.promoted > 0 && deps.scheduler) ensureSessionClock({ scheduler: deps.scheduler, properties: deps.properties, lock: deps.lock, clock: deps.clock });
    return { kind: 'done', page: P.done(r.moduleName), auditDetail: done.promoted ? `cupo liberado; ${done.promoted} promovida(s) de la lista de espera` : 'cupo liberado' };
  },
};
