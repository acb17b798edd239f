import type { FormView, Snapshot } from '../../snapshot';
import type { SubmitResult } from '../api';
import type { App, FormPageState, View } from '../app';
import { button, el, type Child } from '../dom';

type Item = FormView['definition']['items'][number];
type Answers = Record<string, string | string[]>;

const OTHER = '__other_option__';

/** What the forms list says of a form's state: published? open? for whom? */
function formState(f: { published: boolean; acceptingResponses: boolean; requiresLogin: boolean }): string {
  if (!f.published) return 'No publicado';
  if (!f.acceptingResponses) return 'No acepta respuestas';
  return f.requiresLogin ? 'Acepta respuestas (solo cuentas del dominio)' : 'Acepta respuestas';
}

/** The forms of the workspace, and a box to open any form link (prefilled links included). */
export function formsListView(app: App, s: Snapshot): View {
  return {
    signature: `forms:${s.forms.map((f) => `${f.id}:${f.title}:${f.responses}:${f.published}:${f.acceptingResponses}:${f.requiresLogin}`).join('|')}`,
    render: () => {
      const input = el('input', { id: 'form-link-input', attrs: { type: 'url', placeholder: 'https://docs.google.com/forms/d/e/…/viewform?usp=pp_url&entry.…', 'aria-label': 'Enlace de un formulario' } });
      return el(
        'section',
        { class: 'page forms-screen' },
        el('h1', {}, 'Formularios'),
        el(
          'form',
          {
            class: 'open-link',
            on: {
              submit: (e) => {
                e.preventDefault();
                if (input.value.trim()) app.openUrl(input.value.trim());
              },
            },
          },
          el('label', { attrs: { for: 'form-link-input' } }, 'Abrir un enlace de formulario (también enlaces con respuestas ya completadas): '),
          input,
          el('button', { class: 'btn', attrs: { type: 'submit' } }, 'Abrir'),
        ),
        s.forms.length === 0
          ? el('p', { class: 'empty' }, 'No hay formularios en este espacio de trabajo.')
          : el(
              'table',
              { class: 'table' },
              el('thead', {}, el('tr', {}, el('th', {}, 'Formulario'), el('th', {}, 'Respuestas'), el('th', {}, 'Estado'), el('th', {}, 'Enlace publicado'))),
              el(
                'tbody',
                {},
                ...s.forms.map((f) =>
                  el(
                    'tr',
                    { attrs: { 'data-form-id': f.id } },
                    el('td', {}, el('a', { attrs: { href: `#/formularios/${encodeURIComponent(f.id)}` } }, f.title || '(sin título)')),
                    el('td', { class: 'responses-count' }, f.responses),
                    el('td', { class: 'form-state' }, formState(f)),
                    el('td', { class: 'link-url' }, f.publishedUrl),
                  ),
                ),
              ),
            ),
      );
    },
  };
}

/** A form as a respondent sees it in Google Forms: fill it in and send it. */
export function formView(app: App, s: Snapshot, state: FormPageState): View {
  const form = s.forms.find((f) => f.id === state.formId);
  return {
    signature: `form:${state.formId}:${state.nonce}:${form ? JSON.stringify(form.definition) : 'missing'}`,
    render: () => (form ? page(app, form, state) : el('section', { class: 'page' }, el('p', { class: 'notice' }, 'No se encontró ese formulario.'))),
  };
}

