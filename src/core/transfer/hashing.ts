// Content hashes of synced files: xxh64 (seed 0, 16 lowercase hex) of the whole file for the
// index, computed in file order even when parts are read out of order and in parallel.
import xxhash from 'xxhash-wasm'

type Hasher = Awaited<ReturnType<typeof xxhash>>
let loaded: Promise<Hasher> | null = null

export function xxhashApi(): Promise<Hasher> {
  loaded ??= xxhash()
  return loaded
}

/** 16 lowercase hex digits, as the index and the legacy API write xxh64. */
export function xxh64Hex(value: bigint): string {
  return value.toString(16).padStart(16, '0')
}

/**
 * Hashes chunks in file order whatever order they arrive in: early arrivals wait in a buffer
 * (bounded by the parts in flight), repeats of bytes already hashed (a retried part) are ignored.
 */
export class OrderedXxh64 {
  private next = 0
  private readonly waiting = new Map<number, Buffer>()

  private constructor(private readonly state: ReturnType<Hasher['create64']>) {}

  static async create(): Promise<OrderedXxh64> {
    return new OrderedXxh64((await xxhashApi()).create64(0n))
  }

  feed(offset: number, chunk: Buffer): void {
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
  }

  /** Bytes hashed so far, in order from the start. */
  get hashedBytes(): number {
    return this.next
  }

  digest(): string {
    return xxh64Hex(this.state.digest())
  }
}
