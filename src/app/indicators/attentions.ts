/**
 * The attentions' indicators provider (issue 15): reads 'Citas' once and the survey's responses
 * tab once (the copy Forms keeps in "Atenciones Virtuales", found by its questions among the
 * «Respuestas de formulario N» tabs), turns the cells into plain rows and lets the pure domain
 * code (src/domain/indicators/attentions.ts) compute the figures. Shown in the Atenciones
 * spreadsheet's «Indicadores» tab and in the monthly report.
 */
import { attentionFigures, attentionSection, type AttentionRow, type SurveyResponseRow } from '../../domain/indicators/attentions';
import { APPOINTMENTS_TAB, type ColumnSpec, type TabKey, type TabSpec } from '../../domain/schema';
import { SURVEY_CODE_QUESTION, SURVEY_SCALE_QUESTIONS } from '../../domain/survey-form';
import type { IndicatorSection } from '../../domain/indicators/sections';
import type { Workbook } from '../../ports';
import { appointmentStart, cellString } from '../appointments/rows';
import type { IndicatorInputs, IndicatorProvider } from './dashboard';

/** The tabs Forms creates for a form's responses (Spanish or English spreadsheet). */
const RESPONSE_TAB_NAME = /^(respuestas de formulario|form responses)( \d+)?$/i;

export const SURVEY_QUESTIONS: readonly string[] = SURVEY_SCALE_QUESTIONS.map((q) => q.title);

type ResponseKey = 'at' | 'code' | `q${number}`;

const column = (key: ResponseKey, header: string, aliases?: string[]): ColumnSpec<ResponseKey> => ({ key, header, type: 'text', system: false, ...(aliases ? { aliases } : {}) });

/**
 * A read-only spec of a form's responses tab: not one of the schema's tabs (setup never makes
 * it; Forms does), so it has its own table key per tab name in the workbook's table cache.
 */
function responsesSpec(tabName: string): TabSpec<ResponseKey> {
  return {
    key: `formResponses:${tabName}` as unknown as TabKey,
    name: tabName,
    roles: ['atenciones'],
    idKey: null,
    appendOnly: false,
    columns: [column('at', 'Marca temporal', ['Timestamp']), column('code', SURVEY_CODE_QUESTION), ...SURVEY_QUESTIONS.map((q, i) => column(`q${i}`, q))],
  };
}

const num = (v: unknown): number | null => {
  if (typeof v === 'number') return isFinite(v) ? v : null;
  const s = cellString(v).replace(',', '.');
  if (s === '') return null;
  const n = Number(s);
  return isFinite(n) ? n : null;
};
const date = (v: unknown): Date | null => (v instanceof Date && !isNaN(v.getTime()) ? v : null);

/** 'Citas' as plain rows (one read). */
export function readAttentionRows(book: Workbook): AttentionRow[] {
  const t = book.table(APPOINTMENTS_TAB);
  if (!t.exists()) return [];
  return t.read().rows.map((r) => ({
    id: r.id,
    start: appointmentStart(r.record),
    status: cellString(r.record.status),
    consultant: cellString(r.record.consultant),
    topic: cellString(r.record.topic),
    durationMinutes: num(r.record.durationMinutes),
    surveyScore: num(r.record.surveyScore),
    surveyAnsweredAt: date(r.record.surveyAnsweredAt),
  }));
}

/** The survey's responses, from every responses tab that carries its code question (one read each; usually one tab). */
export function readSurveyResponses(book: Workbook): SurveyResponseRow[] {
  const out: SurveyResponseRow[] = [];
  for (const name of book.tabNames().filter((n) => RESPONSE_TAB_NAME.test(n.trim()))) {
    const snap = book.table(responsesSpec(name)).read();
    if (snap.missingColumns.includes(SURVEY_CODE_QUESTION)) continue; // another form's tab
    for (const r of snap.rows) {
      out.push({ submittedAt: date(r.record.at), code: cellString(r.record.code), scores: SURVEY_QUESTIONS.map((_, i) => num(r.record[`q${i}`])) });
    }
  }
  return out;
}

export function buildAttentionSections(input: IndicatorInputs): IndicatorSection[] {
  const book = input.atenciones;
  if (!book) {
    return [
      {
        key: 'atenciones',
        title: 'Atenciones virtuales (A01–A07)',
        headline: [['Sin datos', 'No se pudo abrir «Atenciones Virtuales – Centro de Empleo»: revise que esta hoja tenga registrada a su hoja hermana y acceso a ella.']],
        tables: [],
      },
    ];
  }
  const figures = attentionFigures(readAttentionRows(book), readSurveyResponses(book), SURVEY_QUESTIONS, input.period, input.now, input.settings.standardMinutes);
  return [attentionSection(figures)];
}

export const ATTENTIONS_PROVIDER: IndicatorProvider = { key: 'atenciones', roles: ['atenciones'], build: buildAttentionSections };
