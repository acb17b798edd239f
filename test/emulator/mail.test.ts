import { makeTestEnv, nextExecution } from '../../emulator/testing';
import { MailApp, mailStore } from '../../emulator/services/mail';
import { Blob } from '../../emulator/services/blob';
import { WorkspaceState } from '../../emulator/core/state';

// Reference: developers.google.com/apps-script/reference/mail/mail-app
// Limits: developers.google.com/apps-script/guides/services/quotas

function setup(opts: Parameters<typeof makeTestEnv>[0] = {}) {
  const env = makeTestEnv(opts);
  return { env, mail: new MailApp(env), outbox: () => mailStore(env.state).sent };
}

describe('MailApp.sendEmail — mail-app reference', () => {
  test('sendEmail(recipient, subject, body) sends as the execution user at virtual time', () => {
    const { env, mail, outbox } = setup();
    mail.sendEmail('ana@example.org', 'Recordatorio', 'Hola Ana');
    expect(outbox()).toHaveLength(1);
    const m = outbox()[0];
    expect(m).toMatchObject({
      from: 'consultora@trabajo.gob.pe',
      to: ['ana@example.org'],
      cc: [],
      bcc: [],
      subject: 'Recordatorio',
      body: 'Hola Ana',
      at: env.state.now(),
      executionId: env.exec.record.id,
    });
  });

  test('options: cc, bcc, replyTo, name, htmlBody, noReply are recorded; comma lists split', () => {
    const { mail, outbox } = setup();
    mail.sendEmail('a@example.org, b@example.org', 'S', 'texto', {
      cc: 'c@example.org',
      bcc: 'd@example.org,e@example.org',
      replyTo: 'soporte@example.org',
      name: 'Servicio de Orientación',
      htmlBody: '<p>texto</p>',
      noReply: true,
    });
    expect(outbox()[0]).toMatchObject({
      to: ['a@example.org', 'b@example.org'],
      cc: ['c@example.org'],
      bcc: ['d@example.org', 'e@example.org'],
      replyTo: 'soporte@example.org',
      name: 'Servicio de Orientación',
      htmlBody: '<p>texto</p>',
      noReply: true,
    });
  });

  test('sendEmail(message) object form, and sendEmail(to, replyTo, subject, body)', () => {
    const { mail, outbox } = setup();
    mail.sendEmail({ to: 'x@example.org', subject: 'Obj', htmlBody: '<b>hola</b>', cc: 'y@example.org' });
    mail.sendEmail('z@example.org', 'reply@example.org', 'Four', 'cuerpo');
    expect(outbox()[0]).toMatchObject({ to: ['x@example.org'], cc: ['y@example.org'], subject: 'Obj', htmlBody: '<b>hola</b>', body: '' });
    expect(outbox()[1]).toMatchObject({ to: ['z@example.org'], replyTo: 'reply@example.org', subject: 'Four', body: 'cuerpo' });
  });

  test('a display-name address "Ana <ana@x.org>" is accepted', () => {
    const { mail, outbox } = setup();
    mail.sendEmail('Ana Pérez <ana@example.org>', 's', 'b');
    expect(outbox()[0].to).toEqual(['ana@example.org']);
  });

  test('an invalid address throws "Invalid email: X" and sends nothing', () => {
    const { env, mail, outbox } = setup();
    expect(() => mail.sendEmail('ok@example.org, ana.example.org', 's', 'b')).toThrow('Invalid email: ana.example.org');
    expect(() => mail.sendEmail({ to: 'ok@example.org', cc: 'no valido@x', subject: 's', body: 'b' })).toThrow('Invalid email: no valido@x');
    expect(outbox()).toHaveLength(0);
    expect(env.state.quotas.used(env.exec.user, 'emailRecipients', env.state.now())).toBe(0);
  });

  test('no recipient at all is refused', () => {
    const { mail } = setup();
    expect(() => mail.sendEmail({ subject: 's', body: 'b' })).toThrow('Failed to send email: no recipient');
  });

  test('a call matching no signature throws the platform signature error', () => {
    const { mail } = setup();
    expect(() => mail.sendEmail('a@example.org', 'only two')).toThrow(
      "The parameters (String,String) don't match the method signature for MailApp.sendEmail.",
    );
  });
});

