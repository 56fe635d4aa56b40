// The persistent work queue: order (priority, then smallest, then first queued), backoff after
// failures (1 min doubling, capped at 6 h), re-planning, paused roots and bookkeeping.
import { describe, expect, it } from 'vitest'
import { backoffAfter } from '../../src/core/sync-index'
import { newRoot, openTestIndex, startMs } from './fakes/sync-index'

const minute = 60_000
const hour = 60 * minute

function indexWithRoots() {
  const opened = openTestIndex()
  opened.index.roots.add(newRoot('r1'))
  opened.index.roots.add(newRoot('r2'))
  return opened
}

describe('backoffAfter', () => {
  it('waits 1 min after the first failure, doubling, never more than 6 h', () => {
    const waits = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 50, 2000].map(backoffAfter)
    expect(waits).toEqual([
      0,
      minute,
      2 * minute,
      4 * minute,
      8 * minute,
      16 * minute,
      32 * minute,
      64 * minute,
      128 * minute,
      256 * minute,
      6 * hour,
      6 * hour,
      6 * hour,
      6 * hour,
    ])
  })
})

describe('queue', () => {
  it('gives due work by priority, then smallest first, then in the order queued', () => {
    const { index, clock } = indexWithRoots()
    index.queue.put('r1', 'big-urgent', { type: 'upload' }, 0, 5_000)
    index.queue.put('r1', 'late-small', { type: 'upload' }, 1, 10)
    clock.advance(1)
    index.queue.put('r2', 'first-small', { type: 'download' }, 1, 10)
    index.queue.put('r2', 'second-small', { type: 'download' }, 1, 10)
    index.queue.put('r1', 'tiny', { type: 'upload' }, 1, 1)
    index.queue.put('r1', 'folder', { type: 'create-remote-folder' }, 0, 0)
    const due = index.queue.due(clock.time, 10)
    expect(due.map((work) => work.path)).toEqual([
      'folder',
      'big-urgent',
      'tiny',
      'late-small',
      'first-small',
      'second-small',
    ])
    expect(index.queue.due(clock.time, 2).map((work) => work.path)).toEqual([
      'folder',
      'big-urgent',
    ])
  })

  it('keeps the planned action as given', () => {
    const { index } = indexWithRoots()
    const action = { type: 'upload', path: 'a', local: { size: 3, ready: true, xxh64: null } }
    index.queue.put('r1', 'a', action, 2, 3)
    expect(index.queue.get('r1', 'a')).toEqual({
      rootId: 'r1',
      path: 'a',
      action,
      priority: 2,
      size: 3,
      attempts: 0,
      nextAttemptAt: startMs,
      lastError: null,
      enqueuedAt: startMs,
    })
    expect(() => index.queue.put('r1', 'b', undefined, 1, 1)).toThrow(
      'The action queued for b cannot be saved as JSON.',
    )
  })

  it('backs a failed item off, giving the failures so far, so others run first', () => {
    const { index, clock } = indexWithRoots()
    index.queue.put('r1', 'bad', { type: 'upload' }, 0, 1)
    index.queue.put('r1', 'good', { type: 'upload' }, 1, 1)
    expect(index.queue.fail('r1', 'bad', 'The network went away.', clock.time)).toBe(1)
    expect(index.queue.get('r1', 'bad')).toMatchObject({
      attempts: 1,
      nextAttemptAt: clock.time + minute,
      lastError: 'The network went away.',
    })
    expect(index.queue.due(clock.time, 10).map((work) => work.path)).toEqual(['good'])
    expect(index.queue.due(clock.time + minute, 10).map((work) => work.path)).toEqual([
      'bad',
      'good',
    ])
    expect(index.queue.fail('r1', 'bad', 'Again.', clock.time)).toBe(2)
    expect(index.queue.get('r1', 'bad')?.nextAttemptAt).toBe(clock.time + 2 * minute)
    expect(index.queue.fail('r1', 'nothing-queued', 'x', clock.time)).toBe(0)
  })

  it('re-planning the same kind of action keeps failures and backoff; another kind starts afresh', () => {
    const { index, clock } = indexWithRoots()
    index.queue.put('r1', 'a', { type: 'upload', size: 1 }, 1, 1)
    index.queue.fail('r1', 'a', 'first failure', clock.time)
    clock.advance(10)
    index.queue.put('r1', 'a', { type: 'upload', size: 2 }, 3, 2)
    expect(index.queue.get('r1', 'a')).toMatchObject({
      action: { type: 'upload', size: 2 },
      priority: 3,
      size: 2,
      attempts: 1,
      nextAttemptAt: startMs + minute,
      lastError: 'first failure',
      enqueuedAt: startMs,
    })
    index.queue.put('r1', 'a', { type: 'download' }, 3, 2)
    expect(index.queue.get('r1', 'a')).toMatchObject({
      action: { type: 'download' },
      attempts: 0,
      nextAttemptAt: clock.time,
      lastError: null,
      enqueuedAt: clock.time,
    })
  })

  it('retries a backed-off item now, keeping its count of failures', () => {
    const { index, clock } = indexWithRoots()
    index.queue.put('r1', 'a', { type: 'upload' }, 1, 1)
    index.queue.fail('r1', 'a', 'x', clock.time)
    index.queue.fail('r1', 'a', 'x', clock.time)
    clock.advance(5)
    expect(index.queue.retryNow('r1', 'a')).toBe(true)
    expect(index.queue.get('r1', 'a')).toMatchObject({ attempts: 2, nextAttemptAt: clock.time })
    expect(index.queue.due(clock.time, 10).map((work) => work.path)).toEqual(['a'])
    expect(index.queue.retryNow('r1', 'missing')).toBe(false)
  })

  it('tells when the next item of a root not paused becomes due, and how many are due', () => {
    const { index, clock } = indexWithRoots()
    expect(index.queue.nextAttemptAt()).toBeNull()
    index.queue.put('r1', 'a', { type: 'upload' }, 1, 1)
    index.queue.put('r1', 'b', { type: 'upload' }, 1, 1)
    index.queue.put('r2', 'c', { type: 'upload' }, 1, 1)
    index.queue.fail('r1', 'a', 'x', clock.time)
    index.queue.fail('r2', 'c', 'x', clock.time + 10)
    expect(index.queue.nextAttemptAt()).toBe(clock.time)
    expect(index.queue.countDue('r1', clock.time)).toBe(1)
    expect(index.queue.countDue('r1', clock.time + minute)).toBe(2)
    index.queue.done('r1', 'b')
    expect(index.queue.nextAttemptAt()).toBe(clock.time + minute)
    index.roots.update('r1', { paused: true })
    expect(index.queue.nextAttemptAt()).toBe(clock.time + 10 + minute)
  })

  it('retries at a new priority when asked', () => {
    const { index, clock } = indexWithRoots()
    index.queue.put('r1', 'a', { type: 'upload' }, 5, 1)
    index.queue.put('r1', 'b', { type: 'upload' }, 1, 1)
    index.queue.fail('r1', 'a', 'x', clock.time)
    expect(index.queue.retryNow('r1', 'a', 0)).toBe(true)
    expect(index.queue.due(clock.time, 10).map((work) => work.path)).toEqual(['a', 'b'])
    expect(index.queue.get('r1', 'a')).toMatchObject({ priority: 0, attempts: 1 })
  })

  it('holds back the work of a paused root', () => {
    const { index, clock } = indexWithRoots()
    index.queue.put('r1', 'a', { type: 'upload' }, 1, 1)
    index.queue.put('r2', 'b', { type: 'upload' }, 1, 1)
    index.roots.update('r1', { paused: true, pauseReason: 'Paused by you.' })
    expect(index.queue.due(clock.time, 10).map((work) => work.path)).toEqual(['b'])
    index.roots.update('r1', { paused: false })
    expect(index.queue.due(clock.time, 10).map((work) => work.path)).toEqual(['a', 'b'])
  })

  it('takes finished work off, clears a root and counts', () => {
    const { index, clock } = indexWithRoots()
    for (const path of ['a', 'b', 'c']) index.queue.put('r1', path, { type: 'upload' }, 1, 1)
    index.queue.put('r2', 'z', { type: 'upload' }, 1, 1)
    expect(index.queue.count()).toBe(4)
    expect(index.queue.count('r1')).toBe(3)
    expect(index.queue.forRoot('r1').map((work) => work.path)).toEqual(['a', 'b', 'c'])
    expect(index.queue.done('r1', 'b')).toBe(true)
    expect(index.queue.done('r1', 'b')).toBe(false)
    expect(index.queue.clear('r1')).toBe(2)
    expect(index.queue.count('r1')).toBe(0)
    expect(index.queue.due(clock.time, 10).map((work) => work.path)).toEqual(['z'])
  })
})
