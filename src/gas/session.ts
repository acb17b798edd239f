/**
 * The Session port. The active user is the person clicking; in a trigger Google often does not
 * tell, and then the effective user (the trigger's owner, whom the execution runs as) is used.
 * Needs the userinfo.email scope; '' when neither is available (e.g. another Workspace domain).
 *
 * A web app execution is different: it runs as the deployer ("Ejecutar como: Yo"), so the
 * effective user is the deployer, who did not click anything. There only the active user (the
 * visitor; usually '' for someone outside the domain or not signed in) is told.
 */
import { EXECUTION_KINDS } from '../domain/messages/setup';
import type { Session } from '../ports';

export class GasSession implements Session {
  private email?: string;

  /** @param how how the execution started (EXECUTION_KINDS); a web app's never falls back to the effective user. */
  constructor(private readonly how: string = '') {}

  userEmail(): string {
    if (this.email === undefined) {
      const active = safeEmail(() => Session.getActiveUser().getEmail());
      this.email = active !== '' || this.how === EXECUTION_KINDS.webApp ? active : safeEmail(() => Session.getEffectiveUser().getEmail());
    }
    return this.email;
  }
}

function safeEmail(get: () => string): string {
  try {
    return String(get() ?? '').trim().toLowerCase();
  } catch {
    return '';
  }
}
