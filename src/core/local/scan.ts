// The reconcile scanner: a walk of one root that reports every file and folder it may sync,
// without following symlinks out of the root or descending into ignored folders.
import { join } from 'node:path'
import type { Kind } from '../plan/facts'
import { stateFolderName } from '../transfer/download'
import { FolderLister, type ListedChunk, entryType, statFields } from './folder-lister'
import type { IgnoreRules } from './ignore-rules'
import { normalizePath } from './names'
import { rootAccessError } from './root-problem'

interface Location {
  /** Root-relative, '/'-separated, NFC: the key the reconciler compares by. */
  path: string
  /** The same path with the names as found on disk (NFD on some Macs). */
  diskPath: string
}

export interface ScannedItem extends Location {
  kind: Kind
  /** Bytes; 0 for folders. */
  size: number
  mtimeMs: number
  ino: number
  dev: number
}

/**
 * Something the walk could not look at: a folder it could not open or finish listing, or an entry
 * it could not stat. What is there is unknown, not deleted: the engine must not treat synced
 * paths at or under it as gone.
 */
export interface UnreadableEntry extends Location {
  kind: 'unreadable'
  reason: string
}

export type ScanFinding = ScannedItem | UnreadableEntry

export interface ScanOptions {
  rootPath: string
  ignore: IgnoreRules
  signal?: AbortSignal
  /** Entries listed on this thread before worker threads take over (tests set 0 to force them). */
  threadsAfterEntries?: number
}

/**
 * Yields what is under the root in batches (a batch is part of one folder's listing), each folder
 * before what it holds, and an `UnreadableEntry` (instead of throwing) for what cannot be read
 * below the root. Symlinks, other special files, ignored paths and the state folder are left out.
 * Folders are listed by worker threads a few at a time, so memory grows with the folders still to
 * visit and the chunks not yet taken, not with the size of the tree. A missing or unreadable root
 * throws a `RootUnavailableError`; an aborted signal throws its reason.
 */
export async function* scanRoot(options: ScanOptions): AsyncGenerator<ScanFinding[]> {
  const { rootPath, signal } = options
  signal?.throwIfAborted()
  const lister = new FolderLister(options.threadsAfterEntries)
  try {
    const toVisit: Location[] = [{ path: '', diskPath: '' }]
    const listing = new Map<number, Location>()
    let tag = 0
    for (;;) {
      while (lister.hasRoom && toVisit.length > 0) {
        const folder = toVisit.pop() as Location
        tag += 1
        listing.set(tag, folder)
        lister.list(tag, join(rootPath, folder.diskPath))
      }
      if (!lister.busy) return
      const chunk = await lister.next(signal)
      const folder = listing.get(chunk.tag) as Location
      if (chunk.done) listing.delete(chunk.tag)
      const found = describeChunk(options, folder, chunk, toVisit)
      if (chunk.failure !== null) {
        if (folder.path === '') throw rootAccessError(rootPath, { code: chunk.failure })
        const reason = unreadableReason(folder.path, chunk.failure)
        if (reason) found.push({ ...folder, kind: 'unreadable', reason })
      }
      if (found.length > 0) yield found
    }
  } finally {
    lister.close()
  }
}

/** The chunk's entries worth reporting; subfolders to walk are added to `toVisit`. */
function describeChunk(
  { ignore }: ScanOptions,
  parent: Location,
  chunk: ListedChunk,
  toVisit: Location[],
): ScanFinding[] {
  const found: ScanFinding[] = []
  chunk.names.forEach((diskName, index) => {
    if (parent.path === '' && diskName === stateFolderName) return
    const at = index * statFields
    const type = chunk.stats[at]
    if (type === entryType.other) return
    const location = {
      path: joinRelative(parent.path, normalizePath(diskName)),
      diskPath: joinRelative(parent.diskPath, diskName),
    }
    let item: ScanFinding
    if (type === entryType.failed) {
      const reason = unreadableReason(location.path, chunk.failures.get(index) ?? 'unknown')
      if (!reason) return
      item = { ...location, kind: 'unreadable', reason }
    } else {
      const folder = type === entryType.folder
      item = {
        ...location,
        kind: folder ? 'folder' : 'file',
        size: folder ? 0 : (chunk.stats[at + 1] as number),
        mtimeMs: chunk.stats[at + 2] as number,
        ino: chunk.stats[at + 3] as number,
        dev: chunk.stats[at + 4] as number,
      }
    }
    if (isIgnored(ignore, item)) return
    found.push(item)
    if (item.kind === 'folder') toVisit.push(location)
  })
  return found
}

/** Something that could not be stat'ed is left out if it would be ignored as a file or a folder. */
function isIgnored(ignore: IgnoreRules, found: ScanFinding): boolean {
  if (found.kind !== 'unreadable') return ignore.ignores(found.path, found.kind === 'folder')
  return ignore.ignores(found.path, false) || ignore.ignores(found.path, true)
}

function joinRelative(parent: string, name: string): string {
  return parent === '' ? name : `${parent}/${name}`
}

/** Why something below the root could not be read, or null when it simply vanished meanwhile. */
function unreadableReason(path: string, code: string): string | null {
  if (code === 'ENOENT' || code === 'ENOTDIR') return null
  const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code
  return `${path} cannot be read (${why}); what is there was left out of this scan.`
}
