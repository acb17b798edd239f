/**
 * B10 in «Módulos» (issue 12, item 6): a folded section «Silnet y WhatsApp» of the module's detail
 * that, when opened, asks the server for the counts (attendees, registered in Silnet or not,
 * confirmed registrants, the WhatsApp group's link). «Exportar para Silnet» hands over the CSV and
 * the XLSX as downloads (Blobs behind <a download> links, as the personal-data export does) and
 * lists who is in the file; «Confirmar carga en Silnet» then marks exactly those people (the
 * export's ID and its list go back to the server). «Contactos para WhatsApp» hands over the
 * confirmed registrants as CSV and vCard. Data goes into the page as text only (./dom.ts).
 */
import type { ContactsResult, ModuleView, SilnetConfirmResult, SilnetExportResult, SilnetStatus } from '../src/api';
import { clear, h, link } from './dom';
import { busy, call, showError } from './server';

const T = {
  summary: 'Silnet y WhatsApp (B10)',
  loading: 'Consultando…',
  counts: (s: SilnetStatus) => `Asistentes: ${s.attendees} · Registrados en Silnet: ${s.registered} · Por registrar: ${s.pending} · Inscritos confirmados: ${s.confirmed}`,
  export: 'Exportar para Silnet',
  exporting: 'Preparando el archivo…',
  confirm: 'Confirmar carga en Silnet',
  confirming: 'Confirmando…',
  confirmHelp: 'Pulse «Confirmar carga en Silnet» solo después de subir este archivo al Triage de Silnet: se marcarán exactamente estas personas.',
  inFile: (n: number) => `En el archivo (${n}):`,
  downloadCsv: (name: string) => `Descargar CSV (${name})`,
  downloadXlsx: (name: string) => `Descargar Excel (${name})`,
  contacts: 'Contactos para WhatsApp',
  preparing: 'Preparando los contactos…',
  downloadVcf: (name: string) => `Descargar vCard (${name})`,
  group: 'Abrir el grupo de WhatsApp',
} as const;

/** Addresses of the files offered, released when the section offers others. */
const urls: string[] = [];

function release(): void {
  while (urls.length > 0) URL.revokeObjectURL(urls.pop()!);
}

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(base64);
  const out = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** A download link for a Blob; `_self` so the page's <base target="_top"> does not send it elsewhere. */
function fileLink(blob: Blob, name: string, label: string): HTMLAnchorElement {
  const url = URL.createObjectURL(blob);
  urls.push(url);
  const a = h('a', { class: 'link-button silnet-download', text: label });
  a.href = url;
  a.download = name;
  a.target = '_self';
  return a;
}

/** The B10 section of one module. */
export function silnetControls(m: ModuleView, say: (text: string, tone: 'ok' | 'error') => void): HTMLElement {
  const counts = h('p', { class: 'help silnet-counts' });
  const whatsapp = h('p', { class: 'help silnet-whatsapp' });
  const files = h('div', { class: 'silnet-files', attrs: { 'aria-live': 'polite' } });
  const exportButton = h('button', { class: 'small', text: T.export, attrs: { type: 'button' } });
  const contactsButton = h('button', { class: 'secondary small', text: T.contacts, attrs: { type: 'button' } });

  const show = (s: SilnetStatus) => {
    counts.textContent = T.counts(s);
    clear(whatsapp);
    const a = s.whatsappUrl ? link(s.whatsappUrl, T.group, ['https:']) : null;
    if (a) whatsapp.appendChild(a);
    else whatsapp.textContent = s.whatsappHint;
  };

  const offerExport = (r: Extract<SilnetExportResult, { ok: true }>) => {
    release();
    clear(files);
    const confirm = h('button', { class: 'small silnet-confirm', text: T.confirm, attrs: { type: 'button' } });
    confirm.addEventListener('click', () => {
      busy(T.confirming, () => call('confirmSilnetUpload', m.id, r.exportId, r.registrationIds)).then((c: SilnetConfirmResult) => {
        if (c.status) show(c.status);
        say(c.message, c.ok ? 'ok' : 'error');
        if (c.ok) confirm.disabled = true;
      }, (e) => showError(e, null));
    });
    files.appendChild(h('p', { class: 'help', text: r.message }));
    for (const w of r.warnings) files.appendChild(h('p', { class: 'notice notice-warn', text: w }));
    files.appendChild(
      h(
        'div',
        { class: 'buttons' },
        fileLink(new Blob([r.csv], { type: 'text/csv;charset=utf-8' }), r.csvName, T.downloadCsv(r.csvName)),
        fileLink(new Blob([bytesOf(r.xlsxBase64)], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), r.xlsxName, T.downloadXlsx(r.xlsxName)),
      ),
    );
    files.appendChild(h('p', { class: 'help', text: T.inFile(r.count) }));
    files.appendChild(h('ol', { class: 'silnet-names' }, ...r.names.map((n) => h('li', { text: n }))));
    files.appendChild(h('p', { class: 'help', text: T.confirmHelp }));
    files.appendChild(h('div', { class: 'buttons' }, confirm));
  };

  exportButton.addEventListener('click', () => {
    busy(T.exporting, () => call('exportSilnet', m.id)).then((r) => {
      if (r.status) show(r.status);
      if (r.ok) offerExport(r);
      say(r.message, r.ok ? 'ok' : 'error');
    }, (e) => showError(e, null));
  });

  contactsButton.addEventListener('click', () => {
    busy(T.preparing, () => call('exportWhatsappContacts', m.id)).then((r: ContactsResult) => {
      say(r.message, r.ok ? 'ok' : 'error');
      if (!r.ok) return;
      release();
      clear(files);
      files.appendChild(
        h(
          'div',
          { class: 'buttons' },
          fileLink(new Blob([r.csv], { type: 'text/csv;charset=utf-8' }), r.csvName, T.downloadCsv(r.csvName)),
          fileLink(new Blob([r.vcf], { type: 'text/vcard;charset=utf-8' }), r.vcfName, T.downloadVcf(r.vcfName)),
        ),
      );
    }, (e) => showError(e, null));
  });

  const section = h(
    'details',
    { class: 'module-silnet-section', attrs: { 'data-module': m.id } },
    h('summary', { text: T.summary }),
    counts,
    whatsapp,
    h('div', { class: 'buttons' }, exportButton, contactsButton),
    files,
  );
  let loaded = false;
  section.addEventListener('toggle', () => {
    if (!(section as HTMLDetailsElement).open || loaded) return;
    loaded = true;
    busy(T.loading, () => call('getSilnetStatus', m.id)).then(
      (r) => {
        if (r.ok) show(r.status);
        else say(r.message, 'error');
      },
      (e) => {
        loaded = false;
        showError(e, null);
      },
    );
  });
  return section;
}
