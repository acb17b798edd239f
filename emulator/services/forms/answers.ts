import type { AnswerValue, ItemRecord, TextRule } from './model';

/**
 * How Google Forms judges one answer to one item, shared by the respondent's submission
 * (host side) and `Item.createResponse` (script side). Messages are those a Spanish-speaking
 * respondent reads next to the question in the form UI.
 */
export const ANSWER_MESSAGES = {
  required: 'Esta pregunta es obligatoria.',
  notAChoice: 'La respuesta no es una de las opciones.',
  oneOtherOnly: 'Solo se admite una respuesta en «Otro».',
  scale: 'Elige un valor de la escala.',
  date: 'Fecha no válida.',
  number: 'Debe ser un número.',
  wholeNumber: 'Debe ser un número entero.',
  email: 'Debe ser una dirección de correo electrónico válida.',
  url: 'Debe ser una URL válida.',
  pattern: 'La respuesta no tiene el formato esperado.',
  contains: (t: string) => `Debe contener «${t}».`,
  maxLength: (n: number) => `Debe tener como máximo ${n} caracteres.`,
  minLength: (n: number) => `Debe tener al menos ${n} caracteres.`,
};

export type Judged = { ok: true; value?: AnswerValue } | { ok: false; message: string };

/** `value` undefined = not answered. Does not apply `required` (see `judgeAnswer`). */
export function normaliseAnswer(item: ItemRecord, raw: unknown): Judged {
  const values = (Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw]).map((v) => String(v));
  const present = values.filter((v) => v.trim() !== '');
  if (present.length === 0) return { ok: true };

  switch (item.type) {
    case 'CHECKBOX': {
      const choices = item.choices ?? [];
      const chosen = choices.filter((c) => present.includes(c));
      const others = present.filter((v) => !choices.includes(v));
      if (others.length > 0 && !item.otherOption) return { ok: false, message: ANSWER_MESSAGES.notAChoice };
      if (others.length > 1) return { ok: false, message: ANSWER_MESSAGES.oneOtherOnly };
      // Forms lists the options in the order the form shows them, "Other" last.
      return { ok: true, value: [...chosen, ...others] };
    }
    case 'MULTIPLE_CHOICE':
    case 'LIST': {
      const v = present[0];
      const allowOther = item.type === 'MULTIPLE_CHOICE' && !!item.otherOption;
      if (present.length > 1 || (!(item.choices ?? []).includes(v) && !allowOther)) return { ok: false, message: ANSWER_MESSAGES.notAChoice };
      return { ok: true, value: v };
    }
    case 'SCALE': {
      const n = Number(present[0]);
      const lo = item.lowerBound ?? 1;
      const hi = item.upperBound ?? 5;
      if (present.length > 1 || !Number.isInteger(n) || n < lo || n > hi) return { ok: false, message: ANSWER_MESSAGES.scale };
      return { ok: true, value: String(n) };
    }
    case 'DATE': {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(present[0].trim());
      if (!m) return { ok: false, message: ANSWER_MESSAGES.date };
      const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
      if (d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) return { ok: false, message: ANSWER_MESSAGES.date };
      return { ok: true, value: present[0].trim() };
    }
    case 'TEXT':
    case 'PARAGRAPH_TEXT': {
      if (present.length > 1) return { ok: false, message: ANSWER_MESSAGES.notAChoice };
      const v = values.find((x) => x.trim() !== '')!;
      if (item.validation) {
        const fail = checkTextRule(item.validation.rule, v);
        if (fail) return { ok: false, message: item.validation.helpText || fail };
      }
      return { ok: true, value: v };
    }
    default:
      return { ok: false, message: ANSWER_MESSAGES.notAChoice };
  }
}

/** The respondent's view: an unanswered required question is refused too. */
export function judgeAnswer(item: ItemRecord, raw: unknown): Judged {
  const j = normaliseAnswer(item, raw);
  if (j.ok && j.value === undefined && item.required) return { ok: false, message: ANSWER_MESSAGES.required };
  return j;
}

function checkTextRule(rule: TextRule, v: string): string | undefined {
  switch (rule.kind) {
    case 'number':
      return v.trim() !== '' && Number.isFinite(Number(v)) ? undefined : ANSWER_MESSAGES.number;
    case 'wholeNumber':
      return /^\s*-?\d+\s*$/.test(v) ? undefined : ANSWER_MESSAGES.wholeNumber;
    case 'email':
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim()) ? undefined : ANSWER_MESSAGES.email;
    case 'url':
      return /^https?:\/\/\S+$/i.test(v.trim()) ? undefined : ANSWER_MESSAGES.url;
    case 'pattern':
      return new RegExp(`^(?:${rule.pattern})$`).test(v) ? undefined : ANSWER_MESSAGES.pattern;
    case 'notPattern':
      return new RegExp(`^(?:${rule.pattern})$`).test(v) ? ANSWER_MESSAGES.pattern : undefined;
    case 'contains':
      return v.includes(rule.text) ? undefined : ANSWER_MESSAGES.contains(rule.text);
    case 'maxLength':
      return v.length <= rule.n ? undefined : ANSWER_MESSAGES.maxLength(rule.n);
    case 'minLength':
      return v.length >= rule.n ? undefined : ANSWER_MESSAGES.minLength(rule.n);
  }
}
