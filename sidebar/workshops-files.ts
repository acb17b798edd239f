/**
 * A module's files in «Módulos» (B04, B05): «Ficha técnica: Generar / Abrir» — the module's ficha
 * as a PDF in its Drive folder, regenerated on request — and «Subir banner», the file the
 * Dirección sent (PNG, JPG or PDF up to 5 MB), which marks the banner received with its link.
 * The server checks the file again by its bytes; data goes into the page as text only (./dom.ts).
 */
import type { FilesResult, ModuleView } from '../src/api';
import { h, link, nextId } from './dom';
import { M } from './messages';
import { busy, call, showError } from './server';

/** The texts this part of the panel writes (the server's answers are shown as they come). */
const T = {
  factSheet: 'Ficha técnica',
  generate: 'Generar ficha técnica',
  regenerate: 'Generar de nuevo',
  open: 'Abrir ficha técnica',
  generatedAt: (when: string) => `Ficha técnica generada: ${when}`,
  notGenerated: 'Ficha técnica: aún no generada',
  generating: 'Generando la ficha técnica…',
  folder: 'Abrir la carpeta del módulo',
  uploadLabel: 'Subir el archivo del banner (PNG, JPG o PDF, hasta 5 MB)',
  upload: 'Subir banner',
  uploading: 'Subiendo el banner…',
  chooseFile: 'Elija primero el archivo del banner.',
  tooBig: 'El archivo pesa más de 5 MB. Reduzca su tamaño e inténtelo de nuevo.',
  badType: 'Elija una imagen PNG o JPG, o un PDF.',
  unreadable: 'No se pudo leer el archivo. Vuelva a elegirlo.',
} as const;

const MAX_BYTES = 5 * 1024 * 1024;
const ACCEPT = '.png,.jpg,.jpeg,.pdf,image/png,image/jpeg,application/pdf';
const TYPES = new Set(['image/png', 'image/jpeg', 'application/pdf']);

type Updated = (m: ModuleView, message: string) => void;
type Say = (text: string, tone: 'ok' | 'error') => void;

function answer(r: FilesResult | null | undefined, updated: Updated, say: Say): void {
  if (!r) throw new Error(M.unknownError);
  if (r.ok) return updated(r.module, r.message);
  say(r.message, 'error');
}

/** «Ficha técnica»: when it was made, «Abrir» and «Generar» (or «Generar de nuevo»). */
export function factSheetControls(m: ModuleView, updated: Updated, say: Say): HTMLElement {
  const made = m.factSheetUrl !== '';
  const generate = h('button', { class: 'secondary small fact-sheet-generate', text: made ? T.regenerate : T.generate, attrs: { type: 'button', 'aria-label': `${made ? T.regenerate : T.generate}: ${m.name}` } });
  generate.addEventListener('click', async () => {
    try {
      answer(await busy(T.generating, () => call('generateFactSheet', m.id)), updated, say);
    } catch (e) {
      showError(e, null);
    }
  });
  return h(
    'div',
    { class: 'module-files' },
    h('p', { class: 'help module-fact-sheet', text: made && m.factSheetAt ? T.generatedAt(m.factSheetAt) : T.notGenerated }),
    h(
      'div',
      { class: 'buttons' },
      generate,
      made ? link(m.factSheetUrl, T.open, ['https:'], 'link fact-sheet-open') : null,
      m.driveFolderUrl ? link(m.driveFolderUrl, T.folder, ['https:'], 'link module-folder') : null,
    ),
  );
}

/** The file's bytes as base64 (without the 'data:…;base64,' prefix). */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result ?? '');
      const comma = url.indexOf(',');
      resolve(comma >= 0 ? url.slice(comma + 1) : '');
    };
    reader.onerror = () => reject(new Error(T.unreadable));
    reader.readAsDataURL(file);
  });
}

/** «Subir banner»: a file input and its button (shown while the banner is requested or received). */
export function bannerUploadControls(m: ModuleView, updated: Updated, say: Say): HTMLElement | null {
  if (m.banner.state !== 'Solicitado' && m.banner.state !== 'Recibido') return null;
  const id = nextId('banner-file');
  const input = h('input', { id, class: 'banner-file', attrs: { type: 'file', accept: ACCEPT } });
  const upload = h('button', { class: 'secondary small banner-upload', text: T.upload, attrs: { type: 'button' } });
  upload.addEventListener('click', async () => {
    const file = input.files && input.files[0];
    if (!file) return say(T.chooseFile, 'error');
    if (file.size > MAX_BYTES) return say(T.tooBig, 'error');
    if (file.type && !TYPES.has(file.type)) return say(T.badType, 'error');
    try {
      const base64 = await readBase64(file);
      answer(await busy(T.uploading, () => call('uploadBanner', m.id, { name: file.name, mimeType: file.type, base64 })), updated, say);
    } catch (e) {
      showError(e, null);
    }
  });
  return h('div', { class: 'field banner-upload-field' }, h('label', { text: T.uploadLabel, attrs: { for: id } }), input, h('div', { class: 'buttons' }, upload));
}
