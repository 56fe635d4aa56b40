// Downloading one Frame.io file, verified: a fresh download address each attempt, bytes written to
// a temporary file in the root's state folder (resumed with Range after an interruption), the byte
// count and (where it is a plain MD5) the ETag checked, fsync'd, then moved into place in one step
// that never replaces a different file that appeared there meanwhile.
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { link, mkdir, open, readFile, rename, rm, stat, unlink } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { Got } from 'got'
import { type FrameioClient, FrameioError } from '../frameio'
import { backoffDelay } from '../frameio/retry'
import { sleep } from '../frameio/sleep'
import { TransferError } from './errors'
import { xxh64Hex, xxhashApi } from './hashing'
import type { TransferLimits } from './limits'
import type { ProgressHub } from './progress'

export interface DownloadJob {
  accountId: string
  fileId: string
  /** The synced root; temporary files live in its hidden state folder. */
  rootPath: string
  /** Where the file goes, inside the root. */
  targetPath: string
  signal?: AbortSignal
}

export interface DownloadResult {
  size: number
  xxh64: string
  remoteUpdatedAt: string
  localMtimeMs: number
}

export interface DownloadDeps {
  client: FrameioClient
  http: Got
  limits: TransferLimits
  progress?: ProgressHub
  attempts?: number
  backoffBaseMs?: number
}

export const stateFolderName = '.frameio-sync'

export function tempPathFor(rootPath: string, fileId: string): string {
  return join(rootPath, stateFolderName, 'tmp', `${fileId}.download`)
}

async function sizeOf(path: string): Promise<number> {
  return stat(path).then(
    (info) => info.size,
    () => 0,
  )
}

async function hashesOf(path: string): Promise<{ md5: string; xxh64: string }> {
  const md5 = createHash('md5')
  const xxh = (await xxhashApi()).create64(0n)
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    md5.update(chunk as Buffer)
    xxh.update(chunk as Buffer)
  }
  return { md5: md5.digest('hex'), xxh64: xxh64Hex(xxh.digest()) }
}

export class Downloader {
  constructor(private readonly deps: DownloadDeps) {}

  async download(job: DownloadJob): Promise<DownloadResult> {
    const attempts = this.deps.attempts ?? 3
    const temp = tempPathFor(job.rootPath, job.fileId)
    let lastError: unknown
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        return await this.attempt(job, temp)
      } catch (error) {
        lastError = error
        const transient =
          error instanceof TransferError
            ? error.transient
            : error instanceof FrameioError
              ? ['server', 'network', 'rate-limited'].includes(error.kind)
              : true
        if (job.signal?.aborted || !transient || attempt === attempts) break
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
    // Keep a partial download only to resume a cancelled one; a failed one starts afresh.
    if (!job.signal?.aborted) await rm(temp, { force: true })
    if (lastError instanceof TransferError) throw lastError
    const reason = lastError instanceof Error ? lastError.message : String(lastError)
    throw new TransferError(
      'failed',
      `${job.targetPath} could not be downloaded after ${attempts} attempts: ${reason}`,
      { transient: true, cause: lastError },
    )
  }

