// The transfer layer's pure pieces: xxh64 in file order from out-of-order chunks (within a memory
// budget, letting go of each chunk once), bandwidth limiting on a fake clock, and progress told at
// most ten times a second.
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  Bandwidth,
  OrderedXxh64,
  ProgressHub,
  type ProgressSnapshot,
  xxh64Hex,
  xxhashApi,
} from '../../src/core/transfer'

afterEach(() => {
  vi.useRealTimers()
})

describe('OrderedXxh64', () => {
  it('gives the whole-file hash whatever order chunks arrive in, ignoring repeats', async () => {
    const bytes = Buffer.from('the quick brown fox jumps over the lazy dog, twice over')
    const expected = xxh64Hex((await xxhashApi()).h64Raw(bytes))
    const hasher = await OrderedXxh64.create()
    await hasher.feed(20, bytes.subarray(20, 40))
    await hasher.feed(40, bytes.subarray(40))
    await hasher.feed(0, bytes.subarray(0, 10))
    await hasher.feed(0, bytes.subarray(0, 15))
    await hasher.feed(10, bytes.subarray(10, 20))
    expect(hasher.hashedBytes).toBe(bytes.length)
    expect(hasher.digest()).toBe(expected)
  })

  it('holds a chunk too far ahead until the hashed point comes within the window', async () => {
    const bytes = Buffer.from('0123456789abcdefghij')
    const hasher = await OrderedXxh64.create({ window: 10 })
    let farAccepted = false
    const far = hasher.feed(15, bytes.subarray(15)).then(() => (farAccepted = true))
    await new Promise((resolve) => setImmediate(resolve))
    expect(farAccepted).toBe(false)
    await hasher.feed(0, bytes.subarray(0, 10))
    await far
    expect(farAccepted).toBe(true)
    await hasher.feed(10, bytes.subarray(10, 15))
    expect(hasher.digest()).toBe(xxh64Hex((await xxhashApi()).h64Raw(bytes)))
  })

  it('holds a chunk that would go past the budget until the hashed point moves on', async () => {
    const bytes = Buffer.from('0123456789abcdefghij')
    const hasher = await OrderedXxh64.create({ budget: 8, patienceMs: 60_000 })
    await hasher.feed(5, bytes.subarray(5, 10))
    let farAccepted = false
    const far = hasher.feed(15, bytes.subarray(15)).then(() => (farAccepted = true))
    await new Promise((resolve) => setImmediate(resolve))
    expect(farAccepted).toBe(false)
    // The chunk at the hashed point is always taken, whatever waits.
    await hasher.feed(0, bytes.subarray(0, 5))
    await far
    expect(farAccepted).toBe(true)
    await hasher.feed(10, bytes.subarray(10, 15))
    expect(hasher.digest()).toBe(xxh64Hex((await xxhashApi()).h64Raw(bytes)))
  })

  it('takes a chunk past the budget after its patience runs out, but never past the window', async () => {
    vi.useFakeTimers({ now: 0 })
    const hasher = await OrderedXxh64.create({ window: 30, budget: 4, patienceMs: 1_000 })
    await hasher.feed(10, Buffer.alloc(4))
    const taken: number[] = []
    const overBudget = hasher.feed(20, Buffer.alloc(4)).then(() => taken.push(20))
    const pastWindow = hasher.feed(30, Buffer.alloc(4)).then(() => taken.push(30))
    await vi.advanceTimersByTimeAsync(999)
    expect(taken).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    await overBudget
    await vi.advanceTimersByTimeAsync(60_000)
    expect(taken).toEqual([20])
    await hasher.feed(0, Buffer.alloc(10))
    await pastWindow
    expect(taken).toEqual([20, 30])
  })

  it('lets go of each chunk once: at once when hashed or repeated, else once hashed', async () => {
    const bytes = Buffer.from('abcdefghijklmnopqrstuvwxyz')
    const hasher = await OrderedXxh64.create()
    const released: string[] = []
    const feed = (from: number, to: number) =>
      hasher.feed(from, bytes.subarray(from, to), () => released.push(`${from}-${to}`))
    await feed(10, 20)
    await feed(20, 26)
    await feed(10, 20) // a retried part sends the waiting chunk again
    expect(released).toEqual(['10-20'])
    await feed(0, 10)
    expect(released).toEqual(['10-20', '0-10', '10-20', '20-26'])
    await feed(0, 10)
    expect(released).toHaveLength(5)
    expect(hasher.digest()).toBe(xxh64Hex((await xxhashApi()).h64Raw(bytes)))
  })

  it('rejects a held-back chunk when its transfer is stopped', async () => {
    const hasher = await OrderedXxh64.create({ budget: 4, patienceMs: 60_000 })
    await hasher.feed(10, Buffer.alloc(4))
    const stop = new AbortController()
    const held = hasher.feed(20, Buffer.alloc(4), undefined, stop.signal)
    stop.abort(new Error('paused'))
    await expect(held).rejects.toThrow('paused')
  })

  it('writes xxh64 as 16 lowercase hex digits', () => {
    expect(xxh64Hex(0xabcn)).toBe('0000000000000abc')
  })
})

describe('Bandwidth', () => {
  it('lets a second of bytes through at once, then paces the rest', async () => {
    vi.useFakeTimers({ now: 0 })
    const limit = new Bandwidth(1_000)
    await limit.take(1_000)
    let done = false
    const next = limit.take(500).then(() => (done = true))
    await vi.advanceTimersByTimeAsync(499)
    expect(done).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    await next
    expect(done).toBe(true)
  })

  it('does not wait at all when unlimited', async () => {
    await expect(new Bandwidth(0).take(10 ** 12)).resolves.toBeUndefined()
  })
})

describe('ProgressHub', () => {
  it('tells the listener at most ten times a second, with rate and ETA', async () => {
    vi.useFakeTimers({ now: 0 })
    const seen: ProgressSnapshot[] = []
    const hub = new ProgressHub((snapshot) => seen.push(snapshot))
    const upload = hub.track('a.mov', 'upload', 1_000)
    for (let ms = 0; ms < 1_000; ms += 10) {
      upload.add(5)
      await vi.advanceTimersByTimeAsync(10)
    }
    expect(seen.length).toBeLessThanOrEqual(11)
    expect(seen.length).toBeGreaterThanOrEqual(9)
    const last = seen.at(-1)!
    expect(last.transfers[0]).toMatchObject({ id: 'a.mov', bytesDone: 500, bytesTotal: 1_000 })
    expect(last.overall.rate).toBeGreaterThan(400)
    expect(last.overall.etaSeconds).toBeGreaterThan(0)
    upload.finish()
    await vi.advanceTimersByTimeAsync(100)
    expect(seen.at(-1)!.transfers).toEqual([])
  })
})
