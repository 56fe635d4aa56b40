// The index's SQLite connection: opening with the pragmas the engine relies on, migrating by
// `PRAGMA user_version`, cached prepared statements and (nestable) transactions.
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { DatabaseSync, type StatementSync } from 'node:sqlite'

/** One schema step; migration i (0-based) takes the database from user_version i to i + 1. */
export type Migration = (db: DatabaseSync) => void

/** How long a statement waits for another connection's lock before failing (ms). */
const busyTimeoutMs = 5_000

/**
 * The page cache's ceiling (KiB; SQLite takes a negative size as KiB). The default 2 MB makes a
 * first scan of a big root spill pages mid-transaction; this holds the local files of a
 * 100,000-file root. Only pages in use take memory.
 */
const pageCacheKiB = 65_536

/**
 * One process owns an index (the engine); other processes must go through it, not open the file.
 * SQLite's own locking keeps a stray reader safe, so no extra file lock is taken.
 */
export class IndexDatabase {
  private readonly statements = new Map<string, StatementSync>()
  private depth = 0

  private constructor(
    readonly db: DatabaseSync,
    readonly path: string,
  ) {}

  /** Opens (creating if needed) and migrates the database at `path`, or ':memory:'. */
  static open(path: string, migrations: readonly Migration[]): IndexDatabase {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
    let db: DatabaseSync
    try {
      db = new DatabaseSync(path, { timeout: busyTimeoutMs, enableForeignKeyConstraints: true })
    } catch (cause) {
      throw unopenable(path, cause)
    }
    const index = new IndexDatabase(db, path)
    try {
      index.refuseNewer(migrations.length)
      db.exec('PRAGMA journal_mode = WAL')
      db.exec('PRAGMA synchronous = NORMAL')
      db.exec('PRAGMA foreign_keys = ON')
      db.exec(`PRAGMA cache_size = -${pageCacheKiB}`)
      index.migrate(migrations)
    } catch (error) {
      db.close()
      throw isSqliteError(error) ? unopenable(path, error) : error
    }
    return index
  }

  get version(): number {
    const row = this.db.prepare('PRAGMA user_version').get()
    return Number(row?.['user_version'] ?? 0)
  }

  /** The prepared statement for `sql`, prepared once per connection. */
  statement(sql: string): StatementSync {
    let statement = this.statements.get(sql)
    if (!statement) {
      statement = this.db.prepare(sql)
      this.statements.set(sql, statement)
    }
    return statement
  }

  /**
   * Runs `fn` atomically: the outermost call is BEGIN IMMEDIATE ... COMMIT, nested calls are
   * savepoints, so a repository method that needs a transaction can run inside a caller's one.
   * A throw rolls back that level only and is rethrown. `fn` must be synchronous.
   */
  transaction<T>(fn: () => T): T {
    const savepoint = `level_${this.depth}`
    this.db.exec(this.depth === 0 ? 'BEGIN IMMEDIATE' : `SAVEPOINT ${savepoint}`)
    this.depth += 1
    let result: T
    try {
      result = fn()
      if (result instanceof Promise) {
        throw new TypeError(
          'Index transactions are synchronous: the function given to transaction() returned a promise.',
        )
      }
    } catch (error) {
      this.depth -= 1
      // Some failures (a full disk, say) end the transaction in SQLite already.
      if (this.db.isTransaction) {
        this.db.exec(
          this.depth === 0 ? 'ROLLBACK' : `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`,
        )
      }
      throw error
    }
    this.depth -= 1
    this.db.exec(this.depth === 0 ? 'COMMIT' : `RELEASE ${savepoint}`)
    return result
  }

  close(): void {
    this.statements.clear()
    if (this.db.isOpen) this.db.close()
  }

  private refuseNewer(known: number): void {
    const version = this.version
    if (version > known) {
      throw new Error(
        `The sync index at ${this.path} was made by a newer frameio-sync (index version ` +
          `${version}; this one knows up to ${known}). Update frameio-sync to use it.`,
      )
    }
  }

  private migrate(migrations: readonly Migration[]): void {
    const from = this.version
    migrations.slice(from).forEach((migration, step) => {
      this.transaction(() => {
        migration(this.db)
        this.db.exec(`PRAGMA user_version = ${from + step + 1}`)
      })
    })
  }
}

function isSqliteError(error: unknown): error is Error {
  return error instanceof Error && 'code' in error && error.code === 'ERR_SQLITE_ERROR'
}

function unopenable(path: string, cause: unknown): Error {
  const reason = cause instanceof Error ? cause.message : String(cause)
  return new Error(`The sync index at ${path} could not be opened: ${reason}`, { cause })
}
