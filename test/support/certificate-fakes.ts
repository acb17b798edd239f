/**
 * In-memory Drive and Slides for the certificates' use cases (B12) at the app level: files by
 * folder and name, trash, and a "PDF" whose content is the filled placeholders — so a test can
 * count PDFs per person and read the name printed on each.
 */
import type { CertificateRender, CertificateSlides, DriveFiles, DriveItemRef } from '../../src/ports';

export interface FakeFile extends DriveItemRef {
  folderId: string;
  trashed: boolean;
  /** For a certificate: the replacements it was filled with. */
  replacements?: Readonly<Record<string, string>>;
  qr?: boolean;
}

export class FakeDrive implements DriveFiles {
  readonly files: FakeFile[] = [];
  readonly folders: (DriveItemRef & { parent: string; trashed: boolean })[] = [{ id: 'root-folder-000', url: 'https://drive.google.com/drive/folders/root-folder-000', name: 'Mi unidad', parent: '', trashed: false }];
  private seq = 0;
  /** Each call, for a crash sweep's counting. */
  calls = 0;
  newId(prefix: string): string {
    return `${prefix}${String(++this.seq).padStart(12, '0')}`;
  }
  folder(id: string): DriveItemRef | null {
    this.calls++;
    const f = this.folders.find((x) => x.id === id && !x.trashed);
    return f ? { id: f.id, url: f.url, name: f.name } : null;
  }
  spreadsheetFolder(): DriveItemRef {
    this.calls++;
    return this.folders[0]!;
  }
  childFolders(parentId: string, match: { name?: string; suffix?: string }): DriveItemRef[] {
    this.calls++;
    return this.folders.filter((f) => f.parent === parentId && !f.trashed && ((match.name && f.name === match.name) || (match.suffix && f.name.endsWith(match.suffix))));
  }
  createFolder(parentId: string, name: string): DriveItemRef {
    this.calls++;
    const id = this.newId('folder');
    const f = { id, url: `https://drive.google.com/drive/folders/${id}`, name, parent: parentId, trashed: false };
    this.folders.push(f);
    return { id, url: f.url, name };
  }
  shareWithTeam(): number {
    return 0;
  }
  filesNamed(folderId: string, name: string): DriveItemRef[] {
    this.calls++;
    return this.files.filter((f) => f.folderId === folderId && f.name === name && !f.trashed).map(({ id, url, name: n }) => ({ id, url, name: n }));
  }
  add(folderId: string, name: string, extra: Partial<FakeFile> = {}): FakeFile {
    const id = this.newId('file');
    const f: FakeFile = { id, url: `https://drive.google.com/file/d/${id}/view`, name, folderId, trashed: false, ...extra };
    this.files.push(f);
    return f;
  }
  savePdfFromHtml(folderId: string, name: string): DriveItemRef {
    this.calls++;
    return this.add(folderId, name);
  }
  saveFile(folderId: string, name: string): DriveItemRef {
    this.calls++;
    return this.add(folderId, name);
  }
  retire(fileId: string): 'trashed' | 'removed' | 'gone' {
    this.calls++;
    const f = this.files.find((x) => x.id === fileId && !x.trashed);
    if (!f) return 'gone';
    f.trashed = true;
    return 'trashed';
  }
  decodeBase64(base64: string): number[] {
    return [...Buffer.from(base64, 'base64')];
  }
  /** Live (not trashed) PDFs whose name starts with `prefix`. */
  live(prefix = ''): FakeFile[] {
    return this.files.filter((f) => !f.trashed && f.name.startsWith(prefix));
  }
}

export const FULL_TEMPLATE_TEXT = 'Certificado\n{{nombre}}\n{{documento}}\nparticipó en {{modulo}} ({{horas}} horas, {{fechas}})\nCódigo {{codigo}}\n{{verificacion}}\n{{qr}}';

export class FakeSlides implements CertificateSlides {
  /** Template ID → its text (null: cannot be opened). */
  readonly templates = new Map<string, string>();
  renders = 0;
  constructor(private readonly drive: FakeDrive) {}
  createTemplate(folderId: string, name: string): DriveItemRef {
    const f = this.drive.add(folderId, name);
    this.templates.set(f.id, FULL_TEMPLATE_TEXT);
    return { id: f.id, url: `https://docs.google.com/presentation/d/${f.id}/edit`, name };
  }
  templateText(templateId: string): string | null {
    return this.templates.get(templateId) ?? null;
  }
  renderPdf(req: CertificateRender): DriveItemRef {
    if (!this.templates.has(req.templateId)) throw new Error('No se puede abrir la plantilla.');
    this.renders++;
    const f = this.drive.add(req.folderId, req.name, { replacements: { ...req.replacements }, qr: Boolean(req.qrImage) });
    return { id: f.id, url: f.url, name: f.name };
  }
}
