// The activity log: what was transferred, linked, reported or remembered, newest first, kept for
// 30 days.
import type { IndexDatabase } from './db'
import { num, oneOf, text, type Row } from './rows'

export type ActivityKind = 'uploaded' | 'downloaded' | 'linked' | 'issue' | 'deleted-remembered'

export const activityKinds: readonly ActivityKind[] = [
  'uploaded',
  'downloaded',
  'linked',
  'issue',
  'deleted-remembered',
]

/** How long activity is kept. */
export const activityRetentionMs = 30 * 24 * 60 * 60 * 1000

export interface ActivityRecord {
  id: number
  rootId: string
  path: string
  kind: ActivityKind
  bytes: number
  at: number
}

export interface ActivityFilter {
  rootId?: string
  kind?: ActivityKind
  /** Only activity at or after this time (epoch ms). */
  since: number
  limit: number
}

function toActivity(row: Row): ActivityRecord {
  return {
    id: num(row, 'id'),
    rootId: text(row, 'root_id'),
    path: text(row, 'path'),
    kind: oneOf(row, 'kind', activityKinds),
    bytes: num(row, 'bytes'),
    at: num(row, 'at'),
  }
}

export class ActivityRepo {
  constructor(
    private readonly db: IndexDatabase,
    private readonly now: () => number,
  ) {}

  /** Logs one thing that happened now. */
  add({ rootId, path, kind, bytes }: Omit<ActivityRecord, 'id' | 'at'>): ActivityRecord {
    const row = this.db
      .statement(
        'INSERT INTO activity (root_id, path, kind, bytes, at) VALUES (?, ?, ?, ?, ?) RETURNING *',
      )
      .get(rootId, path, kind, bytes, this.now())
    if (!row) throw new Error(`The activity for ${path} could not be logged.`)
    return toActivity(row)
  }

  /** Activity matching the filter, newest first. */
  list(filter: ActivityFilter): ActivityRecord[] {
    const conditions = ['at >= :since']
    if (filter.rootId !== undefined) conditions.push('root_id = :root')
    if (filter.kind !== undefined) conditions.push('kind = :kind')
    const sql = `SELECT * FROM activity WHERE ${conditions.join(' AND ')}
                 ORDER BY at DESC, id DESC LIMIT :limit`
    return this.db
      .statement(sql)
      .all({
        since: filter.since,
        limit: filter.limit,
        ...(filter.rootId === undefined ? {} : { root: filter.rootId }),
        ...(filter.kind === undefined ? {} : { kind: filter.kind }),
      })
      .map(toActivity)
  }

  /** Deletes activity older than 30 days before `now`; returns how many rows went. */
  prune(now = this.now()): number {
    const result = this.db
      .statement('DELETE FROM activity WHERE at < ?')
      .run(now - activityRetentionMs)
    return Number(result.changes)
  }
}
