// The persistent work queue: one planned action per root and path, run by priority then smallest
// first, with per-item backoff after failures so one bad file never blocks the rest.
import type { IndexDatabase } from './db'
import { num, text, textOrNull, type Row } from './rows'

const minute = 60_000
const maxBackoffMs = 6 * 60 * minute

/** The wait after the `attempts`-th failure in a row: 1 min, doubling, at most 6 h. */
export function backoffAfter(attempts: number): number {
  if (attempts <= 0) return 0
  return Math.min(minute * 2 ** (attempts - 1), maxBackoffMs)
}

export interface QueuedWork {
  rootId: string
  path: string
  action: unknown
  /** Lower runs first. */
  priority: number
  size: number
  /** Failures so far. */
  attempts: number
  nextAttemptAt: number
  lastError: string | null
  enqueuedAt: number
}

function toWork(row: Row): QueuedWork {
  return {
    rootId: text(row, 'root_id'),
    path: text(row, 'path'),
    action: JSON.parse(text(row, 'action')) as unknown,
    priority: num(row, 'priority'),
    size: num(row, 'size'),
    attempts: num(row, 'attempts'),
    nextAttemptAt: num(row, 'next_attempt_at'),
    lastError: textOrNull(row, 'last_error'),
    enqueuedAt: num(row, 'enqueued_at'),
  }
}

/** An action's kind: its `type` (as the reconciler's actions have), else the action itself. */
function actionType(action: unknown, json: string): string {
  if (typeof action === 'object' && action !== null && 'type' in action) {
    if (typeof action.type === 'string') return action.type
  }
  return json
}

export class QueueRepo {
  constructor(
    private readonly db: IndexDatabase,
    private readonly now: () => number,
  ) {}

  /**
   * Queues `action` for the path, replacing what was queued there. Re-planning the same kind of
   * action keeps its failures, backoff and place; another kind starts afresh, due now.
   */
  put(rootId: string, path: string, action: unknown, priority: number, size: number): void {
    const json = JSON.stringify(action) as string | undefined
    if (json === undefined)
      throw new Error(`The action queued for ${path} cannot be saved as JSON.`)
    const now = this.now()
    this.db
      .statement(
        `INSERT INTO queue (root_id, path, action, action_type, priority, size, attempts,
           next_attempt_at, last_error, enqueued_at)
         VALUES (:root, :path, :action, :type, :priority, :size, 0, :now, NULL, :now)
         ON CONFLICT (root_id, path) DO UPDATE SET
           action = excluded.action, priority = excluded.priority, size = excluded.size,
           action_type = excluded.action_type,
           attempts = iif(action_type = excluded.action_type, attempts, 0),
           next_attempt_at = iif(action_type = excluded.action_type, next_attempt_at, :now),
           last_error = iif(action_type = excluded.action_type, last_error, NULL),
           enqueued_at = iif(action_type = excluded.action_type, enqueued_at, :now)`,
      )
      .run({
        root: rootId,
        path,
        action: json,
        type: actionType(action, json),
        priority,
        size,
        now,
      })
  }

  /**
   * Up to `limit` items due at `now`, of roots not paused: lowest priority first, then smallest,
   * then longest queued.
   */
  due(now: number, limit: number): QueuedWork[] {
    return this.db
      .statement(
        `SELECT queue.* FROM queue JOIN roots ON roots.id = queue.root_id
         WHERE queue.next_attempt_at <= ? AND roots.paused = 0
         ORDER BY queue.priority, queue.size, queue.enqueued_at, queue.rowid
         LIMIT ?`,
      )
      .all(now, limit)
      .map(toWork)
  }

  /** Everything queued for the root, by path. */
  forRoot(rootId: string): QueuedWork[] {
    return this.db
      .statement('SELECT * FROM queue WHERE root_id = ? ORDER BY path')
      .all(rootId)
      .map(toWork)
  }

  get(rootId: string, path: string): QueuedWork | null {
    const row = this.db
      .statement('SELECT * FROM queue WHERE root_id = ? AND path = ?')
      .get(rootId, path)
    return row ? toWork(row) : null
  }

  /**
   * Counts a failure: one more attempt, due again after backoffAfter(attempts). Returns the
   * attempts so far, or 0 when nothing is queued at the path.
   */
  fail(rootId: string, path: string, error: string, now: number): number {
    return this.db.transaction(() => {
      const queued = this.get(rootId, path)
      if (!queued) return 0
      const attempts = queued.attempts + 1
      this.db
        .statement(
          `UPDATE queue SET attempts = ?, next_attempt_at = ?, last_error = ?
           WHERE root_id = ? AND path = ?`,
        )
        .run(attempts, now + backoffAfter(attempts), error, rootId, path)
      return attempts
    })
  }

  /**
   * Makes a backed-off item due now, keeping its count of failures, and at `priority` when given
   * (a person asked for it); false if none queued.
   */
  retryNow(rootId: string, path: string, priority?: number): boolean {
    const result = this.db
      .statement(
        `UPDATE queue SET next_attempt_at = ?, priority = coalesce(?, priority)
         WHERE root_id = ? AND path = ?`,
      )
      .run(this.now(), priority ?? null, rootId, path)
    return Number(result.changes) > 0
  }

  /** When the next item of a root not paused becomes due (epoch ms); null when none is queued. */
  nextAttemptAt(): number | null {
    const row = this.db
      .statement(
        `SELECT queue.next_attempt_at FROM queue JOIN roots ON roots.id = queue.root_id
         WHERE roots.paused = 0 ORDER BY queue.next_attempt_at LIMIT 1`,
      )
      .get()
    return row ? num(row, 'next_attempt_at') : null
  }

  /** How many of the root's items are due at `now`. */
  countDue(rootId: string, now: number): number {
    const row = this.db
      .statement('SELECT count(*) AS n FROM queue WHERE root_id = ? AND next_attempt_at <= ?')
      .get(rootId, now)
    return row ? num(row, 'n') : 0
  }

  /** Takes a finished item off the queue; false if none queued. */
  done(rootId: string, path: string): boolean {
    const result = this.db
      .statement('DELETE FROM queue WHERE root_id = ? AND path = ?')
      .run(rootId, path)
    return Number(result.changes) > 0
  }

  /** Empties the root's queue; returns how many items were dropped. */
  clear(rootId: string): number {
    return Number(this.db.statement('DELETE FROM queue WHERE root_id = ?').run(rootId).changes)
  }

  /** Items queued, for one root or all. */
  count(rootId?: string): number {
    const row =
      rootId === undefined
        ? this.db.statement('SELECT count(*) AS n FROM queue').get()
        : this.db.statement('SELECT count(*) AS n FROM queue WHERE root_id = ?').get(rootId)
    return row ? num(row, 'n') : 0
  }
}
