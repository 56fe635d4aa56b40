// The local half of a root's state: scans (full, or of the paths a watcher hinted at) written to
// the index, and the local facts the reconciler reads, each with its readiness. A file is ready
// once two looks at least the root's window apart saw the same size and mtime, and its mtime is
// that old too; until then it is "settling", with the time it may become ready.
import { lstat } from 'node:fs/promises'
import { type IgnoreRules, hashFile, normalizePath, scanRoot } from '../local'
import type { LocalFact } from '../plan'
import type { RootRecord, SyncIndex } from '../sync-index'
import { onDisk } from './paths'

export interface SettlingFile {
  path: string
  readyAt: number
}

export interface LocalView {
  facts: LocalFact[]
  settling: SettlingFile[]
}

const batchSize = 1_000

/**
 * Walks the whole root into the index and answers the paths it could not read. What was known
 * under those is kept as it was: unknown is not deleted.
 */
export async function scanLocal(
  index: SyncIndex,
  root: RootRecord,
  ignore: IgnoreRules,
  now: () => number,
  signal?: AbortSignal,
): Promise<string[]> {
  const scan = index.localFiles.nextScanId(root.id)
  const unreadable: string[] = []
  let pending: Array<() => void> = []
  const flush = () => {
    const batch = pending
    pending = []
    index.transaction(() => batch.forEach((write) => write()))
  }
  const options = signal
    ? { rootPath: root.localPath, ignore, signal }
    : { rootPath: root.localPath, ignore }
  for await (const item of scanRoot(options)) {
    if (item.kind === 'unreadable') {
      unreadable.push(item.path)
      continue
    }
    pending.push(() => {
      const known = index.localFiles.get(root.id, item.path)
      const same =
        known !== null &&
        known.kind === item.kind &&
        known.size === item.size &&
        known.mtimeMs === item.mtimeMs
      if (same) index.localFiles.markSeen(root.id, item.path, scan)
      else index.localFiles.put(root.id, { ...item, xxh64: null, stableSince: now() }, scan)
    })
    if (pending.length >= batchSize) flush()
  }
  flush()
  index.transaction(() => {
    for (const path of unreadable) index.localFiles.markSeenUnder(root.id, path, scan)
    index.localFiles.deleteUnseen(root.id, scan)
  })
  return unreadable
}

/** Looks again at paths a watcher reported, updating the index; answers whether any changed. */
export async function restat(
  index: SyncIndex,
  root: RootRecord,
  ignore: IgnoreRules,
  paths: Iterable<string>,
  now: () => number,
): Promise<boolean> {
  let changed = false
  for (const reported of paths) {
    const path = normalizePath(reported)
    const known = index.localFiles.get(root.id, path)
    const diskPath = known?.diskPath ?? reported
    const info = await lstat(onDisk(root.localPath, diskPath)).catch(() => null)
    const kind = info?.isDirectory() ? 'folder' : info?.isFile() ? 'file' : null
    if (!info || !kind || ignore.ignores(path, kind === 'folder')) {
      if (known) {
        index.localFiles.delete(root.id, path)
        changed = true
      }
      continue
    }
    const size = kind === 'file' ? info.size : 0
    if (known && known.kind === kind && known.size === size && known.mtimeMs === info.mtimeMs) {
      continue
    }
    const scan = known?.seenScan ?? index.localFiles.nextScanId(root.id)
    index.localFiles.put(
      root.id,
      {
        path,
        diskPath,
        kind,
        size,
        mtimeMs: info.mtimeMs,
        ino: info.ino,
        dev: info.dev,
        xxh64: null,
        stableSince: now(),
      },
      scan,
    )
    changed = true
  }
  return changed
}

/** The index's local files as the reconciler's facts, judged ready or settling at `now`. */
export function localView(index: SyncIndex, root: RootRecord, now: number): LocalView {
  const window = root.readyAfterSeconds * 1000
  const facts: LocalFact[] = []
  const settling: SettlingFile[] = []
  for (const file of index.localFiles.all(root.id)) {
    // An mtime in the future (a skewed clock on a network share) says nothing about settling.
    const changedAt = Math.max(file.stableSince, file.mtimeMs <= now ? file.mtimeMs : 0)
    const readyAt = changedAt + window
    const ready = file.kind === 'folder' || readyAt <= now
    if (!ready) settling.push({ path: file.path, readyAt })
    facts.push({
      path: file.path,
      diskPath: file.diskPath,
      kind: file.kind,
      size: file.size,
      mtimeMs: file.mtimeMs,
      ready,
      xxh64: file.xxh64,
    })
  }
  return { facts, settling }
}

/**
 * Hashes the synced files that were only touched (same size, new mtime, settled), so the
 * reconciler can tell a touch from an edit; answers the facts with those hashes filled in.
 */
export async function hashTouched(
  index: SyncIndex,
  root: RootRecord,
  facts: LocalFact[],
  signal?: AbortSignal,
): Promise<LocalFact[]> {
  const out: LocalFact[] = []
  for (const fact of facts) {
    const entry =
      fact.kind === 'file' && fact.ready && fact.xxh64 === null
        ? index.entries.get(root.id, fact.path)
        : null
    if (entry?.state === 'synced' && entry.size === fact.size && entry.mtimeMs !== fact.mtimeMs) {
      const xxh64 = await hashFile(onDisk(root.localPath, fact.diskPath), signal).catch(() => null)
      if (xxh64) index.localFiles.setHash(root.id, fact.path, xxh64)
      out.push({ ...fact, xxh64 })
    } else out.push(fact)
  }
  return out
}
