import type { ServiceEnv, ServiceInstaller } from '../core/env';
import { GasObject } from '../core/gas-object';
import { parseSendEmailArgs } from './mail/message';
import { mailStore } from './mail/store';

export { mailStore, MailStore } from './mail/store';
export type { SentMail, StoredAttachment } from './mail/store';

/** MailApp needs the send_mail scope, which a simple trigger never has (guides/triggers#restrictions). */
const SEND_MAIL_SCOPE = 'https://www.googleapis.com/auth/script.send_mail';

/**
 * MailApp (developers.google.com/apps-script/reference/mail/mail-app): sends as the execution
 * user, counts every recipient (to, cc and bcc) against the daily quota, and records what it
 * sent in the outbox ('mail' store). A refused send sends nothing and takes no quota.
 */
export class MailApp extends GasObject {
  readonly _service = 'Mail' as const;
  readonly _class = 'MailApp';

  constructor(private readonly _env: ServiceEnv) {
    super();
  }

  getRemainingDailyQuota(): number {
    this._requireAuth('getRemainingDailyQuota');
    const { state, exec } = this._env;
    return state.quotas.remaining(exec.user, 'emailRecipients', state.now());
  }

  sendEmail(...args: unknown[]): void {
    this._requireAuth('sendEmail');
    const { state, exec } = this._env;
    const mail = parseSendEmailArgs(args, state.quotas.account);
    const recipients = mail.to.length + mail.cc.length + mail.bcc.length;
    // Throws "Service invoked too many times for one day: email." and takes nothing when short.
    state.quotas.consume(exec.user, 'emailRecipients', recipients, state.now());
    mailStore(state).add({
      id: state.random.chars('0123456789abcdef', 16),
      from: exec.user,
      ...mail,
      at: state.now(),
      executionId: exec.record.id,
    });
  }

  _requireAuth(method: string): void {
    if (this._env.exec.record.trigger === 'simple') {
      throw new Error(`You do not have permission to call MailApp.${method}. Required permissions: ${SEND_MAIL_SCOPE}`);
    }
  }
}

export const install: ServiceInstaller = (env) => ({ MailApp: new MailApp(env) });
