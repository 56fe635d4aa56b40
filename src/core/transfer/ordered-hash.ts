// The whole file's xxh64 computed in file order from chunks of parts read out of order, holding
// early chunks within limits so that parts read ahead cannot fill the memory.
import { type Xxh64State, xxh64Hex, xxhashApi } from './hashing'

export interface ReorderLimits {
  /** A chunk starting this many bytes or more past the hashed point waits for it, however long. */
  window: number
  /**
   * Bytes of early chunks held at once: a chunk that would go past this waits for the hashed point
   * to move, but for `patienceMs` at most, so that a part kept waiting never sits idle long enough
   * for storage to drop its request.
   */
  budget: number
  patienceMs: number
}

const unlimited: ReorderLimits = {
  window: Number.POSITIVE_INFINITY,
  budget: Number.POSITIVE_INFINITY,
  patienceMs: 0,
}

/**
 * Hashes chunks in file order whatever order they arrive in. Early arrivals wait in a buffer, and
 * their `feed` does not resolve while the limits hold them back. The chunk at the hashed point is
 * always taken, so the part there keeps going. Repeats of bytes already hashed (a retried part) are
 * ignored. `release` is called once the hasher no longer needs the chunk's bytes.
 */
export class OrderedXxh64 {
  private next = 0
  private waitingBytes = 0
  private readonly waiting = new Map<number, { chunk: Buffer; release: () => void }>()
  private readonly blocked = new Set<() => void>()

  private constructor(
    private readonly state: Xxh64State,
    private readonly limits: ReorderLimits,
  ) {}

  static async create(limits: Partial<ReorderLimits> = {}): Promise<OrderedXxh64> {
    return new OrderedXxh64((await xxhashApi()).create64(0n), { ...unlimited, ...limits })
  }

  async feed(
    offset: number,
    chunk: Buffer,
    release: () => void = () => undefined,
    signal?: AbortSignal,
  ): Promise<void> {
    const { window, budget, patienceMs } = this.limits
    const patientUntil = Date.now() + patienceMs
    while (offset > this.next) {
      if (offset - this.next >= window) await this.moved(signal)
      else if (
        this.waitingBytes > 0 &&
        this.waitingBytes + chunk.length > budget &&
        Date.now() < patientUntil
      )
        await this.moved(signal, patientUntil)
      else break
    }
    if (offset + chunk.length <= this.next) return release()
    if (offset > this.next) {
      const replaced = this.waiting.get(offset)
      if (replaced) {
        this.waitingBytes -= replaced.chunk.length
        replaced.release()
      }
      this.waiting.set(offset, { chunk, release })
      this.waitingBytes += chunk.length
      return
    }
    this.state.update(chunk.subarray(this.next - offset))
    this.next = offset + chunk.length
    release()
    for (let queued = this.waiting.get(this.next); queued; queued = this.waiting.get(this.next)) {
      this.waiting.delete(this.next)
      this.waitingBytes -= queued.chunk.length
      this.state.update(queued.chunk)
      this.next += queued.chunk.length
      queued.release()
    }
    for (const wake of this.blocked) wake()
    this.blocked.clear()
  }

  /** Waits until the hashed point moves on, or until `until` (epoch ms); an abort rejects. */
  private moved(signal: AbortSignal | undefined, until?: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const settle = () => {
        clearTimeout(timer)
        this.blocked.delete(wake)
        signal?.removeEventListener('abort', aborted)
      }
      const wake = () => {
        settle()
        resolve()
      }
      const aborted = () => {
        settle()
        reject(signal!.reason as Error)
      }
      const timer = until === undefined ? undefined : setTimeout(wake, until - Date.now())
      if (signal?.aborted) return aborted()
      signal?.addEventListener('abort', aborted, { once: true })
      this.blocked.add(wake)
    })
  }

  /** Bytes hashed so far, in order from the start. */
  get hashedBytes(): number {
    return this.next
  }

  digest(): string {
    return xxh64Hex(this.state.digest())
  }
}