function page(app: App, form: FormView, state: FormPageState): Node {
  const def = form.definition;
  const head = el(
    'div',
    { class: 'form-card form-head' },
    el('h1', {}, def.title || 'Formulario sin título'),
    def.description ? el('p', { class: 'form-description' }, def.description) : null,
    def.items.some((i) => i.required) || def.collectEmail ? el('p', { class: 'required-note' }, el('span', { class: 'req' }, '*'), ' Indica que la pregunta es obligatoria') : null,
  );
  if (state.confirmation !== undefined) {
    return el(
      'section',
      { class: 'form-screen' },
      el(
        'div',
        { class: 'form-card form-head' },
        el('h1', {}, def.title),
        el('p', { class: 'form-confirmation', role: 'status' }, state.confirmation),
        button('Enviar otra respuesta', () => {
          app.form = { formId: form.id, nonce: state.nonce + 1 };
          app.invalidate();
        }, { class: 'link-btn' }),
      ),
    );
  }
  // As Google: an unpublished form is not open to anyone; a closed one shows its closed message.
  if (!def.published) {
    return el('section', { class: 'form-screen' }, head, el('div', { class: 'form-card' }, el('p', { role: 'status' }, `El formulario «${def.title}» no está publicado: no acepta respuestas.`)));
  }
  if (!def.acceptingResponses) {
    return el('section', { class: 'form-screen' }, head, el('div', { class: 'form-card' }, el('p', { role: 'status' }, def.closedMessage || `El formulario «${def.title}» ya no acepta respuestas.`)));
  }

  const problems = state.problems ?? [];
  const problemFor = (itemId: number | undefined, title?: string) =>
    problems.find((p) => (itemId !== undefined ? p.itemId === itemId : p.itemId === undefined && (title === undefined || p.title === title)))?.message;

  const email = el('input', { id: 'form-email', attrs: { type: 'email', autocomplete: 'email', 'aria-required': 'true' } });
  email.value = state.email ?? '';
  const formEl = el('form', { class: 'form-body', attrs: { novalidate: true, 'aria-label': def.title } });
  if (def.collectEmail) {
    formEl.appendChild(card(null, 'form-email', 'Correo electrónico', true, '', email, problemFor(undefined, 'Correo')));
  }
  for (const item of def.items) formEl.appendChild(itemCard(item, state.prefill?.[String(item.id)], problemFor(item.id)));
  const general = problems.filter((p) => p.itemId === undefined && p.title !== 'Correo');
  if (general.length) formEl.appendChild(el('div', { class: 'form-card form-errors', role: 'alert' }, ...general.map((p) => el('p', {}, p.message))));
  const send = el('button', { class: 'btn primary form-submit', attrs: { type: 'submit' } }, 'Enviar');
  formEl.appendChild(
    el(
      'div',
      { class: 'form-actions' },
      send,
      button('Borrar formulario', () => {
        app.form = { formId: form.id, nonce: state.nonce + 1 };
        app.invalidate();
      }, { class: 'link-btn' }),
    ),
  );
  formEl.addEventListener('submit', (e) => {
    e.preventDefault();
    send.disabled = true;
    const answers = collect(formEl, def.items);
    void (async () => {
      const r = await app.act<SubmitResult>('/api/forms/submit', { formId: form.id, answers, ...(def.collectEmail ? { email: email.value } : {}) });
      if (r.ok) {
        app.form = { formId: form.id, nonce: state.nonce + 1, confirmation: r.confirmationMessage };
        if (!r.executions?.length) app.showStatus(`Respuesta registrada en «${def.title}».`, false);
      } else {
        app.form = { formId: form.id, nonce: state.nonce + 1, prefill: answers, email: email.value, problems: r.problems ?? [{ title: def.title, message: r.error ?? 'No se pudo enviar.' }] };
        app.showStatus('La respuesta no se envió: revise las preguntas marcadas.', true);
      }
      app.invalidate();
      // Take the respondent to the first question to fix, as Forms does.
      document.querySelector<HTMLElement>('.question.has-error input, .question.has-error textarea, .question.has-error select')?.focus();
    })();
  });
  return el('section', { class: 'form-screen' }, head, formEl);
}

function card(item: Item | null, labelFor: string | null, title: string, required: boolean, help: string, control: Child, problem: string | undefined): HTMLElement {
  const titleEl = el('span', { class: 'q-title' }, title, required ? el('span', { class: 'req', attrs: { 'aria-hidden': 'true' } }, ' *') : null);
  return el(
    'div',
    { class: `form-card question${problem ? ' has-error' : ''}`, attrs: item ? { 'data-item-id': item.id, 'data-item-type': item.type } : {} },
    labelFor ? el('label', { class: 'q-label', attrs: { for: labelFor } }, titleEl) : el('div', { class: 'q-label', attrs: { id: item ? `q-${item.id}-title` : undefined } }, titleEl),
    help ? el('div', { class: 'q-help' }, help) : null,
    control,
    problem ? el('div', { class: 'q-error', role: 'alert' }, `⚠ ${problem}`) : null,
  );
}

