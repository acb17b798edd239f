/**
 * «Indicadores» (issue 15) in real Chromium through the emulator's UI: in "Atenciones Virtuales"
 * with three weeks of December's attentions of three consultants (and their survey answers in the
 * form's responses tab), the consultant opens «Indicadores» in the panel: the period, the headline
 * figures and the tables; «Trimestre» recomputes for the quarter and «Mes» back; the sheet's
 * «Indicadores» tab shows the same tables with their charts drawn (columns, lines, bars, pie) —
 * the screenshot for the README. A consultant's name with markup stays text.
 */
import type { Frame, Page } from 'playwright-core';
import { SURVEY_CODE_QUESTION, SURVEY_SCALE_QUESTIONS } from '../../src/domain/survey-form';
import { eventually, openEmulatorUi, openPanel, screenshot, type BrowserSession } from '../support/browser';
import { createAttentionWorld, type AttentionWorld } from '../support/attention-world';
import { appendRows } from '../support/sheet-rows';

const SPREADSHEET = 'Atenciones Virtuales – Centro de Empleo';
const lima = (d: number, h: number, m = 0) => new Date(Date.UTC(2026, 11, d, h + 5, m));
const CONSULTANTS = ['Ana Quispe', 'Luis Ñique', '<b>Rosa</b> Vílchez'];
const TOPICS = ['Idea de negocio', 'Formalización (RUC, licencias)', 'Plan de negocio', 'Financiamiento', 'Marketing y ventas', 'Costos y precios'];
const DAYS = [1, 2, 3, 4, 7, 9, 10, 11, 14, 15, 16, 17, 18, 21];

