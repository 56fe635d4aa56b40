// Content hashes of synced files: xxh64 (seed 0, 16 lowercase hex) of the whole file for the
// index, computed in file order even when parts are read out of order and in parallel.
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
