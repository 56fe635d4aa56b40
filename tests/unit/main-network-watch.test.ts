// The network watch: backoff while offline, one probe at a time, and silence once stopped.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { NetworkWatch } from '../../src/main/network-watch'

beforeEach(() => {
  vi.useFakeTimers()
})

afterEach(() => {
  vi.useRealTimers()
})

describe('network watch', () => {
  it('looks again after longer and longer waits while offline, up to the cap', async () => {
    const looks: number[] = []
    const started = Date.now()
    const watch = new NetworkWatch({
      isOnline: () => {
        looks.push(Date.now() - started)
        return false
      },
      probe: async () => true,
      onChange: () => undefined,
      backoff: { baseDelayMs: 1_000, maxDelayMs: 8_000 },
      random: () => 1,
    })
    await watch.start()
    await vi.advanceTimersByTimeAsync(1_000 + 2_000 + 4_000 + 8_000 + 8_000)
    watch.stop()
    expect(looks).toEqual([0, 1_000, 3_000, 7_000, 15_000, 23_000])
  })

  it('runs one probe at a time however often it is asked', async () => {
    let answer: (reachable: boolean) => void = () => undefined
    const probe = vi.fn(() => new Promise<boolean>((resolve) => (answer = resolve)))
    const changes: boolean[] = []
    const watch = new NetworkWatch({
      isOnline: () => true,
      probe,
      onChange: (online) => changes.push(online),
    })
    const first = watch.start()
    const second = watch.check(true)
    expect(probe).toHaveBeenCalledOnce()
    answer(false)
    await Promise.all([first, second])
    expect(changes).toEqual([false])
    watch.stop()
  })

  it('says nothing more once stopped, even when a probe answers late', async () => {
    let answer: (reachable: boolean) => void = () => undefined
    const isOnline = vi.fn(() => true)
    const changes: boolean[] = []
    const watch = new NetworkWatch({
      isOnline,
      probe: () => new Promise<boolean>((resolve) => (answer = resolve)),
      onChange: (online) => changes.push(online),
    })
    const started = watch.start()
    watch.stop()
    answer(false)
    await started
    await vi.advanceTimersByTimeAsync(10 * 60_000)
    expect(changes).toEqual([])
    expect(isOnline).toHaveBeenCalledOnce()
  })
})
