// Sending one part of an upload: its byte range read in chunks (into buffers used again) that feed
// the PUT body, the part's MD5 (checked against the ETag storage answers) and the file's ordered
// xxh64; retried by reopening the range, with backoff, when that can help.
import { createHash } from 'node:crypto'
import { backoffDelay } from '../frameio/retry'
import { sleep } from '../frameio/sleep'
import { TransferError, vanished } from './errors'
import { type ChunkPool, readRange } from './chunks'
import type { OrderedXxh64 } from './ordered-hash'
import type { Bandwidth } from './limits'
import { putChunks } from './put'

export type PartOutcome = 'retry-part' | 'restart-file' | 'refused'

export class PartFailure extends Error {
  constructor(
    message: string,
    readonly outcome: PartOutcome,
  ) {
    super(message)
  }
}

/** What a storage refusal means for the upload, from its S3 error code. */
function outcomeOf(status: number, code: string): PartOutcome {
  if (status === 404 || code === 'AccessDenied' || code === 'NoSuchUpload') return 'restart-file'
  if (status >= 500 || status === 429) return 'retry-part'
  return 'refused'
}

/** A part's byte range in the local file, and where its bytes go besides storage. */
export interface PartRange {
  name: string
  localPath: string
  /** Offset of the part in the file. */
  start: number
  size: number
  hasher: OrderedXxh64
  /** Where the part's read buffers come from and go back to. */
  pool: ChunkPool
  signal: AbortSignal
}

export interface PartToSend extends PartRange {
  mediaType: string
  index: number
  url: string
  /** Bytes sent (negative when a failed try is rolled back). */
  onBytes: (bytes: number) => void
}

export interface PartOptions {
  up: Bandwidth
  tries: number
  backoffBaseMs: number
}

function chunksOf(part: PartRange, holders: number): AsyncGenerator<Buffer> {
  const { localPath: path, start, size, pool, name } = part
  return readRange({ path, start, size, holders, pool, name })
}

/** Reads a part that storage accepted in an earlier run, only for the whole-file hash. */
export async function hashAcceptedPart(part: PartRange): Promise<void> {
  let at = part.start
  try {
    for await (const chunk of chunksOf(part, 1)) {
      part.signal.throwIfAborted()
      await part.hasher.feed(at, chunk, () => part.pool.release(chunk), part.signal)
      at += chunk.length
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw vanished(part.name, error)
    throw error
  }
}

/**
 * Sends one part, reopening its byte range for each try, and answers its verified ETag. Throws a
 * PartFailure with outcome `restart-file` when storage no longer takes the address, else a
 * TransferError.
 */
export async function sendPart(part: PartToSend, options: PartOptions): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    let sent = 0
    try {
      return await putOnce(part, options.up, (n) => {
        sent += n
        part.onBytes(n)
      })
    } catch (error) {
      part.onBytes(-sent)
      if (part.signal.aborted || error instanceof TransferError) throw error
      const failure = error as PartFailure
      if (failure.outcome === 'restart-file') throw failure
      if (failure.outcome === 'refused') {
        throw new TransferError(
          'refused',
          `Storage refused part ${part.index + 1} of ${part.name}: ${failure.message}`,
          { cause: error },
        )
      }
      if (attempt >= options.tries) {
        throw new TransferError(
          'failed',
          `Part ${part.index + 1} of ${part.name} kept failing: ${failure.message}`,
          { transient: true, cause: error },
        )
      }
      await sleep(
        backoffDelay(attempt, {
          attempts: options.tries,
          baseDelayMs: options.backoffBaseMs,
          maxDelayMs: 30_000,
        }),
        part.signal,
      )
    }
  }
}

async function putOnce(
  part: PartToSend,
  up: Bandwidth,
  onBytes: (bytes: number) => void,
): Promise<string> {
  const { signal, hasher, pool } = part
  const md5 = createHash('md5')
  let answer
  try {
    answer = await putChunks(
      part.url,
      {
        'content-type': part.mediaType,
        'x-amz-acl': 'private',
        'content-length': String(part.size),
      },
      async (write) => {
        let at = part.start
        // Each chunk is held by the request body and by the file hash until both are done with it.
        for await (const chunk of chunksOf(part, 2)) {
          await up.take(chunk.length, signal)
          md5.update(chunk)
          await hasher.feed(at, chunk, () => pool.release(chunk), signal)
          at += chunk.length
          onBytes(chunk.length)
          await write(chunk, () => pool.release(chunk))
        }
      },
      signal,
    )
  } catch (error) {
    if (error instanceof TransferError) throw error
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw vanished(part.name, error)
    if (signal.aborted) throw error
    throw new PartFailure(`connection failed: ${(error as Error).message}`, 'retry-part')
  }
  if (answer.status < 200 || answer.status >= 300) {
    const code = /<Code>([^<]+)<\/Code>/.exec(answer.body)?.[1] ?? ''
    throw new PartFailure(
      `storage answered ${answer.status} ${code}`.trim(),
      outcomeOf(answer.status, code),
    )
  }
  const expected = `"${md5.digest('hex')}"`
  if (answer.etag !== expected)
    throw new PartFailure(
      `ETag ${answer.etag || '(none)'} is not the MD5 of the bytes sent`,
      'retry-part',
    )
  return answer.etag
}
