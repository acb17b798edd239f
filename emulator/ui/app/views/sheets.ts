import type { MenuRecord, Snapshot, SpreadsheetView, TabView } from '../../snapshot';
import { sheetHash, type App, type View } from '../app';
import { button, el, replaceChildren } from '../dom';
import { columnLetter } from '../labels';
import { chartLayer, disposeCharts } from './charts';

/** Sheets' own menus, shown for the look; only the script's custom menus do something here. */
const STANDARD_MENUS = ['Archivo', 'Editar', 'Ver', 'Insertar', 'Formato', 'Datos', 'Herramientas', 'Extensiones', 'Ayuda'];
const MIN_ROWS = 50;
const MIN_COLUMNS = 12;
const MAX_COLUMNS_SHOWN = 60;
const DEFAULT_WIDTH = 100;
const MAX_FITTED_WIDTH = 320;
/** Rows measured to size a column to its content (the header and the first rows, as a glance does). */
const FITTED_ROWS = 200;
const ROW_HEAD_WIDTH = 46;
/** A grid row's height and the column header's, in pixels (styles.css: 21 px cells + 1 px line). */
const ROW_HEIGHT = 22;

/** Numbers, percentages, currency amounts, dates and times sit at the right of their cell, as in Sheets. */
const RIGHT_ALIGNED = /^(-?[S/$€]*\s?-?[\d.,]+\s?%?|\d{1,2}\/\d{1,2}\/\d{2,4}( \d{1,2}:\d{2}(:\d{2})?)?|\d{1,2}:\d{2}(:\d{2})?)$/;

export function sheetsView(app: App, s: Snapshot, spreadsheetId: string | undefined, tabName: string | undefined): View {
  const ss = spreadsheetId ? s.spreadsheets.find((x) => x.id === spreadsheetId) : undefined;
  if (!ss) {
    return { signature: `sheets-home:${s.spreadsheets.map((x) => `${x.id}:${x.name}`).join('|')}:${spreadsheetId ?? ''}`, render: () => home(s, spreadsheetId) };
  }
  const visible = ss.tabs.filter((t) => !t.hidden);
  // With no tab named, the first one that is not where a form's responses arrive (a form linked
  // to the spreadsheet puts its tab first): the page opens on the spreadsheet's own data.
  const tab = visible.find((t) => t.name === (tabName ?? app.activeTab.get(ss.id))) ?? visible.find((t) => !t.formResponses) ?? visible[0] ?? ss.tabs[0];
  if (tab) app.activeTab.set(ss.id, tab.name);
  return {
    signature: `sheet:${ss.id}:${ss.name}:${tab?.name}:${JSON.stringify(ss.menus)}:${ss.tabs.map((t) => `${t.name}/${t.hidden}`).join('|')}:${JSON.stringify(tab)}`,
    render: () => spreadsheet(app, ss, tab),
  };
}

function home(s: Snapshot, missing: string | undefined): Node {
  return el(
    'section',
    { class: 'page sheets-home' },
    el('h1', {}, 'Hojas de cálculo'),
    missing ? el('p', { class: 'notice' }, 'No se encontró esa hoja de cálculo.') : null,
    s.spreadsheets.length === 0
      ? el('p', {}, 'No hay hojas de cálculo en este espacio de trabajo.')
      : el(
          'ul',
          { class: 'file-list' },
          ...s.spreadsheets.map((ss) =>
            el('li', {}, el('span', { class: 'doc-icon small', attrs: { 'aria-hidden': 'true' } }), el('a', { attrs: { href: sheetHash(ss.id) } }, ss.name)),
          ),
        ),
  );
}

function spreadsheet(app: App, ss: SpreadsheetView, tab: TabView | undefined): Node {
  const cellRef = el('span', { class: 'cell-ref', attrs: { 'aria-label': 'Celda seleccionada' } });
  const cellText = el('span', { class: 'cell-content', attrs: { 'aria-label': 'Contenido de la celda' } });
  return el(
    'section',
    { class: 'sheets-screen', attrs: { 'data-spreadsheet-id': ss.id } },
    el(
      'div',
      { class: 'doc-header' },
      el('span', { class: 'doc-icon', attrs: { 'aria-hidden': 'true' } }),
      el('div', { class: 'doc-header-main' }, el('h1', { class: 'doc-title' }, ss.name), menuBar(app, ss)),
    ),
    el('div', { class: 'formula-bar' }, cellRef, el('span', { class: 'fx', attrs: { 'aria-hidden': 'true' } }, 'fx'), cellText),
    tab ? grid(app, ss, tab, cellRef, cellText) : el('p', {}, 'Esta hoja de cálculo no tiene pestañas.'),
    tabBar(ss, tab),
  );
}

