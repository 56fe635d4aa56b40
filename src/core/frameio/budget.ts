// The client-side rate budget: one leaky bucket per endpoint, mirroring the service's, started
// from the documented limits and corrected by every x-ratelimit-* answer, so that normal use waits
// a little instead of meeting 429. Callers of one endpoint queue in order, one timer at a time.
import { abortable } from './sleep'

export type Operation =
  | 'users.show'
  | 'accounts.index'
  | 'workspaces.index'
  | 'projects.index'
  | 'projects.show'
  | 'folders.index'
  | 'folders.show'
  | 'files.list'
  | 'folders.list'
  | 'files.show'
  | 'files.show_file_upload_status'
  | 'folders.create'
  | 'files.create_local_upload'
  | 'files.update'
  | 'files.move'
  | 'files.delete'
  | 'folders.update'
  | 'folders.move'
  | 'folders.delete'

export interface Limit {
  limit: number
  windowMs: number
}

const perMinute = (limit: number): Limit => ({ limit, windowMs: 60_000 })
const perSecond = (limit: number): Limit => ({ limit, windowMs: 1_000 })

/** Frame.io's documented limits, per account user and endpoint. */
const documented: Record<Operation, Limit> = {
  'users.show': perMinute(100),
  'accounts.index': perMinute(100),
  'workspaces.index': perMinute(100),
  'projects.index': perMinute(100),
  'projects.show': perMinute(100),
  'folders.index': perMinute(100),
  'folders.show': perMinute(100),
  'files.update': perMinute(100),
  'files.move': perMinute(100),
  'files.delete': perMinute(100),
  'folders.update': perMinute(10),
  'folders.move': perMinute(10),
  'folders.delete': perMinute(60),
  'files.list': perSecond(5),
  'folders.list': perSecond(5),
  'files.show': perSecond(10),
  'files.show_file_upload_status': perSecond(5),
  'folders.create': perSecond(3),
  'files.create_local_upload': perSecond(5),
}

export function documentedLimit(operation: Operation): Limit {
  return documented[operation]
}

/** A caller's own pacing, waited for before the client's budget (the remote walker's half share). */
export interface CallPacer {
  take(operation: Operation, signal?: AbortSignal): Promise<void>
}

interface Bucket extends Limit {
  level: number
  at: number
  blockedUntil: number
}

export interface BudgetClock {
  now(): number
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

export class RateBudget {
  private readonly buckets = new Map<Operation, Bucket>()
  private readonly queues = new Map<Operation, Promise<void>>()

  constructor(private readonly clock: BudgetClock) {}

  private bucket(operation: Operation): Bucket {
    let bucket = this.buckets.get(operation)
    if (!bucket) {
      bucket = { ...documented[operation], level: 0, at: this.clock.now(), blockedUntil: 0 }
      this.buckets.set(operation, bucket)
    }
    const now = this.clock.now()
    bucket.level = Math.max(0, bucket.level - ((now - bucket.at) * bucket.limit) / bucket.windowMs)
    bucket.at = now
    return bucket
  }

  /** How long a call would have to wait right now (0 when it may go). */
  waitFor(operation: Operation): number {
    const bucket = this.bucket(operation)
    const blocked = Math.max(0, bucket.blockedUntil - this.clock.now())
    const overflow = bucket.level + 1 - bucket.limit
    return Math.max(
      blocked,
      overflow > 0 ? Math.ceil((overflow * bucket.windowMs) / bucket.limit) : 0,
    )
  }

  /** Waits, behind earlier callers of the same endpoint, until a call fits; then counts it. */
  take(operation: Operation, signal?: AbortSignal): Promise<void> {
    const earlier = this.queues.get(operation) ?? Promise.resolve()
    const mine = abortable(earlier, signal).then(() => this.waitAndCount(operation, signal))
    this.queues.set(
      operation,
      mine.catch(() => undefined),
    )
    return mine
  }

  private async waitAndCount(operation: Operation, signal?: AbortSignal): Promise<void> {
    for (let wait = this.waitFor(operation); wait > 0; wait = this.waitFor(operation)) {
      await this.clock.sleep(wait, signal)
    }
    this.bucket(operation).level += 1
  }

  /** Adopts the service's view from an answer's x-ratelimit-* headers. */
  observe(operation: Operation, headers: Record<string, string | string[] | undefined>): void {
    const limit = Number(headers['x-ratelimit-limit'])
    const remaining = Number(headers['x-ratelimit-remaining'])
    const windowMs = Number(headers['x-ratelimit-window'])
    if (!(limit > 0) || !(windowMs > 0) || !Number.isFinite(remaining)) return
    const bucket = this.bucket(operation)
    bucket.limit = limit
    bucket.windowMs = windowMs
    bucket.level = Math.max(bucket.level, limit - remaining)
  }

  /** After a 429: the bucket is full, and no call goes before the service said it may. */
  refused(operation: Operation, retryAfterMs: number | undefined): void {
    const bucket = this.bucket(operation)
    bucket.level = Math.max(bucket.level, bucket.limit)
    if (retryAfterMs !== undefined) bucket.blockedUntil = this.clock.now() + retryAfterMs
  }
}
