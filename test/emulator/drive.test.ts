import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workspace } from '../../emulator';
import { makeTestEnv, nextExecution } from '../../emulator/testing';
import { DriveApp, DRIVE_MESSAGES, File, Folder, driveStore } from '../../emulator/services/drive';
import { Blob } from '../../emulator/services/blob';
import { Utilities } from '../../emulator/services/utilities';
import { latencyOf } from '../../emulator/core/latency';

// References: developers.google.com/apps-script/reference/drive/drive-app, …/drive/folder,
// …/drive/file, …/drive/file-iterator, …/drive/access, …/drive/permission, …/base/blob.
// The unknown-ID message as Apps Script prints it: github.com/chriskyfung/AutoFetcher-IG-Stories-to-GDrive/issues/112.

const OWNER = 'coordinadora@trabajo.gob.pe';
const OTHER = 'consultor@trabajo.gob.pe';

function setup() {
  const env = makeTestEnv({ user: OWNER });
  return { env, drive: new DriveApp(env), as: (user: string) => new DriveApp(nextExecution(env, 'editor', user)) };
}

function all<T>(it: { hasNext(): boolean; next(): T }): T[] {
  const out: T[] = [];
  while (it.hasNext()) out.push(it.next());
  return out;
}

describe('DriveApp — reference/drive/drive-app, folder, file', () => {
  test('createFolder / Folder.createFile(name, content, mimeType) / getFilesByName: iterators with hasNext/next', () => {
    const { drive } = setup();
    const root = drive.getRootFolder();
    const folder = drive.createFolder('Certificados');
    expect(all(root.getFoldersByName('Certificados')).map((f) => f.getId())).toEqual([folder.getId()]);
    const f = folder.createFile('lista.csv', 'a,b\n1,2', 'text/csv');
    folder.createFile('notas.txt', 'hola');
    expect(all(folder.getFiles()).map((x) => x.getName())).toEqual(['lista.csv', 'notas.txt']);
    expect(all(folder.getFilesByName('notas.txt'))[0].getMimeType()).toBe('text/plain'); // "Creates a text file"
    expect(f.getMimeType()).toBe('text/csv');
    expect(f.getSize()).toBe(7);
    expect(f.getBlob().getDataAsString()).toBe('a,b\n1,2');
    expect(f.getBlob().getName()).toBe('lista.csv');
    expect(all(f.getParents()).map((p) => p.getId())).toEqual([folder.getId()]);
    expect(all(folder.getParents()).map((p) => p.getId())).toEqual([root.getId()]);
    const sub = folder.createFolder('2026');
    expect(all(folder.getFolders()).map((x) => x.getName())).toEqual(['2026']);
    expect(all(sub.getParents())[0].getName()).toBe('Certificados');
    const it = folder.getFilesByName('nada');
    expect(it.hasNext()).toBe(false);
    expect(() => it.next()).toThrow(DRIVE_MESSAGES.iteratorEnd);
  });

  test('createFile(blob) keeps the blob name and content type; getId, getUrl, getDownloadUrl, setName', () => {
    const { env, drive } = setup();
    const blob = new Utilities(env).newBlob('<p>hola</p>', 'text/html', 'pagina.html');
    const f = drive.createFile(blob);
    expect(f.getName()).toBe('pagina.html');
    expect(f.getMimeType()).toBe('text/html');
    expect(f.getId()).toMatch(/^1[A-Za-z0-9_-]{43}$/);
    expect(f.getUrl()).toBe(`https://drive.google.com/file/d/${f.getId()}/view?usp=drivesdk`);
    expect(f.getDownloadUrl()).toBe(`https://drive.google.com/uc?id=${f.getId()}&export=download`);
    expect(drive.getFolderById(drive.getRootFolder().getId()).getUrl()).toMatch(/^https:\/\/drive\.google\.com\/drive\/folders\//);
    f.setName('otra.html');
    expect(drive.getFileById(f.getId()).getName()).toBe('otra.html');
    expect(all(drive.getRootFolder().getFiles()).map((x) => x.getName())).toEqual(['otra.html']);
  });

  test('IDs are deterministic from the seed', () => {
    const ids = () => {
      const { drive } = setup();
      return [drive.createFolder('A').getId(), drive.createFile('x', 'y').getId()];
    };
    expect(ids()).toEqual(ids());
  });

  test('getFileById / getFolderById of an unknown ID throws Apps Script\'s message; a folder ID is not a file', () => {
    const { drive } = setup();
    expect(() => drive.getFileById('1nope')).toThrow(DRIVE_MESSAGES.noItem);
    expect(DRIVE_MESSAGES.noItem).toBe('No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.');
    const folder = drive.createFolder('C');
    expect(() => drive.getFileById(folder.getId())).toThrow(DRIVE_MESSAGES.noItem);
    expect(() => drive.getFolderById('')).toThrow(DRIVE_MESSAGES.noItem);
  });

  test('addFile gives the file a second parent; removeFile and moveTo change parents', () => {
    const { drive } = setup();
    const a = drive.createFolder('A');
    const b = drive.createFolder('B');
    const f = a.createFile('x.txt', 'x');
    b.addFile(f);
    expect(all(f.getParents()).map((p) => p.getName()).sort()).toEqual(['A', 'B']);
    a.removeFile(f);
    expect(all(f.getParents()).map((p) => p.getName())).toEqual(['B']);
    f.moveTo(a);
    expect(all(f.getParents()).map((p) => p.getName())).toEqual(['A']);
  });

  test('setTrashed / isTrashed: trashed files leave listings but getFileById still finds them; only the owner trashes', () => {
    const { drive, as } = setup();
    const folder = drive.createFolder('T');
    const f = folder.createFile('x.txt', 'x');
    expect(() => as(OTHER).getFileById(f.getId()).setTrashed(true)).toThrow(DRIVE_MESSAGES.accessDenied); // "Only the owner … can trash it"
    f.setTrashed(true);
    expect(f.isTrashed()).toBe(true);
    expect(all(folder.getFiles())).toEqual([]);
    expect(drive.getFileById(f.getId()).isTrashed()).toBe(true);
    f.setTrashed(false);
    expect(all(folder.getFiles())).toHaveLength(1);
  });

  test('owner is the execution\'s effective user; new files are PRIVATE/NONE', () => {
    const { drive, as } = setup();
    const f = as(OTHER).createFile('mio.txt', 'x');
    expect(f.getOwner().getEmail()).toBe(OTHER);
    expect(f.getOwner().getDomain()).toBe('trabajo.gob.pe');
    expect(f.getSharingAccess()).toBe('PRIVATE');
    expect(f.getSharingPermission()).toBe('NONE');
    expect(drive.Access).toMatchObject({ ANYONE: 'ANYONE', ANYONE_WITH_LINK: 'ANYONE_WITH_LINK', DOMAIN: 'DOMAIN', DOMAIN_WITH_LINK: 'DOMAIN_WITH_LINK', PRIVATE: 'PRIVATE' });
    expect(drive.Permission).toMatchObject({ VIEW: 'VIEW', EDIT: 'EDIT', COMMENT: 'COMMENT', OWNER: 'OWNER', NONE: 'NONE' });
  });
});

describe('Drive sharing — the spreadsheets\' rule (a file nobody shared is open to every workspace user)', () => {
  test('never shared: another user can find and rename it', () => {
    const { drive, as } = setup();
    const f = drive.createFile('abierto.txt', 'x');
    as(OTHER).getFileById(f.getId()).setName('renombrado.txt');
    expect(f.getName()).toBe('renombrado.txt');
  });

  test('addViewer makes sharing explicit: a stranger gets the no-item error, a viewer reads but cannot write', () => {
    const { drive, as } = setup();
    const f = drive.createFile('privado.txt', 'secreto');
    f.addViewer('auditora@trabajo.gob.pe');
    expect(() => as(OTHER).getFileById(f.getId())).toThrow(DRIVE_MESSAGES.noItem);
    const viewerFile = as('auditora@trabajo.gob.pe').getFileById(f.getId());
    expect(viewerFile.getBlob().getDataAsString()).toBe('secreto');
    expect(() => viewerFile.setName('x')).toThrow(DRIVE_MESSAGES.accessDenied);
    f.addEditor(OTHER);
    as(OTHER).getFileById(f.getId()).setName('editado.txt');
    expect(f.getName()).toBe('editado.txt');
    expect(f.getEditors().map((u) => u.getEmail())).toEqual([OTHER]);
    expect(f.getViewers().map((u) => u.getEmail())).toEqual(['auditora@trabajo.gob.pe']);
  });

  test('setSharing(PRIVATE, NONE) closes it; ANYONE_WITH_LINK/VIEW opens it read-only to anyone; DOMAIN/EDIT to the owner\'s domain', () => {
    const { drive, as } = setup();
    const f = drive.createFile('cert.pdf', 'x');
    f.setSharing('PRIVATE', 'NONE');
    expect(() => as(OTHER).getFileById(f.getId())).toThrow(DRIVE_MESSAGES.noItem);
    f.setSharing(drive.Access.ANYONE_WITH_LINK, drive.Permission.VIEW);
    expect(f.getSharingAccess()).toBe('ANYONE_WITH_LINK');
    expect(f.getSharingPermission()).toBe('VIEW');
    const outsider = as('participante@gmail.com').getFileById(f.getId());
    expect(outsider.getName()).toBe('cert.pdf');
    expect(() => outsider.setName('x')).toThrow(DRIVE_MESSAGES.accessDenied);
    f.setSharing('DOMAIN', 'EDIT');
    expect(() => as('participante@gmail.com').getFileById(f.getId())).toThrow(DRIVE_MESSAGES.noItem);
    as(OTHER).getFileById(f.getId()).setName('cert2.pdf');
    expect(() => f.setSharing('EVERYONE', 'VIEW')).toThrow(DRIVE_MESSAGES.badAccess);
    expect(() => f.setSharing('ANYONE', 'OWNER')).toThrow(DRIVE_MESSAGES.badPermission);
  });

  test('a restricted folder hides its files from listings of users who cannot see them', () => {
    const { drive, as } = setup();
    const folder = drive.createFolder('Equipo');
    folder.addEditor(OTHER);
    const f = folder.createFile('solo-mia.txt', 'x');
    f.setSharing('PRIVATE', 'NONE');
    folder.createFile('de-todos.txt', 'x');
    const theirs = as(OTHER).getFolderById(folder.getId());
    expect(all(theirs.getFiles()).map((x) => x.getName())).toEqual(['de-todos.txt']);
    expect(() => as('extrana@otro.org').getFolderById(folder.getId())).toThrow(DRIVE_MESSAGES.noItem);
  });
});

describe('Drive state and the scripting API', () => {
  function bundle(code: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soe-drive-'));
    fs.writeFileSync(path.join(dir, 'Code.js'), code);
    fs.writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify({ timeZone: 'America/Lima', runtimeVersion: 'V8' }));
    return dir;
  }
  const CODE = `
    function make() {
      var folder = DriveApp.createFolder('Certificados');
      var file = folder.createFile('nota.txt', 'hola', 'text/plain');
      return file.getId();
    }
    function count() {
      var n = 0, it = DriveApp.getRootFolder().getFoldersByName('Certificados').next().getFiles();
      while (it.hasNext()) { it.next(); n++; }
      return n;
    }
    function missing() { return DriveApp.getFileById('1nope').getName(); }
    function onOpen() { DriveApp.getRootFolder(); }
  `;

  test('a script creates files through the sandbox; ws.driveFiles()/driveFile() read them; save/open and snapshot keep them', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soe-drive-state-'));
    const ws = Workspace.create({ at: '2026-11-27T09:00', user: OWNER, seed: 5 });
    const ss = ws.createSpreadsheet('Libro');
    ws.install(ss, { distDir: bundle(CODE) });
    const r = ws.run(ss, 'make');
    expect(r.error).toBeUndefined();
    const id = r.value as string;
    expect(ws.driveFiles()).toEqual([
      expect.objectContaining({ id, name: 'nota.txt', mimeType: 'text/plain', owner: OWNER, trashed: false, size: 4, parents: [expect.any(String)] }),
    ]);
    const file = ws.driveFile(id);
    expect(file).toMatchObject({ name: 'nota.txt', mimeType: 'text/plain' });
    expect(Buffer.from(file.bytes).toString('utf8')).toBe('hola');
    expect(() => ws.driveFile('1nope')).toThrow();

    const copy = Workspace.fromSnapshot(ws.snapshot());
    expect(copy.driveFiles().map((f) => f.id)).toEqual([id]);
    expect(copy.run(ss, 'count').value).toBe(1);

    ws.save(dir);
    const reopened = Workspace.open(dir);
    expect(Buffer.from(reopened.driveFile(id).bytes).toString('utf8')).toBe('hola');
    expect(reopened.run(ss, 'count').value).toBe(1);

    const miss = ws.run(ss, 'missing');
    expect(miss.error).toContain('No item with the given ID could be found');
  });

  test('Drive calls are accounted with their modeled latency; a simple trigger may not use DriveApp', () => {
    const ws = Workspace.create({ at: '2026-11-27T09:00', user: OWNER, seed: 5 });
    const ss = ws.createSpreadsheet('Libro');
    ws.install(ss, { distDir: bundle(CODE) });
    const r = ws.run(ss, 'make');
    expect(r.record.calls).toMatchObject({ Drive: 3 }); // createFolder, createFile, getId
    expect(latencyOf('Folder', 'createFile').ms).toBeGreaterThan(0);
    expect(latencyOf('File', 'getId').ms).toBe(0);
    expect(latencyOf('DriveApp', 'createFolder').source).toMatch(/estimate/);
    ws.openSpreadsheet(ss);
    const open = ws.executions({ functionName: 'onOpen' }).pop()!;
    expect(open.status).toBe('failed');
  });
});

test('host-side: File and Folder keep no copy of the item (a rename through one object shows through another)', () => {
  const { env, drive } = setup();
  const f = drive.createFile('a.txt', 'x');
  const again = new File(env, f.getId());
  again.setName('b.txt');
  expect(f.getName()).toBe('b.txt');
  expect(driveStore(env.state).get(f.getId())!.name).toBe('b.txt');
  expect(new Folder(env, drive.getRootFolder().getId()).getName()).toBe('My Drive');
  expect(f.getBlob()).toBeInstanceOf(Blob);
});
