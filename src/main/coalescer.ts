// Gathers items until things stay quiet, then hands them over in one go, never more often than a
// minimum gap: whatever arrives meanwhile goes into the next delivery.
export interface CoalescerOptions<T> {
  /** How long no new item may arrive before a delivery. */
  quietMs: number
  /** Fewest milliseconds between two deliveries. */
  minGapMs: number
  /** While this says the work is still going on, wait on, up to `maxWaitMs` after the first item. */
  busy?: (items: readonly T[]) => boolean
  maxWaitMs?: number
  deliver: (items: T[]) => void
}

export class Coalescer<T> {
  private items: T[] = []
  private firstAt = 0
  private lastDeliveredAt = Number.NEGATIVE_INFINITY
  private timer: NodeJS.Timeout | null = null

  constructor(private readonly options: CoalescerOptions<T>) {}

  add(items: readonly T[]): void {
    if (items.length === 0) return
    if (this.items.length === 0) this.firstAt = Date.now()
    this.items.push(...items)
    this.wakeIn(this.options.quietMs)
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.items = []
  }

  private wakeIn(ms: number): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => this.due(), ms)
    this.timer.unref()
  }

  private due(): void {
    this.timer = null
    const { busy, maxWaitMs = Number.POSITIVE_INFINITY, minGapMs, quietMs } = this.options
    const now = Date.now()
    if (busy?.(this.items) && now - this.firstAt < maxWaitMs) return this.wakeIn(quietMs)
    const gapLeft = this.lastDeliveredAt + minGapMs - now
    if (gapLeft > 0) return this.wakeIn(gapLeft)
    const items = this.items
    this.items = []
    this.lastDeliveredAt = now
    this.options.deliver(items)
  }
}
