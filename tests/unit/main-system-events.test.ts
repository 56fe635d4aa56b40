// System events: sleep holds and wake rescans, the network going and coming back (checked with a
// probe, with backoff), and quitting or shutting down only once syncing has stopped.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { type SystemWatch, watchSystem } from '../../src/main/system-events'
import { app, net, powerMonitor } from './fakes/electron'

vi.mock('electron', () => import('./fakes/electron'))

const asleep = 'The computer is asleep.'
const offline = 'Frame.io cannot be reached; syncing goes on when the connection is back.'

let calls: string[]
let logged: string[]
let probe: ReturnType<typeof vi.fn<() => Promise<boolean>>>
let networkChanges: boolean[]
let watch: SystemWatch
const engine = {
  hold: vi.fn((reason: string) => void calls.push(`hold ${reason}`)),
  release: vi.fn(() => void calls.push('release')),
  stop: vi.fn(async () => void calls.push('engine.stop')),
}
const continuous = {
  rescanAll: vi.fn(() => void calls.push('rescanAll')),
  stop: vi.fn(async () => void calls.push('continuous.stop')),
}

function prevented() {
  return { preventDefault: vi.fn() }
}

async function startWatching() {
  watch = watchSystem({
    powerMonitor,
    app,
    engine,
    continuous,
    network: { isOnline: () => net.isOnline(), probe },
    log: (message) => logged.push(message),
    onNetworkChange: (online) => networkChanges.push(online),
    networkEveryMs: 30_000,
    networkBackoff: { baseDelayMs: 1_000, maxDelayMs: 1_000 },
  })
  await vi.advanceTimersByTimeAsync(0)
  calls = []
}

beforeEach(() => {
  vi.useFakeTimers()
  vi.clearAllMocks()
  app.removeAllListeners()
  powerMonitor.removeAllListeners()
  net.isOnline.mockReturnValue(true)
  probe = vi.fn(async () => true)
  calls = []
  logged = []
  networkChanges = []
})

afterEach(() => {
  watch.stop()
  vi.useRealTimers()
})

describe('sleep and wake', () => {
  it('holds on suspend, and on resume checks the connection, releases, then rescans', async () => {
    await startWatching()
    powerMonitor.emit('suspend')
    expect(calls).toEqual([`hold ${asleep}`])
    probe.mockClear()
    powerMonitor.emit('resume')
    expect(calls).toEqual([`hold ${asleep}`])
    await vi.advanceTimersByTimeAsync(0)
    expect(probe).toHaveBeenCalledOnce()
    expect(calls).toEqual([`hold ${asleep}`, 'release', 'rescanAll'])
  })

  it('rescans on a wake that was not announced', async () => {
    await startWatching()
    powerMonitor.emit('resume')
    await vi.advanceTimersByTimeAsync(0)
    expect(calls).toEqual(['rescanAll'])
  })

  it('stays held after waking without a connection, and goes on once Frame.io answers', async () => {
    await startWatching()
    powerMonitor.emit('suspend')
    net.isOnline.mockReturnValue(false)
    powerMonitor.emit('resume')
    await vi.advanceTimersByTimeAsync(0)
    expect(calls).toEqual([`hold ${asleep}`, `hold ${asleep}`, `hold ${offline}`])
    expect(engine.release).not.toHaveBeenCalled()

    net.isOnline.mockReturnValue(true)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(calls.slice(3)).toEqual(['release', 'rescanAll'])
    expect(networkChanges).toEqual([false, true])
  })
})

