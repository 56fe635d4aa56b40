// Whether Frame.io can be reached: the OS's view (Electron's net.isOnline()) looked at on a timer,
// more often with backoff while offline, and a probe of the API before believing it is back.
import { type RetryPolicy, backoffDelay } from '../core/frameio/retry'

export interface NetworkWatchOptions {
  /** The OS's view: false means surely offline, true only that a network is up. */
  isOnline: () => boolean
  /** Resolves true when the API answers at all; a rejection counts as unreachable. */
  probe: () => Promise<boolean>
  onChange: (online: boolean) => void
  /** How often to look while online. */
  everyMs?: number
  /** How soon to look again while offline (attempts is ignored: it tries until stopped). */
  backoff?: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>
  random?: () => number
}

const defaultBackoff = { baseDelayMs: 2_000, maxDelayMs: 60_000 }

export class NetworkWatch {
  private isOnlineNow = true
  private failures = 0
  private timer: NodeJS.Timeout | null = null
  private probing: Promise<void> | null = null
  private stopped = false

  constructor(private readonly options: NetworkWatchOptions) {}

  get online(): boolean {
    return this.isOnlineNow
  }

  /** Looks now, probing the API, then keeps looking on the timer. */
  start(): Promise<void> {
    return this.check(true)
  }

  /**
   * Looks now. With `probe` the API must answer even if the OS sees a network (after a wake the
   * network may be up before the connection to Frame.io is).
   */
  check(probe: boolean): Promise<void> {
    if (this.stopped) return Promise.resolve()
    if (this.probing) return this.probing
    if (!this.options.isOnline()) {
      this.settle(false)
      return Promise.resolve()
    }
    if (this.isOnlineNow && !probe) {
      this.settle(true)
      return Promise.resolve()
    }
    this.probing = this.probe().finally(() => {
      this.probing = null
    })
    return this.probing
  }

  stop(): void {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  private async probe(): Promise<void> {
    let answered: boolean
    try {
      answered = await this.options.probe()
    } catch {
      answered = false
    }
    if (!this.stopped) this.settle(answered)
  }

  private settle(online: boolean): void {
    this.failures = online ? 0 : this.failures + 1
    const changed = online !== this.isOnlineNow
    this.isOnlineNow = online
    if (this.timer) clearTimeout(this.timer)
    const policy = {
      attempts: Number.POSITIVE_INFINITY,
      ...(this.options.backoff ?? defaultBackoff),
    }
    const wait = online
      ? (this.options.everyMs ?? 30_000)
      : backoffDelay(this.failures, policy, this.options.random)
    this.timer = setTimeout(() => void this.check(!online), wait)
    this.timer.unref()
    if (changed) this.options.onChange(online)
  }
}
