import type { ServiceEnv } from '../../core/env';
import { localeInfo, type LocaleInfo } from './locale';
import type { SpreadsheetData } from './model';
import { sheetsStore, type SheetsStore } from './store';

/** What every SpreadsheetApp object of one execution shares: the environment and the store. */
export class SheetsContext {
  constructor(readonly env: ServiceEnv) {}

  get store(): SheetsStore {
    return sheetsStore(this.env.state);
  }

  /** The user the execution runs as (its effective user): whose permissions apply to writes. */
  get user(): string {
    return this.env.exec.user;
  }

  locale(ss: SpreadsheetData): LocaleInfo {
    return localeInfo(ss.locale);
  }
}
