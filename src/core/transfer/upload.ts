// Uploading one local file, verified: a placeholder and its part addresses from Frame.io, parts
// read once and sent in parallel (each part's MD5 checked against the ETag storage answers, the
// whole file's xxh64 computed on the way), upload completion polled, and the remote size compared.
// Sessions are journalled part by part so a restart resumes; a file is never left as two remote
// files or as an unreported placeholder.
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { Transform } from 'node:stream'
import { type FrameioClient, FrameioError } from '../frameio'
import { sleep } from '../frameio/sleep'
import { backoffDelay } from '../frameio/retry'
import { TransferError } from './errors'
import { OrderedXxh64 } from './hashing'
import type { UploadJournal, UploadSession } from './journal'
import type { TransferLimits } from './limits'
import type { ProgressHub } from './progress'
import { putStream } from './put'

export interface UploadJob {
  /** Journal key: the same local file always gets the same key (root + relative path). */
  key: string
  localPath: string
  accountId: string
  parentId: string
  name: string
  signal?: AbortSignal
}

export interface UploadResult {
  fileId: string
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

const chunkSize = 1024 * 1024

class PartFailure extends Error {
  constructor(
    message: string,
    readonly kind: 'retry-part' | 'restart-file' | 'refused',
  ) {
    super(message)
  }
}

async function snapshot(path: string): Promise<{ size: number; mtimeMs: number }> {
  try {
    const info = await stat(path)
    return { size: info.size, mtimeMs: info.mtimeMs }
  } catch (error) {
    throw new TransferError(
      'vanished',
      `${path} is gone: it was deleted or moved before it finished uploading.`,
      { cause: error },
    )
  }
}

function s3Code(body: string): string {
  return /<Code>([^<]+)<\/Code>/.exec(body)?.[1] ?? ''
}

export class Uploader {
  constructor(private readonly deps: UploadDeps) {}

