// The transfer layer's pure pieces: xxh64 in file order from out-of-order chunks, bandwidth
// limiting on a fake clock, and progress told at most ten times a second.
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
    const hasher = await OrderedXxh64.create(10)
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