function values(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function itemCard(item: Item, prefill: string | string[] | undefined, problem: string | undefined): Node {
  const id = `q-${item.id}`;
  const name = `entry.${item.entryId}`;
  const given = values(prefill);
  const aria = { 'aria-required': item.required ? 'true' : undefined };
  switch (item.type) {
    case 'SECTION_HEADER':
    case 'PAGE_BREAK':
      return el('div', { class: 'form-card section-card', attrs: { 'data-item-id': item.id } }, el('h2', {}, item.title), item.helpText ? el('p', { class: 'q-help' }, item.helpText) : null);
    case 'TEXT': {
      const input = el('input', { id, attrs: { type: 'text', name, ...aria } });
      input.value = given[0] ?? '';
      return card(item, id, item.title, item.required, item.helpText, input, problem);
    }
    case 'PARAGRAPH_TEXT': {
      const area = el('textarea', { id, attrs: { name, rows: 3, ...aria } });
      area.value = given[0] ?? '';
      return card(item, id, item.title, item.required, item.helpText, area, problem);
    }
    case 'DATE': {
      const input = el('input', { id, attrs: { type: 'date', name, ...aria } });
      input.value = given[0] ?? '';
      return card(item, id, item.title, item.required, item.helpText, input, problem);
    }
    case 'LIST': {
      const select = el('select', { id, attrs: { name, ...aria } }, el('option', { attrs: { value: '' } }, 'Elegir'), ...(item.choices ?? []).map((c) => el('option', { attrs: { value: c } }, c)));
      select.value = given[0] ?? '';
      return card(item, id, item.title, item.required, item.helpText, select, problem);
    }
    case 'MULTIPLE_CHOICE':
    case 'CHECKBOX':
      return card(item, null, item.title, item.required, item.helpText, choices(item, name, given), problem);
    case 'SCALE': {
      const lo = item.lowerBound ?? 1;
      const hi = item.upperBound ?? 5;
      const options: Node[] = [];
      for (let n = lo; n <= hi; n++) {
        const radio = el('input', { id: `${id}-${n}`, attrs: { type: 'radio', name, value: n } });
        radio.checked = given[0] === String(n);
        options.push(el('label', { class: 'scale-option', attrs: { for: `${id}-${n}` } }, el('span', {}, n), radio));
      }
      return card(
        item,
        null,
        item.title,
        item.required,
        item.helpText,
        el('div', { class: 'scale', role: 'radiogroup', attrs: { 'aria-labelledby': `q-${item.id}-title` } }, el('span', { class: 'scale-label' }, item.leftLabel ?? ''), ...options, el('span', { class: 'scale-label' }, item.rightLabel ?? '')),
        problem,
      );
    }
    default:
      return card(item, null, item.title, item.required, item.helpText, el('p', { class: 'muted' }, 'Este tipo de pregunta no se puede responder en el emulador.'), problem);
  }
}

function choices(item: Item, name: string, given: string[]): Node {
  const type = item.type === 'CHECKBOX' ? 'checkbox' : 'radio';
  const offered = item.choices ?? [];
  const otherValue = given.find((v) => !offered.includes(v));
  const group = el('div', { class: 'choices', role: type === 'radio' ? 'radiogroup' : 'group', attrs: { 'aria-labelledby': `q-${item.id}-title` } });
  offered.forEach((choice, i) => {
    const id = `q-${item.id}-${i}`;
    const input = el('input', { id, attrs: { type, name, value: choice } });
    input.checked = given.includes(choice);
    group.appendChild(el('label', { class: 'choice', attrs: { for: id } }, input, el('span', {}, choice)));
  });
  if (item.hasOtherOption) {
    const id = `q-${item.id}-other`;
    const input = el('input', { id, attrs: { type, name, value: OTHER } });
    const text = el('input', { class: 'other-text', attrs: { type: 'text', 'aria-label': `${item.title}: otra respuesta`, 'data-other-for': name } });
    input.checked = otherValue !== undefined;
    text.value = otherValue ?? '';
    text.addEventListener('input', () => {
      if (text.value) input.checked = true;
    });
    group.appendChild(el('label', { class: 'choice', attrs: { for: id } }, input, el('span', {}, 'Otro:')));
    group.appendChild(text);
  }
  return group;
}

/** The answers as the server takes them: by item ID; checkboxes as lists; "Otro" as its text. */
function collect(formEl: HTMLFormElement, items: Item[]): Answers {
  const answers: Answers = {};
  for (const item of items) {
    const name = `entry.${item.entryId}`;
    const fields = Array.from(formEl.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(`[name="${name}"]`));
    const other = formEl.querySelector<HTMLInputElement>(`[data-other-for="${name}"]`)?.value ?? '';
    const picked: string[] = [];
    for (const f of fields) {
      if (f instanceof HTMLInputElement && (f.type === 'radio' || f.type === 'checkbox')) {
        if (f.checked) picked.push(f.value === OTHER ? other : f.value);
      } else if (f.value !== '') picked.push(f.value);
    }
    const present = picked.filter((v) => v.trim() !== '');
    if (present.length === 0) continue;
    answers[String(item.id)] = item.type === 'CHECKBOX' ? present : present[0];
  }
  return answers;
}
