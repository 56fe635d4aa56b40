// Notifications: finished batches per folder after a quiet spell, new sync issues, signing in
// again once, at most one per kind every ten seconds, and the notification level respected.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ActivityFilter, ActivityRecord } from '../../src/core/sync-index'
import { type NotificationLevel, Notifier } from '../../src/main/notifier'
import type { SyncIssue, SyncRoot } from '../../src/shared'

function root(id: string, projectName: string): SyncRoot {
  return {
    id,
    localPath: `/work/${projectName}`,
    projectId: `p-${id}`,
    projectName,
    mode: 'two-way',
    readyAfterSeconds: 60,
    status: 'idle',
    statusReason: null,
    counts: { queued: 0, settling: 0, issues: 0 },
  }
}

/** The engine as the notifier sees it: change events, a snapshot and the activity log. */
class FakeEngine {
  readonly listeners = new Set<() => void>()
  readonly log: ActivityRecord[] = []
  roots = [root('r1', 'Trailer'), root('r2', 'Promo')]
  issues: SyncIssue[] = []
  private nextId = 1
  readonly index = {
    activity: {
      list: (filter: ActivityFilter) =>
        this.log
          .filter((item) => item.at >= filter.since)
          .sort((a, b) => b.at - a.at || b.id - a.id)
          .slice(0, filter.limit),
    },
  }

