/**
 * B05's ficha técnica and B04's banner file in the emulator, with the built bundle (issue 11):
 * from the panel of "Programación Talleres Masivos" a consultant generates a module's ficha
 * técnica — a real PDF in the module's own Drive folder, inside "Talleres – Aprende a Emprender",
 * shared with the team only — regenerates it (one ficha kept), and uploads the banner the
 * Dirección sent (checked by its bytes), which marks the banner received with the file's link.
 */
import type { FilesResult, ModuleInput, SaveModuleResult } from '../../src/api';
import { ACCESS_MESSAGES } from '../../src/domain/messages/access';
import { FILES_AUDIT as A, FILES_MESSAGES as M, SERVICE_FOLDER_NAME } from '../../src/domain/messages/workshops-files';
import { BANNER_MESSAGES as B } from '../../src/domain/messages/workshops-direction';
import { driveStore } from '../../emulator/services/drive';
import { sheetsStore } from '../../emulator/services/sheets';
import { pdfText } from '../../emulator/services/pdf/pdf-text';
import { addTeamMember, createAttentionWorld, setSetting, type AttentionWorld } from '../support/attention-world';
import { readFormulas } from '../support/formulas';

const STRANGER = 'extrano@gmail.com';
const COLLEAGUE = 'luis.huaman@trabajo.gob.pe';
const DIRECTION = 'direccion.banners@trabajo.gob.pe';
const NAME = 'Aprende <b>a</b> Emprender – IV 2026';
/** As a Drive file name: no slashes. */
const FILE_NAME = 'Aprende <b>a<-b> Emprender – IV 2026';

const MODULE: ModuleInput = {
  requestId: 'form-0001-ficha-tecnica',
  name: NAME,
  year: 2026,
  quarter: 'IV',
  audience: 'Personas con una idea de negocio',
  capacity: 60,
  minSessions: 2,
  objective: 'Que cada participante <img src=x onerror=alert(1)> arme su plan de negocio',
  sessions: [
    { topic: 'Costos y precios', date: '2026-12-01', startTime: '18:00', endTime: '20:00', speaker: 'José Ángel Ñahui', speakerEmail: 'jose.nahui@gmail.com' },
    { topic: 'Marketing digital', date: '2026-12-03', startTime: '18:30', endTime: '20:00', speaker: "María O'Brien Castañeda", speakerEmail: 'maria.obrien@gmail.com' },
  ],
};

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);

