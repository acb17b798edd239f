import { GasObject } from '../../core/gas-object';
import type { TextRule, TextValidation as TextValidationData } from './model';

/**
 * FormApp.createTextValidation() / createParagraphTextValidation()
 * (developers.google.com/apps-script/reference/forms/text-validation-builder): the rules the
 * emulator checks when a respondent submits. A builder keeps the last rule it was given.
 */
export class TextValidationBuilder extends GasObject {
  readonly _service = 'Forms' as const;
  readonly _class: string;
  _rule: TextRule | undefined;
  _helpText = '';

  constructor(paragraph: boolean) {
    super();
    this._class = paragraph ? 'ParagraphTextValidationBuilder' : 'TextValidationBuilder';
  }

  setHelpText(text: string): this {
    this._helpText = String(text);
    return this;
  }

  requireNumber(): this {
    return this._set({ kind: 'number' });
  }

  requireWholeNumber(): this {
    return this._set({ kind: 'wholeNumber' });
  }

  requireTextIsEmail(): this {
    return this._set({ kind: 'email' });
  }

  requireTextIsUrl(): this {
    return this._set({ kind: 'url' });
  }

  requireTextMatchesPattern(pattern: string): this {
    return this._set({ kind: 'pattern', pattern: String(pattern) });
  }

  requireTextDoesNotMatchPattern(pattern: string): this {
    return this._set({ kind: 'notPattern', pattern: String(pattern) });
  }

  requireTextContainsPattern(text: string): this {
    return this._set({ kind: 'contains', text: String(text) });
  }

  requireTextLengthLessThanOrEqualTo(n: number): this {
    return this._set({ kind: 'maxLength', n: Number(n) });
  }

  requireTextLengthGreaterThanOrEqualTo(n: number): this {
    return this._set({ kind: 'minLength', n: Number(n) });
  }

  build(): TextValidation {
    if (!this._rule) throw new Error('Validation requires a rule.');
    return new TextValidation(this._class === 'ParagraphTextValidationBuilder', { rule: this._rule, helpText: this._helpText });
  }

  _set(rule: TextRule): this {
    this._rule = rule;
    return this;
  }
}

export class TextValidation extends GasObject {
  readonly _service = 'Forms' as const;
  readonly _class: string;

  constructor(
    paragraph: boolean,
    readonly _data: TextValidationData,
  ) {
    super();
    this._class = paragraph ? 'ParagraphTextValidation' : 'TextValidation';
  }
}
