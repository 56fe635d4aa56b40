// The remote walker's WalkBudget on a fake clock: half of each documented rate as an even beat,
// endpoints apart, no burst after idling, no catching up after a late wake-up, a cancelled wait.
import { describe, expect, it } from 'vitest'
import type { BudgetClock, Operation } from '../../src/core/frameio/budget'
import { FrameioError } from '../../src/core/frameio/errors'
import { WalkBudget } from '../../src/core/remote'

/** A clock that moves only when told to, waking sleepers in time order (`lateMs` late). */
class FakeClock implements BudgetClock {
  private time = 0
  private sleepers: Array<{ at: number; wake: () => void }> = []

  constructor(private readonly lateMs = 0) {}

  now = () => this.time

  sleep = (ms: number, signal?: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      const sleeper = { at: this.time + ms + this.lateMs, wake: resolve }
      this.sleepers.push(sleeper)
      signal?.addEventListener('abort', () => {
        this.sleepers = this.sleepers.filter((each) => each !== sleeper)
        reject(new FrameioError('aborted', 'The call was cancelled.'))
      })
    })

  /** Moves time forward to `until`, waking every sleeper due on the way. */
  async runUntil(until: number): Promise<void> {
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve))
      const due = this.sleepers.filter((each) => each.at <= until).sort((a, b) => a.at - b.at)[0]
      if (!due) break
      this.sleepers = this.sleepers.filter((each) => each !== due)
      this.time = due.at
      due.wake()
    }
    this.time = until
  }
}

/** Starts takes now and records the clock time at which each one was let through. */
function takeAll(budget: WalkBudget, clock: FakeClock, operations: Operation[]) {
  const times: Array<[Operation, number]> = []
  for (const operation of operations)
    void budget.take(operation).then(() => times.push([operation, clock.now()]))
  return times
}

describe('WalkBudget', () => {
  it('lets one endpoint through at half its documented rate, one call per beat', async () => {
    const clock = new FakeClock()
    const budget = new WalkBudget(clock)
    expect(budget.beatMs('files.list')).toBe(400)
    expect(budget.beatMs('folders.list')).toBe(400)
    const times = takeAll(budget, clock, Array(4).fill('files.list'))
    await clock.runUntil(10_000)
    expect(times.map(([, at]) => at)).toEqual([0, 400, 800, 1_200])
  })

  it('halves per-minute limits too', async () => {
    const clock = new FakeClock()
    const budget = new WalkBudget(clock)
    const times = takeAll(budget, clock, ['folders.index', 'folders.index'])
    await clock.runUntil(10_000)
    expect(times).toEqual([
      ['folders.index', 0],
      ['folders.index', 1_200],
    ])
  })

  it('keeps endpoints apart: files.list does not wait for folders.list', async () => {
    const clock = new FakeClock()
    const budget = new WalkBudget(clock)
    const times = takeAll(budget, clock, ['folders.list', 'files.list', 'folders.list'])
    await clock.runUntil(10_000)
    expect(times).toEqual([
      ['folders.list', 0],
      ['files.list', 0],
      ['folders.list', 400],
    ])
  })

  it('lends no burst after an idle spell', async () => {
    const clock = new FakeClock()
    const budget = new WalkBudget(clock)
    takeAll(budget, clock, ['files.list'])
    await clock.runUntil(5_000)
    const times = takeAll(budget, clock, ['files.list', 'files.list', 'files.list'])
    await clock.runUntil(10_000)
    expect(times.map(([, at]) => at)).toEqual([5_000, 5_400, 5_800])
  })

  it('does not catch up after waking late: the next beat counts from the late call', async () => {
    const clock = new FakeClock(300)
    const budget = new WalkBudget(clock)
    const times = takeAll(budget, clock, Array(3).fill('files.list'))
    await clock.runUntil(10_000)
    expect(times.map(([, at]) => at)).toEqual([0, 700, 1_400])
  })

  it('gives up a wait when its signal aborts', async () => {
    const clock = new FakeClock()
    const budget = new WalkBudget(clock)
    await budget.take('files.list')
    const controller = new AbortController()
    const waiting = budget.take('files.list', controller.signal)
    controller.abort()
    const error = await waiting.catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(FrameioError)
    expect((error as FrameioError).kind).toBe('aborted')
    expect(clock.now()).toBe(0)
  })
})
