// The emulator's world: users, accounts, workspaces, projects, folders and files, with the lookups
// the routes need. Plain data; bytes live in the blob store.
import { randomUUID } from 'node:crypto'

export interface EmulatedUser {
  id: string
  name: string
  email: string
  /** False until the person links an Adobe ID: every API call then answers 401. */
  linkedToAdobe: boolean
  accountIds: string[]
}

/** Listed records carry their creation order, which listings keep and cursors point into. */
interface Ordered {
  seq: number
}

export interface EmulatedAccount extends Ordered {
  id: string
  displayName: string
  createdAt: string
  updatedAt: string
}

export interface EmulatedWorkspace extends Ordered {
  id: string
  accountId: string
  name: string
  createdAt: string
  updatedAt: string
}

export interface EmulatedProject extends Ordered {
  id: string
  accountId: string
  workspaceId: string
  name: string
  rootFolderId: string
  createdAt: string
  updatedAt: string
}

interface AssetBase extends Ordered {
  id: string
  accountId: string
  projectId: string
  parentId: string | null
  name: string
  creatorId: string
  createdAt: string
  updatedAt: string
}

export interface EmulatedFolder extends AssetBase {
  type: 'folder'
}

export interface PartState {
  size: number
  /** MD5 hex of the accepted bytes, once the part is in. */
  md5: string | null
}

export interface EmulatedFile extends AssetBase {
  type: 'file'
  fileSize: number
  mediaType: string
  status: 'created' | 'uploaded' | 'transcoded'
  parts: PartState[]
  uploadedAt: string | null
}

export type EmulatedAsset = EmulatedFolder | EmulatedFile

/** ISO-8601 UTC with microseconds, as the API writes timestamps. */
export function timestamp(at = new Date()): string {
  return at.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z')
}

export function newId(): string {
  return randomUUID()
}

const mediaTypes: Record<string, string> = {
  mov: 'video/quicktime',
  mp4: 'video/mp4',
  m4v: 'video/x-m4v',
  mxf: 'application/mxf',
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  tif: 'image/tiff',
  pdf: 'application/pdf',
  txt: 'text/plain',
}

/** The server derives a file's media type from its name (clients never send it). */
export function mediaTypeFor(name: string): string {
  const extension = name.includes('.') ? name.split('.').pop()!.toLowerCase() : ''
  return mediaTypes[extension] ?? 'application/octet-stream'
}

export class World {
  readonly users = new Map<string, EmulatedUser>()
  readonly accounts = new Map<string, EmulatedAccount>()
  readonly workspaces = new Map<string, EmulatedWorkspace>()
  readonly projects = new Map<string, EmulatedProject>()
  readonly assets = new Map<string, EmulatedAsset>()
  private seq = 0

  private nextSeq(): number {
    return ++this.seq
  }

  addUser(fields: { name: string; email: string; linkedToAdobe?: boolean }): EmulatedUser {
    const user = { id: newId(), linkedToAdobe: true, accountIds: [], ...fields }
    this.users.set(user.id, user)
    return user
  }

  addAccount(owner: EmulatedUser, displayName: string): EmulatedAccount {
    const now = timestamp()
    const account = {
      id: newId(),
      seq: this.nextSeq(),
      displayName,
      createdAt: now,
      updatedAt: now,
    }
    this.accounts.set(account.id, account)
    owner.accountIds.push(account.id)
    return account
  }

  addWorkspace(accountId: string, name: string): EmulatedWorkspace {
    const now = timestamp()
    const workspace = {
      id: newId(),
      seq: this.nextSeq(),
      accountId,
      name,
      createdAt: now,
      updatedAt: now,
    }
    this.workspaces.set(workspace.id, workspace)
    return workspace
  }

  addProject(workspace: EmulatedWorkspace, name: string, creatorId: string): EmulatedProject {
    const now = timestamp()
    const projectId = newId()
    const root = this.addFolder(
      { accountId: workspace.accountId, projectId, parentId: null, creatorId },
      'root',
    )
    const project = {
      id: projectId,
      seq: this.nextSeq(),
      accountId: workspace.accountId,
      workspaceId: workspace.id,
      name,
      rootFolderId: root.id,
      createdAt: now,
      updatedAt: now,
    }
    this.projects.set(project.id, project)
    return project
  }

  addFolder(
    place: { accountId: string; projectId: string; parentId: string | null; creatorId: string },
    name: string,
  ): EmulatedFolder {
    const now = timestamp()
    const folder: EmulatedFolder = {
      type: 'folder',
      id: newId(),
      seq: this.nextSeq(),
      name,
      ...place,
      createdAt: now,
      updatedAt: now,
    }
    this.assets.set(folder.id, folder)
    return folder
  }

  addFile(
    place: { accountId: string; projectId: string; parentId: string; creatorId: string },
    name: string,
    partSizes: number[],
  ): EmulatedFile {
    const now = timestamp()
    const file: EmulatedFile = {
      type: 'file',
      id: newId(),
      seq: this.nextSeq(),
      name,
      ...place,
      fileSize: partSizes.reduce((sum, size) => sum + size, 0),
      mediaType: mediaTypeFor(name),
      status: 'created',
      parts: partSizes.map((size) => ({ size, md5: null })),
      uploadedAt: null,
      createdAt: now,
      updatedAt: now,
    }
    this.assets.set(file.id, file)
    return file
  }

  children(folderId: string): EmulatedAsset[] {
    return [...this.assets.values()].filter((asset) => asset.parentId === folderId)
  }

  /** The folder and everything below it, deepest first. */
  subtree(folderId: string): EmulatedAsset[] {
    const below = this.children(folderId).flatMap((child) =>
      child.type === 'folder' ? [...this.subtree(child.id), child] : [child],
    )
    return below
  }

  isInside(assetId: string, folderId: string): boolean {
    for (
      let at = this.assets.get(assetId);
      at;
      at = at.parentId ? this.assets.get(at.parentId) : undefined
    ) {
      if (at.id === folderId) return true
    }
    return false
  }

  clear(): void {
    this.users.clear()
    this.accounts.clear()
    this.workspaces.clear()
    this.projects.clear()
    this.assets.clear()
  }
}
