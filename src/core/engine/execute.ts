// Carrying out the reconciler's actions for one root: folders created on either side, files
// uploaded, downloaded or compared, and everything else written to the index. A file whose parent
// folder is not linked yet waits for the next pass instead of landing in the wrong place.
import { mkdir, rm, stat } from 'node:fs/promises'
import type { FrameioClient } from '../frameio'
import { hashFile } from '../local'
import { type Action, type Entry, type LocalFact, type RemoteFact, conflictIssue } from '../plan'
import type { RootRecord, SyncIndex } from '../sync-index'
import { type Downloader, TransferError, type Uploader, tempPathFor } from '../transfer'
import { baseName, onDisk, parentPath, transferKey } from './paths'

export interface ExecuteDeps {
  index: SyncIndex
  client: FrameioClient
  uploader: Uploader
  downloader: Downloader
  now: () => number
}

/** The parent folder is not in step yet; try again after the next pass. */
export class ParentNotReady extends Error {
  constructor(path: string) {
    super(`The folder holding ${path} is not synced yet.`)
    this.name = 'ParentNotReady'
  }
}

/** Actions that move bytes or create things; the rest only change what the index remembers. */
export function isTransfer(action: Action): boolean {
  return (
    action.type === 'upload' ||
    action.type === 'download' ||
    action.type === 'compare' ||
    action.type === 'create-remote-folder' ||
    action.type === 'create-local-folder'
  )
}

interface Linked {
  remoteId: string
  diskPath: string
}

function linkedParent(deps: ExecuteDeps, root: RootRecord, action: Action): Linked {
  const { path } = action
  const parent = parentPath(path)
  if (parent === '') return { remoteId: root.rootFolderId, diskPath: '' }
  const entry = deps.index.entries.get(root.id, parent)
  if (entry?.state === 'synced' && entry.kind === 'folder') {
    // A folder renamed or moved in Frame.io keeps its old name here and takes nothing new from
    // this side either: what lands in it would appear there under a path that exists nowhere here.
    const now = 'remote' in action ? null : deps.index.remote.byId(root.id, entry.remoteId)
    if (now && now.path !== parent) {
      throw new TransferError(
        'folder-not-synced',
        `"${path}" is in the folder "${parent}", which was renamed or moved in Frame.io to "${now.path}", so it is not uploaded. To sync it, rename or move the folder here to match, or move it into a synced folder.`,
      )
    }
    return { remoteId: entry.remoteId, diskPath: entry.diskPath }
  }
  if (entry) {
    const where = entry.state === 'deleted-remote' ? 'in Frame.io' : 'here'
    throw new TransferError(
      'folder-not-synced',
      `"${path}" is in the folder "${parent}", which was deleted ${where} after it was synced, so it is not synced. Move it into a synced folder to sync it.`,
    )
  }
  const remoteParent = 'remote' in action ? action.remote.parentId : null
  const moved = remoteParent === null ? null : deps.index.entries.byRemoteId(root.id, remoteParent)
  if (moved && moved.path !== parent) {
    throw new TransferError(
      'folder-not-synced',
      `"${path}" is in a folder renamed or moved in Frame.io (synced here as "${moved.path}"), so it is not downloaded. Move it in Frame.io to sync it.`,
    )
  }
  if (remoteParent !== null && isSetAsideDuplicate(deps, root, parent, remoteParent)) {
    throw new TransferError(
      'folder-not-synced',
      `"${path}" is in a Frame.io folder "${parent}" whose name another folder there has too; only the first one is synced, so it is not downloaded. Rename one of them in Frame.io to sync it.`,
    )
  }
  throw new ParentNotReady(path)
}

/** Whether `folderId` is one of several Frame.io items on `path` and not the first (the synced one). */
function isSetAsideDuplicate(
  deps: ExecuteDeps,
  root: RootRecord,
  path: string,
  folderId: string,
): boolean {
  const sharing = deps.index.remote.atPath(root.id, path)
  return sharing[0]?.id !== folderId && sharing.some((item) => item.id === folderId)
}