  onChange(listener: () => void) {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
  snapshot() {
    return { roots: this.roots, issues: this.issues }
  }
  did(rootId: string, kind: ActivityRecord['kind'], ...paths: string[]) {
    for (const path of paths) {
      this.log.push({ id: this.nextId++, rootId, path, kind, bytes: 1, at: Date.now() })
    }
    this.changed()
  }
  report(rootId: string, path: string, reason: string) {
    const id = String(this.nextId++)
    this.issues = [...this.issues, { id, rootId, path, problem: 'conflict', reason, at: '' }]
    this.changed()
  }
  setStatus(rootId: string, status: SyncRoot['status']) {
    this.roots = this.roots.map((each) => (each.id === rootId ? { ...each, status } : each))
    this.changed()
  }
  changed() {
    for (const listener of this.listeners) listener()
  }
}

let engine: FakeEngine
let level: NotificationLevel
let shown: Array<[string, string]>
let notifier: Notifier

function start() {
  notifier = new Notifier({
    engine,
    show: (title, body) => shown.push([title, body]),
    level: () => level,
  })
}

const files = (count: number) => Array.from({ length: count }, (_, i) => `Shots/f${i + 1}.mov`)

beforeEach(() => {
  vi.useFakeTimers()
  engine = new FakeEngine()
  level = 'all'
  shown = []
})

afterEach(() => {
  notifier.dispose()
  vi.useRealTimers()
})

describe('finished batches', () => {
  it('says how many files went to which project once things are quiet for a few seconds', () => {
    start()
    engine.did('r1', 'uploaded', ...files(5))
    vi.advanceTimersByTime(3_000)
    engine.did('r1', 'uploaded', ...files(12).slice(5))
    engine.did('r1', 'linked', 'Shots/already-there.mov')
    vi.advanceTimersByTime(3_999)
    expect(shown).toEqual([])
    vi.advanceTimersByTime(1)
    expect(shown).toEqual([['12 files uploaded to Trailer', 'f1.mov, f2.mov, f3.mov and 9 more']])
  })

  it('does not announce what happened before it started', () => {
    engine.did('r1', 'downloaded', 'old.mov')
    engine.report('r1', 'old-issue.txt', 'Changed on both sides')
    start()
    engine.changed()
    vi.advanceTimersByTime(60_000)
    expect(shown).toEqual([])
  })

  it('waits while the folder is still syncing, but not forever', () => {
    start()
    engine.setStatus('r1', 'syncing')
    engine.did('r1', 'uploaded', 'a.mov')
    vi.advanceTimersByTime(30_000)
    expect(shown).toEqual([])
    engine.did('r1', 'uploaded', 'b.mov', 'a.mov')
    engine.setStatus('r1', 'idle')
    vi.advanceTimersByTime(4_000)
    expect(shown).toEqual([['2 files uploaded to Trailer', 'a.mov, b.mov']])

    engine.setStatus('r2', 'syncing')
    engine.did('r2', 'downloaded', 'c.mov')
    vi.advanceTimersByTime(5 * 60_000 + 4_000)
    expect(shown.at(-1)).toEqual(['1 file downloaded from Promo', 'c.mov'])
  })

  it('sums up batches of several folders and directions in one notification', () => {
    start()
    engine.did('r1', 'uploaded', ...files(3))
    engine.did('r2', 'downloaded', 'x.mov', 'y.mov')
    vi.advanceTimersByTime(4_000)
    expect(shown).toEqual([
      ['5 files synced', '3 files uploaded to Trailer\n2 files downloaded from Promo'],
    ])
  })

  it('shows at most one every ten seconds and carries the rest into the next', () => {
    start()
    engine.did('r1', 'uploaded', 'a.mov')
    vi.advanceTimersByTime(4_000)
    expect(shown).toHaveLength(1)
    engine.did('r1', 'uploaded', 'b.mov')
    vi.advanceTimersByTime(2_000)
    engine.did('r1', 'uploaded', 'c.mov')
    // Quiet at 10 s, but the first was shown at 4 s: the second waits until 14 s.
    vi.advanceTimersByTime(7_999)
    expect(shown).toHaveLength(1)
    vi.advanceTimersByTime(1)
    expect(shown).toEqual([
      ['1 file uploaded to Trailer', 'a.mov'],
      ['2 files uploaded to Trailer', 'b.mov, c.mov'],
    ])
  })
})

describe('sync issues', () => {
  it('names the file and the reason for one new issue', () => {
    start()
    engine.report('r1', 'Edit/notes.txt', 'Changed on both sides')
    vi.advanceTimersByTime(4_000)
    expect(shown).toEqual([
      ['A file needs your attention', 'Edit/notes.txt — Changed on both sides'],
    ])
  })

  it('coalesces several into a count per project', () => {
    start()
    engine.report('r1', 'a.txt', 'Changed on both sides')
    engine.report('r1', 'b.txt', 'Name not allowed')
    engine.report('r1', 'c.txt', 'Too large')
    vi.advanceTimersByTime(4_000)
    engine.report('r1', 'd.txt', 'Too large')
    engine.report('r2', 'e.txt', 'Too large')
    vi.advanceTimersByTime(10_000)
    expect(shown).toEqual([
      ['3 files need your attention in Trailer', 'a.txt, b.txt, c.txt'],
      ['2 files need your attention', '1 in Trailer, 1 in Promo'],
    ])
  })

  it('says nothing about an issue that was resolved before it was shown', () => {
    start()
    engine.report('r1', 'a.txt', 'Changed on both sides')
    engine.issues = []
    engine.changed()
    vi.advanceTimersByTime(60_000)
    expect(shown).toEqual([])
  })
})

describe('signing in again', () => {
  it('is said once, and again only after a sign-in', () => {
    start()
    notifier.signInExpired()
    notifier.signInExpired()
    expect(shown).toEqual([
      [
        'Sign in to Frame.io again',
        'Syncing has stopped until you sign in. Open Frame.io Sync to sign in.',
      ],
    ])
    notifier.signedIn()
    notifier.signInExpired()
    expect(shown).toHaveLength(2)
  })
})

describe('the notification level', () => {
  it('shows issues and sign-in, but no batches, at "issues"', () => {
    level = 'issues'
    start()
    engine.did('r1', 'uploaded', 'a.mov')
    engine.report('r1', 'b.txt', 'Too large')
    notifier.signInExpired()
    vi.advanceTimersByTime(60_000)
    expect(shown.map(([title]) => title)).toEqual([
      'Sign in to Frame.io again',
      'A file needs your attention',
    ])
  })

  it('shows nothing at "none", even what gathered before the level changed', () => {
    start()
    engine.did('r1', 'uploaded', 'a.mov')
    engine.report('r1', 'b.txt', 'Too large')
    level = 'none'
    notifier.signInExpired()
    engine.did('r1', 'uploaded', 'c.mov')
    vi.advanceTimersByTime(60_000)
    expect(shown).toEqual([])
  })

  it('stops following the engine once disposed', () => {
    start()
    engine.did('r1', 'uploaded', 'a.mov')
    notifier.dispose()
    engine.did('r1', 'uploaded', 'b.mov')
    vi.advanceTimersByTime(60_000)
    expect(shown).toEqual([])
    expect(engine.listeners.size).toBe(0)
  })
})
