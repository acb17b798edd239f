/**
 * The web app's router (src/app/webapp/router.ts) with in-memory ports: what each request
 * decides. GET never acts; POST acts once, under the lock, and spends the link only for 'done' or
 * 'nothing'; anything that does not check gets one page; nothing audited carries the token.
 */
import { handleLinkRequest, type LinkHandlers, type RouterDeps } from '../../../src/app/webapp/router';
import type { LinkHandler, LinkOutcome } from '../../../src/app/webapp/link-handler';
import { SIGNING_SECRET_PROPERTY } from '../../../src/app/signing';
import { USED_LINKS_TAB } from '../../../src/domain/schema';
import { signLink } from '../../../src/domain/web-links';
import { WEB_APP_MESSAGES } from '../../../src/domain/web-page';
import { LockBusyError, type Lock } from '../../../src/ports';
import { FakeMailer } from '../../support/attention-fixtures';
import { ArrayAuditLog, FixedClock, MemoryStore, MemoryWorkbook, MemoryWorkbooks, NoLock } from '../../support/memory-ports';

const SECRET = 'secreto-de-prueba-0123456789';
const NOW = new Date('2026-11-27T14:00:00Z');
const LATER = new Date('2027-02-01T00:00:00Z');
const URL = 'https://script.google.com/macros/s/AKfycbTEST1234567890/exec';

class FakeHandler implements LinkHandler {
  readonly action = 'baja' as const;
  performed = 0;
  lockHeldWhenPerforming: boolean[] = [];
  next: LinkOutcome['kind'] = 'done';
  describeAs: 'page' | 'nothing' = 'page';
  constructor(private readonly lock: NoLock) {}
  describe() {
    if (this.describeAs === 'nothing') return { kind: 'nothing' as const, page: { title: 'Nada', paragraphs: ['Nada que hacer'] }, auditDetail: 'nada' };
    return { title: 'Dejar de recibir', paragraphs: ['Dejará de recibir <b>invitaciones</b>'], confirm: 'Confirmar' };
  }
  perform(): LinkOutcome {
    this.performed++;
    this.lockHeldWhenPerforming.push(this.lock.held > 0);
    return { kind: this.next, page: { title: 'Hecho', paragraphs: [this.next] }, auditDetail: this.next };
  }
}

function world(opts: { ledger?: boolean; secret?: boolean; lock?: Lock } = {}) {
  const book = new MemoryWorkbook('ss-talleres', 'Programación Talleres Masivos');
  if (opts.ledger !== false) book.createTab(USED_LINKS_TAB.name, USED_LINKS_TAB.columns.map((c) => ({ text: c.header, system: c.system })));
  const workbooks = new MemoryWorkbooks('ss-talleres');
  workbooks.add(book);
  const noLock = new NoLock();
  const audit = new ArrayAuditLog();
  const deps: RouterDeps = {
    workbooks,
    properties: new MemoryStore(opts.secret === false ? {} : { [SIGNING_SECRET_PROPERTY]: SECRET }),
    lock: opts.lock ?? noLock,
    clock: new FixedClock(NOW),
    webApp: null,
    mailer: new FakeMailer(),
    audit,
    formAction: URL,
  };
  const handler = new FakeHandler(noLock);
  const handlers: LinkHandlers = { baja: handler };
  const ledger = () => book.table(USED_LINKS_TAB).read({ fresh: true }).rows.map((r) => r.record);
  return { deps, handler, handlers, audit, ledger, book };
}

const token = (o: Partial<{ action: 'baja' | 'retiro'; subject: string; expiresAt: Date; secret: string }> = {}) =>
  signLink(o.secret ?? SECRET, { action: o.action ?? 'baja', subject: o.subject ?? 'INV-1', expiresAt: o.expiresAt ?? LATER });

describe('GET describes, never acts', () => {
  test('a valid link: the handler describes; the page has a form with only the token, POSTing to the /exec address', () => {
    const w = world();
    const t = token();
    const r = handleLinkRequest(w.deps, w.handlers, { method: 'GET', token: t });
    expect(r.kind).toBe('describe');
    expect(r.page).toEqual({ title: 'Dejar de recibir', paragraphs: ['Dejará de recibir <b>invitaciones</b>'], form: { action: URL, token: t, button: 'Confirmar' } });
    expect(w.handler.performed).toBe(0);
    expect(w.ledger()).toEqual([]);
    expect(w.audit.entries()).toEqual([expect.objectContaining({ action: WEB_APP_MESSAGES.auditShown, result: 'Sin cambios' })]);
  });

  test("a 'nothing' description: its page, no form, and the link is not spent by a GET", () => {
    const w = world();
    w.handler.describeAs = 'nothing';
    const r = handleLinkRequest(w.deps, w.handlers, { method: 'GET', token: token() });
    expect(r).toMatchObject({ kind: 'nothing', page: { title: 'Nada' } });
    expect(r.page.form).toBeUndefined();
    expect(w.ledger()).toEqual([]);
  });
});

