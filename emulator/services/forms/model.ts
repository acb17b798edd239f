/**
 * The stored shape of a Google Form, its items and its responses (plain JSON: times are epoch
 * ms). Reference: developers.google.com/apps-script/reference/forms
 */

/** FormApp.ItemType (developers.google.com/apps-script/reference/forms/item-type). */
export const ITEM_TYPE = {
  CHECKBOX: 'CHECKBOX',
  CHECKBOX_GRID: 'CHECKBOX_GRID',
  DATE: 'DATE',
  DATETIME: 'DATETIME',
  DURATION: 'DURATION',
  FILE_UPLOAD: 'FILE_UPLOAD',
  GRID: 'GRID',
  IMAGE: 'IMAGE',
  LIST: 'LIST',
  MULTIPLE_CHOICE: 'MULTIPLE_CHOICE',
  PAGE_BREAK: 'PAGE_BREAK',
  PARAGRAPH_TEXT: 'PARAGRAPH_TEXT',
  RATING: 'RATING',
  SCALE: 'SCALE',
  SECTION_HEADER: 'SECTION_HEADER',
  TEXT: 'TEXT',
  TIME: 'TIME',
  VIDEO: 'VIDEO',
} as const;

export type ItemTypeName = keyof typeof ITEM_TYPE;

/** The item kinds the emulator implements. */
export type SupportedType = 'TEXT' | 'PARAGRAPH_TEXT' | 'MULTIPLE_CHOICE' | 'CHECKBOX' | 'LIST' | 'SCALE' | 'DATE' | 'SECTION_HEADER' | 'PAGE_BREAK';

/** Items a respondent answers (section headers and page breaks only lay the form out). */
export const QUESTION_TYPES: ReadonlySet<string> = new Set(['TEXT', 'PARAGRAPH_TEXT', 'MULTIPLE_CHOICE', 'CHECKBOX', 'LIST', 'SCALE', 'DATE']);

export const CHOICE_TYPES: ReadonlySet<string> = new Set(['MULTIPLE_CHOICE', 'CHECKBOX', 'LIST']);

/** FormApp.createTextValidation() rules, as far as the emulator checks them. */
export type TextRule =
  | { kind: 'number' }
  | { kind: 'wholeNumber' }
  | { kind: 'email' }
  | { kind: 'url' }
  | { kind: 'pattern'; pattern: string }
  | { kind: 'notPattern'; pattern: string }
  | { kind: 'contains'; text: string }
  | { kind: 'maxLength'; n: number }
  | { kind: 'minLength'; n: number };

export interface TextValidation {
  rule: TextRule;
  helpText: string;
}

export interface ItemRecord {
  /** Item ID (Item.getId()): an integer, unique in the form. */
  id: number;
  /** The `entry.<n>` number of the published form's field (prefilled URLs, form posts). */
  entryId: number;
  type: SupportedType;
  title: string;
  helpText: string;
  required: boolean;
  choices?: string[];
  otherOption?: boolean;
  lowerBound?: number;
  upperBound?: number;
  leftLabel?: string;
  rightLabel?: string;
  includesYear?: boolean;
  validation?: TextValidation;
}

export type AnswerValue = string | string[];

export interface ResponseRecord {
  id: string;
  /** Submission time, virtual epoch ms. */
  timestamp: number;
  /** Respondent email ('' when the form does not collect it). */
  email: string;
  answers: { itemId: number; value: AnswerValue }[];
}

export interface FormRecord {
  id: string;
  /** The ID in the respondent's URL: /forms/d/e/<publishedId>/viewform */
  publishedId: string;
  owner: string;
  createdAt: number;
  title: string;
  description: string;
  confirmationMessage: string;
  customClosedFormMessage: string;
  collectEmail: boolean;
  /**
   * The "accepting responses" switch as last set. What respondents get also depends on the
   * publish state: an unpublished form accepts nothing (see `acceptsResponses`).
   */
  acceptingResponses: boolean;
  /**
   * Publish state (Form.setPublished / forms.setPublishSettings). Absent in a state saved before
   * the emulator modelled it: such forms were made when the API published new forms by default,
   * so they count as published.
   */
  published?: boolean;
  /**
   * False for a legacy form, one without publish settings: setPublished/isPublished throw and
   * only the accepting-responses switch applies. Absent counts as true (every new form supports
   * publishing).
   */
  supportsPublishing?: boolean;
  /** Form.setRequireLogin (deprecated): respondents must be signed in to the owner's domain. */
  requireLogin?: boolean;
  /** Form.setPublishingSummary: respondents get a link to the summary of responses. */
  publishingSummary?: boolean;
  limitOneResponsePerUser: boolean;
  allowResponseEdits: boolean;
  progressBar: boolean;
  showLinkToRespondAgain: boolean;
  items: ItemRecord[];
  destination?: { type: 'SPREADSHEET'; id: string; sheetName?: string };
  responses: ResponseRecord[];
  /** forms.gle short link → the long URL it stands for. */
  shortLinks: Record<string, string>;
}

export const NOT_FOUND = 'No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.';
export const NO_DESTINATION = 'The form currently has no response destination.';
export const invalidConversion = (type: string) => `Invalid conversion for item type: ${type}`;

/**
 * "Forms created by the API after June 30, 2026 will be created in an unpublished state"
 * (developers.google.com/workspace/forms/api/guides/api-changes-to-google-forms). The emulator
 * reads the date as UTC: a form created from this instant on is unpublished unless the script
 * asks otherwise (FormApp.create(title, true)).
 */
export const UNPUBLISHED_BY_DEFAULT_FROM = Date.UTC(2026, 6, 1);

/** setPublished/isPublished on a legacy form (the reference documents the case, not its message: this wording is the emulator's). */
export const PUBLISHING_UNSUPPORTED = 'This form does not support publishing.';

/** Whether respondents can open the form at all (a legacy form has no publish state: always). */
export function isPublishedForm(f: FormRecord): boolean {
  return f.supportsPublishing === false || f.published !== false;
}

/** "If is_published is set to false, [isAcceptingResponses] is forced to false" (PublishState). */
export function acceptsResponses(f: FormRecord): boolean {
  return isPublishedForm(f) && f.acceptingResponses;
}

/** "…log in to an account in the same domain or a subdomain" (form#setRequireLogin). */
export function inOwnersDomain(f: FormRecord, account: string | undefined): boolean {
  const domain = f.owner.split('@')[1]?.toLowerCase() ?? '';
  const theirs = (account ?? '').split('@')[1]?.toLowerCase() ?? '';
  return domain !== '' && theirs !== '' && (theirs === domain || theirs.endsWith(`.${domain}`));
}
