/**
 * The survey link from the template setup stores: the same link FormApp would build for each
 * code, without a Forms call; any doubt about the template (another form, damaged, missing) falls
 * back to FormApp.
 */
import { buildSurveyLinkTemplate, saveSurveyLinkTemplate, surveyLink, SURVEY_LINK_TEMPLATE_KEY } from '../../../src/app/survey-link';
import { SIGNING_SECRET_PROPERTY } from '../../../src/app/signing';
import { surveyToken } from '../../../src/domain/ids';
import { SURVEY_CODE_QUESTION, SURVEY_TOKEN_QUESTION } from '../../../src/domain/survey-form';
import type { Forms } from '../../../src/ports';
import { MemoryStore } from '../../support/memory-ports';

/** Builds links as Google does: `entry.<id>=<form-urlencoded value>`, the code question first. */
class GoogleLikeForms implements Forms {
  calls = 0;
  constructor(private readonly codeEntry = 'entry.1234567') {}
  publishedUrl(formId: string): string {
    return `https://docs.google.com/forms/d/e/pub-${formId}/viewform`;
  }
  prefilledUrl(formId: string, answers: Readonly<Record<string, string>>): string {
    this.calls++;
    const code = answers[SURVEY_CODE_QUESTION];
    if (code === undefined) throw new Error('no code question');
    const token = answers[SURVEY_TOKEN_QUESTION];
    const enc = (v: string) => encodeURIComponent(v).replace(/%20/g, '+');
    return `${this.publishedUrl(formId)}?usp=pp_url&${this.codeEntry}=${enc(code)}${token === undefined ? '' : `&entry.7654321=${enc(token)}`}`;
  }
}

const CODES = ['261128001', 'AV-0001', 'código ñandú 7', 'a&b=c+d', '$&$1'];

test('a link from the template is the one FormApp builds, for any code, with no Forms call', () => {
  const forms = new GoogleLikeForms();
  const properties = new MemoryStore();
  saveSurveyLinkTemplate(properties, 'F1', buildSurveyLinkTemplate(forms, 'F1'));
  const secret = properties.secret(SIGNING_SECRET_PROPERTY);
  const expected = CODES.map((c) => forms.prefilledUrl('F1', { [SURVEY_CODE_QUESTION]: c, [SURVEY_TOKEN_QUESTION]: surveyToken(secret, c) }));
  forms.calls = 0;
  expect(CODES.map((c) => surveyLink({ forms, properties }, 'F1', c))).toEqual(expected);
  expect(CODES.map((c) => surveyLink({ forms, properties }, 'F1', c, properties.getAll()))).toEqual(expected);
  expect(forms.calls).toBe(0);
});

test('without a usable template the link is built through FormApp', () => {
  const forms = new GoogleLikeForms();
  const properties = new MemoryStore();
  // Older setup: no template.
  expect(surveyLink({ forms, properties }, 'F1', '261128001')).toContain('entry.1234567=261128001');
  expect(forms.calls).toBe(1);
  // A template of another form (setup made the form again): never used for this one.
  saveSurveyLinkTemplate(properties, 'F0', buildSurveyLinkTemplate(forms, 'F0'));
  forms.calls = 0;
  expect(surveyLink({ forms, properties }, 'F1', '261128001')).toMatch(/^https:\/\/docs\.google\.com\/forms\/d\/e\/pub-F1\/viewform\?usp=pp_url&entry\.1234567=261128001&entry\.7654321=[0-9a-v]{20}$/);
  expect(forms.calls).toBe(1);
  // A damaged property.
  properties.setAll({ [SURVEY_LINK_TEMPLATE_KEY]: '{not json' });
  expect(surveyLink({ forms, properties }, 'F1', '1')).toContain('entry.1234567=1');
  expect(forms.calls).toBe(2);
});

test('a link where the code cannot be swapped safely is not templated, and saving that clears an old template', () => {
  const properties = new MemoryStore();
  saveSurveyLinkTemplate(properties, 'F1', buildSurveyLinkTemplate(new GoogleLikeForms(), 'F1'));
  expect(properties.get(SURVEY_LINK_TEMPLATE_KEY)).not.toBeNull();
  const odd: Forms = { publishedUrl: () => '', prefilledUrl: (_f, a) => `https://x/viewform?a=${a[SURVEY_CODE_QUESTION]}&b=${a[SURVEY_CODE_QUESTION]}` };
  const t = buildSurveyLinkTemplate(odd, 'F1');
  expect(t).toBeNull();
  saveSurveyLinkTemplate(properties, 'F1', t);
  expect(properties.get(SURVEY_LINK_TEMPLATE_KEY)).toBeNull();
});

describe('the link carries the token that proves it was sent by the service', () => {
  test('with or without the template: the code and its HMAC with the spreadsheet\'s secret', () => {
    const forms = new GoogleLikeForms();
    const properties = new MemoryStore();
    const slow = surveyLink({ forms, properties }, 'F1', 'AV-000123');
    const secret = properties.get(SIGNING_SECRET_PROPERTY)!;
    expect(secret).toMatch(/^[0-9a-f]{40,}$/);
    expect(slow).toBe(`https://docs.google.com/forms/d/e/pub-F1/viewform?usp=pp_url&entry.1234567=AV-000123&entry.7654321=${surveyToken(secret, 'AV-000123')}`);
    saveSurveyLinkTemplate(properties, 'F1', buildSurveyLinkTemplate(forms, 'F1'));
    forms.calls = 0;
    expect(surveyLink({ forms, properties }, 'F1', 'AV-000123', properties.getAll())).toBe(slow);
    expect(forms.calls).toBe(0);
    // The secret is made once and kept.
    expect(properties.get(SIGNING_SECRET_PROPERTY)).toBe(secret);
  });

  test('a template saved by an older version (code only) is not used: its links would carry no token', () => {
    const forms = new GoogleLikeForms();
    const properties = new MemoryStore();
    properties.setAll({ [SURVEY_LINK_TEMPLATE_KEY]: JSON.stringify({ formId: 'F1', url: 'https://docs.google.com/forms/d/e/pub-F1/viewform?usp=pp_url&entry.1234567=SOECODIGOPLANTILLA0' }) });
    expect(surveyLink({ forms, properties }, 'F1', 'AV-1')).toContain('&entry.7654321=');
    expect(forms.calls).toBe(1);
  });
});
