// What all transfers share: a cap on parts in flight across files, and bandwidth limits up and
// down (bytes per second, 0 = unlimited), each a token bucket with one second of burst.
import pLimit, { type LimitFunction } from 'p-limit'
import { sleep } from '../frameio/sleep'

export class Bandwidth {
  private tokens: number
  private at = Date.now()

  constructor(private bytesPerSecond: number) {
    this.tokens = bytesPerSecond
  }

  /** Changes the limit from now on (0 = unlimited); transfers in flight follow it at once. */
  setRate(bytesPerSecond: number): void {
    this.bytesPerSecond = bytesPerSecond
    this.tokens = Math.min(this.tokens, bytesPerSecond)
  }

  /** Waits until `bytes` may go; a chunk larger than a second's worth goes into debt. */
  async take(bytes: number, signal?: AbortSignal): Promise<void> {
    if (this.bytesPerSecond <= 0) return
    const now = Date.now()
    this.tokens = Math.min(
      this.bytesPerSecond,
      this.tokens + ((now - this.at) / 1000) * this.bytesPerSecond,
    )
    this.at = now
    this.tokens -= bytes
    if (this.tokens < 0) await sleep((-this.tokens / this.bytesPerSecond) * 1000, signal)
  }
}

export interface TransferSettings {
  /** Parts of one file in flight at once. */
  partsPerFile: number
  /** Parts in flight across all files. */
  partsOverall: number
  uploadBytesPerSecond: number
  downloadBytesPerSecond: number
}

export const defaultTransferSettings: TransferSettings = {
  partsPerFile: 4,
  partsOverall: 8,
  uploadBytesPerSecond: 0,
  downloadBytesPerSecond: 0,
}

export class TransferLimits {
  readonly overall: LimitFunction
  readonly up: Bandwidth
  readonly down: Bandwidth

  constructor(readonly settings: TransferSettings = defaultTransferSettings) {
    this.overall = pLimit(settings.partsOverall)
    this.up = new Bandwidth(settings.uploadBytesPerSecond)
    this.down = new Bandwidth(settings.downloadBytesPerSecond)
  }

  /** New bandwidth limits from the settings; the part caps apply to files started later. */
  setBandwidth(up: number, down: number): void {
    this.up.setRate(up)
    this.down.setRate(down)
  }

  /** A fresh per-file cap, for one file's parts; each part also goes through `overall`. */
  perFile(): LimitFunction {
    return pLimit(this.settings.partsPerFile)
  }
}
