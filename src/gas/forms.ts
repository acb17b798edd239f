/**
 * The Forms port over FormApp (scope forms): the forms the product makes (created from a
 * FormDefinition, completed when a question is missing), their links (prefilled answers are
 * matched to questions by title) and their responses.
 */
import type { FormDefinition, FormItemSpec } from '../domain/form-definition';
import type { FormAdmin, FormAnswers, FormChoices, FormOpening, FormResponderAccess, Forms, FormState } from '../ports';

type Form = GoogleAppsScript.Forms.Form;

/**
 * Publishing members of Form and FormApp that @types/google-apps-script 2.0.13 does not declare
 * (developers.google.com/apps-script/reference/forms/form#setPublished(Boolean),
 * …/form-app#create(String,Boolean), forms/api/guides/publish-form). Optional: a runtime
 * without them is treated as having legacy forms (no publish state).
 */
interface PublishingForm {
  supportsAdvancedResponderPermissions?(): boolean;
  isPublished?(): boolean;
  setPublished?(enabled: boolean): unknown;
}
type CreateForm = (title: string, isPublished?: boolean) => Form;

export class FormAppForms implements Forms, FormAdmin, FormChoices {
  private readonly forms = new Map<string, Form>();

  private form(formId: string): Form {
    let f = this.forms.get(formId);
    if (!f) {
      f = FormApp.openById(formId);
      this.forms.set(formId, f);
    }
    return f;
  }

  publishedUrl(formId: string): string {
    return this.form(formId).getPublishedUrl();
  }

  prefilledUrl(formId: string, answers: Readonly<Record<string, string>>): string {
    const form = this.form(formId);
    const items = form.getItems();
    const titles = items.map((i) => i.getTitle());
    let response = form.createResponse();
    for (const [title, value] of Object.entries(answers)) {
      const k = titles.indexOf(title);
      if (k < 0) throw new Error(`form ${formId} has no question titled ${JSON.stringify(title)}`);
      const item = items[k];
      const type = String(item.getType());
      const itemResponse =
        type === 'TEXT'
          ? item.asTextItem().createResponse(value)
          : type === 'PARAGRAPH_TEXT'
            ? item.asParagraphTextItem().createResponse(value)
            : type === 'LIST'
              ? item.asListItem().createResponse(value)
              : type === 'MULTIPLE_CHOICE'
                ? item.asMultipleChoiceItem().createResponse(value)
                : null;
      if (!itemResponse) throw new Error(`question ${JSON.stringify(title)} is ${type}: only text, dropdown and multiple-choice questions are prefilled`);
      response = response.withItemResponse(itemResponse);
    }
    return response.toPrefilledUrl();
  }

  /** Unpublished on purpose, whatever the date: openToRespondents publishes it once complete. */
  create(title: string): string {
    const form = (FormApp.create as CreateForm)(title, false);
    const id = form.getId();
    this.forms.set(id, form);
    return id;
  }

  responderAccess(formId: string): FormResponderAccess | null {
    let form: Form;
    try {
      form = this.form(formId);
    } catch {
      return null;
    }
    const p = form as Form & PublishingForm;
    const supportsPublishing = typeof p.supportsAdvancedResponderPermissions === 'function' && p.supportsAdvancedResponderPermissions() === true;
    const published = supportsPublishing ? p.isPublished!() === true : true;
    // "If is_published is set to false, [isAcceptingResponses] is forced to false" (PublishState).
    const acceptingResponses = published && form.isAcceptingResponses() === true;
    let requiresLogin: boolean | null;
    try {
      requiresLogin = form.requiresLogin() === true; // deprecated in the reference, still answered
    } catch {
      requiresLogin = null;
    }
    return { supportsPublishing, published, acceptingResponses, requiresLogin };
  }

  openToRespondents(formId: string): FormOpening {
    const access = this.responderAccess(formId);
    if (!access) throw new Error(`the form ${formId} cannot be opened`);
    const form = this.form(formId);
    let published = false;
    let reopened = false;
    let loginDropped = false;
    if (access.supportsPublishing && !access.published) {
      // "Publish the form. This also enables accepting responses." (publish-form guide)
      (form as Form & PublishingForm).setPublished!(true);
      published = true;
    } else if (!access.acceptingResponses) {
      form.setAcceptingResponses(true);
      reopened = true;
    }
    if (access.requiresLogin === true) {
      try {
        form.setRequireLogin(false); // citizens have no account in the service's domain
        loginDropped = true;
      } catch {
        // Deprecated and not offered to every account: the form stays as it is; Diagnóstico shows it.
      }
    }
    return { published, reopened, loginDropped };
  }

  setTexts(formId: string, texts: Pick<FormDefinition, 'description' | 'confirmationMessage'>): void {
    this.form(formId).setDescription(texts.description).setConfirmationMessage(texts.confirmationMessage);
  }

  addItems(formId: string, items: readonly FormItemSpec[]): void {
    const form = this.form(formId);
    for (const spec of items) addItem(form, spec);
  }

