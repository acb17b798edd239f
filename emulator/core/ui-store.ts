import { registerStore, type Store, type WorkspaceState } from './state';

/**
 * What the script showed in the Sheets UI: custom menus (per spreadsheet), sidebars, dialogs,
 * alerts and toasts. The browser UI and tests read it; `SpreadsheetApp.getUi()` writes it.
 */
export interface MenuRecord {
  name: string;
  items: ({ caption: string; functionName: string } | { separator: true })[];
}

export interface SurfaceRecord {
  spreadsheetId: string;
  kind: 'sidebar' | 'modal' | 'modeless';
  title: string;
  html: string;
  width?: number;
  height?: number;
  at: number;
  user: string;
}

export interface MessageRecord {
  spreadsheetId: string;
  kind: 'alert' | 'toast';
  title?: string;
  message: string;
  at: number;
}

export class UiStore implements Store {
  /** spreadsheetId → menus added by the last onOpen (a reopen replaces them). */
  menus: Record<string, MenuRecord[]> = {};
  surfaces: SurfaceRecord[] = [];
  messages: MessageRecord[] = [];

  toJSON(): unknown {
    return { menus: this.menus, surfaces: this.surfaces.slice(-20), messages: this.messages.slice(-200) };
  }

  static fromJSON(j: unknown): UiStore {
    const s = new UiStore();
    Object.assign(s, j as object);
    return s;
  }
}

registerStore('ui', { create: () => new UiStore(), fromJSON: UiStore.fromJSON });

export function uiStore(state: WorkspaceState): UiStore {
  return state.store<UiStore>('ui');
}
