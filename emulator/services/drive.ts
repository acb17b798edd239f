import type { ServiceEnv, ServiceInstaller } from '../core/env';
import { GasObject } from '../core/gas-object';
import { latencyOf } from '../core/latency';
import { Blob, toBytes, withExtension } from './blob';
import { DRIVE_MESSAGES, canEditItem, canViewItem, requireEdit, shareItem } from './drive/access';
import { ACCESS, FOLDER_MIME, PERMISSION, driveStore, type Access, type DriveItem, type Permission } from './drive/store';
import { savedPresentation } from './slides/doc';
import { PRESENTATION_MIME, clonePresentation } from './slides/model';
import { presentationToPdf } from './slides/render';

export { driveStore, DriveStore, FOLDER_MIME } from './drive/store';
export type { DriveItem } from './drive/store';
export { DRIVE_MESSAGES } from './drive/access';

/**
 * DriveApp (developers.google.com/apps-script/reference/drive/drive-app), File
 * (reference/drive/file), Folder (reference/drive/folder), FileIterator, FolderIterator and
 * User (reference/drive/user): the subset scripts use to keep generated files. Items live in
 * the 'drive' store; each user has a root folder ("My Drive"); the owner of what a script
 * creates is the execution's effective user; access follows ./drive/access.ts.
 */
const enumOf = (names: readonly string[]) => Object.freeze(Object.fromEntries(names.map((n) => [n, n])));

function requireString(v: unknown, name: string): string {
  if (typeof v !== 'string') throw new Error(`Invalid argument: ${name}`);
  return v;
}

/** User (reference/drive/user). */
export class DriveUser extends GasObject {
  readonly _service = 'Drive' as const;
  readonly _class = 'User';
  constructor(private readonly _email: string) {
    super();
  }
  getEmail(): string {
    return this._email;
  }
  getName(): string {
    return this._email.split('@')[0];
  }
  getDomain(): string {
    const at = this._email.lastIndexOf('@');
    return at < 0 ? '' : this._email.slice(at + 1);
  }
}

/** What File and Folder share: identity, name, trash, parents, owner and sharing. */
abstract class DriveItemObject extends GasObject {
  readonly _service = 'Drive' as const;
  constructor(
    protected readonly _env: ServiceEnv,
    readonly _id: string,
  ) {
    super();
  }

  protected get _item(): DriveItem {
    const item = driveStore(this._env.state).get(this._id);
    if (!item || !canViewItem(item, this._env.exec.user)) throw new Error(DRIVE_MESSAGES.noItem);
    return item;
  }

  protected _edit(): DriveItem {
    const item = this._item;
    requireEdit(item, this._env.exec.user);
    return item;
  }

  getId(): string {
    return this._item.id;
  }

  getName(): string {
    return this._item.name;
  }

  getDateCreated(): Date {
    return new Date(this._item.created);
  }

  getLastUpdated(): Date {
    return new Date(this._item.updated);
  }

  isTrashed(): boolean {
    return this._item.trashed;
  }

  /** reference/drive/file#setTrashed: "Only the owner of the File can trash it." */
  protected _setTrashed(trashed: unknown): void {
    const item = this._item;
    if (item.owner.toLowerCase() !== this._env.exec.user.toLowerCase()) throw new Error(DRIVE_MESSAGES.accessDenied);
    item.trashed = Boolean(trashed);
    driveStore(this._env.state).touch(item);
  }

  protected _setName(name: unknown): void {
    const item = this._edit();
    item.name = requireString(name, 'name');
    driveStore(this._env.state).touch(item);
  }

  getParents(): FolderIterator {
    const store = driveStore(this._env.state);
    const user = this._env.exec.user;
    const parents = this._item.parents.map((id) => store.get(id)).filter((p): p is DriveItem => !!p && canViewItem(p, user));
    return new FolderIterator(this._env, parents.map((p) => p.id));
  }

  getOwner(): DriveUser {
    return new DriveUser(this._item.owner);
  }

  getEditors(): DriveUser[] {
    const item = this._item;
    return item.sharing.editors.map((e) => new DriveUser(e));
  }

  getViewers(): DriveUser[] {
    const item = this._item;
    return item.sharing.viewers.map((e) => new DriveUser(e));
  }

  getSharingAccess(): string {
    return this._item.sharing.access;
  }

  getSharingPermission(): string {
    return this._item.sharing.permission;
  }

