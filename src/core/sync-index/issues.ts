// Sync issues: what needs a person's attention, one row per root, path and problem, with how
// often it happened and when to try again. Ignored issues stay (so they do not come back) but
// are not listed.
import type { IndexDatabase } from './db'
import { flag, num, numOrNull, text, type Row } from './rows'

export interface IssueRecord {
  id: number
  rootId: string
  path: string
  /** The reconciler's IssueProblem or the transfer layer's TransferProblem. */
  problem: string
  message: string
  firstAt: number
  lastAt: number
  attempts: number
  nextAttemptAt: number | null
  ignored: boolean
}

function toIssue(row: Row): IssueRecord {
  return {
    id: num(row, 'id'),
    rootId: text(row, 'root_id'),
    path: text(row, 'path'),
    problem: text(row, 'problem'),
    message: text(row, 'message'),
    firstAt: num(row, 'first_at'),
    lastAt: num(row, 'last_at'),
    attempts: num(row, 'attempts'),
    nextAttemptAt: numOrNull(row, 'next_attempt_at'),
    ignored: flag(row, 'ignored'),
  }
}

export class IssuesRepo {
  constructor(
    private readonly db: IndexDatabase,
    private readonly now: () => number,
  ) {}

  /**
   * Records that `problem` happened at `path`: a new issue, or the known one with the new message,
   * one more attempt and a later last_at (first_at and an ignore are kept).
   */
  record(
    rootId: string,
    path: string,
    problem: string,
    message: string,
    nextAttemptAt?: number,
  ): IssueRecord {
    const now = this.now()
    const row = this.db
      .statement(
        `INSERT INTO issues (root_id, path, problem, message, first_at, last_at, attempts,
           next_attempt_at)
         VALUES (?, ?, ?, ?, ?, ?, 1, ?)
         ON CONFLICT (root_id, path, problem) DO UPDATE SET
           message = excluded.message, last_at = excluded.last_at, attempts = attempts + 1,
           next_attempt_at = excluded.next_attempt_at
         RETURNING *`,
      )
      .get(rootId, path, problem, message, now, now, nextAttemptAt ?? null)
    if (!row) throw new Error(`The issue at ${path} could not be recorded.`)
    return toIssue(row)
  }

  /** Forgets the issues at `path` (only `problem`'s when given); returns how many. */
  resolve(rootId: string, path: string, problem?: string): number {
    const result =
      problem === undefined
        ? this.db.statement('DELETE FROM issues WHERE root_id = ? AND path = ?').run(rootId, path)
        : this.db
            .statement('DELETE FROM issues WHERE root_id = ? AND path = ? AND problem = ?')
            .run(rootId, path, problem)
    return Number(result.changes)
  }

  /** Issues not ignored, of one root or all, most recent first. */
  list(filter: { rootId?: string } = {}): IssueRecord[] {
    const rows =
      filter.rootId === undefined
        ? this.db
            .statement('SELECT * FROM issues WHERE ignored = 0 ORDER BY last_at DESC, id DESC')
            .all()
        : this.db
            .statement(
              `SELECT * FROM issues WHERE ignored = 0 AND root_id = ?
               ORDER BY last_at DESC, id DESC`,
            )
            .all(filter.rootId)
    return rows.map(toIssue)
  }

  get(id: number): IssueRecord | null {
    const row = this.db.statement('SELECT * FROM issues WHERE id = ?').get(id)
    return row ? toIssue(row) : null
  }

  /** Hides an issue for good (it stays recorded so it is not raised again); false if unknown. */
  ignore(id: number): boolean {
    return (
      Number(this.db.statement('UPDATE issues SET ignored = 1 WHERE id = ?').run(id).changes) > 0
    )
  }

  /** How many issues are not ignored, of one root or all. */
  count(rootId?: string): number {
    const row =
      rootId === undefined
        ? this.db.statement('SELECT count(*) AS n FROM issues WHERE ignored = 0').get()
        : this.db
            .statement('SELECT count(*) AS n FROM issues WHERE ignored = 0 AND root_id = ?')
            .get(rootId)
    return row ? num(row, 'n') : 0
  }
}
