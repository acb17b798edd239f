/**
 * The Forms port over FormApp (scope forms): published and prefilled links of the forms the
 * product made. Prefilled answers are matched to questions by title.
 */
import type { Forms } from '../ports';

type Form = GoogleAppsScript.Forms.Form;

export class FormAppForms implements Forms {
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
}