describe('«Indicadores» in the panel and the tab with its charts (Chromium)', () => {
  let w: AttentionWorld;
  let session: BrowserSession;
  let page: Page;
  let frame: Frame;

  beforeAll(async () => {
    w = createAttentionWorld({ at: '2026-12-21T19:00' });
    const citas: Record<string, unknown>[] = [];
    const responses: Record<string, unknown>[] = [];
    let n = 0;
    for (const day of DAYS) {
      for (let k = 0; k < 4; k++) {
        n++;
        const id = `AV-${String(n).padStart(4, '0')}`;
        const start = lima(day, 8 + k * 2);
        const status = n % 9 === 0 ? 'Cancelada' : n % 5 === 0 ? 'Abandonada' : 'Atendida';
        const attended = status === 'Atendida';
        const scores = [5 - (n % 3), 4 + (n % 2), 5 - (n % 4 === 0 ? 2 : 0), 3 + (n % 3)].map((s) => Math.min(5, s));
        const answered = attended && n % 2 === 0;
        const answeredAt = new Date(start.getTime() + 3 * 3_600_000);
        citas.push({
          'ID de cita': id,
          DNI: String(40_000_000 + n),
          'Nombres y apellidos': `Persona ${n}`,
          Fecha: lima(day, 0),
          Hora: `${String(8 + k * 2).padStart(2, '0')}:00`,
          Inicio: start,
          Consultor: CONSULTANTS[n % 3],
          Estado: status,
          'Tema de consulta': attended ? TOPICS[(n * 5) % TOPICS.length] : '',
          'Duración (min)': attended ? 24 + ((n * 7) % 23) + (n % 3) * 4 : '',
          'Encuesta respondida': answered ? answeredAt : '',
          'Puntaje encuesta': answered ? Math.round((10 * scores.reduce((a, b) => a + b)) / 4) / 10 : '',
        });
        if (answered) {
          const r: Record<string, unknown> = { 'Marca temporal': answeredAt, [SURVEY_CODE_QUESTION]: id };
          SURVEY_SCALE_QUESTIONS.forEach((q, i) => (r[q.title] = scores[i]));
          responses.push(r);
        }
      }
    }
    appendRows(w.ws, w.atenciones, 'Citas', citas);
    const responsesTab = w.ws.sheetNames(w.atenciones).find((t) => /^Respuestas de formulario/.test(t))!;
    appendRows(w.ws, w.atenciones, responsesTab, responses);
    session = await openEmulatorUi(w.ws, { width: 2200, height: 1150 });
    page = session.page;
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  test('the panel: the period, the headline figures and the tables; the selector recomputes', async () => {
    await page.getByRole('navigation', { name: 'Aplicaciones' }).getByRole('link', { name: 'Hojas de cálculo', exact: true }).click();
    await page.getByRole('link', { name: SPREADSHEET, exact: true }).click();
    await page.locator('.doc-title', { hasText: SPREADSHEET }).waitFor();
    frame = await openPanel(page);
    await frame.getByRole('button', { name: 'Indicadores', exact: true }).click();
    const section = frame.locator('section.indicator-section[data-section="atenciones"]');
    await section.waitFor();
    expect(await frame.locator('#indicators-period-label').textContent()).toBe('Periodo: diciembre de 2026');
    expect(await frame.getByRole('combobox', { name: 'Periodo' }).inputValue()).toBe('mes');
    const headline = await section.locator('dl.indicator-headline').evaluate((dl) => {
      const out: Record<string, string> = {};
      const dts = Array.from(dl.querySelectorAll('dt'));
      for (const dt of dts) out[dt.textContent ?? ''] = (dt.nextElementSibling?.textContent ?? '').trim();
      return out;
    });
    expect(headline['Citas del periodo']).toBe('56');
    expect(headline['Tiempo estándar (min)']).toBe('35');
    expect(Number(headline['Atendidas']) + Number(headline['Abandonadas (no se conectó)']) + Number(headline['Canceladas'])).toBe(56);
    // Tables with captions; the weeks of December so far.
    expect(await section.locator('table caption').allTextContents()).toEqual([
      'Atenciones por semana',
      'Inasistencia por semana (%)',
      'Duración promedio frente al estándar (min)',
      'Satisfacción por consultor (1 a 5)',
      'Encuestas por consultor',
      'Satisfacción por pregunta (1 a 5)',
      'Temas de consulta',
    ]);
    const weeks = section.locator('.indicator-table').first().locator('tbody th');
    expect(await weeks.allTextContents()).toEqual(['Sem. 30/11', 'Sem. 07/12', 'Sem. 14/12', 'Sem. 21/12']);
    // A name typed with markup stays text.
    expect(await section.locator('b').count()).toBe(0);
    expect(await section.textContent()).toContain('<b>Rosa</b> Vílchez');
    const tabLink = frame.getByRole('link', { name: 'Ver los gráficos en la pestaña «Indicadores»' });
    expect(await tabLink.getAttribute('href')).toMatch(/#gid=\d+$/);

    await frame.getByRole('combobox', { name: 'Periodo' }).selectOption('trimestre');
    await eventually(() => frame.locator('#indicators-period-label').textContent(), (t) => expect(t).toBe('Periodo: IV trimestre de 2026'), 10_000);
    await frame.getByRole('combobox', { name: 'Periodo' }).selectOption('mes');
    await eventually(() => frame.locator('#indicators-period-label').textContent(), (t) => expect(t).toBe('Periodo: diciembre de 2026'), 10_000);
  }, 60_000);

  test('the «Indicadores» tab shows the same tables with their charts drawn', async () => {
    await page.getByRole('tab', { name: 'Indicadores', exact: true }).click();
    const figures = page.locator('figure.sheet-chart');
    await eventually(() => figures.count(), (c) => expect(c).toBe(7), 10_000);
    expect(await figures.evaluateAll((fs) => fs.map((f) => [f.getAttribute('data-chart-type'), f.getAttribute('aria-label')]))).toEqual([
      ['COLUMN', 'Gráfico: Atenciones por semana'],
      ['LINE', 'Gráfico: Inasistencia por semana (%)'],
      ['COLUMN', 'Gráfico: Duración promedio frente al estándar (min)'],
      ['BAR', 'Gráfico: Satisfacción por consultor (1 a 5)'],
      ['BAR', 'Gráfico: Satisfacción por pregunta (1 a 5)'],
      ['PIE', 'Gráfico: Temas de consulta'],
      ['BAR', 'Gráfico: Minutos del consultor por actividad: estándar y real'],
    ]);
    const weekly = figures.first().locator('svg');
    await weekly.waitFor();
    const text = await weekly.textContent();
    for (const t of ['Atenciones por semana', 'Sem. 07/12', 'Atendidas', 'Abandonadas', 'Canceladas']) expect(text).toContain(t);
    expect(await figures.nth(5).locator('svg path').count()).toBeGreaterThanOrEqual(3); // the pie's slices
    // The first charts in view for the picture: the grid scrolled to the tables.
    await page.locator('.grid-wrap').evaluate((el) => el.scrollTo({ top: 300 }));
    await screenshot(page, 'indicadores.png');
    expect(session.pageErrors).toEqual([]);
  }, 60_000);
});
