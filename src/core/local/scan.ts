// The reconcile scanner: a streamed walk of one root that reports every file and folder it may
// sync, without following symlinks out of the root or descending into ignored folders.
import type { Dir, Dirent } from 'node:fs'
import { lstat, opendir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Kind } from '../plan/facts'
import { stateFolderName } from '../transfer/download'
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

export interface ScanOptions {
  rootPath: string
  ignore: IgnoreRules
  signal?: AbortSignal
}

/**
 * Yields files and folders under the root, each folder before what it holds, and an
 * `UnreadableEntry` (instead of throwing) for what cannot be read below the root. Symlinks, other
 * special files, ignored paths and the state folder are left out. Memory grows with the folders
 * still to visit, never with the size of one listing. A missing or unreadable root throws a
 * `RootUnavailableError`; an aborted signal throws its reason.
 */
export async function* scanRoot(
  options: ScanOptions,
): AsyncGenerator<ScannedItem | UnreadableEntry> {
  const { rootPath } = options
  const rootDir = await opendir(rootPath).catch((error: unknown) => {
    throw rootAccessError(rootPath, error)
  })
  const toVisit: Location[] = []
  let folder: Location | undefined = { path: '', diskPath: '' }
  let dir: Dir | null = rootDir
  while (folder) {
    if (dir) {
      const subfolders: Location[] = []
      yield* listFolder(options, folder, dir, subfolders)
      // Reversed so that popping the stack visits subfolders in listing order.
      toVisit.push(...subfolders.reverse())
    }
    dir = null
    folder = toVisit.pop()
    if (!folder) return
    options.signal?.throwIfAborted()
    try {
      dir = await opendir(join(rootPath, folder.diskPath))
    } catch (error) {
      const reason = unreadableReason(folder.path, error)
      if (reason) yield { ...folder, kind: 'unreadable', reason }
    }
  }
}

/** Entries stat'ed at once: the kernel answers them in parallel, in order of listing. */
const statBatch = 64

async function* listFolder(
  { rootPath, ignore, signal }: ScanOptions,
  folder: Location,
  dir: Dir,
  subfolders: Location[],
): AsyncGenerator<ScannedItem | UnreadableEntry> {
  try {
    for (let done = false; !done;) {
      signal?.throwIfAborted()
      const names: string[] = []
      while (names.length < statBatch) {
        let entry: Dirent | null
        try {
          entry = await dir.read()
        } catch (error) {
          if (folder.path === '') throw rootAccessError(rootPath, error)
          const reason = unreadableReason(folder.path, error)
          if (reason) yield { ...folder, kind: 'unreadable', reason }
          return
        }
        if (entry === null) {
          done = true
          break
        }
        if (folder.path === '' && entry.name === stateFolderName) continue
        names.push(entry.name)
      }
      for (const found of await Promise.all(
        names.map((name) => describe(rootPath, folder, name)),
      )) {
        if (!found || isIgnored(ignore, found)) continue
        signal?.throwIfAborted()
        yield found
        if (found.kind === 'folder') subfolders.push({ path: found.path, diskPath: found.diskPath })
      }
    }
  } finally {
    await dir.close().catch(() => undefined)
  }
}

/** The entry as found, or null for what is never synced (symlinks, sockets, vanished entries). */
async function describe(
  rootPath: string,
  parent: Location,
  diskName: string,
): Promise<ScannedItem | UnreadableEntry | null> {
  const location = {
    path: joinRelative(parent.path, normalizePath(diskName)),
    diskPath: joinRelative(parent.diskPath, diskName),
  }
  let info
  try {
    info = await lstat(join(rootPath, location.diskPath))
  } catch (error) {
    const reason = unreadableReason(location.path, error)
    return reason ? { ...location, kind: 'unreadable', reason } : null
  }
  if (!info.isFile() && !info.isDirectory()) return null
  const folder = info.isDirectory()
  return {
    ...location,
    kind: folder ? 'folder' : 'file',
    size: folder ? 0 : info.size,
    mtimeMs: info.mtimeMs,
    ino: info.ino,
    dev: info.dev,
  }
}

/** Something that could not be stat'ed is left out if it would be ignored as a file or a folder. */
function isIgnored(ignore: IgnoreRules, found: ScannedItem | UnreadableEntry): boolean {
  if (found.kind !== 'unreadable') return ignore.ignores(found.path, found.kind === 'folder')
  return ignore.ignores(found.path, false) || ignore.ignores(found.path, true)
}

function joinRelative(parent: string, name: string): string {
  return parent === '' ? name : `${parent}/${name}`
}

/** Why something below the root could not be read, or null when it simply vanished meanwhile. */
function unreadableReason(path: string, error: unknown): string | null {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT' || code === 'ENOTDIR') return null
  const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : String(code ?? error)
  return `${path} cannot be read (${why}); what is there was left out of this scan.`
}