  protected _setSharing(accessType: unknown, permissionType: unknown): void {
    const access = String(accessType) as Access;
    const permission = String(permissionType) as Permission;
    if (!ACCESS.includes(access)) throw new Error(DRIVE_MESSAGES.badAccess);
    if (!PERMISSION.includes(permission) || permission === 'OWNER') throw new Error(DRIVE_MESSAGES.badPermission);
    const item = this._edit();
    item.sharing.restricted = true;
    item.sharing.access = access;
    item.sharing.permission = permission;
  }

  protected _share(emailAddress: unknown, role: 'editor' | 'viewer' | 'none'): void {
    const email = emailAddress instanceof DriveUser ? emailAddress.getEmail() : String(emailAddress ?? '');
    if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw new Error(DRIVE_MESSAGES.invalidEmail);
    shareItem(this._edit(), email, role);
  }
}

/** File (reference/drive/file). */
export class File extends DriveItemObject {
  readonly _class = 'File';

  setName(name: string): File {
    this._setName(name);
    return this;
  }

  /** "https://drive.google.com/file/d/<id>/view?usp=drivesdk", as Apps Script gives it. */
  getUrl(): string {
    return `https://drive.google.com/file/d/${this._item.id}/view?usp=drivesdk`;
  }

  getDownloadUrl(): string {
    return `https://drive.google.com/uc?id=${this._item.id}&export=download`;
  }

  getMimeType(): string {
    return this._item.mimeType;
  }

  getSize(): number {
    return driveStore(this._env.state).bytes(this._item).length;
  }

  /**
   * The file's bytes. A Google Slides file has no bytes of its own: Drive gives its PDF export
   * (named "<name>.pdf"), made from the saved version (what saveAndClose or the end of the
   * editing execution saved, not pending edits: guides/slides/lifecycle).
   */
  getBlob(): Blob {
    const item = this._item;
    // A presentation's blob is a conversion: charged as File.getAs is (1.5 s), not as a download.
    if (item.mimeType === PRESENTATION_MIME) this._env.exec.spend(latencyOf('File', 'getAs').ms - latencyOf('File', 'getBlob').ms);
    return this._blob();
  }

  private _blob(): Blob {
    const item = this._item;
    const state = this._env.state;
    let blob: Blob;
    if (item.mimeType === PRESENTATION_MIME) {
      const at = new Date(state.now());
      blob = new Blob(presentationToPdf(savedPresentation(item, this._env.exec.record.id), { title: item.name, at }), 'application/pdf', withExtension(item.name, 'pdf'));
    } else {
      blob = new Blob(driveStore(state).bytes(item), item.mimeType, item.name);
    }
    blob._now = () => state.now();
    return blob;
  }

  /** getAs(contentType): a Slides file converts to 'application/pdf' only (the emulator's subset). */
  getAs(contentType: string): Blob {
    const item = this._item;
    if (item.mimeType === PRESENTATION_MIME) {
      if (String(contentType).split(';')[0].trim().toLowerCase() !== 'application/pdf') {
        throw new Error(`Converting from ${item.mimeType} to ${contentType} is not supported.`);
      }
      return this._blob();
    }
    return this._blob().getAs(contentType);
  }

  /**
   * makeCopy() | makeCopy(name) | makeCopy(destination) | makeCopy(name, destination)
   * (reference/drive/file#makeCopy): a new file owned by the user running the script, with the
   * source's content (a presentation's saved version), named "Copy of <name>" unless named; in
   * `destination`, else in the source's folders the user may add to, else in their My Drive.
   * Sharing is not copied.
   */
  makeCopy(a?: unknown, b?: unknown): File {
    const src = this._item;
    let name = `Copy of ${src.name}`;
    let destination: Folder | null = null;
    if (a instanceof Folder) destination = a;
    else if (a !== undefined) {
      name = requireString(a, 'name');
      if (b !== undefined) {
        if (!(b instanceof Folder)) throw new Error('Invalid argument: destination');
        destination = b;
      }
    }
    const store = driveStore(this._env.state);
    const user = this._env.exec.user;
    let parents: string[];
    if (destination) parents = [destination._editable().id];
    else {
      parents = src.parents.filter((id) => {
        const p = store.get(id);
        return !!p && canEditItem(p, user);
      });
      if (parents.length === 0) parents = [store.root(user).id];
    }
    const doc = src.mimeType === PRESENTATION_MIME ? clonePresentation(savedPresentation(src, this._env.exec.record.id)) : undefined;
    const item = store.add({ kind: 'file', name, mimeType: src.mimeType, parents, owner: user, bytes: store.bytes(src), doc });
    return new File(this._env, item.id);
  }

