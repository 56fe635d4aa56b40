// Uploading one local file, verified: a placeholder and its part addresses from Frame.io, parts
// read once and sent in parallel (each part's MD5 checked against the ETag storage answers, the
// whole file's xxh64 computed on the way), upload completion polled, and the remote size compared.
// Sessions are journalled (before the placeholder is asked for, then part by part) so a restart
// resumes; a local file never becomes two remote files, and no placeholder is forgotten.
import { stat } from 'node:fs/promises'
import { type FrameioClient, FrameioError } from '../frameio'
import { sleep } from '../frameio/sleep'
import { withAttempts } from './attempts'
import { ChunkPool } from './chunks'
import { TransferError, vanished } from './errors'
import { readChunkSize } from './hashing'
import type { UploadJournal, UploadSession } from './journal'
import { OrderedXxh64 } from './ordered-hash'
import type { TransferLimits } from './limits'
import type { ProgressHub } from './progress'
import { PartFailure, type PartRange, hashAcceptedPart, sendPart } from './part'

export interface UploadJob {
  /** Journal key: the same local file always gets the same key (root + relative path). */
  key: string
  localPath: string
  accountId: string
  parentId: string
  name: string
  /**
   * The size and mtime the file had when it was found ready. A file that differs when the upload
   * starts changed since (as when it is being saved again): it must settle again, not fail.
   */
  planned?: { size: number; mtimeMs: number }
  signal?: AbortSignal
}

export interface UploadResult {
  fileId: string
  remoteUpdatedAt: string
  size: number
  mtimeMs: number
  xxh64: string
}

export interface UploadDeps {
  client: FrameioClient
  journal: UploadJournal
  limits: TransferLimits
  progress?: ProgressHub
  /** Attempts per file before it becomes a sync issue (the seed's rule: 3). */
  attempts?: number
  partAttempts?: number
  backoffBaseMs?: number
  /** Longest wait for Frame.io to report the upload complete. */
  completionTimeoutMs?: number
}

async function snapshot(path: string, name: string): Promise<{ size: number; mtimeMs: number }> {
  try {
    const info = await stat(path)
    return { size: info.size, mtimeMs: info.mtimeMs }
  } catch (error) {
    throw vanished(name, error)
  }
}

export class Uploader {
  constructor(private readonly deps: UploadDeps) {}

  async upload(job: UploadJob): Promise<UploadResult> {
    return withAttempts(
      `Uploading ${job.name}`,
      {
        attempts: this.deps.attempts ?? 3,
        backoffBaseMs: this.deps.backoffBaseMs ?? 1_000,
        signal: job.signal,
      },
      () => this.attempt(job),
    ).catch(async (error: unknown) => {
      if (!job.signal?.aborted) await this.abandon(job).catch(() => undefined)
      throw error
    })
  }

  /**
   * Deletes the journalled placeholder (or one a lost create left) and forgets the session.
   * Throws if Frame.io could not be told, keeping the journal so the next try cleans up first.
   */
  private async abandon(job: UploadJob): Promise<void> {
    const { client, journal } = this.deps
    const session = await journal.load(job.key)
    if (!session) return
    try {
      if (session.fileId) await client.deleteFile(session.accountId, session.fileId)
      else
        await client.deleteLostPlaceholders(
          session.accountId,
          session.parentId,
          session.name,
          session.size,
          session.startedAt,
        )
    } catch (error) {
      if (!(error instanceof FrameioError && error.kind === 'not-found')) {
        throw new TransferError(
          'failed',
          `The unfinished copy of ${job.name} on Frame.io could not be removed yet; it will be on the next try.`,
          {
            transient: true,
            cause: error,
          },
        )
      }
    }
    await journal.remove(job.key)
  }

  private async session(
    job: UploadJob,
    local: { size: number; mtimeMs: number },
  ): Promise<UploadSession> {
    const { client, journal } = this.deps
    const saved = await journal.load(job.key)
    if (saved?.fileId && saved.size === local.size && saved.mtimeMs === local.mtimeMs) return saved
    if (saved) await this.abandon(job)
    const session: UploadSession = {
      fileId: null,
      accountId: job.accountId,
      parentId: job.parentId,
      name: job.name,
      startedAt: Date.now(),
      size: local.size,
      mtimeMs: local.mtimeMs,
      mediaType: 'application/octet-stream',
      parts: [],
    }
    await journal.save(job.key, session)
    const target = await client.createUpload(
      job.accountId,
      job.parentId,
      job.name,
      local.size,
      job.signal ? { signal: job.signal } : {},
    )
    session.fileId = target.id
    session.mediaType = target.mediaType ?? 'application/octet-stream'
    session.parts = target.uploadUrls.map((part) => ({
      size: part.size,
      url: part.url,
      etag: null,
    }))
    await journal.save(job.key, session)
    const total = session.parts.reduce((sum, part) => sum + part.size, 0)
    if (total !== local.size) {
      await this.abandon(job)
      throw new TransferError(
        'verification-failed',
        `Frame.io gave part sizes adding up to ${total} bytes for a ${local.size}-byte file.`,
      )
    }
    return session
  }