/**
 * Tells the index's local side about something the engine itself just wrote, so the next pass
 * sees it without a rescan (and never takes it for deleted). It counts as settled: it is whole.
 */
async function noteOwnWrite(
  deps: ExecuteDeps,
  root: RootRecord,
  path: string,
  diskPath: string,
  xxh64: string | null,
): Promise<void> {
  const info = await stat(onDisk(root.localPath, diskPath))
  const { localFiles } = deps.index
  localFiles.put(root.id, {
    path,
    diskPath,
    kind: info.isDirectory() ? 'folder' : 'file',
    size: info.isDirectory() ? 0 : info.size,
    mtimeMs: info.mtimeMs,
    ino: info.ino,
    dev: info.dev,
    xxh64,
    stableSince: 0,
  })
}

/** Where an item coming from Frame.io goes on disk: under its parent's on-disk spelling. */
function childDiskPath(parent: Linked, path: string): string {
  return parent.diskPath === '' ? baseName(path) : `${parent.diskPath}/${baseName(path)}`
}

function linkedEntry(local: LocalFact, remote: RemoteFact, xxh64: string | null): Entry {
  return {
    path: local.path,
    diskPath: local.diskPath,
    kind: local.kind,
    size: local.size,
    mtimeMs: local.mtimeMs,
    xxh64,
    remoteId: remote.id,
    remoteParentId: remote.parentId,
    remoteUpdatedAt: remote.updatedAt,
    state: 'synced',
  }
}

/** Rewrites some fields of a remembered entry, if it is still there. */
function changeEntry(index: SyncIndex, root: RootRecord, path: string, change: Partial<Entry>) {
  const entry = index.entries.get(root.id, path)
  if (entry) index.entries.put(root.id, { ...entry, ...change })
}

/** Applies an action that only changes what the index remembers. */
export function remember(deps: ExecuteDeps, root: RootRecord, action: Action): void {
  const { index } = deps
  switch (action.type) {
    case 'link':
      index.entries.put(root.id, linkedEntry(action.local, action.remote, action.local.xxh64))
      index.activity.add({ rootId: root.id, path: action.path, kind: 'linked', bytes: 0 })
      return
    case 'remember-deletion':
      index.entries.setState(root.id, action.path, `deleted-${action.side}`)
      index.activity.add({
        rootId: root.id,
        path: action.path,
        kind: 'deleted-remembered',
        bytes: 0,
      })
      return
    case 'forget':
      index.entries.delete(root.id, action.path)
      return
    case 'refresh-local':
      changeEntry(index, root, action.path, {
        size: action.local.size,
        mtimeMs: action.local.mtimeMs,
      })
      return
    case 'follow-remote':
      changeEntry(index, root, action.path, {
        remoteParentId: action.remote.parentId,
        remoteUpdatedAt: action.remote.updatedAt,
      })
      return
    case 'issue':
      index.issues.record(root.id, action.path, action.problem, action.message)
      return
    default:
      throw new Error(`${action.type} is a transfer, not something to remember`)
  }
}

