// Every lookup the engine makes per file or per item is an index search: EXPLAIN QUERY PLAN of the
// statements the repositories really run must search the expected index with the expected
// columns, and no statement may scan a whole table. Dropping an index makes the check fail, which
// the last tests show.
import { describe, expect, it, vi } from 'vitest'
import { IndexDatabase } from '../../src/core/sync-index/db'
import { tableNames } from '../../src/core/sync-index/schema'
import type { SyncIndex } from '../../src/core/sync-index'
import {
  entryAt,
  localFileAt,
  newRoot,
  openTestIndex,
  remoteItem,
  startMs,
} from './fakes/sync-index'

interface Planned {
  sql: string
  plan: string[]
}

/** The statements `run` prepared or reused, each with its query plan. */
function plansOf(run: () => void): Planned[] {
  const spy = vi.spyOn(IndexDatabase.prototype, 'statement')
  try {
    run()
    const [database] = spy.mock.contexts
    if (!(database instanceof IndexDatabase)) throw new Error('The run prepared no statement.')
    const sqls = [...new Set(spy.mock.calls.map(([sql]) => sql))]
    return sqls.map((sql) => ({
      sql,
      plan: database.db
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all()
        .map((row) => String(row['detail'])),
    }))
  } finally {
    spy.mockRestore()
  }
}

/** Plan lines that read a whole table, with or without going through an index. */
function tableScans(planned: Planned[]): string[] {
  const tables = new Set<string>(tableNames)
  return planned.flatMap(({ sql, plan }) =>
    plan
      .filter((line) => {
        const scanned = /^SCAN (\w+)/.exec(line)?.[1]
        return scanned !== undefined && tables.has(scanned)
      })
      .map((line) => `${line}  <-  ${sql.replace(/\s+/g, ' ').trim()}`),
  )
}

/**
 * Whether some statement searches `table` (or its alias) on exactly `columns`, through `index` or,
 * when none is named, through any index at all.
 */
function searches(planned: Planned[], table: string, columns: string, index = '\\w+'): boolean {
  const line = new RegExp(`^SEARCH ${table} USING (COVERING )?INDEX ${index} \\(${columns}\\)$`)
  return planned.some(({ plan }) => plan.some((detail) => line.test(detail.replace(/\?/g, '#'))))
}

const root = { path: '', updatedAt: null, depth: 0 }

/** An index with a little of everything, so the planner has real tables to plan over. */
function seeded(): SyncIndex {
  const { index } = openTestIndex()
  index.roots.add(newRoot('r1'))
  index.entries.put('r1', entryAt('a', 'remote-a'))
  index.localFiles.put('r1', localFileAt('a/b/c'))
  index.remote.replaceListing('r1', 'top', root, [
    remoteItem('', 'A', 'folder-a', 'top', { kind: 'folder', size: 0 }),
  ])
  index.remote.replaceListing('r1', 'folder-a', { path: 'A', updatedAt: 'u', depth: 1 }, [
    remoteItem('A', 'x.mov', 'x', 'folder-a'),
  ])
  index.issues.record('r1', 'a', 'conflict', 'Both sides changed a.')
  index.queue.put('r1', 'a', { type: 'upload' }, 1, 1)
  index.activity.add({ rootId: 'r1', path: 'a', kind: 'uploaded', bytes: 1 })
  return index
}

interface LookupCase {
  name: string
  run: (index: SyncIndex) => void
  table: string
  index: string
  /** The plan's constraint text with each ? written as #. */
  columns: string
}