describe('MailApp daily quota — quotas guide: "Email recipients per day"', () => {
  test('each recipient (to, cc, bcc) counts 1; getRemainingDailyQuota reflects it', () => {
    const { env, mail } = setup();
    const before = mail.getRemainingDailyQuota();
    expect(before).toBe(1500); // Workspace account
    mail.sendEmail('a@example.org,b@example.org', 's', 'b', { cc: 'c@example.org', bcc: 'd@example.org' });
    expect(mail.getRemainingDailyQuota()).toBe(before - 4);
    expect(env.state.quotas.used(env.exec.user, 'emailRecipients', env.state.now())).toBe(4);
  });

  test('when the quota is gone the send throws the real message and sends nothing', () => {
    const { env, mail, outbox } = setup();
    env.state.quotas.overrides.emailRecipients = 3;
    mail.sendEmail('a@example.org,b@example.org', 's', 'b');
    // 2 used, 1 left: a 2-recipient message does not go out at all (not partially).
    expect(() => mail.sendEmail('c@example.org,d@example.org', 's', 'b')).toThrow('Service invoked too many times for one day: email.');
    expect(outbox()).toHaveLength(1);
    expect(mail.getRemainingDailyQuota()).toBe(1);
    mail.sendEmail('c@example.org', 's', 'b');
    expect(mail.getRemainingDailyQuota()).toBe(0);
    expect(() => mail.sendEmail('e@example.org', 's', 'b')).toThrow('Service invoked too many times for one day: email.');
  });

  test('the quota resets 24 hours after the first send (quotas guide)', () => {
    const { env, mail } = setup();
    env.state.quotas.overrides.emailRecipients = 1;
    mail.sendEmail('a@example.org', 's', 'b');
    expect(mail.getRemainingDailyQuota()).toBe(0);
    env.state.clock.advance(24 * 3600_000);
    expect(mail.getRemainingDailyQuota()).toBe(1);
  });

  test('more than 50 recipients in one message: "Limit Exceeded: Email Recipients Per Message."', () => {
    const { mail, outbox } = setup();
    const many = Array.from({ length: 51 }, (_, i) => `p${i}@example.org`).join(',');
    expect(() => mail.sendEmail(many, 's', 'b')).toThrow('Limit Exceeded: Email Recipients Per Message.');
    expect(outbox()).toHaveLength(0);
  });
});

describe('MailApp attachments — options.attachments / inlineImages', () => {
  test('Blob attachments are stored with name, content type and bytes', () => {
    const { mail, outbox } = setup();
    const pdf = new Blob(new Uint8Array([0x25, 0x50, 0x44, 0x46]), 'application/pdf', 'certificado.pdf');
    const logo = new Blob(new Uint8Array([1, 2, 3]), 'image/png', 'logo.png');
    mail.sendEmail('a@example.org', 'Certificado', 'adjunto', { attachments: [pdf], htmlBody: '<img src="cid:logo">', inlineImages: { logo } });
    const m = outbox()[0];
    expect(m.attachments).toEqual([{ name: 'certificado.pdf', contentType: 'application/pdf', base64: Buffer.from('%PDF').toString('base64') }]);
    expect(m.inlineImages.logo).toEqual({ name: 'logo.png', contentType: 'image/png', base64: Buffer.from([1, 2, 3]).toString('base64') });
  });

  test('a BlobSource (object with getBlob) and an object with getBytes are accepted', () => {
    const { mail, outbox } = setup();
    const file = { getBlob: () => new Blob(new Uint8Array([65]), 'text/plain', 'a.txt') };
    const raw = { getBytes: () => [66, -1], getName: () => 'b.bin', getContentType: () => 'application/octet-stream' };
    mail.sendEmail({ to: 'a@example.org', subject: 's', body: 'b', attachments: [file, raw] });
    expect(outbox()[0].attachments.map((a) => [a.name, Buffer.from(a.base64, 'base64').toJSON().data])).toEqual([
      ['a.txt', [65]],
      ['b.bin', [66, 255]],
    ]);
  });

  test('attachments over 25 MB in total: "Limit Exceeded: Email Total Attachments Size."', () => {
    const { mail, outbox } = setup();
    const big = new Blob(new Uint8Array(13 * 1024 * 1024), 'application/pdf', 'a.pdf');
    expect(() => mail.sendEmail('a@example.org', 's', 'b', { attachments: [big, big.copyBlob()] })).toThrow(
      'Limit Exceeded: Email Total Attachments Size.',
    );
    expect(outbox()).toHaveLength(0);
  });
});

describe('MailApp in a simple trigger — guides/triggers#restrictions', () => {
  test('simple triggers cannot send mail: the real permission error', () => {
    const { mail, outbox } = setup({ trigger: 'simple' });
    expect(() => mail.sendEmail('a@example.org', 's', 'b')).toThrow(
      'You do not have permission to call MailApp.sendEmail. Required permissions: https://www.googleapis.com/auth/script.send_mail',
    );
    expect(outbox()).toHaveLength(0);
  });
});

describe('mail store persistence', () => {
  test('the outbox survives a JSON round trip of the workspace state', () => {
    const { env, mail } = setup();
    mail.sendEmail('a@example.org', 'Asunto', 'Cuerpo', { attachments: [new Blob(new Uint8Array([9]), 'text/plain', 'n.txt')] });
    const copy = WorkspaceState.fromJSON(JSON.parse(JSON.stringify(env.state.toJSON())));
    expect(mailStore(copy).sent).toEqual(mailStore(env.state).sent);
    // and the next execution on the restored state keeps counting from it
    const env2 = nextExecution({ ...env, state: copy });
    new MailApp(env2).sendEmail('b@example.org', 's', 'b');
    expect(mailStore(copy).sent).toHaveLength(2);
    expect(mailStore(copy).to('b@example.org')).toHaveLength(1);
  });
});