/** Carries out a transfer action; throws ParentNotReady, TransferError or FrameioError. */
export async function transfer(
  deps: ExecuteDeps,
  root: RootRecord,
  action: Action,
  signal: AbortSignal,
): Promise<void> {
  const { index, client } = deps
  switch (action.type) {
    case 'create-remote-folder': {
      const parent = linkedParent(deps, root, action)
      const folder = await client.createFolder(
        root.accountId,
        parent.remoteId,
        baseName(action.path),
        { signal },
      )
      index.entries.put(root.id, {
        path: action.path,
        diskPath: action.local.diskPath,
        kind: 'folder',
        size: 0,
        mtimeMs: action.local.mtimeMs,
        xxh64: null,
        remoteId: folder.id,
        remoteParentId: parent.remoteId,
        remoteUpdatedAt: folder.updatedAt,
        state: 'synced',
      })
      return
    }
    case 'upload': {
      const parent = linkedParent(deps, root, action)
      const result = await deps.uploader.upload({
        key: transferKey(root.id, action.path),
        localPath: onDisk(root.localPath, action.local.diskPath),
        accountId: root.accountId,
        parentId: parent.remoteId,
        name: baseName(action.path),
        planned: { size: action.local.size, mtimeMs: action.local.mtimeMs },
        signal,
      })
      index.entries.put(root.id, {
        path: action.path,
        diskPath: action.local.diskPath,
        kind: 'file',
        size: result.size,
        mtimeMs: result.mtimeMs,
        xxh64: result.xxh64,
        remoteId: result.fileId,
        remoteParentId: parent.remoteId,
        remoteUpdatedAt: result.remoteUpdatedAt,
        state: 'synced',
      })
      index.activity.add({
        rootId: root.id,
        path: action.path,
        kind: 'uploaded',
        bytes: result.size,
      })
      return
    }
    case 'create-local-folder': {
      const parent = linkedParent(deps, root, action)
      const diskPath = childDiskPath(parent, action.path)
      const target = onDisk(root.localPath, diskPath)
      await mkdir(target).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error
      })
      const info = await stat(target)
      if (!info.isDirectory()) throw new ParentNotReady(action.path)
      await noteOwnWrite(deps, root, action.path, diskPath, null)
      index.entries.put(root.id, {
        path: action.path,
        diskPath,
        kind: 'folder',
        size: 0,
        mtimeMs: info.mtimeMs,
        xxh64: null,
        remoteId: action.remote.id,
        remoteParentId: action.remote.parentId,
        remoteUpdatedAt: action.remote.updatedAt,
        state: 'synced',
      })
      return
    }
    case 'download': {
      const parent = linkedParent(deps, root, action)
      const diskPath = childDiskPath(parent, action.path)
      const result = await deps.downloader.download({
        accountId: root.accountId,
        fileId: action.remote.id,
        rootPath: root.localPath,
        targetPath: onDisk(root.localPath, diskPath),
        signal,
      })
      await noteOwnWrite(deps, root, action.path, diskPath, result.xxh64)
      index.entries.put(root.id, {
        path: action.path,
        diskPath,
        kind: 'file',
        size: result.size,
        mtimeMs: result.localMtimeMs,
        xxh64: result.xxh64,
        remoteId: action.remote.id,
        remoteParentId: action.remote.parentId,
        remoteUpdatedAt: result.remoteUpdatedAt,
        state: 'synced',
      })
      index.activity.add({
        rootId: root.id,
        path: action.path,
        kind: 'downloaded',
        bytes: result.size,
      })
      return
    }
    case 'compare': {
      await compare(deps, root, action.local, action.remote, signal)
      return
    }
    default:
      remember(deps, root, action)
  }
}

/**
 * Two files of one name and size: fetch the remote bytes into the state folder (never over the
 * local file; V4 offers no checksum to compare instead), hash both, and link them when equal.
 */
async function compare(
  deps: ExecuteDeps,
  root: RootRecord,
  local: LocalFact,
  remote: RemoteFact,
  signal: AbortSignal,
): Promise<void> {
  const scratch = `${tempPathFor(root.localPath, remote.id)}.compare`
  try {
    const fetched = await deps.downloader.download({
      accountId: root.accountId,
      fileId: remote.id,
      rootPath: root.localPath,
      targetPath: scratch,
      signal,
    })
    const localHash = await hashFile(onDisk(root.localPath, local.diskPath), signal)
    if (localHash === fetched.xxh64) {
      deps.index.entries.put(root.id, linkedEntry(local, remote, localHash))
      deps.index.activity.add({ rootId: root.id, path: local.path, kind: 'linked', bytes: 0 })
    } else {
      const conflict = conflictIssue(local.path)
      deps.index.issues.record(root.id, local.path, conflict.problem, conflict.message)
    }
  } finally {
    await rm(scratch, { force: true })
  }
}