const lookups: LookupCase[] = [
  {
    name: 'entries.get',
    run: (index) => index.entries.get('r1', 'a'),
    table: 'entries',
    index: 'sqlite_autoindex_entries_1',
    columns: 'root_id=# AND path=#',
  },
  {
    name: 'entries.byRemoteId',
    run: (index) => index.entries.byRemoteId('r1', 'remote-a'),
    table: 'entries',
    index: 'entries_by_remote_id',
    columns: 'root_id=# AND remote_id=#',
  },
  {
    name: 'remote children by parent (replaceListing)',
    run: (index) => index.remote.replaceListing('r1', 'top', root, []),
    table: 'remote_items',
    index: 'remote_items_by_parent',
    columns: 'root_id=# AND parent_id=#',
  },
  {
    name: 'remote subtree step by parent (replaceListing of a vanished folder)',
    run: (index) => index.remote.replaceListing('r1', 'top', root, []),
    table: 'child',
    index: 'remote_items_by_parent',
    columns: 'root_id=# AND parent_id=#',
  },
  {
    name: 'remote.atPath',
    run: (index) => index.remote.atPath('r1', 'A/x.mov'),
    table: 'remote_items',
    index: 'remote_items_by_path',
    columns: 'root_id=# AND path=#',
  },
  {
    name: 'queue.due',
    run: (index) => index.queue.due(startMs, 10),
    table: 'queue',
    index: 'queue_due',
    columns: 'next_attempt_at<#',
  },
  {
    name: 'issues.list of all roots',
    run: (index) => index.issues.list(),
    table: 'issues',
    index: 'issues_visible',
    columns: 'ignored=#',
  },
  {
    name: 'issues.list of one root',
    run: (index) => index.issues.list({ rootId: 'r1' }),
    table: 'issues',
    index: 'issues_by_root',
    columns: 'root_id=# AND ignored=#',
  },
  {
    name: 'activity.list of all roots',
    run: (index) => index.activity.list({ since: 0, limit: 10, kind: 'uploaded' }),
    table: 'activity',
    index: 'activity_by_time',
    columns: 'at>#',
  },
  {
    name: 'activity.list of one root',
    run: (index) => index.activity.list({ rootId: 'r1', since: 0, limit: 10 }),
    table: 'activity',
    index: 'activity_by_root',
    columns: 'root_id=# AND at>#',
  },
]

describe('query plans', () => {
  it.each(lookups)('$name searches $index on ($columns), scanning no table', (lookup) => {
    const index = seeded()
    const planned = plansOf(() => lookup.run(index))
    expect(tableScans(planned)).toEqual([])
    expect(searches(planned, lookup.table, lookup.columns, lookup.index)).toBe(true)
  })

  it('no repository method scans a table, except the few that read a whole one', () => {
    const index = seeded()
    const planned = plansOf(() => {
      index.roots.get('r1')
      index.roots.update('r1', { paused: false })
      index.entries.all('r1')
      index.entries.count('r1')
      index.entries.setState('r1', 'a', 'deleted-local')
      index.entries.delete('r1', 'a')
      index.localFiles.get('r1', 'a/b/c')
      index.localFiles.setHash('r1', 'a/b/c', '0011223344556677')
      index.localFiles.all('r1')
      index.remote.facts('r1')
      index.remote.folders('r1')
      index.remote.replaceListing('r1', 'top', root, [
        remoteItem('', 'B', 'folder-a', 'top', { kind: 'folder', size: 0 }),
      ])
      index.remote.replaceListing('r1', 'top', root, [])
      index.remote.forgetRoot('r1')
      index.issues.count()
      index.issues.count('r1')
      index.issues.resolve('r1', 'a', 'conflict')
      index.issues.resolve('r1', 'a')
      index.queue.put('r1', 'a', { type: 'download' }, 1, 1)
      index.queue.fail('r1', 'a', 'x', startMs)
      index.queue.retryNow('r1', 'a')
      index.queue.forRoot('r1')
      index.queue.countDue('r1', startMs)
      index.queue.count('r1')
      index.queue.done('r1', 'a')
      index.queue.clear('r1')
      index.activity.prune()
      index.meta.set('k', 'v')
      index.meta.get('k')
    })
    expect(planned.length).toBeGreaterThan(25)
    expect(tableScans(planned)).toEqual([])
  })

  it('the only whole-table reads are listing roots, counting the queue, finding the next due', () => {
    const index = seeded()
    const scans = tableScans(
      plansOf(() => {
        index.roots.list()
        index.queue.count()
        // Walks queue_due in order and stops at the first item of a root not paused.
        index.queue.nextAttemptAt()
      }),
    )
    expect(scans.map((line) => line.split('  <-  ')[0])).toEqual([
      'SCAN roots',
      'SCAN queue USING COVERING INDEX queue_due',
      'SCAN queue USING INDEX queue_due',
    ])
  })

  // Primary keys cannot be dropped; every other index is needed by its lookup.
  it.each(lookups.filter((lookup) => !lookup.index.startsWith('sqlite_autoindex')))(
    'without $index, no index serves $name on ($columns)',
    (lookup) => {
      const index = seeded()
      const spy = vi.spyOn(IndexDatabase.prototype, 'statement')
      index.meta.get('any')
      const [database] = spy.mock.contexts
      spy.mockRestore()
      if (!(database instanceof IndexDatabase)) throw new Error('No database seen.')
      database.db.exec(`DROP INDEX ${lookup.index}`)
      const planned = plansOf(() => lookup.run(index))
      expect(searches(planned, lookup.table, lookup.columns)).toBe(false)
    },
  )
})