  setChoices(formId: string, title: string, choices: readonly string[]): boolean {
    const form = this.form(formId);
    const item = form.getItems().find((i) => i.getTitle() === title);
    if (!item) throw new Error(`form ${formId} has no question titled ${JSON.stringify(title)}`);
    const type = String(item.getType());
    const choiceItem = type === 'LIST' ? item.asListItem() : type === 'MULTIPLE_CHOICE' ? item.asMultipleChoiceItem() : null;
    if (!choiceItem) throw new Error(`question ${JSON.stringify(title)} is ${type}, not a dropdown or multiple choice`);
    const current = choiceItem.getChoices().map((c) => c.getValue());
    if (current.length === choices.length && current.every((v, i) => v === choices[i])) return false;
    choiceItem.setChoiceValues([...choices]);
    return true;
  }

  choices(formId: string, title: string): string[] | null {
    const item = this.form(formId).getItems().find((i) => i.getTitle() === title);
    if (!item) return null;
    const type = String(item.getType());
    if (type === 'LIST') return item.asListItem().getChoices().map((c) => c.getValue());
    if (type === 'MULTIPLE_CHOICE') return item.asMultipleChoiceItem().getChoices().map((c) => c.getValue());
    return null;
  }

  removeUntitledItems(formId: string): number {
    const form = this.form(formId);
    const items = form.getItems();
    let removed = 0;
    // From the end, so the indexes of the items still to look at do not move.
    for (let i = items.length - 1; i >= 0; i--) {
      if (items[i].getTitle().trim() === '') {
        form.deleteItem(i);
        removed++;
      }
    }
    return removed;
  }

  describe(formId: string): FormState | null {
    let form: Form;
    try {
      form = this.form(formId);
    } catch {
      return null; // deleted, trashed or no access: setup makes a new one
    }
    let destinationId: string | null = null;
    try {
      destinationId = form.getDestinationId();
    } catch {
      destinationId = null; // "The form currently has no response destination."
    }
    return {
      id: formId,
      title: form.getTitle(),
      description: form.getDescription(),
      confirmationMessage: form.getConfirmationMessage(),
      publishedUrl: form.getPublishedUrl(),
      itemTitles: form.getItems().map((i) => i.getTitle()),
      destinationId,
    };
  }

  setDestination(formId: string, spreadsheetId: string): void {
    this.form(formId).setDestination(FormApp.DestinationType.SPREADSHEET, spreadsheetId);
  }

  responses(formId: string, since?: Date, known?: ReadonlySet<string>): FormAnswers[] {
    const form = this.form(formId);
    const list = since ? form.getResponses(since) : form.getResponses();
    const out: FormAnswers[] = [];
    for (const r of list) {
      const responseId = r.getId();
      if (known?.has(responseId)) continue;
      out.push(formAnswers(r));
    }
    return out;
  }

  response(formId: string, responseId: string): FormAnswers | null {
    const form = this.form(formId);
    const r = existingResponse(form, responseId);
    return r ? formAnswers(r) : null;
  }

  deleteResponse(formId: string, responseId: string): boolean {
    const form = this.form(formId);
    try {
      form.deleteResponse(responseId);
      return true;
    } catch (e) {
      // Deleting a response that is gone throws too: tell "already deleted" from a real failure.
      if (!existingResponse(form, responseId)) return false;
      throw e;
    }
  }
}

/**
 * Form.getResponse of an ID that may have been deleted. The reference does not say what it
 * does then: the emulator throws ("Invalid argument: responseId"), and a null is just as
 * plausible. Both mean "no such response".
 */
function existingResponse(form: Form, responseId: string): GoogleAppsScript.Forms.FormResponse | null {
  let r: GoogleAppsScript.Forms.FormResponse | null | undefined;
  try {
    r = form.getResponse(responseId);
  } catch {
    return null;
  }
  return r ?? null;
}

/** A submitted response as plain data (the form-submit trigger's `e.response` too). */
export function formAnswers(r: GoogleAppsScript.Forms.FormResponse): FormAnswers {
  const answers: Record<string, string | string[]> = {};
  for (const ir of r.getItemResponses()) {
    const v = ir.getResponse() as unknown;
    answers[ir.getItem().getTitle()] = Array.isArray(v) ? v.map(String) : String(v ?? '');
  }
  return { responseId: r.getId(), submittedAt: r.getTimestamp() as unknown as Date, answers };
}

/** One item; its title is set last (see FormAdmin.addItems). */
function addItem(form: Form, spec: FormItemSpec): void {
  const required = spec.required === true;
  const help = spec.help ?? '';
  switch (spec.kind) {
    case 'text':
      form.addTextItem().setRequired(required).setHelpText(help).setTitle(spec.title);
      return;
    case 'paragraph':
      form.addParagraphTextItem().setRequired(required).setHelpText(help).setTitle(spec.title);
      return;
    case 'scale':
      form.addScaleItem().setBounds(spec.low, spec.high).setLabels(spec.lowLabel, spec.highLabel).setRequired(required).setHelpText(help).setTitle(spec.title);
      return;
    case 'choice':
      form.addMultipleChoiceItem().setChoiceValues([...spec.choices]).setRequired(required).setHelpText(help).setTitle(spec.title);
      return;
    case 'list':
      form.addListItem().setChoiceValues([...spec.choices]).setRequired(required).setHelpText(help).setTitle(spec.title);
      return;
    case 'checkbox':
      form.addCheckboxItem().setChoiceValues([...spec.choices]).setRequired(required).setHelpText(help).setTitle(spec.title);
      return;
    case 'date':
      // With the year (the default, said so): the answer is then 'YYYY-MM-DD'.
      form.addDateItem().setIncludesYear(true).setRequired(required).setHelpText(help).setTitle(spec.title);
      return;
  }
}