function menuBar(app: App, ss: SpreadsheetView): Node {
  const bar = el('div', { class: 'menubar', role: 'menubar', attrs: { 'aria-label': 'Menú' } });
  for (const name of STANDARD_MENUS) {
    bar.appendChild(el('span', { class: 'menu-standard', attrs: { 'aria-disabled': 'true' } }, name));
  }
  for (const menu of ss.menus) bar.appendChild(customMenu(app, ss, menu));
  return bar;
}

function customMenu(app: App, ss: SpreadsheetView, menu: MenuRecord): Node {
  const wrap = el('div', { class: 'menu-wrap' });
  const list = el('div', { class: 'menu-dropdown', role: 'menu', attrs: { 'aria-label': menu.name, hidden: true } });
  const toggle = button(menu.name, (e) => {
    e.stopPropagation();
    const open = list.hidden;
    closeMenus();
    list.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    if (open) (list.querySelector('[role=menuitem]') as HTMLElement | null)?.focus();
  }, { class: 'menu-custom', role: 'menuitem', attrs: { 'aria-haspopup': 'true', 'aria-expanded': 'false' } });
  for (const item of menu.items) {
    if ('separator' in item) {
      list.appendChild(el('div', { class: 'menu-separator', role: 'separator' }));
      continue;
    }
    list.appendChild(
      button(item.caption, () => {
        closeMenus();
        void app.clickMenu(ss.id, item.caption);
      }, { class: 'menu-item', role: 'menuitem' }),
    );
  }
  list.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      closeMenus();
      toggle.focus();
    }
  });
  wrap.append(toggle, list);
  return wrap;
}

function closeMenus(): void {
  for (const m of Array.from(document.querySelectorAll<HTMLElement>('.menu-dropdown'))) m.hidden = true;
  for (const b of Array.from(document.querySelectorAll<HTMLElement>('.menu-custom'))) b.setAttribute('aria-expanded', 'false');
}
document.addEventListener('click', closeMenus);

function grid(app: App, ss: SpreadsheetView, tab: TabView, cellRef: HTMLElement, cellText: HTMLElement): Node {
  const columns = Math.min(Math.max(tab.lastColumn + 2, MIN_COLUMNS), tab.maxColumns, MAX_COLUMNS_SHOWN);
  // Enough rows to hold the charts, which sit over the grid from their anchor cell down.
  const chartRows = Math.max(0, ...tab.charts.map((c) => c.anchorRow + Math.ceil((c.offsetY + c.height) / ROW_HEIGHT)));
  const rows = Math.max(tab.rows.length + 20, MIN_ROWS, chartRows + 2);
  const table = el('table', { class: 'grid', attrs: { 'aria-label': `Pestaña ${tab.name}` } });
  const colgroup = el('colgroup', {}, el('col', { attrs: { style: `width:${ROW_HEAD_WIDTH}px` } }));
  let width = ROW_HEAD_WIDTH;
  const fitted = fittedWidths(tab, columns);
  const lefts: number[] = [];
  for (let c = 1; c <= columns; c++) {
    const w = tab.columnWidths[c] ?? fitted[c] ?? DEFAULT_WIDTH;
    lefts[c] = width;
    width += w;
    colgroup.appendChild(el('col', { attrs: { style: `width:${w}px` } }));
  }
  // A fixed layout needs the table's own width: columns then keep the widths the sheet gives them.
  table.style.width = `${width}px`;
  const headRow = el('tr', {}, el('th', { class: 'corner' }));
  for (let c = 1; c <= columns; c++) headRow.appendChild(el('th', { class: 'col-head', attrs: { scope: 'col' } }, columnLetter(c)));
  const body = el('tbody');
  for (let r = 1; r <= rows; r++) {
    const values = tab.rows[r - 1] ?? [];
    const tr = el('tr', { class: r === tab.frozenRows ? 'frozen-edge' : r <= tab.frozenRows ? 'frozen' : undefined }, el('th', { class: 'row-head', attrs: { scope: 'row' } }, r));
    for (let c = 1; c <= columns; c++) {
      const text = values[c - 1] ?? '';
      const td = el('td', { attrs: { 'data-row': r, 'data-col': c } }, text);
      if (text && RIGHT_ALIGNED.test(text)) td.classList.add('num');
      tr.appendChild(td);
    }
    body.appendChild(tr);
  }
  table.append(colgroup, el('thead', {}, headRow), body);

  let selected: HTMLTableCellElement | undefined;
  const select = (td: HTMLTableCellElement) => {
    selected?.classList.remove('selected');
    selected = td;
    td.classList.add('selected');
    cellRef.textContent = `${columnLetter(Number(td.dataset.col))}${td.dataset.row}`;
    cellText.textContent = td.textContent ?? '';
  };
  table.addEventListener('click', (e) => {
    const td = (e.target as Element).closest('td');
    if (td) select(td);
  });
  table.addEventListener('dblclick', (e) => {
    const td = (e.target as Element).closest('td');
    if (td) edit(app, ss, tab, td);
  });
  const wrap = el('div', { class: 'grid-wrap' }, table);
  disposeCharts();
  if (tab.charts.length > 0) {
    const at = (row: number, column: number) => ({
      left: lefts[column] ?? width + (column - columns - 1) * DEFAULT_WIDTH,
      top: ROW_HEIGHT * row,
    });
    const layer = chartLayer(tab.charts, at);
    wrap.appendChild(layer);
    // Once laid out, each chart goes exactly to its anchor cell's corner (rows may not be 22 px each).
    requestAnimationFrame(() => {
      const origin = wrap.getBoundingClientRect();
      for (const fig of Array.from(layer.querySelectorAll<HTMLElement>('figure.sheet-chart'))) {
        const c = tab.charts.find((x) => String(x.chartId) === fig.dataset.chartId);
        const td = c && table.querySelector<HTMLElement>(`td[data-row="${c.anchorRow}"][data-col="${c.anchorColumn}"]`);
        if (!c || !td) continue;
        const r = td.getBoundingClientRect();
        fig.style.left = `${r.left - origin.left + wrap.scrollLeft + c.offsetX}px`;
        fig.style.top = `${r.top - origin.top + wrap.scrollTop + c.offsetY}px`;
      }
    });
  }
  if (tab.truncated) wrap.appendChild(el('p', { class: 'notice' }, `Se muestran las primeras ${tab.rows.length} filas.`));
  return wrap;
}

