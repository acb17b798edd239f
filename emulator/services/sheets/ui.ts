import { GasObject, type GasEnum } from '../../core/gas-object';
import { uiStore, type MenuRecord, type SurfaceRecord } from '../../core/ui-store';
import type { SheetsContext } from './context';
import { MESSAGES } from './messages';
import { hasScope, SCOPES } from './scopes';

/**
 * The spreadsheet's user interface (developers.google.com/apps-script/reference/base/ui):
 * custom menus, sidebars, dialogs and alerts, recorded in the UI store where the browser UI
 * and tests find them. Alerts cannot wait for a person here: each returns the button a person
 * confirming would press (OK, or YES for YES_NO sets).
 */
export const Button: GasEnum = { CLOSE: 'CLOSE', OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO' };
export const ButtonSet: GasEnum = { OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO', YES_NO_CANCEL: 'YES_NO_CANCEL' };

/** Which execution last replaced a spreadsheet's menus (per process: menus are per open). */
const menuOwner = new Map<string, string>();

/** The HtmlOutput of the html service, seen through its public methods only. */
interface HtmlOutputLike {
  getContent(): string;
  getTitle?(): string;
  getWidth?(): number;
  getHeight?(): number;
}

function asHtmlOutput(v: unknown): HtmlOutputLike {
  if (!v || typeof v !== 'object' || typeof (v as HtmlOutputLike).getContent !== 'function') throw new Error(MESSAGES.invalidUi);
  return v as HtmlOutputLike;
}

export class Ui extends GasObject {
  readonly _service = 'Sheets' as const;
  readonly _class = 'Ui';
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;

  constructor(
    readonly _ctx: SheetsContext,
    readonly _spreadsheetId: string,
  ) {
    super();
  }

  createMenu(caption: string): Menu {
    return new Menu(this, String(caption));
  }

  /** An add-on's menu lives under Extensions, named after the add-on (the project title here). */
  createAddonMenu(): Menu {
    return new Menu(this, this._ctx.env.project.title);
  }

  /**
   * Records a menu. A simple onOpen starts a fresh set of menus for the spreadsheet (the
   * page was reloaded); otherwise a menu with the same name is replaced in place.
   */
  _addMenu(record: MenuRecord): void {
    const ui = uiStore(this._ctx.env.state);
    const exec = this._ctx.env.exec.record;
    const id = this._spreadsheetId;
    if (exec.trigger === 'simple' && menuOwner.get(id) !== exec.id) {
      ui.menus[id] = [];
    }
    menuOwner.set(id, exec.id);
    const menus = ui.menus[id] ?? (ui.menus[id] = []);
    const at = menus.findIndex((m) => m.name === record.name);
    if (at >= 0) menus[at] = record;
    else menus.push(record);
  }

  private _surface(kind: SurfaceRecord['kind'], method: string, userInterface: unknown, title?: string): void {
    // Sidebars and dialogs need the container-UI scope, which simple triggers never have.
    if (!hasScope(this._ctx.env, SCOPES.containerUi)) throw new Error(MESSAGES.noUiPermission(method));
    const html = asHtmlOutput(userInterface);
    const record: SurfaceRecord = {
      spreadsheetId: this._spreadsheetId,
      kind,
      title: title !== undefined ? String(title) : html.getTitle ? String(html.getTitle()) : '',
      html: String(html.getContent()),
      at: this._ctx.env.state.now(),
      user: this._ctx.env.exec.user,
    };
    const width = html.getWidth?.();
    const height = html.getHeight?.();
    if (typeof width === 'number') record.width = width;
    if (typeof height === 'number') record.height = height;
    uiStore(this._ctx.env.state).surfaces.push(record);
  }

  showSidebar(userInterface: unknown): void {
    this._surface('sidebar', 'showSidebar', userInterface);
  }

  showModalDialog(userInterface: unknown, title: string): void {
    this._surface('modal', 'showModalDialog', userInterface, title);
  }

  showModelessDialog(userInterface: unknown, title: string): void {
    this._surface('modeless', 'showModelessDialog', userInterface, title);
  }

  /** alert(prompt) | alert(prompt, buttons) | alert(title, prompt, buttons). */
  alert(a: string, b?: string, c?: string): string {
    let title: string | undefined;
    let prompt: string;
    let buttons: string;
    if (c !== undefined) {
      title = String(a);
      prompt = String(b);
      buttons = String(c);
    } else {
      prompt = String(a);
      buttons = b === undefined ? 'OK' : String(b);
    }
    uiStore(this._ctx.env.state).messages.push({
      spreadsheetId: this._spreadsheetId,
      kind: 'alert',
      title,
      message: prompt,
      at: this._ctx.env.state.now(),
    });
    return buttons.startsWith('YES') ? Button.YES : Button.OK;
  }
}

type MenuItem = MenuRecord['items'][number];

/**
 * developers.google.com/apps-script/reference/base/menu. The UI store keeps flat menus, so a
 * sub-menu's items are listed in place after a separator (captions stay clickable by name).
 */
export class Menu extends GasObject {
  readonly _service = 'Sheets' as const;
  readonly _class = 'Menu';
  readonly _items: MenuItem[] = [];

  constructor(
    readonly _ui: Ui,
    readonly _name: string,
  ) {
    super();
  }

  addItem(caption: string, functionName: string): Menu {
    this._items.push({ caption: String(caption), functionName: String(functionName) });
    return this;
  }

  addSeparator(): Menu {
    this._items.push({ separator: true });
    return this;
  }

  addSubMenu(menu: Menu): Menu {
    if (!(menu instanceof Menu)) throw new Error(MESSAGES.invalidArgument('menu'));
    if (this._items.length && !('separator' in this._items[this._items.length - 1])) this._items.push({ separator: true });
    this._items.push(...menu._items);
    return this;
  }

  addToUi(): void {
    this._ui._addMenu({ name: this._name, items: this._items.map((i) => ({ ...i })) });
  }
}