describe('the network', () => {
  it('probes at start and holds when Frame.io does not answer', async () => {
    probe.mockRejectedValue(new Error('ECONNREFUSED'))
    await startWatching()
    expect(probe).toHaveBeenCalledOnce()
    expect(watch.online).toBe(false)
    expect(engine.hold).toHaveBeenCalledWith(offline)
  })

  it('notices the OS going offline on its next look, and needs a probe to come back', async () => {
    await startWatching()
    net.isOnline.mockReturnValue(false)
    await vi.advanceTimersByTimeAsync(29_999)
    expect(watch.online).toBe(true)
    await vi.advanceTimersByTimeAsync(1)
    expect(watch.online).toBe(false)
    expect(calls).toEqual([`hold ${offline}`])

    probe.mockClear()
    probe.mockResolvedValue(false)
    net.isOnline.mockReturnValue(true)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(probe).toHaveBeenCalledOnce()
    expect(watch.online).toBe(false)
    probe.mockResolvedValue(true)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(watch.online).toBe(true)
    expect(calls).toEqual([`hold ${offline}`, 'release', 'rescanAll'])
    expect(logged).toEqual([
      'Frame.io cannot be reached; holding sync.',
      'Frame.io can be reached again.',
    ])
  })

  it('does not probe while the OS says it is online and Frame.io was reachable', async () => {
    await startWatching()
    probe.mockClear()
    await vi.advanceTimersByTimeAsync(5 * 30_000)
    expect(probe).not.toHaveBeenCalled()
  })

  it('keeps the engine held while asleep even when the network comes back', async () => {
    net.isOnline.mockReturnValue(false)
    await startWatching()
    powerMonitor.emit('suspend')
    net.isOnline.mockReturnValue(true)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(watch.online).toBe(true)
    expect(engine.release).not.toHaveBeenCalled()
    expect(calls.at(-1)).toBe(`hold ${asleep}`)
  })
})

describe('quitting', () => {
  it('stops the loop and the engine first, then quits, and lets the second quit through', async () => {
    await startWatching()
    const first = prevented()
    app.emit('before-quit', first)
    expect(first.preventDefault).toHaveBeenCalled()
    const meanwhile = prevented()
    app.emit('before-quit', meanwhile)
    expect(meanwhile.preventDefault).toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(0)
    expect(calls).toEqual(['hold Quitting.', 'continuous.stop', 'engine.stop'])
    expect(app.quit).toHaveBeenCalledOnce()

    const again = prevented()
    app.emit('before-quit', again)
    expect(again.preventDefault).not.toHaveBeenCalled()
    expect(continuous.stop).toHaveBeenCalledOnce()
  })

  it('ignores sleep, wake and the network once quitting has begun', async () => {
    continuous.stop.mockImplementationOnce(() => new Promise(() => undefined))
    await startWatching()
    app.emit('before-quit', prevented())
    powerMonitor.emit('suspend')
    powerMonitor.emit('resume')
    net.isOnline.mockReturnValue(false)
    await vi.advanceTimersByTimeAsync(5_000)
    expect(calls).toEqual(['hold Quitting.'])
    expect(continuous.stop).toHaveBeenCalledOnce()
    expect(probe).toHaveBeenCalledOnce()
  })

  it('quits anyway when stopping hangs past the deadline', async () => {
    continuous.stop.mockImplementationOnce(() => new Promise(() => undefined))
    await startWatching()
    app.emit('before-quit', prevented())
    await vi.advanceTimersByTimeAsync(9_999)
    expect(app.quit).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(app.quit).toHaveBeenCalledOnce()
    expect(logged.at(-1)).toBe('Syncing did not stop within 10 seconds; quitting anyway.')
  })

  it('still stops the engine and quits when stopping the loop fails', async () => {
    continuous.stop.mockRejectedValueOnce(new Error('watcher already closed'))
    await startWatching()
    app.emit('before-quit', prevented())
    await vi.advanceTimersByTimeAsync(0)
    expect(engine.stop).toHaveBeenCalled()
    expect(app.quit).toHaveBeenCalledOnce()
    expect(logged).toContain('Stopping the sync loop failed: watcher already closed')
  })

  it('delays a system shutdown to quit cleanly', async () => {
    await startWatching()
    const shutdown = prevented()
    powerMonitor.emit('shutdown', shutdown)
    expect(shutdown.preventDefault).toHaveBeenCalled()
    expect(app.quit).toHaveBeenCalledOnce()
  })

  it('stops listening when asked', async () => {
    await startWatching()
    watch.stop()
    powerMonitor.emit('suspend')
    app.emit('before-quit', prevented())
    expect(calls).toEqual([])
    expect(powerMonitor.eventNames()).toEqual([])
    expect(app.listenerCount('before-quit')).toBe(0)
  })
})
