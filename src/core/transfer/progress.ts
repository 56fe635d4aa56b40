// Progress of transfers for the UI and the CLI: bytes done and total, rate and ETA per transfer
// and overall, told to a listener at most ten times a second.

export interface TransferProgress {
  id: string
  direction: 'upload' | 'download'
  bytesDone: number
  bytesTotal: number
  /** Bytes per second, smoothed. */
  rate: number
  /** Seconds left at that rate, or null while unknown. */
  etaSeconds: number | null
}

export interface ProgressSnapshot {
  transfers: TransferProgress[]
  overall: { bytesDone: number; bytesTotal: number; rate: number; etaSeconds: number | null }
}

const intervalMs = 100

interface Tracked extends TransferProgress {
  lastBytes: number
  lastAt: number
}

export class ProgressHub {
  private readonly active = new Map<string, Tracked>()
  private lastEmit = 0
  private timer: NodeJS.Timeout | null = null

  constructor(
    private readonly listener: (snapshot: ProgressSnapshot) => void,
    private readonly now: () => number = Date.now,
  ) {}

  track(id: string, direction: 'upload' | 'download', bytesTotal: number) {
    const at = this.now()
    this.active.set(id, {
      id,
      direction,
      bytesDone: 0,
      bytesTotal,
      rate: 0,
      etaSeconds: null,
      lastBytes: 0,
      lastAt: at,
    })
    this.schedule()
    return {
      /** Sets how many bytes are done (a retried part may move it back). */
      set: (bytesDone: number) => {
        const entry = this.active.get(id)
        if (!entry) return
        entry.bytesDone = bytesDone
        this.schedule()
      },
      add: (bytes: number) => {
        const entry = this.active.get(id)
        if (!entry) return
        entry.bytesDone += bytes
        this.schedule()
      },
      finish: () => {
        this.active.delete(id)
        this.schedule()
      },
    }
  }

  private schedule(): void {
    if (this.timer) return
    const wait = Math.max(0, this.lastEmit + intervalMs - this.now())
    this.timer = setTimeout(() => {
      this.timer = null
      this.emit()
    }, wait)
    this.timer.unref()
  }

  private emit(): void {
    const now = this.now()
    this.lastEmit = now
    for (const entry of this.active.values()) {
      const seconds = (now - entry.lastAt) / 1000
      if (seconds > 0) {
        const instant = (entry.bytesDone - entry.lastBytes) / seconds
        entry.rate = entry.rate === 0 ? instant : entry.rate * 0.7 + instant * 0.3
        entry.lastBytes = entry.bytesDone
        entry.lastAt = now
      }
      entry.etaSeconds = entry.rate > 0 ? (entry.bytesTotal - entry.bytesDone) / entry.rate : null
    }
    const transfers = [...this.active.values()].map(
      ({ lastBytes: _b, lastAt: _a, ...rest }) => rest,
    )
    const bytesDone = transfers.reduce((sum, t) => sum + t.bytesDone, 0)
    const bytesTotal = transfers.reduce((sum, t) => sum + t.bytesTotal, 0)
    const rate = transfers.reduce((sum, t) => sum + t.rate, 0)
    this.listener({
      transfers,
      overall: {
        bytesDone,
        bytesTotal,
        rate,
        etaSeconds: rate > 0 ? (bytesTotal - bytesDone) / rate : null,
      },
    })
  }
}
