// Per-endpoint, per-user leaky buckets at the documented limits, and the x-ratelimit-* headers
// that go with every answer.

/** Calls allowed per window, per account user, as Frame.io documents them for each operation. */
export const documentedLimits: Record<string, { limit: number; windowMs: number }> = {
  'users.show': { limit: 100, windowMs: 60_000 },
  'accounts.index': { limit: 100, windowMs: 60_000 },
  'workspaces.index': { limit: 100, windowMs: 60_000 },
  'projects.index': { limit: 100, windowMs: 60_000 },
  'projects.show': { limit: 100, windowMs: 60_000 },
  'folders.index': { limit: 100, windowMs: 60_000 },
  'folders.show': { limit: 100, windowMs: 60_000 },
  'files.list': { limit: 5, windowMs: 1_000 },
  'folders.list': { limit: 5, windowMs: 1_000 },
  'files.show': { limit: 10, windowMs: 1_000 },
  'files.show_file_upload_status': { limit: 5, windowMs: 1_000 },
  'folders.create': { limit: 3, windowMs: 1_000 },
  'files.create_local_upload': { limit: 5, windowMs: 1_000 },
  'files.update': { limit: 100, windowMs: 60_000 },
  'files.move': { limit: 100, windowMs: 60_000 },
  'files.delete': { limit: 100, windowMs: 60_000 },
  'folders.update': { limit: 10, windowMs: 60_000 },
  'folders.move': { limit: 10, windowMs: 60_000 },
  'folders.delete': { limit: 60, windowMs: 60_000 },
}

export interface RateDecision {
  allowed: boolean
  headers: Record<string, string>
  /** When refused: how long until one call fits again. */
  retryAfterMs: number
}

interface Bucket {
  level: number
  at: number
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>()
  private readonly enabled: () => boolean
  private readonly scale: () => number
  private readonly now: () => number

  constructor(settings: { enabled: () => boolean; scale: () => number; now?: () => number }) {
    this.enabled = settings.enabled
    this.scale = settings.scale
    this.now = settings.now ?? Date.now
  }

  take(userId: string, operationId: string): RateDecision {
    const documented = documentedLimits[operationId] ?? { limit: 100, windowMs: 60_000 }
    const limit = Math.max(1, Math.floor(documented.limit * this.scale()))
    const windowMs = documented.windowMs
    const key = `${userId} ${operationId}`
    const now = this.now()
    const bucket = this.buckets.get(key) ?? { level: 0, at: now }
    bucket.level = Math.max(0, bucket.level - ((now - bucket.at) * limit) / windowMs)
    bucket.at = now
    this.buckets.set(key, bucket)
    const allowed = !this.enabled() || bucket.level + 1 <= limit
    if (allowed && this.enabled()) bucket.level += 1
    const headers = {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(this.enabled() ? Math.floor(limit - bucket.level) : limit),
      'x-ratelimit-window': String(windowMs),
    }
    const retryAfterMs = allowed ? 0 : Math.ceil(((bucket.level + 1 - limit) * windowMs) / limit)
    return { allowed, headers, retryAfterMs }
  }

  reset(): void {
    this.buckets.clear()
  }
}
