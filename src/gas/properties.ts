/**
 * KeyValueStore over PropertiesService. Document properties belong to the spreadsheet, so the
 * same bundle installed in both spreadsheets (bound, or as one Editor add-on) keeps one role and
 * one sibling per spreadsheet. Where there is no document (a standalone run), script properties.
 */
import type { KeyValueStore } from '../ports';

export class PropertiesStore implements KeyValueStore {
  private store?: GoogleAppsScript.Properties.Properties;

  private props(): GoogleAppsScript.Properties.Properties {
    if (!this.store) this.store = PropertiesService.getDocumentProperties() ?? PropertiesService.getScriptProperties();
    return this.store;
  }

  get(key: string): string | null {
    return this.props().getProperty(key);
  }

  getAll(): Record<string, string> {
    return { ...this.props().getProperties() };
  }

  setAll(values: Record<string, string>): void {
    this.props().setProperties(values, false);
  }

  delete(key: string): void {
    this.props().deleteProperty(key);
  }

  secret(key: string): string {
    const known = this.get(key);
    if (known) return known;
    // Utilities.getUuid is a random (version 4) UUID: two of them give 244 random bits.
    const value = (Utilities.getUuid() + Utilities.getUuid()).replace(/-/g, '');
    this.setAll({ [key]: value });
    return value;
  }
}
