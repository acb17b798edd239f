/**
 * Issue 14's browser "done when", end to end in real Chromium through the emulator's UI:
 *
 * 1. an institution opens the public request form (its link from the setting «Formulario de
 *    solicitudes externas (enlace)») in the emulator's form view, answers every question as a
 *    person would (text, lists, date inputs, the modality, the consent) and sends it;
 * 2. its acknowledgment is in the emulated mail;
 * 3. the consultant opens «Solicitudes externas» in the Talleres panel, opens the request and
 *    sends it with «Enviar a aprobación» (the institution's first date, end time, speaker,
 *    certificates);
 * 4. the Sub Director opens the approval email in the emulated mail, follows its «Aprobar» link
 *    into the emulated web app and confirms;
 * 5. the clock is moved with the top bar's «+15 min» (it runs the triggers due), so the job
 *    `runExternalRequests` makes the workshop;
 * 6. the consultant sees the request «Programada» and its workshop in «Módulos» with its
 *    registration link (the one the institution was emailed).
 *
 * The Workspace API is used only for the fixture (setup, the web app deployed, the Sub Director's
 * setting) and to read the sheets and the outbox for the assertions.
 */
import type { Frame, Page } from 'playwright-core';
import { REQUEST_CONSENT_CHOICE, REQUEST_QUESTIONS as Q } from '../../src/domain/external/request-form';
import { eventually, openEmulatorUi, openPanel, screenshot, type BrowserSession } from '../support/browser';
import { approvalLinks, createExternalWorld, EXTERNAL_TAB, SUB_DIRECTOR, type ExternalWorld } from '../support/external-world';

const SPREADSHEET = 'Programación Talleres Masivos';
const INSTITUTION = 'CETPRO Santa Rosa de Lima';
const CONTACT_EMAIL = 'direccion@cetprosantarosa.edu.pe';
const TOPIC = 'Costos y precios';
const SPEAKER = 'Carmen Rosa Vílchez';
const SPEAKER_EMAIL = 'carmen.vilchez@gmail.com';

