import { clearJournal, journalEntries, journalKey, sendOnce, QUOTA_EXHAUSTED, type DeliveryDeps } from '../../../src/app/delivery';
import type { OutgoingMail } from '../../../src/ports';
import { FixedClock, MemoryStore } from '../../support/memory-ports';
import { FakeMailer } from './attention-jobs-fixtures';

const mail = (to = 'rosa.quispe@gmail.com'): OutgoingMail => ({ to, subject: 'Recordatorio', text: 'Hola', html: '<p>Hola</p>', senderName: 'SOE' });

function deps(): DeliveryDeps & { mailer: FakeMailer; journal: MemoryStore; clock: FixedClock } {
  return { mailer: new FakeMailer(), journal: new MemoryStore(), clock: new FixedClock(new Date('2026-11-27T23:00:00Z')) };
}

describe('sendOnce: every email at most once', () => {
  test('sends, records "enviado" with its time, and a second call sends nothing', () => {
    const d = deps();
    const first = sendOnce(d, 'recordatorio', 'AV-1', mail());
    expect(first).toEqual({ status: 'enviado', at: new Date('2026-11-27T23:00:00Z') });
    expect(d.journal.get(journalKey('recordatorio', 'AV-1'))).toBe('enviado|2026-11-27T23:00:00.000Z');
    d.clock.at = new Date('2026-11-28T01:00:00Z');
    const again = sendOnce(d, 'recordatorio', 'AV-1', mail());
    expect(again).toEqual({ status: 'enviado', at: new Date('2026-11-27T23:00:00Z') });
    expect(d.mailer.sent).toHaveLength(1);
  });

  test('kinds are independent: the survey of an appointment is not its reminder', () => {
    const d = deps();
    sendOnce(d, 'recordatorio', 'AV-1', mail());
    expect(sendOnce(d, 'encuesta', 'AV-1', mail()).status).toBe('enviado');
    expect(d.mailer.sent).toHaveLength(2);
  });

  test('a send interrupted mid-way ("enviando" left in the journal) is never repeated: it is ambiguous', () => {
    const d = deps();
    d.journal.setAll({ [journalKey('encuesta', 'AV-2')]: 'enviando|2026-11-27T22:59:00.000Z' });
    expect(sendOnce(d, 'encuesta', 'AV-2', mail())).toMatchObject({ status: 'ambiguo' });
    expect(d.mailer.sent).toHaveLength(0);
  });

  test('an error MailApp gives after it may have sent is ambiguous, and stays so', () => {
    const d = deps();
    d.mailer.failures.push(new Error("We're sorry, a server error occurred. Please wait a bit and try again."));
    expect(sendOnce(d, 'abandono', 'AV-3', mail())).toMatchObject({ status: 'ambiguo', message: expect.stringContaining('server error') });
    expect(d.journal.get(journalKey('abandono', 'AV-3'))).toMatch(/^enviando\|/);
    expect(sendOnce(d, 'abandono', 'AV-3', mail()).status).toBe('ambiguo');
    expect(d.mailer.sent).toHaveLength(0);
  });

  test('a refused address is an error with no journal entry left, so the corrected address can be sent later', () => {
    const d = deps();
    d.mailer.failures.push(new Error('Invalid email: rosa@@gmail'));
    expect(sendOnce(d, 'recordatorio', 'AV-4', mail('rosa@@gmail'))).toEqual({ status: 'error', message: 'Invalid email: rosa@@gmail' });
    expect(d.journal.get(journalKey('recordatorio', 'AV-4'))).toBeNull();
    expect(sendOnce(d, 'recordatorio', 'AV-4', mail()).status).toBe('enviado');
    expect(d.mailer.sent.map((m) => m.to)).toEqual(['rosa.quispe@gmail.com']);
  });

  test('with no quota left nothing is attempted', () => {
    const d = deps();
    d.mailer.quota = 0;
    expect(sendOnce(d, 'talleres', 'AV-5', mail())).toEqual({ status: 'error', message: QUOTA_EXHAUSTED });
    expect(d.journal.getAll()).toEqual({});
  });

  test('a quota budget read once is counted down, and MailApp is not asked again', () => {
    const d = deps();
    const asked = jest.spyOn(d.mailer, 'remainingDailyQuota');
    const quota = { remaining: 2 };
    const withQuota = { ...d, quota };
    expect(sendOnce(withQuota, 'recordatorio', 'A', mail()).status).toBe('enviado');
    expect(sendOnce(withQuota, 'recordatorio', 'B', mail()).status).toBe('enviado');
    expect(sendOnce(withQuota, 'recordatorio', 'C', mail())).toEqual({ status: 'error', message: QUOTA_EXHAUSTED });
    expect(quota.remaining).toBe(0);
    expect(asked).not.toHaveBeenCalled();
    expect(d.mailer.sent).toHaveLength(2);
  });

  test('"Service invoked too many times" (the quota ran out meanwhile) is a refusal that empties the budget', () => {
    const d = deps();
    const quota = { remaining: 5 };
    d.mailer.failures.push(new Error('Service invoked too many times for one day: email.'));
    expect(sendOnce({ ...d, quota }, 'recordatorio', 'A', mail()).status).toBe('error');
    expect(quota.remaining).toBe(0);
    expect(d.journal.getAll()).toEqual({});
  });
});

describe('the journal', () => {
  test('lists the entries of one kind and forgets the ones the sheet now records', () => {
    const d = deps();
    sendOnce(d, 'recordatorio', 'AV-1|2026-11-28T13:00:00.000Z', mail());
    sendOnce(d, 'encuesta', 'AV-1', mail());
    d.journal.setAll({ [journalKey('recordatorio', 'AV-2|2026-11-28T14:00:00.000Z')]: 'enviando|2026-11-27T23:01:00.000Z', OTHER: 'x' });
    expect(journalEntries(d.journal, 'recordatorio')).toEqual([
      { rowId: 'AV-1|2026-11-28T13:00:00.000Z', state: 'enviado', at: new Date('2026-11-27T23:00:00Z') },
      { rowId: 'AV-2|2026-11-28T14:00:00.000Z', state: 'enviando', at: new Date('2026-11-27T23:01:00Z') },
    ]);
    clearJournal(d.journal, 'recordatorio', ['AV-1|2026-11-28T13:00:00.000Z', 'AV-2|2026-11-28T14:00:00.000Z']);
    expect(journalEntries(d.journal, 'recordatorio')).toEqual([]);
    expect(journalEntries(d.journal, 'encuesta')).toHaveLength(1);
    expect(d.journal.get('OTHER')).toBe('x');
  });
});
