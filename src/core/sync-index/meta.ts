// Small named values the engine keeps across restarts, such as the global pause.
import type { IndexDatabase } from './db'
import { text } from './rows'

export class MetaRepo {
  constructor(private readonly db: IndexDatabase) {}

  get(key: string): string | null {
    const row = this.db.statement('SELECT value FROM meta WHERE key = ?').get(key)
    return row ? text(row, 'value') : null
  }

  set(key: string, value: string): void {
    this.db.statement('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(key, value)
  }
}
