// Sync issues (recorded once per root, path and problem; resolved; ignored) and the activity log
// (filtered, newest first, pruned after 30 days on an injected clock).
import { describe, expect, it } from 'vitest'
import { activityRetentionMs } from '../../src/core/sync-index'
import { newRoot, openTestIndex, startMs } from './fakes/sync-index'

function indexWithRoots() {
  const opened = openTestIndex()
  opened.index.roots.add(newRoot('r1'))
  opened.index.roots.add(newRoot('r2'))
  return opened
}

describe('issues', () => {
  it('records a new issue with one attempt', () => {
    const { index } = indexWithRoots()
    const issue = index.issues.record('r1', 'a.mov', 'conflict', 'Both sides changed a.mov.')
    expect(issue).toEqual({
      id: issue.id,
      rootId: 'r1',
      path: 'a.mov',
      problem: 'conflict',
      message: 'Both sides changed a.mov.',
      firstAt: startMs,
      lastAt: startMs,
      attempts: 1,
      nextAttemptAt: null,
      ignored: false,
    })
    expect(index.issues.get(issue.id)).toEqual(issue)
    expect(index.issues.get(issue.id + 1000)).toBeNull()
  })

  it('records the same issue again as one more attempt, keeping when it first happened', () => {
    const { index, clock } = indexWithRoots()
    const first = index.issues.record('r1', 'a.mov', 'failed', 'Upload failed.', startMs + 60_000)
    clock.advance(90_000)
    const again = index.issues.record('r1', 'a.mov', 'failed', 'Upload failed again.')
    expect(again).toMatchObject({
      id: first.id,
      message: 'Upload failed again.',
      firstAt: startMs,
      lastAt: startMs + 90_000,
      attempts: 2,
      nextAttemptAt: null,
    })
    index.issues.record('r1', 'a.mov', 'conflict', 'Both sides changed a.mov.')
    expect(index.issues.count('r1')).toBe(2)
  })

  it('lists issues not ignored, most recent first, for one root or all', () => {
    const { index, clock } = indexWithRoots()
    const old = index.issues.record('r1', 'old', 'conflict', 'old')
    clock.advance(1)
    const other = index.issues.record('r2', 'other', 'duplicate', 'other')
    clock.advance(1)
    const recent = index.issues.record('r1', 'recent', 'refused-name', 'recent')
    expect(index.issues.list().map((issue) => issue.id)).toEqual([recent.id, other.id, old.id])
    expect(index.issues.list({ rootId: 'r1' }).map((issue) => issue.id)).toEqual([
      recent.id,
      old.id,
    ])

    expect(index.issues.ignore(recent.id)).toBe(true)
    expect(index.issues.ignore(recent.id + 1000)).toBe(false)
    expect(index.issues.list().map((issue) => issue.id)).toEqual([other.id, old.id])
    expect(index.issues.count()).toBe(2)
    expect(index.issues.count('r1')).toBe(1)
    expect(index.issues.get(recent.id)?.ignored).toBe(true)

    // Raised again, an ignored issue stays ignored.
    index.issues.record('r1', 'recent', 'refused-name', 'recent')
    expect(index.issues.count('r1')).toBe(1)
  })

  it('resolves one problem at a path, or all of them', () => {
    const { index } = indexWithRoots()
    index.issues.record('r1', 'a', 'conflict', 'x')
    index.issues.record('r1', 'a', 'failed', 'x')
    index.issues.record('r1', 'b', 'conflict', 'x')
    index.issues.record('r2', 'a', 'conflict', 'x')
    expect(index.issues.resolve('r1', 'a', 'failed')).toBe(1)
    expect(index.issues.resolve('r1', 'a', 'failed')).toBe(0)
    index.issues.record('r1', 'a', 'failed', 'x')
    expect(index.issues.resolve('r1', 'a')).toBe(2)
    expect(
      index.issues
        .list()
        .map((issue) => `${issue.rootId}:${issue.path}`)
        .sort(),
    ).toEqual(['r1:b', 'r2:a'])
  })
})

describe('activity', () => {
  it('logs what happened at the clock’s time and lists it newest first', () => {
    const { index, clock } = indexWithRoots()
    const first = index.activity.add({ rootId: 'r1', path: 'a', kind: 'uploaded', bytes: 10 })
    expect(first).toEqual({
      id: first.id,
      rootId: 'r1',
      path: 'a',
      kind: 'uploaded',
      bytes: 10,
      at: startMs,
    })
    clock.advance(1)
    index.activity.add({ rootId: 'r2', path: 'b', kind: 'downloaded', bytes: 20 })
    index.activity.add({ rootId: 'r1', path: 'c', kind: 'linked', bytes: 0 })
    clock.advance(1)
    index.activity.add({ rootId: 'r1', path: 'd', kind: 'uploaded', bytes: 30 })

    const all = { since: 0, limit: 10 }
    expect(index.activity.list(all).map((row) => row.path)).toEqual(['d', 'c', 'b', 'a'])
    expect(index.activity.list({ ...all, rootId: 'r1' }).map((row) => row.path)).toEqual([
      'd',
      'c',
      'a',
    ])
    expect(index.activity.list({ ...all, kind: 'uploaded' }).map((row) => row.path)).toEqual([
      'd',
      'a',
    ])
    expect(
      index.activity.list({ ...all, rootId: 'r2', kind: 'uploaded' }).map((row) => row.path),
    ).toEqual([])
    expect(index.activity.list({ since: startMs + 1, limit: 10 }).map((row) => row.path)).toEqual([
      'd',
      'c',
      'b',
    ])
    expect(index.activity.list({ since: 0, limit: 2 }).map((row) => row.path)).toEqual(['d', 'c'])
  })

  it('prunes what is older than 30 days, by the injected clock or a given time', () => {
    const { index, clock } = indexWithRoots()
    index.activity.add({ rootId: 'r1', path: 'oldest', kind: 'uploaded', bytes: 1 })
    clock.advance(1)
    index.activity.add({ rootId: 'r1', path: 'edge', kind: 'issue', bytes: 0 })
    clock.advance(activityRetentionMs)
    index.activity.add({ rootId: 'r1', path: 'new', kind: 'deleted-remembered', bytes: 0 })

    expect(activityRetentionMs).toBe(30 * 24 * 60 * 60 * 1000)
    // Now 'edge' is exactly 30 days old (kept) and 'oldest' a millisecond more (pruned).
    expect(index.activity.prune()).toBe(1)
    const paths = () => index.activity.list({ since: 0, limit: 10 }).map((row) => row.path)
    expect(paths()).toEqual(['new', 'edge'])
    expect(index.activity.prune(clock.time + 1)).toBe(1)
    expect(paths()).toEqual(['new'])
  })
})