  private async attempt(job: UploadJob): Promise<UploadResult> {
    const before = await snapshot(job.localPath, job.name)
    const { planned } = job
    if (planned && (planned.size !== before.size || planned.mtimeMs !== before.mtimeMs)) {
      throw new TransferError(
        'changed-while-uploading',
        `${job.name} changed after it was found ready; it will be sent once it stops changing.`,
      )
    }
    if (before.size === 0) {
      throw new TransferError(
        'refused',
        `${job.name} is empty, and Frame.io does not take empty files.`,
      )
    }
    const session = await this.session(job, before)
    const widest = Math.max(...session.parts.map((part) => part.size))
    const window = this.deps.limits.settings.partsPerFile * widest
    // Bytes read ahead of the hashed point are held to half of what the parts in flight could hold
    // while the part at that point catches up quickly (as on a fast link), to all of it otherwise.
    const hasher = await OrderedXxh64.create({ window, budget: window / 2, patienceMs: 1_000 })
    const pool = new ChunkPool(Math.min(readChunkSize, widest))
    const tracker = this.deps.progress?.track(job.key, 'upload', before.size)
    // One failed part stops its siblings: nothing of this attempt may write to the journal later.
    const stop = new AbortController()
    const signal = job.signal ? AbortSignal.any([job.signal, stop.signal]) : stop.signal
    const perFile = this.deps.limits.perFile()
    let offset = 0
    let done = 0
    const { name, localPath } = job
    const parts = session.parts.map((part, index) => {
      const start = (offset += part.size) - part.size
      const range: PartRange = { name, localPath, start, size: part.size, hasher, pool, signal }
      return { part, index, range }
    })
    try {
      const outcomes = await Promise.allSettled(
        parts.map(({ part, index, range }) =>
          perFile(() =>
            this.deps.limits.overall(async () => {
              signal.throwIfAborted()
              if (part.etag) {
                await hashAcceptedPart(range)
                tracker?.set((done += part.size))
                return null
              }
              return this.sendPart(job, session, index, range, (n) => tracker?.set((done += n)))
            }),
          )
            // Journalled after the part's slot is free, so a slow disk does not hold up the next.
            .then(async (etag) => {
              if (etag === null) return
              signal.throwIfAborted()
              part.etag = etag
              await this.deps.journal.save(job.key, session)
            })
            .catch((error: unknown) => {
              stop.abort(error)
              throw error
            }),
        ),
      )
      const failed = outcomes.find((outcome) => outcome.status === 'rejected')
      if (failed) {
        const reason: unknown = stop.signal.reason ?? failed.reason
        // Only now that every part has stopped: none of them can write the session back.
        if (reason instanceof TransferError && isRestart(reason.cause)) await this.abandon(job)
        throw reason
      }
      const after = await snapshot(job.localPath, job.name)
      if (
        after.size !== before.size ||
        after.mtimeMs !== before.mtimeMs ||
        hasher.hashedBytes !== before.size
      ) {
        await this.abandon(job)
        throw new TransferError(
          'changed-while-uploading',
          `${job.name} changed while it was uploading; it will be sent again once it stops changing.`,
        )
      }
      const remoteUpdatedAt = await this.awaitCompletion(job, session)
      await this.deps.journal.remove(job.key)
      return {
        fileId: session.fileId!,
        remoteUpdatedAt,
        size: before.size,
        mtimeMs: before.mtimeMs,
        xxh64: hasher.digest(),
      }
    } finally {
      tracker?.finish()
    }
  }

  /**
   * Sends one part; storage refusing the stored addresses means starting the file over, which the
   * caller does once every part has stopped.
   */
  private async sendPart(
    job: UploadJob,
    session: UploadSession,
    index: number,
    range: PartRange,
    onBytes: (bytes: number) => void,
  ): Promise<string> {
    const { url } = session.parts[index]!
    try {
      return await sendPart(
        { ...range, mediaType: session.mediaType, index, url, onBytes },
        {
          up: this.deps.limits.up,
          tries: this.deps.partAttempts ?? 4,
          backoffBaseMs: this.deps.backoffBaseMs ?? 1_000,
        },
      )
    } catch (error) {
      if (
        !(error instanceof PartFailure) ||
        error.outcome !== 'restart-file' ||
        range.signal.aborted
      )
        throw error
      throw new TransferError(
        'refused',
        `Storage no longer accepts the addresses for ${job.name}; it will start over.`,
        {
          transient: true,
          cause: error,
        },
      )
    }
  }

  /**
   * Waits for Frame.io to report the upload complete, then checks the size it holds, and answers
   * the file's updated_at. A failure here means the placeholder is spoilt: it is deleted so the
   * next try starts clean.
   */
  private async awaitCompletion(job: UploadJob, session: UploadSession): Promise<string> {
    const { client } = this.deps
    const signalOpts = job.signal ? { signal: job.signal } : {}
    const deadline = Date.now() + (this.deps.completionTimeoutMs ?? 10 * 60_000)
    const spoilt = async (message: string) => {
      await this.abandon(job)
      return new TransferError('verification-failed', message, { transient: true })
    }
    for (let poll = 1; ; poll++) {
      const status = await client.uploadStatus(session.accountId, session.fileId!, signalOpts)
      if (status.failed) throw await spoilt(`Frame.io reports the upload of ${job.name} as failed.`)
      if (status.complete) break
      if (Date.now() > deadline) throw await spoilt(`Frame.io did not confirm ${job.name} in time.`)
      await sleep(Math.min(5_000, 200 * 2 ** (poll - 1)), job.signal)
    }
    const remote = await client.file(session.accountId, session.fileId!, signalOpts)
    if (remote.size !== session.size)
      throw await spoilt(`Frame.io holds ${remote.size} bytes of ${job.name}, not ${session.size}.`)
    return remote.updatedAt
  }
}

/** Storage no longer takes the session's part addresses: the file starts over. */
function isRestart(cause: unknown): boolean {
  return cause instanceof PartFailure && cause.outcome === 'restart-file'
}
