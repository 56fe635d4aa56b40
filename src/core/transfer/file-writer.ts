// Writing a download's temporary file: chunks appended in batches, pushed to disk in the background
// as the file grows, and synced in full at the end, so the final sync has little left to wait for.
import { type FileHandle, open } from 'node:fs/promises'
import { readChunkSize } from './hashing'

/** Bytes written between background syncs. */
const defaultSyncEvery = 64 * 1024 * 1024
/** Bytes queued behind a write in progress before `write` waits for it. */
const queueLimit = 4 * readChunkSize

export class FileWriter {
  private queued: Buffer[] = []
  private queuedBytes = 0
  private writing: Promise<void> | null = null
  private unsynced = 0
  private syncing: Promise<void> | null = null
  private failure: Error | null = null

  private constructor(
    private readonly handle: FileHandle,
    private readonly syncEvery: number,
  ) {}

  /** Opens `path` to append to, or to write afresh; its bytes go to disk every `syncEvery`. */
  static async open(
    path: string,
    append: boolean,
    syncEvery = defaultSyncEvery,
  ): Promise<FileWriter> {
    return new FileWriter(await open(path, append ? 'a' : 'w'), syncEvery)
  }

  /** Queues a chunk; resolves when the writer can take more. Rejects once a write failed. */
  async write(chunk: Buffer): Promise<void> {
    if (this.failure) throw this.failure
    this.queued.push(chunk)
    this.queuedBytes += chunk.length
    this.writing ??= this.writeQueued()
    if (this.queuedBytes >= queueLimit) await this.writing
    if (this.failure) throw this.failure
  }

  /** Chunks that arrived while one write was on its way go to disk together in the next. */
  private async writeQueued(): Promise<void> {
    try {
      while (this.queued.length > 0) {
        let batch = this.queued
        this.queued = []
        this.queuedBytes = 0
        for (let left = byteLength(batch); left > 0;) {
          const { bytesWritten } = await this.handle.writev(batch)
          left -= bytesWritten
          batch = left > 0 ? unwritten(batch, bytesWritten) : []
          this.syncNowAndThen(bytesWritten)
        }
      }
    } catch (error) {
      this.failure ??= error as Error
    } finally {
      this.writing = null
    }
  }

  private syncNowAndThen(written: number): void {
    this.unsynced += written
    if (this.unsynced < this.syncEvery || this.syncing) return
    this.unsynced = 0
    this.syncing = this.handle
      .datasync()
      .catch((error: unknown) => void (this.failure ??= error as Error))
      .finally(() => (this.syncing = null))
  }

  /** Empties the file; only before anything was written through this writer. */
  truncate(): Promise<void> {
    return this.handle.truncate(0)
  }

  /** Writes what is queued (after a failure elsewhere too, so a later attempt can resume). */
  async end(): Promise<void> {
    while (this.writing) await this.writing
    if (this.failure) throw this.failure
  }

  /** Makes every byte written so far durable. */
  async sync(): Promise<void> {
    await this.syncing
    if (this.failure) throw this.failure
    await this.handle.sync()
  }

  async close(): Promise<void> {
    await this.syncing
    await this.handle.close()
  }
}

function byteLength(chunks: Buffer[]): number {
  return chunks.reduce((sum, chunk) => sum + chunk.length, 0)
}

/** What is left of `chunks` after their first `written` bytes. */
function unwritten(chunks: Buffer[], written: number): Buffer[] {
  const left: Buffer[] = []
  for (const chunk of chunks) {
    if (written >= chunk.length) written -= chunk.length
    else {
      left.push(chunk.subarray(written))
      written = 0
    }
  }
  return left
}