describe('POST acts once, under the lock', () => {
  test("'done': performed holding the lock, the link recorded (digest, action, subject, when, expiry); again: 'used'", () => {
    const w = world();
    const t = token();
    const r = handleLinkRequest(w.deps, w.handlers, { method: 'POST', token: t });
    expect(r).toMatchObject({ kind: 'done', page: { title: 'Hecho' } });
    expect(w.handler.lockHeldWhenPerforming).toEqual([true]);
    expect(w.ledger()).toEqual([{ id: expect.stringMatching(/^L-[0-9A-V]{20}$/), action: 'baja', subject: 'INV-1', usedAt: NOW, expiresAt: new Date(Math.floor(LATER.getTime() / 60000) * 60000) }]);
    const again = handleLinkRequest(w.deps, w.handlers, { method: 'POST', token: t });
    expect(again.kind).toBe('used');
    expect(again.page.title).toBe(WEB_APP_MESSAGES.usedTitle);
    expect(handleLinkRequest(w.deps, w.handlers, { method: 'GET', token: ` ${t} ` }).kind).toBe('used');
    expect(w.handler.performed).toBe(1);
  });

  test("'nothing' spends the link too; 'retry' leaves it usable", () => {
    const w = world();
    w.handler.next = 'retry';
    const t = token();
    expect(handleLinkRequest(w.deps, w.handlers, { method: 'POST', token: t }).kind).toBe('retry');
    expect(w.ledger()).toEqual([]);
    w.handler.next = 'nothing';
    expect(handleLinkRequest(w.deps, w.handlers, { method: 'POST', token: t }).kind).toBe('nothing');
    expect(w.ledger()).toHaveLength(1);
    expect(handleLinkRequest(w.deps, w.handlers, { method: 'POST', token: t }).kind).toBe('used');
    expect(w.handler.performed).toBe(2);
  });

  test('without the ledger tab single use cannot be kept: nothing is performed', () => {
    const w = world({ ledger: false });
    expect(handleLinkRequest(w.deps, w.handlers, { method: 'POST', token: token() }).kind).toBe('retry');
    expect(w.handler.performed).toBe(0);
  });

  test('the lock busy: "try again", nothing performed, the link still usable', () => {
    const busy: Lock = { withLock: () => { throw new LockBusyError('ocupado'); } };
    const w = world({ lock: busy });
    const r = handleLinkRequest(w.deps, w.handlers, { method: 'POST', token: token() });
    expect(r).toMatchObject({ kind: 'retry', page: { title: WEB_APP_MESSAGES.busyTitle } });
    expect(w.handler.performed).toBe(0);
  });

  test('a link that expires between the GET and the POST is refused at the POST', () => {
    const w = world();
    const t = token({ expiresAt: new Date(NOW.getTime() + 60_000) });
    expect(handleLinkRequest(w.deps, w.handlers, { method: 'GET', token: t }).kind).toBe('describe');
    (w.deps.clock as FixedClock).at = new Date(NOW.getTime() + 3 * 60_000);
    expect(handleLinkRequest(w.deps, w.handlers, { method: 'POST', token: t }).kind).toBe('invalid');
    expect(w.handler.performed).toBe(0);
  });
});

describe('anything that does not check: one page, learning nothing', () => {
  const cases: [string, unknown][] = [
    ['no token', undefined],
    ['empty', ''],
    ['not text', { t: 1 }],
    ['garbage', 'abc.def'],
    ['huge', 'A'.repeat(100_000)],
    ['forged (another secret)', token({ secret: 'otro' })],
    ['expired', token({ expiresAt: new Date('2026-11-01T00:00:00Z') })],
    ['an action without a handler', token({ action: 'retiro' })],
  ];
  test.each(cases)('%s: the invalid page, GET and POST; audited as "enlace no válido"/"vencido" with no target', (_name, t) => {
    const w = world();
    const pages = (['GET', 'POST'] as const).map((method) => handleLinkRequest(w.deps, w.handlers, { method, token: t }));
    for (const p of pages) expect(p).toEqual({ kind: 'invalid', page: { title: WEB_APP_MESSAGES.invalidTitle, paragraphs: WEB_APP_MESSAGES.invalid } });
    expect(w.handler.performed).toBe(0);
    expect(w.ledger()).toEqual([]);
    for (const e of w.audit.entries()) {
      expect(e).toMatchObject({ action: WEB_APP_MESSAGES.auditInvalid, target: '', result: 'Sin efecto' });
      expect(['enlace no válido', 'enlace vencido']).toContain(e.detail);
    }
  });

  test('a spreadsheet that never made a secret has no valid link (and the GET does not make one)', () => {
    const w = world({ secret: false });
    expect(handleLinkRequest(w.deps, w.handlers, { method: 'GET', token: token() }).kind).toBe('invalid');
    expect(handleLinkRequest(w.deps, w.handlers, { method: 'POST', token: token() }).kind).toBe('invalid');
    expect(w.deps.properties.get(SIGNING_SECRET_PROPERTY)).toBeNull();
  });

  test('the token itself is never audited, nor stored in the ledger', () => {
    const w = world();
    const t = token();
    handleLinkRequest(w.deps, w.handlers, { method: 'GET', token: t });
    handleLinkRequest(w.deps, w.handlers, { method: 'POST', token: t });
    handleLinkRequest(w.deps, w.handlers, { method: 'POST', token: t });
    const everything = JSON.stringify([w.audit.entries(), w.ledger()]);
    expect(everything).not.toContain(t);
    expect(everything).not.toContain(t.split('.')[1]);
    expect(w.audit.entries().map((e) => e.target)).toEqual(Array(3).fill(`${w.ledger()[0].id} · INV-1`));
  });
});
