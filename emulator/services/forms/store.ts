import type { Random } from '../../core/random';
import { registerStore, type Store, type WorkspaceState } from '../../core/state';
import { acceptsResponses, isPublishedForm, QUESTION_TYPES, UNPUBLISHED_BY_DEFAULT_FROM, type FormRecord, type ItemRecord, type SupportedType } from './model';
import { editUrl, publishedUrl } from './urls';

/** What the browser UI needs to draw a form for a respondent. */
export interface FormDefinition {
  id: string;
  title: string;
  description: string;
  publishedUrl: string;
  collectEmail: boolean;
  /** Published and open: what a respondent can answer. */
  acceptingResponses: boolean;
  published: boolean;
  /** Only accounts of the owner's domain may respond (Form.setRequireLogin). */
  requiresLogin: boolean;
  confirmationMessage: string;
  closedMessage: string;
  items: {
    id: number;
    entryId: number;
    type: SupportedType;
    title: string;
    helpText: string;
    required: boolean;
    isQuestion: boolean;
    choices?: string[];
    hasOtherOption?: boolean;
    lowerBound?: number;
    upperBound?: number;
    leftLabel?: string;
    rightLabel?: string;
  }[];
}

export interface FormSummary {
  id: string;
  title: string;
  owner: string;
  publishedUrl: string;
  editUrl: string;
  /** Published and open: what a respondent can answer. */
  acceptingResponses: boolean;
  published: boolean;
  requiresLogin: boolean;
  responses: number;
  destinationId?: string;
}

const URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** Every form in the workspace, by ID. */
export class FormsStore implements Store {
  forms: Record<string, FormRecord> = {};

  /**
   * A new form. `published` undefined: as the API does at `now` (published until 30 June 2026,
   * unpublished after, see UNPUBLISHED_BY_DEFAULT_FROM).
   */
  create(owner: string, title: string, now: number, random: Random, published?: boolean): FormRecord {
    let id = random.driveId();
    while (id in this.forms) id = random.driveId();
    const form: FormRecord = {
      id,
      // Published IDs look like Google's: "1FAIpQLS" + 48 URL-safe characters.
      publishedId: `1FAIpQLS${random.chars(URL_ALPHABET, 48)}`,
      owner,
      createdAt: now,
      title,
      description: '',
      confirmationMessage: '',
      customClosedFormMessage: '',
      collectEmail: false,
      acceptingResponses: true,
      published: published ?? now < UNPUBLISHED_BY_DEFAULT_FROM,
      supportsPublishing: true,
      requireLogin: false,
      publishingSummary: false,
      limitOneResponsePerUser: false,
      allowResponseEdits: false,
      progressBar: false,
      showLinkToRespondAgain: true,
      items: [],
      responses: [],
      shortLinks: {},
    };
    this.forms[id] = form;
    return form;
  }

  get(id: string): FormRecord | undefined {
    return Object.prototype.hasOwnProperty.call(this.forms, id) ? this.forms[id] : undefined;
  }

  /** A new item's ID and entry number: random 9–10 digit integers, unique in the form. */
  newItem(form: FormRecord, type: SupportedType, random: Random): ItemRecord {
    const taken = new Set(form.items.flatMap((i) => [i.id, i.entryId]));
    const fresh = () => {
      let n: number;
      do n = 100_000_000 + random.int(1_900_000_000);
      while (taken.has(n));
      taken.add(n);
      return n;
    };
    return { id: fresh(), entryId: fresh(), type, title: '', helpText: '', required: false };
  }

  /** Host side: the forms list of the browser UI and the Workspace API. */
  listForms(): FormSummary[] {
    return Object.values(this.forms).map((f) => ({
      id: f.id,
      title: f.title,
      owner: f.owner,
      publishedUrl: publishedUrl(f),
      editUrl: editUrl(f),
      acceptingResponses: acceptsResponses(f),
      published: isPublishedForm(f),
      requiresLogin: f.requireLogin === true,
      responses: f.responses.length,
      ...(f.destination ? { destinationId: f.destination.id } : {}),
    }));
  }

  /** The form a respondent's link points to: viewform/formResponse URLs (prefilled or not), edit URLs and forms.gle links. */
  formByPublishedUrl(url: string): FormRecord | undefined {
    const published = /\/forms\/d\/e\/([A-Za-z0-9_-]+)\//.exec(url);
    if (published) return Object.values(this.forms).find((f) => f.publishedId === published[1]);
    const edit = /\/forms\/d\/([A-Za-z0-9_-]+)\//.exec(url);
    if (edit) return this.get(edit[1]);
    const short = url.split('?')[0];
    for (const f of Object.values(this.forms)) {
      const long = f.shortLinks[short];
      if (long) return this.formByPublishedUrl(long);
    }
    return undefined;
  }

  formDefinition(formId: string): FormDefinition {
    const f = this.get(formId);
    if (!f) throw new Error(`no form ${formId}`);
    return {
      id: f.id,
      title: f.title,
      description: f.description,
      publishedUrl: publishedUrl(f),
      collectEmail: f.collectEmail,
      acceptingResponses: acceptsResponses(f),
      published: isPublishedForm(f),
      requiresLogin: f.requireLogin === true,
      confirmationMessage: f.confirmationMessage,
      closedMessage: f.customClosedFormMessage,
      items: f.items.map((i) => ({
        id: i.id,
        entryId: i.entryId,
        type: i.type,
        title: i.title,
        helpText: i.helpText,
        required: i.required,
        isQuestion: QUESTION_TYPES.has(i.type),
        ...(i.choices ? { choices: [...i.choices], hasOtherOption: !!i.otherOption } : {}),
        ...(i.type === 'SCALE' ? { lowerBound: i.lowerBound, upperBound: i.upperBound, leftLabel: i.leftLabel, rightLabel: i.rightLabel } : {}),
      })),
    };
  }

  toJSON(): unknown {
    return { forms: this.forms };
  }

  static fromJSON(json: unknown): FormsStore {
    const s = new FormsStore();
    s.forms = ((json ?? {}) as { forms?: Record<string, FormRecord> }).forms ?? {};
    return s;
  }
}

registerStore('forms', { create: () => new FormsStore(), fromJSON: FormsStore.fromJSON });

export function formsStore(state: WorkspaceState): FormsStore {
  return state.store<FormsStore>('forms');
}
