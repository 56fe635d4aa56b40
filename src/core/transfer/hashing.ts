// Content hashes of synced files: xxh64 (seed 0, 16 lowercase hex) of the whole file for the
// index, read from disk in one pass or computed in file order from parts read out of order.
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import xxhash from 'xxhash-wasm'

type Hasher = Awaited<ReturnType<typeof xxhash>>
let loaded: Promise<Hasher> | null = null

/** Files are read in chunks of this size everywhere in the transfer layer. */
export const readChunkSize = 1024 * 1024

export function xxhashApi(): Promise<Hasher> {
  loaded ??= xxhash()
  return loaded
}

/** 16 lowercase hex digits, as the index and the legacy API write xxh64. */
export function xxh64Hex(value: bigint): string {
  return value.toString(16).padStart(16, '0')
}

async function forEachChunk(
  path: string,
  signal: AbortSignal | undefined,
  use: (chunk: Buffer) => void,
): Promise<void> {
  for await (const chunk of createReadStream(path, {
    highWaterMark: readChunkSize,
    ...(signal ? { signal } : {}),
  })) {
    use(chunk as Buffer)
  }
}

/** xxh64 of a whole file on disk. */
export async function hashFile(path: string, signal?: AbortSignal): Promise<string> {
  const xxh = (await xxhashApi()).create64(0n)
  await forEachChunk(path, signal, (chunk) => xxh.update(chunk))
  return xxh64Hex(xxh.digest())
}

/** xxh64 and MD5 (hex) of a whole file on disk, in one read. */
export async function hashFileWithMd5(
  path: string,
  signal?: AbortSignal,
): Promise<{ md5: string; xxh64: string }> {
  const md5 = createHash('md5')
  const xxh = (await xxhashApi()).create64(0n)
  await forEachChunk(path, signal, (chunk) => {
    md5.update(chunk)
    xxh.update(chunk)
  })
  return { md5: md5.digest('hex'), xxh64: xxh64Hex(xxh.digest()) }
}

/**
 * Hashes chunks in file order whatever order they arrive in. Early arrivals wait in a buffer, and
 * a chunk more than `window` bytes ahead of the hashed point waits (its `feed` does not resolve)
 * until the point comes closer, so the buffer never holds more than `window` bytes. Repeats of
 * bytes already hashed (a retried part) are ignored.
 */
export class OrderedXxh64 {
  private next = 0
  private readonly waiting = new Map<number, Buffer>()
  private readonly blocked: Array<{ offset: number; wake: () => void }> = []

  private constructor(
    private readonly state: ReturnType<Hasher['create64']>,
    private readonly window: number,
  ) {}

  static async create(window = Number.POSITIVE_INFINITY): Promise<OrderedXxh64> {
    return new OrderedXxh64((await xxhashApi()).create64(0n), window)
  }

  async feed(offset: number, chunk: Buffer): Promise<void> {
    while (offset - this.next >= this.window) {
      await new Promise<void>((wake) => this.blocked.push({ offset, wake }))
    }
    if (offset + chunk.length <= this.next) return
    if (offset > this.next) {
      this.waiting.set(offset, chunk)
      return
    }
    this.state.update(chunk.subarray(this.next - offset))
    this.next = offset + chunk.length
    for (let queued = this.waiting.get(this.next); queued; queued = this.waiting.get(this.next)) {
      this.waiting.delete(this.next)
      this.state.update(queued)
      this.next += queued.length
    }
    for (const waiter of this.blocked.splice(0)) waiter.wake()
  }

  /** Bytes hashed so far, in order from the start. */
  get hashedBytes(): number {
    return this.next
  }

  digest(): string {
    return xxh64Hex(this.state.digest())
  }
}