let measurer: CanvasRenderingContext2D | null | undefined;

/** The width text takes in the grid's font (bold for the frozen header rows). */
function textWidth(text: string, bold: boolean): number {
  if (measurer === undefined) measurer = document.createElement('canvas').getContext('2d');
  if (!measurer) return text.length * 7;
  measurer.font = `${bold ? 'bold ' : ''}13px Arial, sans-serif`;
  return measurer.measureText(text).width;
}

/**
 * Columns the sheet gives no width: as wide as their header (bold) and first rows need, between
 * the default 100 px and 320 px — what a person gets from «Ajustar al texto» on a frozen header.
 */
function fittedWidths(tab: TabView, columns: number): Record<number, number> {
  const out: Record<number, number> = {};
  const rows = tab.rows.slice(0, FITTED_ROWS);
  for (let c = 1; c <= columns; c++) {
    if (tab.columnWidths[c] !== undefined) continue;
    let widest = 0;
    rows.forEach((row, i) => {
      const text = row[c - 1] ?? '';
      if (text) widest = Math.max(widest, textWidth(text, i < tab.frozenRows));
    });
    if (widest > 0) out[c] = Math.min(MAX_FITTED_WIDTH, Math.max(DEFAULT_WIDTH, Math.ceil(widest) + 12));
  }
  return out;
}

/** A person types into a cell: Enter saves (as typed input), Escape cancels. */
function edit(app: App, ss: SpreadsheetView, tab: TabView, td: HTMLTableCellElement): void {
  const before = td.textContent ?? '';
  const input = el('input', { class: 'cell-editor', attrs: { 'aria-label': `Editar ${columnLetter(Number(td.dataset.col))}${td.dataset.row}` } });
  input.value = before;
  replaceChildren(td, input);
  input.focus();
  let done = false;
  const finish = (save: boolean) => {
    if (done) return;
    done = true;
    if (save && input.value !== before) void app.enterCell(ss.id, tab.name, Number(td.dataset.row), Number(td.dataset.col), input.value);
    else replaceChildren(td, before);
  };
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') finish(true);
    if (e.key === 'Escape') finish(false);
  });
  input.addEventListener('blur', () => finish(false));
}

function tabBar(ss: SpreadsheetView, active: TabView | undefined): Node {
  return el(
    'div',
    { class: 'tabbar', role: 'tablist', attrs: { 'aria-label': 'Pestañas' } },
    ...ss.tabs
      .filter((t) => !t.hidden)
      .map((t) =>
        el(
          'a',
          { class: `sheet-tab${t.name === active?.name ? ' active' : ''}`, role: 'tab', attrs: { href: sheetHash(ss.id, t.name), 'aria-selected': String(t.name === active?.name) } },
          t.name,
        ),
      ),
  );
}