  setTrashed(trashed: boolean): File {
    this._setTrashed(trashed);
    return this;
  }

  setSharing(accessType: string, permissionType: string): File {
    this._setSharing(accessType, permissionType);
    return this;
  }

  addEditor(emailAddress: string): File {
    this._share(emailAddress, 'editor');
    return this;
  }

  addViewer(emailAddress: string): File {
    this._share(emailAddress, 'viewer');
    return this;
  }

  removeEditor(emailAddress: string): File {
    this._share(emailAddress, 'none');
    return this;
  }

  removeViewer(emailAddress: string): File {
    this._share(emailAddress, 'none');
    return this;
  }

  /** reference/drive/file#moveTo: the file's only parent becomes `destination`. */
  moveTo(destination: Folder): File {
    if (!(destination instanceof Folder)) throw new Error('Invalid argument: destination');
    const item = this._edit();
    const dest = destination._editable();
    item.parents = [dest.id];
    driveStore(this._env.state).touch(item);
    return this;
  }
}

/** Folder (reference/drive/folder). */
export class Folder extends DriveItemObject {
  readonly _class = 'Folder';

  /** The folder's record when the user may add to it (host-side, for addFile/moveTo). */
  _editable(): DriveItem {
    return this._edit();
  }

  setName(name: string): Folder {
    this._setName(name);
    return this;
  }

  getUrl(): string {
    return `https://drive.google.com/drive/folders/${this._item.id}`;
  }

  setTrashed(trashed: boolean): Folder {
    this._setTrashed(trashed);
    return this;
  }

  setSharing(accessType: string, permissionType: string): Folder {
    this._setSharing(accessType, permissionType);
    return this;
  }

  addEditor(emailAddress: string): Folder {
    this._share(emailAddress, 'editor');
    return this;
  }

  addViewer(emailAddress: string): Folder {
    this._share(emailAddress, 'viewer');
    return this;
  }

  createFolder(name: string): Folder {
    const parent = this._edit();
    return createFolderIn(this._env, parent, name);
  }

  createFile(...args: unknown[]): File {
    const parent = this._edit();
    return createFileIn(this._env, parent, args);
  }

  getFiles(): FileIterator {
    return new FileIterator(this._env, listChildren(this._env, this._item.id, 'file'));
  }

  getFilesByName(name: string): FileIterator {
    const n = String(name);
    return new FileIterator(this._env, listChildren(this._env, this._item.id, 'file', n));
  }

  getFolders(): FolderIterator {
    return new FolderIterator(this._env, listChildren(this._env, this._item.id, 'folder'));
  }

  getFoldersByName(name: string): FolderIterator {
    return new FolderIterator(this._env, listChildren(this._env, this._item.id, 'folder', String(name)));
  }

  /** reference/drive/folder#addFile: the file gets this folder as one more parent. */
  addFile(child: File): Folder {
    if (!(child instanceof File)) throw new Error('Invalid argument: child');
    const folder = this._edit();
    const item = driveStore(this._env.state).get(child._id);
    if (!item || !canViewItem(item, this._env.exec.user)) throw new Error(DRIVE_MESSAGES.noItem);
    if (!item.parents.includes(folder.id)) item.parents.push(folder.id);
    return this;
  }

  /** reference/drive/folder#removeFile. */
  removeFile(child: File): Folder {
    if (!(child instanceof File)) throw new Error('Invalid argument: child');
    const folder = this._edit();
    const item = driveStore(this._env.state).get(child._id);
    if (item) item.parents = item.parents.filter((p) => p !== folder.id);
    return this;
  }
}

/** Children of a folder the user can see, not trashed, oldest first. */
function listChildren(env: ServiceEnv, folderId: string, kind: 'file' | 'folder', name?: string): string[] {
  const user = env.exec.user;
  return driveStore(env.state)
    .children(folderId, kind)
    .filter((i) => !i.trashed && canViewItem(i, user) && (name === undefined || i.name === name))
    .map((i) => i.id);
}

function createFolderIn(env: ServiceEnv, parent: DriveItem, name: unknown): Folder {
  const item = driveStore(env.state).add({ kind: 'folder', name: requireString(name, 'name'), mimeType: FOLDER_MIME, parents: [parent.id], owner: env.exec.user });
  return new Folder(env, item.id);
}

