// Downloading one Frame.io file, verified: a fresh download address each attempt, bytes hashed as
// they are written to a temporary file in the root's state folder (resumed with Range after an
// interruption), the byte count and (where it is a plain MD5) the ETag checked, fsync'd, then moved
// into place in one step that never replaces a different file that appeared there meanwhile.
import { link, mkdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { Got } from 'got'
import type { FrameioClient } from '../frameio'
import { TransferError } from './errors'
import { FileWriter } from './file-writer'
import { StreamHashes, hashFile } from './hashing'
import { withAttempts } from './attempts'
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

/** The ETag of what was fetched, and the hashes of the bytes written for it. */
interface Fetched {
  etag: string
  hashes: StreamHashes
}

/** The MD5 an ETag is, when it is a plain one (a single-part object's). */
function plainMd5Of(etag: string): string | null {
  return /^"([0-9a-f]{32})"$/.exec(etag)?.[1] ?? null
}

/** Hashes the bytes of a temporary file already on disk, with an MD5 if its ETag is one. */
async function hashOnDisk(temp: string, etag: string, signal?: AbortSignal): Promise<Fetched> {
  const hashes = await StreamHashes.create(plainMd5Of(etag) !== null)
  await hashes.updateFromFile(temp, signal)
  return { etag, hashes }
}

async function sizeOf(path: string): Promise<number> {
  return stat(path).then(
    (info) => info.size,
    () => 0,
  )
}

export class Downloader {
  constructor(private readonly deps: DownloadDeps) {}

  async download(job: DownloadJob): Promise<DownloadResult> {
    const temp = tempPathFor(job.rootPath, job.fileId)
    return withAttempts(
      `Downloading ${job.targetPath}`,
      {
        attempts: this.deps.attempts ?? 3,
        backoffBaseMs: this.deps.backoffBaseMs ?? 1_000,
        signal: job.signal,
      },
      () => this.attempt(job, temp),
    ).catch(async (error: unknown) => {
      // A paused download keeps what arrived, to resume; a failed one starts afresh next time.
      if (!job.signal?.aborted) {
        await rm(temp, { force: true })
        await rm(`${temp}.etag`, { force: true })
      }
      throw error
    })
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
    // The ETag of the bytes already in the temporary file, kept beside it across restarts;
    // bytes whose ETag is unknown, or more bytes than the file has, cannot be trusted.
    const etag = await readFile(`${temp}.etag`, 'utf8').catch(() => '')
    let have = await sizeOf(temp)
    if (have > remote.size || (have > 0 && !etag)) {
      await rm(temp, { force: true })
      have = 0
    }
    if (remote.size === 0) await writeFile(temp, '')
    const tracker = this.deps.progress?.track(job.fileId, 'download', remote.size)
    tracker?.set(have)
    let fetched: Fetched
    try {
      fetched =
        have < remote.size || !etag
          ? await this.fetchInto(job, remote.downloadUrl, temp, have, etag, (n) => tracker?.add(n))
          : await hashOnDisk(temp, etag, job.signal)
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
    const hashes = fetched.hashes.digest()
    const plainMd5 = plainMd5Of(fetched.etag)
    if (plainMd5 && plainMd5 !== hashes.md5) {
      await rm(temp, { force: true })
      await rm(`${temp}.etag`, { force: true })
      throw new TransferError(
        'verification-failed',
        `${remote.name} arrived damaged (its MD5 does not match); it will be fetched again.`,
        { transient: true },
      )
    }
    const localMtimeMs = await this.placeFile(temp, job.targetPath, hashes.xxh64, job.signal)
    return {
      size: remote.size,
      xxh64: hashes.xxh64,
      remoteUpdatedAt: remote.updatedAt,
      localMtimeMs,
    }
  }

  /**
   * Appends the missing bytes to the temporary file, hashing them on the way in (after the bytes
   * already there), and answers the object's ETag. Resuming checks the object is still the one
   * whose start is on disk (same ETag), else starts afresh.
   */
  private async fetchInto(
    job: DownloadJob,
    url: string,
    temp: string,
    from: number,
    knownEtag: string,
    onBytes: (n: number) => void,
  ): Promise<Fetched> {
    // A resumed download keeps its object's ETag, so whether an MD5 is wanted is known up front.
    const resumed = from > 0 ? await hashOnDisk(temp, knownEtag, job.signal) : null
    const file = await FileWriter.open(temp, from > 0)
    try {
      const stream = this.deps.http.stream(url, {
        headers: from > 0 ? { range: `bytes=${from}-` } : {},
        ...(job.signal ? { signal: job.signal } : {}),
      })
      let response:
        { statusCode: number; headers: Record<string, string | string[] | undefined> } | undefined
      stream.once('response', (answer: typeof response) => (response = answer))
      let fetched: Fetched | null = null
      /** Judges the answer once its head is in; reading starts at once so no byte is dropped. */
      const check = async (): Promise<Fetched> => {
        const status = response?.statusCode ?? 0
        const etag = String(response?.headers['etag'] ?? '')
        if (status !== 200 && status !== 206) {
          throw new TransferError('failed', `storage answered ${status}`, {
            transient: status !== 403 && status !== 404,
          })
        }
        if (resumed && (status === 200 || etag !== knownEtag)) {
          // The object changed since the start was fetched, or the range was ignored: start over.
          await file.truncate()
          await rm(`${temp}.etag`, { force: true })
          throw new TransferError(
            'failed',
            'the file changed on Frame.io while it was downloading',
            { transient: true },
          )
        }
        if (resumed) return resumed
        await writeFile(`${temp}.etag`, etag)
        return { etag, hashes: await StreamHashes.create(plainMd5Of(etag) !== null) }
      }
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          fetched ??= await check()
          await this.deps.limits.down.take(chunk.length, job.signal)
          fetched.hashes.update(chunk)
          onBytes(chunk.length)
          await file.write(chunk)
        }
        fetched ??= await check()
      } finally {
        // What arrived before a failure is written too, for the next attempt to resume after.
        await file.end()
      }
      await file.sync()
      return fetched!
    } catch (error) {
      if (error instanceof TransferError) throw error
      if ((error as NodeJS.ErrnoException).code === 'ENOSPC') {
        await file.close()
        await rm(temp, { force: true })
        await rm(`${temp}.etag`, { force: true })
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
      await file.close().catch(() => undefined)
    }
  }

  /**
   * Moves the verified file into place without replacing a different one. A hard link fails if
   * something is already there, so on file systems with links no window exists in which another
   * file could be lost. Without links, the target is checked and the file renamed: a file that
   * appears in the instant between the two could still be replaced.
   */
  private async placeFile(
    temp: string,
    target: string,
    xxh64: string,
    signal?: AbortSignal,
  ): Promise<number> {
    await mkdir(dirname(target), { recursive: true })
    const clash = () =>
      new TransferError(
        'target-exists',
        `A different file already exists at ${target}; it was left as it is.`,
      )
    try {
      await link(temp, target)
      await unlink(temp)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'EEXIST') {
        const existing = await hashFile(target, signal)
        await rm(temp, { force: true })
        if (existing !== xxh64) throw clash()
      } else if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EMLINK') {
        if (
          await stat(target).then(
            () => true,
            () => false,
          )
        ) {
          await rm(temp, { force: true })
          throw clash()
        }
        await rename(temp, target)
      } else {
        throw error
      }
    }
    await rm(`${temp}.etag`, { force: true })
    return (await stat(target)).mtimeMs
  }
}
