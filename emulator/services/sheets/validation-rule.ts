import { isDate } from '../../core/gas-object';
import type { CellValue } from './format';
import { MESSAGES } from './messages';

/**
 * A data validation rule as a cell keeps it
 * (developers.google.com/apps-script/reference/spreadsheet/data-validation). `args` are the
 * criteria values exactly as `getCriteriaValues()` returns them, e.g. `[["Sí","No"], true]`
 * for `requireValueInList(["Sí","No"], true)`.
 */
export type CriteriaType =
  | 'VALUE_IN_LIST'
  | 'CHECKBOX'
  | 'DATE_IS_VALID_DATE'
  | 'NUMBER_BETWEEN'
  | 'NUMBER_GREATER_THAN_OR_EQUAL_TO'
  | 'TEXT_IS_VALID_EMAIL';

export const CRITERIA_TYPES: CriteriaType[] = [
  'VALUE_IN_LIST',
  'CHECKBOX',
  'DATE_IS_VALID_DATE',
  'NUMBER_BETWEEN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  'TEXT_IS_VALID_EMAIL',
];

export interface ValidationRule {
  criteria: CriteriaType;
  args: unknown[];
  /** The builder's default is true: invalid input only gets a warning. */
  allowInvalid: boolean;
  helpText?: string;
}

function asText(v: CellValue): string {
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

/** True when `value` breaks the rule. Clearing a cell ('') is always allowed. */
export function violates(rule: ValidationRule, value: CellValue): boolean {
  if (value === '') return false;
  switch (rule.criteria) {
    case 'VALUE_IN_LIST': {
      if (isDate(value)) return true;
      const list = (rule.args[0] as unknown[]) ?? [];
      return !list.some((x) => String(x) === asText(value));
    }
    case 'CHECKBOX':
      if (rule.args.length >= 2) return asText(value) !== String(rule.args[0]) && asText(value) !== String(rule.args[1]);
      return typeof value !== 'boolean';
    case 'DATE_IS_VALID_DATE':
      return !isDate(value);
    case 'NUMBER_BETWEEN': {
      const [a, b] = rule.args as number[];
      return typeof value !== 'number' || value < Math.min(a, b) || value > Math.max(a, b);
    }
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
      return typeof value !== 'number' || value < (rule.args[0] as number);
    case 'TEXT_IS_VALID_EMAIL':
      return typeof value !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
  }
}

export function violationMessage(rule: ValidationRule, cell: string): string {
  if (rule.criteria === 'VALUE_IN_LIST') return MESSAGES.validationList(cell, ((rule.args[0] as unknown[]) ?? []).map(String));
  return MESSAGES.validation(cell);
}

/** Two rules are the same rule (used to share one JSON entry among the cells that carry it). */
export function ruleKey(rule: ValidationRule): string {
  return JSON.stringify([rule.criteria, rule.args, rule.allowInvalid, rule.helpText ?? '']);
}
