/**
 * The Forms port over FormApp (scope forms): the forms the product makes (created from a
 * FormDefinition, completed when a question is missing), their links (prefilled answers are
 * matched to questions by title) and their responses.
 */
import type { FormDefinition, FormItemSpec } from '../domain/form-definition';
import type { FormAdmin, FormAnswers, Forms, FormState } from '../ports';

type Form = GoogleAppsScript.Forms.Form;

export class FormAppForms implements Forms, FormAdmin {
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
            : null;
      if (!itemResponse) throw new Error(`question ${JSON.stringify(title)} is ${type}: only text questions are prefilled`);
      response = response.withItemResponse(itemResponse);
    }
    return response.toPrefilledUrl();
  }

  create(title: string): string {
    const form = FormApp.create(title);
    const id = form.getId();
    this.forms.set(id, form);
    return id;
  }

  setTexts(formId: string, texts: Pick<FormDefinition, 'description' | 'confirmationMessage'>): void {
    this.form(formId).setDescription(texts.description).setConfirmationMessage(texts.confirmationMessage);
  }

  addItems(formId: string, items: readonly FormItemSpec[]): void {
    const form = this.form(formId);
    for (const spec of items) addItem(form, spec);
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
    let r: GoogleAppsScript.Forms.FormResponse;
    try {
      r = form.getResponse(responseId);
    } catch {
      return null; // "Invalid argument: responseId": no such response (deleted)
    }
    return formAnswers(r);
  }

  deleteResponse(formId: string, responseId: string): boolean {
    const form = this.form(formId);
    try {
      form.deleteResponse(responseId);
      return true;
    } catch (e) {
      // Deleting a response that is gone throws too: tell "already deleted" from a real failure.
      try {
        form.getResponse(responseId);
      } catch {
        return false;
      }
      throw e;
    }
  }
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
    case 'checkbox':
      form.addCheckboxItem().setChoiceValues([...spec.choices]).setRequired(required).setHelpText(help).setTitle(spec.title);
      return;
  }
}
