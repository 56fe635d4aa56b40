// The upload journal kept in the index instead of one file per upload: a session row and one row
// per part, replaced together in one transaction so a crash leaves the old or the new session.
import type { UploadJournal, UploadSession } from '../transfer/journal'
import type { IndexDatabase } from './db'
import { num, text, textOrNull } from './rows'

export class IndexUploadJournal implements UploadJournal {
  constructor(private readonly db: IndexDatabase) {}

  /** The keys of the sessions whose key starts with `prefix`, without it (one root's paths). */
  keysUnder(prefix: string): string[] {
    // A range on the primary key: from the prefix up to the next string after every extension.
    const last = prefix.charCodeAt(prefix.length - 1)
    const beyond = prefix.slice(0, -1) + String.fromCharCode(last + 1)
    return this.db
      .statement('SELECT key FROM upload_sessions WHERE key >= ? AND key < ?')
      .all(prefix, beyond)
      .map((row) => text(row, 'key').slice(prefix.length))
  }

  load(key: string): Promise<UploadSession | null> {
    return settle(() => {
      const row = this.db.statement('SELECT * FROM upload_sessions WHERE key = ?').get(key)
      if (!row) return null
      const parts = this.db
        .statement('SELECT size, url, etag FROM upload_parts WHERE key = ? ORDER BY part')
        .all(key)
        .map((part) => ({
          size: num(part, 'size'),
          url: text(part, 'url'),
          etag: textOrNull(part, 'etag'),
        }))
      return {
        fileId: textOrNull(row, 'file_id'),
        accountId: text(row, 'account_id'),
        parentId: text(row, 'parent_id'),
        name: text(row, 'name'),
        startedAt: num(row, 'started_at'),
        size: num(row, 'size'),
        mtimeMs: num(row, 'mtime_ms'),
        mediaType: text(row, 'media_type'),
        parts,
      }
    })
  }

  save(key: string, session: UploadSession): Promise<void> {
    return settle(() =>
      this.db.transaction(() => {
        this.deleteSession(key)
        this.db
          .statement(
            `INSERT INTO upload_sessions (key, file_id, account_id, parent_id, name,
               started_at, size, mtime_ms, media_type)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            key,
            session.fileId,
            session.accountId,
            session.parentId,
            session.name,
            session.startedAt,
            session.size,
            session.mtimeMs,
            session.mediaType,
          )
        const insertPart = this.db.statement(
          'INSERT INTO upload_parts (key, part, size, url, etag) VALUES (?, ?, ?, ?, ?)',
        )
        session.parts.forEach((part, index) => {
          insertPart.run(key, index, part.size, part.url, part.etag)
        })
      }),
    )
  }

  remove(key: string): Promise<void> {
    return settle(() => this.deleteSession(key))
  }

  /** Deletes the session and, by cascade, its parts. */
  private deleteSession(key: string): void {
    this.db.statement('DELETE FROM upload_sessions WHERE key = ?').run(key)
  }
}

/** Runs synchronous index work behind the journal's promise interface, a throw as a rejection. */
function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work())
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)))
  }
}