  private async attempt(job: DownloadJob, temp: string): Promise<DownloadResult> {
    const signalOpts = job.signal ? { signal: job.signal } : {}
    const remote = await this.deps.client.file(job.accountId, job.fileId, signalOpts)
    if (!remote.downloadUrl) {
      throw new TransferError('not-ready', `${remote.name} is not ready to download yet.`, {
        transient: true,
      })
    }
    await mkdir(dirname(temp), { recursive: true })
    let have = await sizeOf(temp)
    if (have > remote.size) {
      await rm(temp, { force: true })
      have = 0
    }
    const tracker = this.deps.progress?.track(job.fileId, 'download', remote.size)
    tracker?.set(have)
    let etag = ''
    try {
      if (have < remote.size)
        etag = await this.fetchInto(job, remote.downloadUrl, temp, have, (n) => tracker?.add(n))
    } finally {
      tracker?.finish()
    }
    const written = await sizeOf(temp)
    if (written !== remote.size) {
      throw new TransferError(
        'verification-failed',
        `Got ${written} of ${remote.size} bytes of ${remote.name}.`,
        { transient: true },
      )
    }
    const hashes = await hashesOf(temp)
    const plainMd5 = /^"([0-9a-f]{32})"$/.exec(etag)?.[1]
    if (plainMd5 && plainMd5 !== hashes.md5) {
      await rm(temp, { force: true })
      throw new TransferError(
        'verification-failed',
        `${remote.name} arrived damaged (its MD5 does not match); it will be fetched again.`,
        { transient: true },
      )
    }
    const localMtimeMs = await this.placeFile(temp, job.targetPath, hashes.xxh64)
    return {
      size: remote.size,
      xxh64: hashes.xxh64,
      remoteUpdatedAt: remote.updatedAt,
      localMtimeMs,
    }
  }

  /** Appends the missing bytes to the temporary file; answers the object's ETag. */
  private async fetchInto(
    job: DownloadJob,
    url: string,
    temp: string,
    from: number,
    onBytes: (n: number) => void,
  ): Promise<string> {
    const handle = await open(temp, from > 0 ? 'a' : 'w')
    let etag = ''
    try {
      const stream = this.deps.http.stream(url, {
        headers: from > 0 ? { range: `bytes=${from}-` } : {},
        ...(job.signal ? { signal: job.signal } : {}),
      })
      let checked = false
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        if (!checked) {
          checked = true
          const response = (
            stream as unknown as {
              response?: { statusCode: number; headers: Record<string, string> }
            }
          ).response
          const status = response?.statusCode ?? 0
          etag = response?.headers['etag'] ?? ''
          if (from > 0 && status === 200) {
            await handle.truncate(0)
            from = 0
          } else if (status !== 200 && status !== 206) {
            throw new TransferError('failed', `storage answered ${status}`, {
              transient: status !== 403 && status !== 404,
            })
          }
        }
        await this.deps.limits.down.take(chunk.length, job.signal)
        await handle.write(chunk)
        onBytes(chunk.length)
      }
      await handle.sync()
    } catch (error) {
      if (error instanceof TransferError) throw error
      if ((error as NodeJS.ErrnoException).code === 'ENOSPC') {
        await handle.close()
        await rm(temp, { force: true })
        throw new TransferError(
          'disk-full',
          `The disk is full: ${job.targetPath} could not be written. Nothing was changed.`,
          { cause: error },
        )
      }
      throw new TransferError(
        'failed',
        `the download was interrupted: ${(error as Error).message}`,
        { transient: true, cause: error },
      )
    } finally {
      await handle.close().catch(() => undefined)
    }
    return etag
  }

  /**
   * Moves the verified file into place without ever replacing a different one: a hard link fails
   * if something is already there, so no window exists in which another file could be lost.
   */
  private async placeFile(temp: string, target: string, xxh64: string): Promise<number> {
    await mkdir(dirname(target), { recursive: true })
    try {
      await link(temp, target)
      await unlink(temp)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'EEXIST') {
        const existing = await hashesOf(target)
        await rm(temp, { force: true })
        if (existing.xxh64 !== xxh64) {
          throw new TransferError(
            'target-exists',
            `A different file already exists at ${target}; it was left as it is.`,
          )
        }
      } else if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV' || code === 'EMLINK') {
        // No hard links on this file system: check, then rename (the same folder, so atomic).
        if (
          (await sizeOf(target)) > 0 ||
          (await readFile(target).then(
            () => true,
            () => false,
          ))
        ) {
          await rm(temp, { force: true })
          throw new TransferError(
            'target-exists',
            `A different file already exists at ${target}; it was left as it is.`,
          )
        }
        await rename(temp, target)
      } else {
        throw error
      }
    }
    return (await stat(target)).mtimeMs
  }
}
