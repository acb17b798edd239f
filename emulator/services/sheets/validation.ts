import { GasObject, type GasEnum } from '../../core/gas-object';
import { MESSAGES } from './messages';
import type { CriteriaType, ValidationRule } from './validation-rule';

/**
 * SpreadsheetApp.newDataValidation() and the rules it builds
 * (developers.google.com/apps-script/reference/spreadsheet/data-validation-builder,
 * …/data-validation). The builder's default is `allowInvalid = true` (a warning only); with
 * `setAllowInvalid(false)` a write that breaks the rule throws.
 */

/** SpreadsheetApp.DataValidationCriteria: every name of the real enum (the builder supports a subset). */
export const DataValidationCriteria: GasEnum = Object.fromEntries(
  [
    'DATE_AFTER', 'DATE_BEFORE', 'DATE_BETWEEN', 'DATE_EQUAL_TO', 'DATE_IS_VALID_DATE', 'DATE_NOT_BETWEEN',
    'DATE_ON_OR_AFTER', 'DATE_ON_OR_BEFORE', 'NUMBER_BETWEEN', 'NUMBER_EQUAL_TO', 'NUMBER_GREATER_THAN',
    'NUMBER_GREATER_THAN_OR_EQUAL_TO', 'NUMBER_LESS_THAN', 'NUMBER_LESS_THAN_OR_EQUAL_TO', 'NUMBER_NOT_BETWEEN',
    'NUMBER_NOT_EQUAL_TO', 'TEXT_CONTAINS', 'TEXT_DOES_NOT_CONTAIN', 'TEXT_EQUAL_TO', 'TEXT_IS_VALID_EMAIL',
    'TEXT_IS_VALID_URL', 'VALUE_IN_LIST', 'VALUE_IN_RANGE', 'CUSTOM_FORMULA', 'CHECKBOX',
  ].map((k) => [k, k]),
);

function copyArgs(args: unknown[]): unknown[] {
  return args.map((a) => (Array.isArray(a) ? [...a] : a));
}

export class DataValidation extends GasObject {
  readonly _service = 'Sheets' as const;
  readonly _class = 'DataValidation';

  constructor(readonly _rule: ValidationRule) {
    super();
  }

  getCriteriaType(): string {
    return this._rule.criteria;
  }

  getCriteriaValues(): unknown[] {
    return copyArgs(this._rule.args);
  }

  getAllowInvalid(): boolean {
    return this._rule.allowInvalid;
  }

  getHelpText(): string | null {
    return this._rule.helpText ?? null;
  }

  copy(): DataValidationBuilder {
    const b = new DataValidationBuilder();
    b._criteria = this._rule.criteria;
    b._args = copyArgs(this._rule.args);
    b._allowInvalid = this._rule.allowInvalid;
    b._helpText = this._rule.helpText;
    return b;
  }
}

export class DataValidationBuilder extends GasObject {
  readonly _service = 'Sheets' as const;
  readonly _class = 'DataValidationBuilder';
  _criteria: CriteriaType | null = null;
  _args: unknown[] = [];
  _allowInvalid = true;
  _helpText: string | undefined;

  private _set(criteria: CriteriaType, args: unknown[]): DataValidationBuilder {
    this._criteria = criteria;
    this._args = args;
    return this;
  }

  requireValueInList(values: unknown[], showDropdown?: boolean): DataValidationBuilder {
    if (!Array.isArray(values)) throw new Error(MESSAGES.invalidArgument('values'));
    return this._set('VALUE_IN_LIST', [values.map(String), showDropdown === undefined ? true : Boolean(showDropdown)]);
  }

  requireCheckbox(checkedValue?: unknown, uncheckedValue?: unknown): DataValidationBuilder {
    if (checkedValue === undefined) return this._set('CHECKBOX', []);
    return this._set('CHECKBOX', uncheckedValue === undefined ? [checkedValue] : [checkedValue, uncheckedValue]);
  }

  requireDate(): DataValidationBuilder {
    return this._set('DATE_IS_VALID_DATE', []);
  }

  requireNumberBetween(start: number, end: number): DataValidationBuilder {
    return this._set('NUMBER_BETWEEN', [Number(start), Number(end)]);
  }

  requireNumberGreaterThanOrEqualTo(number: number): DataValidationBuilder {
    return this._set('NUMBER_GREATER_THAN_OR_EQUAL_TO', [Number(number)]);
  }

  requireTextIsEmail(): DataValidationBuilder {
    return this._set('TEXT_IS_VALID_EMAIL', []);
  }

  setAllowInvalid(allowInvalidData: boolean): DataValidationBuilder {
    this._allowInvalid = Boolean(allowInvalidData);
    return this;
  }

  setHelpText(helpText: string): DataValidationBuilder {
    this._helpText = String(helpText);
    return this;
  }

  getCriteriaType(): string | null {
    return this._criteria;
  }

  getCriteriaValues(): unknown[] {
    return copyArgs(this._args);
  }

  getAllowInvalid(): boolean {
    return this._allowInvalid;
  }

  getHelpText(): string | null {
    return this._helpText ?? null;
  }

  build(): DataValidation {
    if (!this._criteria) throw new Error(MESSAGES.invalidArgument('criteria'));
    const rule: ValidationRule = { criteria: this._criteria, args: copyArgs(this._args), allowInvalid: this._allowInvalid };
    if (this._helpText !== undefined) rule.helpText = this._helpText;
    return new DataValidation(rule);
  }
}
