/**
 * The Session port. The active user is the person clicking; in a trigger Google often does not
 * tell, and then the effective user (the trigger's owner, whom the execution runs as) is used.
 * Needs the userinfo.email scope; '' when neither is available (e.g. another Workspace domain).
 */
import type { Session } from '../ports';

export class GasSession implements Session {
  private email?: string;

  userEmail(): string {
    if (this.email === undefined) {
      this.email = safeEmail(() => Session.getActiveUser().getEmail()) || safeEmail(() => Session.getEffectiveUser().getEmail());
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