/** A question's title as its label reads (the form marks a required one with " *"). */
const question = (title: string) => new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`);

describe('issue 14 in Chromium: an institution asks in the form, the Sub Director approves by link, the consultant sees the workshop scheduled', () => {
  let w: ExternalWorld;
  let session: BrowserSession;
  let page: Page;
  let frame: Frame;
  let formUrl = '';
  let requestId = '';

  const requests = () => w.ws.readTab(w.talleres, EXTERNAL_TAB);
  const request = () => requests().find((r) => r['ID de solicitud'] === requestId)!;
  const mailsTo = (to: string) => w.ws.outbox().filter((m) => m.to.includes(to));
  const item = () => frame.locator(`li.external-request[data-id="${requestId}"]`);

  async function goTo(app: string): Promise<void> {
    await page.getByRole('navigation', { name: 'Aplicaciones' }).getByRole('link', { name: app, exact: true }).click();
  }

  /** The spreadsheet, its panel, «Solicitudes externas». */
  async function openExternalRequests(): Promise<void> {
    await goTo('Hojas de cálculo');
    await page.getByRole('link', { name: SPREADSHEET, exact: true }).click();
    await page.locator('.doc-title', { hasText: SPREADSHEET }).waitFor();
    frame = await openPanel(page);
    await frame.getByRole('button', { name: 'Solicitudes externas' }).click();
    await frame.locator('#external-list').waitFor();
  }

  /** The emulated mail, one message by its subject. */
  async function openMail(subject: string): Promise<void> {
    await page.goto(`${session.server.url}#/correo`);
    await page.getByRole('list', { name: 'Correos enviados' }).getByRole('link', { name: subject }).click();
    await page.locator('.mail-title', { hasText: subject }).waitFor();
  }

  beforeAll(async () => {
    w = createExternalWorld({ at: '2027-02-01T09:00' });
    formUrl = String(w.ws.readTab(w.talleres, 'Configuración').find((r) => r['Parámetro'] === 'Formulario de solicitudes externas (enlace)')?.['Valor'] ?? '');
    session = await openEmulatorUi(w.ws, { width: 1400, height: 900 });
    page = session.page;
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  test('(1) the institution opens the form from its link, answers every question and sends it', async () => {
    expect(formUrl).toMatch(/^https:\/\/docs\.google\.com\/forms\/d\/e\/.+\/viewform/);
    await page.goto(`${session.server.url}#/formulario?url=${encodeURIComponent(formUrl)}`);
    await page.getByRole('heading', { name: 'Solicitud de taller de emprendimiento para instituciones – MTPE' }).waitFor();
    await page.getByLabel(question(Q.institution)).fill(INSTITUTION);
    await page.getByLabel(question(Q.ruc)).fill('20131312955');
    await page.getByLabel(question(Q.institutionType)).selectOption('CETPRO');
    await page.getByLabel(question(Q.region)).selectOption('Lima Metropolitana');
    await page.getByLabel(question(Q.district)).fill('San Juan de Lurigancho');
    await page.getByLabel(question(Q.contactName)).fill("María D'Ángelo Ñahui");
    await page.getByLabel(question(Q.contactRole)).fill('Directora');
    await page.getByLabel(question(Q.email)).fill(CONTACT_EMAIL);
    await page.getByLabel(question(Q.phone)).fill('987 654 321');
    await page.getByLabel(question(Q.topic)).selectOption(TOPIC);
    await page.getByLabel(question(Q.option1Date)).fill('2027-02-15');
    await page.getByLabel(question(Q.option1Time)).selectOption('10:00');
    await page.getByLabel(question(Q.option2Date)).fill('2027-02-17');
    await page.getByLabel(question(Q.option2Time)).selectOption('15:30');
    await page.getByLabel(question(Q.expected)).fill('40');
    await page.getByRole('radiogroup', { name: question(Q.modality) }).getByLabel('Virtual (Google Meet)').check();
    await page.getByLabel(question(Q.notes)).fill('Estudiantes del último ciclo de las especialidades de confección y cocina.');
    await page.getByRole('group', { name: question(Q.consent) }).getByLabel(REQUEST_CONSENT_CHOICE).check();
    // For the README: the form as the institution filled it (contact, topic, dates and times in view).
    await page.setViewportSize({ width: 1400, height: 1400 });
    await page.getByLabel(question(Q.contactName)).evaluate((e) => e.closest('.question')!.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'solicitud-taller-formulario.png');
    await page.setViewportSize({ width: 1400, height: 900 });
    expect(requests()).toEqual([]);

    await page.getByRole('button', { name: 'Enviar', exact: true }).click();
    await expect(page.locator('.form-confirmation').textContent()).resolves.toContain('Gracias. Recibimos su solicitud.');
    await eventually(requests, (rows) => expect(rows).toHaveLength(1));
    requestId = String(requests()[0]!['ID de solicitud']);
    expect(request()).toMatchObject({
      Estado: 'Recibida',
      Institución: INSTITUTION,
      RUC: '20131312955',
      Tema: TOPIC,
      'Hora preferida 1': '10:00',
      'Participantes esperados': 40,
      'Correo de contacto': CONTACT_EMAIL,
    });
    expect(request()['Fecha preferida 1']).toBeInstanceOf(Date);
  }, 60_000);

  test('(2) the acknowledgment is in the emulated mail, once', async () => {
    const subject = `Recibimos su solicitud de taller (${requestId}) – MTPE`;
    await eventually(() => mailsTo(CONTACT_EMAIL).map((m) => m.subject), (s) => expect(s).toEqual([subject]));
    await openMail(subject);
    const reader = page.locator('.mail-message');
    expect(await reader.locator('.mail-header', { hasText: 'Para:' }).textContent()).toContain(CONTACT_EMAIL);
    expect(request()['Acuse de recibo']).toBe('enviado');
  }, 60_000);

  test('(3) the consultant opens the request in «Solicitudes externas» and sends it to the Sub Director', async () => {
    await openExternalRequests();
    await item().waitFor();
    expect(await item().locator('.external-state').textContent()).toBe('Recibida');
    await item().getByRole('button', { name: `Ver la solicitud de ${INSTITUTION}` }).click();
    const detail = frame.locator('#external-detail');
    const send = detail.getByRole('form', { name: 'Enviar a aprobación' });
    await send.waitFor();
    await send.getByRole('radio', { name: /^Opción 1 de la institución/ }).check();
    await send.getByLabel('Hora de fin', { exact: true }).fill('12:00');
    await send.getByLabel('Ponente', { exact: true }).fill(SPEAKER);
    await send.getByLabel('Correo del ponente', { exact: true }).fill(SPEAKER_EMAIL);
    const certificates = send.getByRole('checkbox', { name: 'El taller emite certificados' });
    if (!(await certificates.isChecked())) await certificates.check();
    await send.getByRole('button', { name: 'Enviar a aprobación' }).click();
    // The panel redraws the request as it is now: sent, with the proposal.
    await eventually(() => detail.locator('.external-state').textContent(), (t) => expect(t).toBe('Enviada a aprobación'));
    await eventually(
      () => detail.locator('.external-proposal li').allTextContents(),
      (v) => expect(v.slice(0, 3)).toEqual(['Fecha y hora: 15/02/2027 10:00 a 12:00', `Ponente: ${SPEAKER} (${SPEAKER_EMAIL})`, 'Certificados: sí']),
    );
    expect(request()).toMatchObject({ Estado: 'Enviada a aprobación', 'Ronda de aprobación': 1, Ponente: SPEAKER });
    expect(approvalLinks(w.ws, INSTITUTION)).toHaveLength(1);
  }, 60_000);

  test('(4) the Sub Director opens the email, follows «Aprobar» into the web app and confirms', async () => {
    const [links] = approvalLinks(w.ws, INSTITUTION);
    expect(links!.approve).toMatch(/^https:\/\/script\.google\.com\//);
    await openMail(links!.subject);
    expect(await page.locator('.mail-message .mail-header', { hasText: 'Para:' }).textContent()).toContain(SUB_DIRECTOR);
    await page.locator('.mail-links li', { hasText: links!.approve }).getByRole('button', { name: 'Abrir app web' }).click();
    const app = page.frameLocator('iframe.webapp-frame');
    await expect(app.locator('h1').textContent()).resolves.toBe('Aprobar la solicitud de taller');
    await expect(app.locator('main').textContent()).resolves.toContain(INSTITUTION);
    // Opening the link decided nothing.
    expect(request()['Estado']).toBe('Enviada a aprobación');
    await app.getByRole('button', { name: 'Sí, aprobar' }).click();
    await expect(page.frameLocator('iframe.webapp-frame').locator('h1').textContent()).resolves.toBe('Solicitud aprobada');
    await eventually(request, (r) => expect(r).toMatchObject({ Estado: 'Aprobada', Decisión: 'Aprobada', 'Vía de la decisión': 'Enlace' }));
    // The workshop is made by the job, not by the link.
    expect(request()['ID de módulo']).toBe('');
  }, 60_000);

  test('(5) the clock moves on (the top bar\'s «+15 min»): the job makes the workshop and tells the institution once', async () => {
    const before = w.ws.state.now();
    await page.getByTitle('Avanzar 15 minutos (ejecuta los activadores que venzan)').click();
    await eventually(() => w.ws.state.now(), (now) => expect(now - before).toBeGreaterThanOrEqual(15 * 60_000));
    await eventually(request, (r) => expect(r['Estado']).toBe('Programada'));
    expect(w.ws.executions({ functionName: 'runExternalRequests' }).length).toBeGreaterThanOrEqual(1);
    const told = mailsTo(CONTACT_EMAIL).filter((m) => m.subject.startsWith('Taller aprobado'));
    expect(told).toHaveLength(1);
    const moduleRow = w.ws.readTab(w.talleres, 'Módulos').find((m) => m['ID de módulo'] === request()['ID de módulo'])!;
    expect(moduleRow).toMatchObject({ Tipo: 'Externo', Estado: 'Inscripción abierta', 'ID de solicitud externa': requestId, Cupos: 48 });
    expect(told[0]!.body).toContain(String(moduleRow['Enlace de inscripción']));
  }, 60_000);

  test('(6) the consultant sees the request «Programada» and its workshop in «Módulos» with its registration link', async () => {
    const moduleId = String(request()['ID de módulo']);
    const registrationLink = String(w.ws.readTab(w.talleres, 'Módulos').find((m) => m['ID de módulo'] === moduleId)!['Enlace de inscripción']);
    await openExternalRequests();
    // The list is read when «Solicitudes externas» opens: wait for the new state, not the old list.
    await eventually(() => item().locator('.external-state').textContent(), (t) => expect(t).toBe('Programada'));
    await item().getByRole('button', { name: `Ver la solicitud de ${INSTITUTION}` }).click();
    const detail = frame.locator('#external-detail');
    await detail.locator('.external-workshop').waitFor();
    expect(await detail.locator('.external-decision li').first().textContent()).toMatch(/^Aprobada el 01\/02\/2027 \d\d:\d\d por .+ \(con el enlace del correo\)$/);
    expect(await detail.locator('.external-workshop p').textContent()).toContain(`(${moduleId})`);
    // Nothing left to send or decide.
    expect(await detail.getByRole('form').count()).toBe(0);
    await detail.getByRole('button', { name: 'Ver el taller en «Módulos»' }).click();
    const module = frame.locator(`li.module[data-id="${moduleId}"]`);
    await module.waitFor();
    await eventually(() => module.locator('.module-state').textContent(), (t) => expect(t).toBe('Inscripción abierta'));
    await module.getByText('Ver pasos e inscripciones').click();
    const input = module.getByLabel('Enlace de inscripción de este módulo (compártalo o úselo en las invitaciones)');
    await input.waitFor();
    expect(await input.inputValue()).toBe(registrationLink);
    // Every email once.
    const seen = new Map<string, number>();
    for (const m of w.ws.outbox()) for (const to of m.to) seen.set(`${to} | ${m.subject}`, (seen.get(`${to} | ${m.subject}`) ?? 0) + 1);
    expect([...seen].filter(([, n]) => n > 1)).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  }, 60_000);
});
