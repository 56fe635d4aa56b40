// Reading a byte range of a local file in chunks, into buffers that are used again: each chunk goes
// back to its pool once everything that holds it (a request body, the file hash) has let it go.
import { open } from 'node:fs/promises'
import { TransferError } from './errors'
import { readChunkSize } from './hashing'

/**
 * Buffers of one size for one transfer. Reusing them keeps a long upload from leaving a trail of
 * garbage buffers behind (memory the process holds until the collector runs, and fresh pages the
 * kernel must zero for every chunk).
 */
export class ChunkPool {
  private readonly spare: Buffer[] = []
  private readonly holders = new WeakMap<ArrayBufferLike, { buffer: Buffer; count: number }>()

  constructor(readonly chunkSize: number = readChunkSize) {}

  /** A buffer that `holders` users will each let go of once, with `release`. */
  take(holders: number): Buffer {
    const buffer = this.spare.pop() ?? Buffer.allocUnsafeSlow(this.chunkSize)
    this.holders.set(buffer.buffer, { buffer, count: holders })
    return buffer
  }

  /** One holder lets go of a chunk (or a part of it); the last one returns its buffer. */
  release(chunk: Buffer): void {
    const held = this.holders.get(chunk.buffer)
    if (!held || --held.count > 0) return
    this.holders.delete(chunk.buffer)
    this.spare.push(held.buffer)
  }
}

export interface RangeToRead {
  path: string
  start: number
  size: number
  /** How many users each chunk has; every one of them calls `pool.release` on it. */
  holders: number
  pool: ChunkPool
  /** Names the file in the error when it is shorter than the range. */
  name: string
}

async function fill(
  handle: Awaited<ReturnType<typeof open>>,
  buffer: Buffer,
  length: number,
  position: number,
  name: string,
): Promise<Buffer> {
  let filled = 0
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled)
    if (bytesRead === 0) {
      throw new TransferError('changed-while-uploading', `${name} got shorter while it was read.`)
    }
    filled += bytesRead
  }
  return buffer.subarray(0, length)
}

/**
 * The range in chunks of `pool.chunkSize` bytes at fixed offsets from its start, so a second read
 * of the range cuts it the same way.
 */
export async function* readRange(range: RangeToRead): AsyncGenerator<Buffer> {
  const { pool, start } = range
  const end = start + range.size
  const handle = await open(range.path, 'r')
  try {
    for (let position = start; position < end;) {
      const length = Math.min(pool.chunkSize, end - position)
      const chunk = await fill(handle, pool.take(range.holders), length, position, range.name)
      position += length
      yield chunk
    }
  } finally {
    await handle.close().catch(() => undefined)
  }
}
