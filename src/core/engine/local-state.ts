// The local half of a root's state: scans (full, or of the paths a watcher hinted at) written to
// the index, and the local facts the reconciler reads, each with its readiness. A file is ready
// once two looks at least the root's window apart saw the same size and mtime, and its mtime is
// that old too; until then it is "settling", with the time it may become ready.
import { lstat } from 'node:fs/promises'
import { type IgnoreRules, hashFile, normalizePath, scanRoot } from '../local'
import type { LocalFact } from '../plan'
import type { LocalFileRecord, RootRecord, SyncIndex } from '../sync-index'
import { onDisk } from './paths'

export interface SettlingFile {
  path: string
  readyAt: number
}

export interface LocalView {
  facts: LocalFact[]
  settling: SettlingFile[]
}

/**
 * Rows written per transaction during a scan. Each commit rewrites the pages it touched, so 1,000
 * made commits a quarter of a first scan's writes; a batch still holds the thread only ~20 ms.
 */
const batchSize = 5_000

/**
 * Walks the whole root into the index. What was known under paths it could not read is kept as it
 * was: unknown is not deleted. Answers whether anything differed from what the index knew.
 */
export async function scanLocal(
  index: SyncIndex,
  root: RootRecord,
  ignore: IgnoreRules,
  now: () => number,
  signal?: AbortSignal,
): Promise<boolean> {
  // What the index knew, read once: an unchanged file then costs no query and no write.
  const known = new Map(index.localFiles.all(root.id).map((file) => [file.path, file]))
  const seen = new Set<string>()
  const unreadable: string[] = []
  let changed = false
  let pending: LocalFileRecord[] = []
  const flush = () => {
    const batch = pending
    pending = []
    index.transaction(() => index.localFiles.putMany(root.id, batch))
  }
  const options = signal
    ? { rootPath: root.localPath, ignore, signal }
    : { rootPath: root.localPath, ignore }
  for await (const batch of scanRoot(options)) {
    const stableSince = now()
    for (const item of batch) {
      if (item.kind === 'unreadable') {
        unreadable.push(item.path)
        continue
      }
      // With nothing known (a first scan) nothing can be gone: no need to remember what was seen.
      if (known.size > 0) seen.add(item.path)
      const before = known.get(item.path)
      const same =
        before !== undefined &&
        before.kind === item.kind &&
        before.size === item.size &&
        before.mtimeMs === item.mtimeMs
      if (same) continue
      const { path, diskPath, kind, size, mtimeMs, ino, dev } = item
      pending.push({ path, diskPath, kind, size, mtimeMs, ino, dev, xxh64: null, stableSince })
      changed = true
    }
    if (pending.length >= batchSize) flush()
  }
  flush()
  const under = (path: string) =>
    unreadable.some((folder) => path === folder || path.startsWith(`${folder}/`))
  const gone = [...known.keys()].filter((path) => !seen.has(path) && !under(path))
  index.transaction(() => gone.forEach((path) => index.localFiles.delete(root.id, path)))
  return changed || gone.length > 0
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
    index.localFiles.put(root.id, {
      path,
      diskPath,
      kind,
      size,
      mtimeMs: info.mtimeMs,
      ino: info.ino,
      dev: info.dev,
      xxh64: null,
      stableSince: now(),
    })
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