  async upload(job: UploadJob): Promise<UploadResult> {
    const attempts = this.deps.attempts ?? 3
    let lastError: unknown
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        return await this.attempt(job)
      } catch (error) {
        lastError = error
        if (job.signal?.aborted || !this.isTransient(error) || attempt === attempts) break
        await sleep(
          backoffDelay(attempt, {
            attempts,
            baseDelayMs: this.deps.backoffBaseMs ?? 1_000,
            maxDelayMs: 30_000,
          }),
          job.signal,
        )
      }
    }
    if (!job.signal?.aborted) await this.abandon(job)
    if (lastError instanceof TransferError) throw lastError
    const reason = lastError instanceof Error ? lastError.message : String(lastError)
    throw new TransferError(
      'failed',
      `${job.name} could not be uploaded after ${attempts} attempts: ${reason}`,
      { transient: true, cause: lastError },
    )
  }

  private isTransient(error: unknown): boolean {
    if (error instanceof TransferError) return error.transient
    if (error instanceof FrameioError)
      return ['server', 'network', 'rate-limited', 'unexpected-response'].includes(error.kind)
    return error instanceof PartFailure && error.kind !== 'refused'
  }

  /** Gives up on a file: deletes its placeholder; keeps the journal if that fails, to retry it. */
  private async abandon(job: UploadJob): Promise<void> {
    const session = await this.deps.journal.load(job.key)
    if (!session) return
    try {
      await this.deps.client.deleteFile(session.accountId, session.fileId)
    } catch (error) {
      if (!(error instanceof FrameioError && error.kind === 'not-found')) return
    }
    await this.deps.journal.remove(job.key)
  }

  private async session(
    job: UploadJob,
    local: { size: number; mtimeMs: number },
  ): Promise<UploadSession> {
    const { client, journal } = this.deps
    const saved = await journal.load(job.key)
    if (saved && saved.size === local.size && saved.mtimeMs === local.mtimeMs) return saved
    if (saved) await this.abandon(job)
    const target = await client.createUpload(
      job.accountId,
      job.parentId,
      job.name,
      local.size,
      job.signal ? { signal: job.signal } : {},
    )
    const total = target.uploadUrls.reduce((sum, part) => sum + part.size, 0)
    if (total !== local.size) {
      await client.deleteFile(job.accountId, target.id).catch(() => undefined)
      throw new TransferError(
        'verification-failed',
        `Frame.io gave part sizes adding up to ${total} bytes for a ${local.size}-byte file.`,
      )
    }
    const session: UploadSession = {
      fileId: target.id,
      accountId: job.accountId,
      size: local.size,
      mtimeMs: local.mtimeMs,
      mediaType: target.mediaType ?? 'application/octet-stream',
      parts: target.uploadUrls.map((part) => ({ size: part.size, url: part.url, etag: null })),
    }
    await journal.save(job.key, session)
    return session
  }

  private async attempt(job: UploadJob): Promise<UploadResult> {
    const before = await snapshot(job.localPath)
    const session = await this.session(job, before)
    const hasher = await OrderedXxh64.create()
    const tracker = this.deps.progress?.track(job.key, 'upload', before.size)
    const perFile = this.deps.limits.perFile()
    let offset = 0
    const parts = session.parts.map((part, index) => {
      const start = offset
      offset += part.size
      return { part, index, start }
    })
    let done = 0
    try {
      await Promise.all(
        parts.map(({ part, index, start }) =>
          perFile(() =>
            this.deps.limits.overall(async () => {
              if (part.etag) await this.hashOnly(job, hasher, start, part.size)
              else {
                part.etag = await this.sendPart(job, session, index, start, hasher, (n) =>
                  tracker?.set((done += n)),
                )
                await this.deps.journal.save(job.key, session)
              }
            }),
          ),
        ),
      )
      const after = await snapshot(job.localPath)
      if (
        after.size !== before.size ||
        after.mtimeMs !== before.mtimeMs ||
        hasher.hashedBytes !== before.size
      ) {
        await this.abandon(job)
        throw new TransferError(
          'changed-while-uploading',
          `${job.name} changed while it was uploading; it will be sent again once it stops changing.`,
          { transient: false },
        )
      }
      await this.awaitCompletion(job, session)
      await this.deps.journal.remove(job.key)
      return {
        fileId: session.fileId,
        size: before.size,
        mtimeMs: before.mtimeMs,
        xxh64: hasher.digest(),
      }
    } finally {
      tracker?.finish()
    }
  }

  /** Reads a part that was accepted in an earlier run, only for the whole-file hash. */
  private async hashOnly(
    job: UploadJob,
    hasher: OrderedXxh64,
    start: number,
    size: number,
  ): Promise<void> {
    let at = start
    for await (const chunk of createReadStream(job.localPath, {
      start,
      end: start + size - 1,
      highWaterMark: chunkSize,
    })) {
      hasher.feed(at, chunk as Buffer)
      at += (chunk as Buffer).length
    }
  }

  /** Sends one part, reopening its byte range for each try; answers its verified ETag. */
  private async sendPart(
    job: UploadJob,
    session: UploadSession,
    index: number,
    start: number,
    hasher: OrderedXxh64,
    onBytes: (bytes: number) => void,
  ): Promise<string> {
    const part = session.parts[index]!
    const tries = this.deps.partAttempts ?? 4
    for (let attempt = 1; ; attempt++) {
      let sent = 0
      try {
        return await this.putOnce(job, session.mediaType, part, start, hasher, (n) => {
          sent += n
          onBytes(n)
        })
      } catch (error) {
        onBytes(-sent)
        if (job.signal?.aborted) throw error
        if (error instanceof PartFailure && error.kind === 'restart-file') {
          await this.abandon(job)
          throw new TransferError(
            'refused',
            `Storage no longer accepts the addresses for ${job.name}; it will start over.`,
            { transient: true, cause: error },
          )
        }
        if (error instanceof PartFailure && error.kind === 'refused') {
          throw new TransferError(
            'refused',
            `Storage refused part ${index + 1} of ${job.name}: ${error.message}`,
            { cause: error },
          )
        }
        if (error instanceof TransferError || attempt >= tries) throw error
        await sleep(
          backoffDelay(attempt, {
            attempts: tries,
            baseDelayMs: this.deps.backoffBaseMs ?? 1_000,
            maxDelayMs: 30_000,
          }),
          job.signal,
        )
      }
    }
  }

  private async putOnce(
    job: UploadJob,
    mediaType: string,
    part: { size: number; url: string },
    start: number,
    hasher: OrderedXxh64,
    onBytes: (bytes: number) => void,
  ): Promise<string> {
    const md5 = createHash('md5')
    let read = 0
    const { up } = this.deps.limits
    const signal = job.signal
    const meter = new Transform({
      async transform(chunk: Buffer, _encoding, done) {
        try {
          await up.take(chunk.length, signal)
          md5.update(chunk)
          hasher.feed(start + read, chunk)
          read += chunk.length
          onBytes(chunk.length)
          done(null, chunk)
        } catch (error) {
          done(error as Error)
        }
      },
      flush(done) {
        done(
          read === part.size
            ? null
            : new TransferError(
                'changed-while-uploading',
                `${job.name} changed size while it was uploading.`,
              ),
        )
      },
    })
    const body = createReadStream(job.localPath, {
      start,
      end: start + part.size - 1,
      highWaterMark: chunkSize,
    }).pipe(meter)
    let answer
    try {
      answer = await putStream(
        part.url,
        body,
        { 'content-type': mediaType, 'x-amz-acl': 'private', 'content-length': String(part.size) },
        signal,
      )
    } catch (error) {
      if (error instanceof TransferError) throw error
      throw new PartFailure(`connection failed: ${(error as Error).message}`, 'retry-part')
    }
    const { status } = answer
    if (status === 403) {
      const code = s3Code(answer.body)
      throw new PartFailure(
        code || 'AccessDenied',
        code === 'AccessDenied' ? 'restart-file' : 'refused',
      )
    }
    if (status >= 500 || status === 429)
      throw new PartFailure(`storage answered ${status}`, 'retry-part')
    if (status < 200 || status >= 300)
      throw new PartFailure(`storage answered ${status}`, 'refused')
    const expected = `"${md5.digest('hex')}"`
    const etag = answer.etag
    if (etag !== expected)
      throw new PartFailure(
        `ETag ${etag || '(none)'} is not the MD5 of the bytes sent`,
        'retry-part',
      )
    return etag
  }

  /** Waits for Frame.io to report the upload complete, then checks the size it holds. */
  private async awaitCompletion(job: UploadJob, session: UploadSession): Promise<void> {
    const { client } = this.deps
    const signalOpts = job.signal ? { signal: job.signal } : {}
    const deadline = Date.now() + (this.deps.completionTimeoutMs ?? 10 * 60_000)
    for (let poll = 1; ; poll++) {
      const status = await client.uploadStatus(session.accountId, session.fileId, signalOpts)
      if (status.failed)
        throw new TransferError(
          'verification-failed',
          `Frame.io reports the upload of ${job.name} as failed.`,
          { transient: true },
        )
      if (status.complete) break
      if (Date.now() > deadline)
        throw new TransferError(
          'verification-failed',
          `Frame.io did not confirm ${job.name} in time.`,
          { transient: true },
        )
      await sleep(Math.min(5_000, 200 * 2 ** (poll - 1)), job.signal)
    }
    const remote = await client.file(session.accountId, session.fileId, signalOpts)
    if (remote.size !== session.size) {
      throw new TransferError(
        'verification-failed',
        `Frame.io holds ${remote.size} bytes of ${job.name}, not ${session.size}.`,
        { transient: true },
      )
    }
  }
}
