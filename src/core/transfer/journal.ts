// Upload sessions that survive a crash or quit: the remote placeholder, its part addresses and
// which parts were accepted (with their ETags), saved as each part completes. One JSON file per
// local file in the root's state folder, replaced atomically.
import { createHash } from 'node:crypto'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

export interface UploadSession {
  /** Null between asking Frame.io for a placeholder and hearing back: a crash there leaves one. */
  fileId: string | null
  accountId: string
  parentId: string
  name: string
  /** When the placeholder was asked for (epoch ms), to tell a lost one from others. */
  startedAt: number
  /** Size and mtime of the local file the session was made for. */
  size: number
  mtimeMs: number
  mediaType: string
  parts: Array<{ size: number; url: string; etag: string | null }>
}

export interface UploadJournal {
  load(key: string): Promise<UploadSession | null>
  save(key: string, session: UploadSession): Promise<void>
  remove(key: string): Promise<void>
}

export class FileJournal implements UploadJournal {
  /** Writes of one key happen one after another, the last one winning. */
  private readonly writes = new Map<string, Promise<void>>()
  /**
   * A save waiting behind a write in progress, per key. Saves arriving meanwhile replace its text
   * and share its promise, so parts finishing faster than the disk syncs cost one write, not many.
   */
  private readonly waiting = new Map<string, { text: string; written: Promise<void> }>()

  constructor(private readonly dir: string) {}

  private path(key: string): string {
    return join(this.dir, `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.json`)
  }

  async load(key: string): Promise<UploadSession | null> {
    try {
      return JSON.parse(await readFile(this.path(key), 'utf8')) as UploadSession
    } catch {
      return null
    }
  }

  save(key: string, session: UploadSession): Promise<void> {
    const text = JSON.stringify(session)
    const queued = this.waiting.get(key)
    if (queued) {
      queued.text = text
      return queued.written
    }
    const entry = { text, written: Promise.resolve() }
    entry.written = this.queue(key, async () => {
      if (this.waiting.get(key) === entry) this.waiting.delete(key)
      await mkdir(this.dir, { recursive: true })
      const path = this.path(key)
      await writeFile(`${path}.tmp`, entry.text, { flush: true })
      await rename(`${path}.tmp`, path)
    })
    this.waiting.set(key, entry)
    return entry.written
  }

  remove(key: string): Promise<void> {
    // A save made after this remove must not join one made before it.
    this.waiting.delete(key)
    return this.queue(key, () => rm(this.path(key), { force: true }))
  }

  private queue(key: string, write: () => Promise<void>): Promise<void> {
    const next = (this.writes.get(key) ?? Promise.resolve()).then(write)
    this.writes.set(
      key,
      next.catch(() => undefined),
    )
    return next
  }
}