/**
 * createFile(blob) or createFile(name, content, mimeType?): "Creates a text file … with the
 * given name and contents" (MimeType text/plain by default); a blob keeps its name and type.
 */
function createFileIn(env: ServiceEnv, parent: DriveItem, args: unknown[]): File {
  let name: string;
  let mimeType: string;
  let bytes: Uint8Array;
  const [first, content, type] = args;
  if (first instanceof Blob || (first && typeof (first as { getBlob?: unknown }).getBlob === 'function')) {
    const blob = first instanceof Blob ? first : (first as { getBlob(): Blob }).getBlob();
    name = blob.getName() ?? 'Untitled';
    mimeType = blob.getContentType() ?? 'application/octet-stream';
    bytes = new Uint8Array(blob._bytes);
  } else {
    name = requireString(first, 'name');
    if (typeof content !== 'string') throw new Error('Invalid argument: content');
    mimeType = type === undefined ? 'text/plain' : requireString(type, 'mimeType');
    bytes = toBytes(content);
  }
  const item = driveStore(env.state).add({ kind: 'file', name, mimeType, parents: [parent.id], owner: env.exec.user, bytes });
  return new File(env, item.id);
}

abstract class DriveIterator<T extends DriveItemObject> extends GasObject {
  readonly _service = 'Drive' as const;
  private _next = 0;
  constructor(
    protected readonly _env: ServiceEnv,
    private readonly _ids: string[],
  ) {
    super();
  }
  protected abstract _make(id: string): T;
  hasNext(): boolean {
    return this._next < this._ids.length;
  }
  next(): T {
    if (this._next >= this._ids.length) throw new Error(DRIVE_MESSAGES.iteratorEnd);
    return this._make(this._ids[this._next++]);
  }
}

/** FileIterator (reference/drive/file-iterator). */
export class FileIterator extends DriveIterator<File> {
  readonly _class = 'FileIterator';
  protected _make(id: string): File {
    return new File(this._env, id);
  }
}

/** FolderIterator (reference/drive/folder-iterator). */
export class FolderIterator extends DriveIterator<Folder> {
  readonly _class = 'FolderIterator';
  protected _make(id: string): Folder {
    return new Folder(this._env, id);
  }
}

export class DriveApp extends GasObject {
  readonly _service = 'Drive' as const;
  readonly _class = 'DriveApp';
  readonly Access = enumOf(ACCESS);
  readonly Permission = enumOf(PERMISSION);

  constructor(private readonly _env: ServiceEnv) {
    super();
  }

  private _root(): DriveItem {
    return driveStore(this._env.state).root(this._env.exec.user);
  }

  private _visible(id: unknown, kind: 'file' | 'folder'): DriveItem {
    const item = driveStore(this._env.state).get(String(id ?? ''));
    if (!item || item.kind !== kind || !canViewItem(item, this._env.exec.user)) throw new Error(DRIVE_MESSAGES.noItem);
    return item;
  }

  getRootFolder(): Folder {
    return new Folder(this._env, this._root().id);
  }

  getFileById(id: string): File {
    return new File(this._env, this._visible(id, 'file').id);
  }

  getFolderById(id: string): Folder {
    return new Folder(this._env, this._visible(id, 'folder').id);
  }

  createFolder(name: string): Folder {
    return createFolderIn(this._env, this._root(), name);
  }

  createFile(...args: unknown[]): File {
    return createFileIn(this._env, this._root(), args);
  }

  /** Every file the user can see, not trashed (the emulator has no "shared with me" distinction). */
  getFiles(): FileIterator {
    return new FileIterator(this._env, this._all('file'));
  }

  getFilesByName(name: string): FileIterator {
    return new FileIterator(this._env, this._all('file', String(name)));
  }

  getFolders(): FolderIterator {
    return new FolderIterator(this._env, this._all('folder'));
  }

  getFoldersByName(name: string): FolderIterator {
    return new FolderIterator(this._env, this._all('folder', String(name)));
  }

  private _all(kind: 'file' | 'folder', name?: string): string[] {
    const store = driveStore(this._env.state);
    const user = this._env.exec.user;
    return [...store.items.values()]
      .filter((i) => i.kind === kind && !i.trashed && !store.isRoot(i.id) && canViewItem(i, user) && (name === undefined || i.name === name))
      .map((i) => i.id);
  }
}

/** True when `user` may change the item (host side: the UI, tests). */
export { canEditItem, canViewItem };

export const install: ServiceInstaller = (env) => ({ DriveApp: new DriveApp(env) });