describe('B05 ficha técnica and B04 banner file, in the module\'s Drive folder', () => {
  let w: AttentionWorld;
  let id = '';

  const call = (fn: string, args: unknown[], user?: string): FilesResult => {
    const r = w.ws.callFromSidebar(w.talleres, fn, args, user);
    if (!r.ok) throw new Error(r.error);
    return r.value as FilesResult;
  };
  const ok = (r: FilesResult) => {
    if (!r.ok) throw new Error(r.message);
    return r;
  };
  const audit = () => w.ws.readTab(w.talleres, 'Registro de auditoría');
  const moduleRow = () => w.ws.readTab(w.talleres, 'Módulos').find((m) => m['ID de módulo'] === id)!;
  const store = () => driveStore(w.ws.state);
  const folders = (name?: string) => [...store().items.values()].filter((i) => i.kind === 'folder' && !i.trashed && (name === undefined || i.name === name));
  const liveFichas = () => w.ws.driveFiles().filter((f) => !f.trashed && f.name.startsWith('Ficha técnica'));

  beforeAll(() => {
    w = createAttentionWorld({ at: '2026-11-20T09:00' });
    addTeamMember(w.ws, w.talleres, COLLEAGUE, 'Luis Huamán', ['consultor']);
    const r = w.ws.callFromSidebar(w.talleres, 'saveModule', [MODULE]);
    if (!r.ok || !(r.value as SaveModuleResult).ok) throw new Error(JSON.stringify(r));
    id = (r.value as Extract<SaveModuleResult, { ok: true }>).module.id;
    // Registrations so far: two confirmed, one waiting, one withdrawn, one of another module.
    const headers = w.ws.values(w.talleres, 'Inscripciones')[0].map(String);
    const col = (h: string) => headers.indexOf(h);
    const rows = [
      [id, 'Inscrito', 'Rosa Quispe', '12345678'],
      [id, 'Inscrito', 'Raúl Peña', '23456789'],
      [id, 'En lista de espera', 'Lucía Ñique', '34567890'],
      [id, 'Retirado', 'Óscar Ríos', '45678901'],
      ['otro-modulo', 'Inscrito', 'Ana Soto', '56789012'],
    ];
    rows.forEach((r, i) => {
      const line = new Array(headers.length).fill('');
      line[col('ID de inscripción')] = `ins-${i}`;
      line[col('ID de módulo')] = r[0];
      line[col('Estado')] = r[1];
      line[col('Nombres y apellidos')] = r[2];
      line[col('DNI')] = r[3];
      sheetsStore(w.ws.state).enterValues(w.talleres, 'Inscripciones', i + 2, 1, [line]);
    });
  });

  test('a stranger can neither generate a ficha nor upload a banner; nothing is made in Drive', () => {
    // Setup made the certificate template (B12); the stranger's calls must add nothing to it.
    const before = w.ws.driveFiles().map((f) => f.id);
    for (const [fn, args] of [
      ['generateFactSheet', [id]],
      ['uploadBanner', [id, { name: 'b.png', mimeType: 'image/png', base64: PNG.toString('base64') }]],
    ] as const) {
      const r = w.ws.callFromSidebar(w.talleres, fn, [...args], STRANGER);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toContain(ACCESS_MESSAGES.refused);
    }
    expect(folders(SERVICE_FOLDER_NAME)).toHaveLength(0);
    expect(w.ws.driveFiles().map((f) => f.id)).toEqual(before);
  });

  test('«Generar» makes the module\'s folder inside the service folder, shared with the team only, and a real PDF of the ficha', () => {
    const r = ok(call('generateFactSheet', [id]));
    expect(r.message).toBe(M.factSheetMade(NAME));
    const service = folders(SERVICE_FOLDER_NAME);
    expect(service).toHaveLength(1);
    const moduleFolders = folders().filter((f) => f.name.endsWith(`[${id}]`));
    expect(moduleFolders).toHaveLength(1);
    const folder = moduleFolders[0];
    expect(folder.parents).toEqual([service[0].id]);
    // Shared with the team's accounts by name; never by link, never public.
    for (const f of [service[0], folder]) {
      expect(f.sharing.restricted).toBe(true);
      expect(f.sharing.access).toBe('PRIVATE');
      expect(f.sharing.editors).toContain(COLLEAGUE);
      expect(f.sharing.editors).not.toContain(STRANGER);
    }

    const files = liveFichas();
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ name: `Ficha técnica – ${FILE_NAME}.pdf`, mimeType: 'application/pdf', parents: [folder.id] });
    const bytes = w.ws.driveFile(files[0].id).bytes;
    expect(Buffer.from(bytes.slice(0, 5)).toString('latin1')).toBe('%PDF-');
    const lines = pdfText(bytes);
    expect(lines).toContain('Ficha técnica');
    // The hostile name as text, tags and all (the emulator's PDF text drops the en dash: compare up to it).
    expect(lines.some((l) => l.startsWith('Aprende <b>a</b> Emprender'))).toBe(true);
    expect(lines.join('\n')).toContain('<img src=x onerror=alert(1)>');
    expect(lines).toContain('Trimestre IV de 2026');
    expect(lines).toContain('Se entrega a quienes asistan al menos 2 de 2 sesiones.');
    // A table row wraps over several lines of the page: read them as one text.
    expect(lines.join(' ')).toMatch(/1 +Costos y precios +martes 1 de diciembre de 2026, 18:00 a 20:00 +José Ángel Ñahui +Pendiente/);
    expect(lines).toContain('Inscritos confirmados: 2');
    expect(lines).toContain('En lista de espera: 1');
    // No registrant's personal data in the ficha.
    for (const who of ['Rosa Quispe', 'Raúl Peña', 'Lucía Ñique', '12345678']) expect(lines.join('\n')).not.toContain(who);

    // Recorded on the module: folder, ficha link and when; the panel gets the link.
    const row = moduleRow();
    expect(row['Carpeta del módulo']).toBe(`https://drive.google.com/drive/folders/${folder.id}`);
    expect(row['Ficha técnica']).toBe(r.url);
    expect(r.url).toBe(`https://drive.google.com/file/d/${files[0].id}/view?usp=drivesdk`);
    expect(row['Ficha generada']).toBeInstanceOf(Date);
    expect(r.module.factSheetUrl).toBe(r.url);
    expect(r.module.objective).toBe(MODULE.objective);
    expect(audit().filter((l) => l.Acción === A.factSheet && l.Para === id)).toHaveLength(1);
    expect(audit().filter((l) => l.Acción === A.folderCreated)).toHaveLength(2);
  });

  test('regenerating replaces the ficha: one live PDF, the old one in the trash; a colleague\'s regeneration keeps one too', () => {
    const first = liveFichas()[0];
    w.ws.advanceBy(60_000);
    const again = ok(call('generateFactSheet', [id]));
    expect(again.message).toBe(M.factSheetRemade(NAME));
    expect(liveFichas()).toHaveLength(1);
    expect(liveFichas()[0].id).not.toBe(first.id);
    expect(w.ws.driveFiles().find((f) => f.id === first.id)!.trashed).toBe(true);
    expect(moduleRow()['Ficha técnica']).toBe(again.url);
    // Same folder, not a second one.
    expect(folders().filter((f) => f.name.endsWith(`[${id}]`))).toHaveLength(1);

    // Luis (a consultant) does not own Ana's PDF: Drive lets only the owner trash, so it leaves the folder.
    const byColleague = ok(call('generateFactSheet', [id], COLLEAGUE));
    expect(byColleague.message).toBe(M.factSheetOldKept(NAME));
    const folderId = folders().find((f) => f.name.endsWith(`[${id}]`))!.id;
    const inFolder = liveFichas().filter((f) => f.parents.includes(folderId));
    expect(inFolder).toHaveLength(1);
    expect(inFolder[0].owner).toBe(COLLEAGUE);
    expect(moduleRow()['Ficha técnica']).toBe(byColleague.url);
  });

  test('a banner upload is refused before the request, with a bad type, too big or not base64 — nothing saved', () => {
    const before = w.ws.driveFiles().length;
    const up = (file: unknown) => call('uploadBanner', [id, file]);
    expect(up({ name: 'b.png', mimeType: 'image/png', base64: PNG.toString('base64') })).toEqual({ ok: false, message: B.notRequested });
    // The name and type say PNG; the bytes are an SVG with a script.
    expect(up({ name: 'b.png', mimeType: 'image/png', base64: Buffer.from('<svg onload="alert(1)"/>').toString('base64') })).toEqual({ ok: false, message: M.bannerBadType });
    expect(up({ name: 'b.png', mimeType: 'image/png', base64: 'esto no es base64' })).toEqual({ ok: false, message: M.bannerBadBase64 });
    const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]).toString('base64');
    expect(up({ name: 'b.png', mimeType: 'image/png', base64: big })).toEqual({ ok: false, message: M.bannerTooBig(5) });
    expect(up({})).toEqual({ ok: false, message: M.bannerMissing });
    expect(up(null)).toEqual({ ok: false, message: M.bannerMissing });
    expect(w.ws.driveFiles().length).toBe(before);
  });

  test('after the request, the uploaded banner lands in the module\'s folder and the banner is «Recibido» with its link', () => {
    setSetting(w.ws, w.talleres, 'Correo de la Dirección (banners)', DIRECTION);
    const req = w.ws.callFromSidebar(w.talleres, 'requestBanner', [id]);
    expect(req.ok && (req.value as { ok: boolean }).ok).toBe(true);
    const r = ok(call('uploadBanner', [id, { name: 'banner final.png', mimeType: 'application/octet-stream', base64: PNG.toString('base64') }]));
    expect(r.message).toBe(M.bannerUploaded(NAME));
    const file = w.ws.driveFiles().find((f) => f.name.startsWith('Banner –') && !f.trashed)!;
    expect(file).toMatchObject({ name: `Banner – ${FILE_NAME}.png`, mimeType: 'image/png' });
    expect(Buffer.from(w.ws.driveFile(file.id).bytes).equals(PNG)).toBe(true);
    const folderId = folders().find((f) => f.name.endsWith(`[${id}]`))!.id;
    expect(file.parents).toEqual([folderId]);
    expect(moduleRow()['Banner']).toBe('Recibido');
    expect(moduleRow()['Enlace del banner']).toBe(r.url);
    expect(r.module.banner.state).toBe('Recibido');
    expect(audit().filter((l) => l.Acción === A.bannerUploaded)).toHaveLength(1);

    // A second upload (a corrected banner) replaces the first: one banner in the folder.
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100, 1)]);
    const r2 = ok(call('uploadBanner', [id, { name: 'banner.jpg', mimeType: 'image/jpeg', base64: jpeg.toString('base64') }]));
    const live = w.ws.driveFiles().filter((f) => f.name.startsWith('Banner –') && !f.trashed);
    expect(live.map((f) => f.name)).toEqual([`Banner – ${FILE_NAME}.jpg`]);
    expect(moduleRow()['Enlace del banner']).toBe(r2.url);

    // A link typed by hand keeps working as before.
    const typed = 'https://drive.google.com/file/d/1TypedByHand123/view';
    const set = w.ws.callFromSidebar(w.talleres, 'setBannerState', [id, { state: 'Recibido', link: typed }]);
    expect(set.ok && (set.value as { ok: boolean }).ok).toBe(true);
    expect(moduleRow()['Enlace del banner']).toBe(typed);
  });

  test('no cell the product wrote holds a formula', () => {
    expect(readFormulas(w.ws, w.talleres, 'Módulos').flat().filter((f) => f !== '')).toEqual([]);
  });
});
