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
      // A certificate's or a report's PDF, read from Drive at send time (the drive scope the module folders already use).
      ...(mail.attachmentFileIds && mail.attachmentFileIds.length > 0
        ? { attachments: mail.attachmentFileIds.map((id) => DriveApp.getFileById(id).getBlob()) }
        : {}),
    });
  }

  remainingDailyQuota(): number {
    return MailApp.getRemainingDailyQuota();
  }
}
