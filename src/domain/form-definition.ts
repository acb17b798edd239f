/**
 * A Google Form described as data: what setup creates (the satisfaction survey now, the
 * registration forms later) and what it checks on every run to complete a form that lacks a
 * question. The Forms adapter (src/gas/forms.ts) turns it into FormApp calls.
 */

interface ItemBase {
  /** The question's title: answers and prefilled links find the question by it. */
  readonly title: string;
  readonly help?: string;
  readonly required?: boolean;
}

export type FormItemSpec =
  | (ItemBase & { readonly kind: 'text' })
  | (ItemBase & { readonly kind: 'paragraph' })
  | (ItemBase & { readonly kind: 'scale'; readonly low: 0 | 1; readonly high: number; readonly lowLabel: string; readonly highLabel: string })
  | (ItemBase & { readonly kind: 'choice'; readonly choices: readonly string[] })
  /** A dropdown (ListItem): long lists (regions), and the module of the registration form. */
  | (ItemBase & { readonly kind: 'list'; readonly choices: readonly string[] })
  | (ItemBase & { readonly kind: 'checkbox'; readonly choices: readonly string[] })
  /**
   * A date question (DateItem, with the year): its answer is the text 'YYYY-MM-DD'
   * (ItemResponse.getResponse gives a String for a date question; DateItem.createResponse keeps
   * only year, month and day). Issue 14: the institutions' preferred dates.
   */
  | (ItemBase & { readonly kind: 'date' });

export interface FormDefinition {
  readonly title: string;
  /** Shown under the title (the privacy notice goes here). */
  readonly description: string;
  /** Shown after a response is sent. */
  readonly confirmationMessage: string;
  readonly items: readonly FormItemSpec[];
}

/** Items of the definition that the form (given its question titles) lacks, in definition order. */
export function missingItems(def: FormDefinition, titles: readonly string[]): FormItemSpec[] {
  const have = new Set(titles.map((t) => t.trim()));
  return def.items.filter((i) => !have.has(i.title));
}
