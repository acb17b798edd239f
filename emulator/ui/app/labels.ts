import type { ExecutionView } from '../snapshot';

/** Words of the developer panel and status bar. */
export const TRIGGER_LABELS: Record<ExecutionView['trigger'], string> = {
  menu: 'menú',
  sidebar: 'google.script.run',
  time: 'activador de tiempo',
  formSubmit: 'envío de formulario',
  simple: 'activador simple',
  open: 'al abrir',
  editor: 'editor',
  webapp: 'app web',
};

export const STATUS_LABELS: Record<ExecutionView['status'], string> = {
  running: 'en curso',
  completed: 'completada',
  failed: 'falló',
  killed: 'interrumpida',
  'timed-out': 'tiempo agotado',
};

/** 1234.5 ms → "1,23 s"; 80 ms → "80 ms" (Peruvian Spanish uses a decimal comma). */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(2).replace('.', ',')} s`;
}

export function callsSummary(calls: ExecutionView['calls']): string {
  const parts = Object.entries(calls)
    .filter(([, n]) => (n ?? 0) > 0)
    .map(([service, n]) => `${service} ${n}`);
  return parts.length ? parts.join(' · ') : 'ninguna';
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1).replace('.', ',')} KB`;
  return `${(n / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}

/** "A", "B" … "Z", "AA" … as Sheets names columns. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
