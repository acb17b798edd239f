/**
 * The Mailer port over MailApp: send only (scope script.send_mail). GmailApp would need the
 * restricted full-mailbox scope, which this product never asks for (docs/oauth-scopes.md).
 */
import type { Mailer, OutgoingMail } from '../ports';

export class MailAppMailer implements Mailer {
  send(mail: OutgoingMail): void {
    MailApp.sendEmail({
      to: mail.to,
      subject: mail.subject,
      body: mail.text,
      htmlBody: mail.html,
      name: mail.senderName,
      ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
    });
  }

  remainingDailyQuota(): number {
    return MailApp.getRemainingDailyQuota();
  }
}
