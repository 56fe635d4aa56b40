// Sending one part of an upload: its byte range read in chunks that feed the PUT body, the part's
// MD5 (checked against the ETag storage answers) and the file's ordered xxh64; retried by
// reopening the range, with backoff, when that can help.
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { Transform } from 'node:stream'
import { backoffDelay } from '../frameio/retry'
import { sleep } from '../frameio/sleep'
import { TransferError, vanished } from './errors'
import { type OrderedXxh64, readChunkSize } from './hashing'
import type { Bandwidth } from './limits'
import { putStream } from './put'

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

export interface PartToSend {
  name: string
  localPath: string
  mediaType: string
  index: number
  /** Offset of the part in the file. */
  start: number
  size: number
  url: string
  hasher: OrderedXxh64
  signal: AbortSignal
  /** Bytes sent (negative when a failed try is rolled back). */
  onBytes: (bytes: number) => void
}

export interface PartOptions {
  up: Bandwidth
  tries: number
  backoffBaseMs: number
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
  const { signal, hasher, start } = part
  const md5 = createHash('md5')
  let read = 0
  const meter = new Transform({
    // Room for a few chunks each way, so reading the next chunk overlaps sending the last one.
    highWaterMark: 4 * readChunkSize,
    async transform(chunk: Buffer, _encoding, done) {
      try {
        await up.take(chunk.length, signal)
        md5.update(chunk)
        await hasher.feed(start + read, chunk)
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
              `${part.name} changed size while it was uploading.`,
            ),
      )
    },
  })
  const file = createReadStream(part.localPath, {
    start,
    end: start + part.size - 1,
    highWaterMark: readChunkSize,
  })
  let answer
  try {
    answer = await putStream(
      part.url,
      [file, meter],
      {
        'content-type': part.mediaType,
        'x-amz-acl': 'private',
        'content-length': String(part.size),
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
