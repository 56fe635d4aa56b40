// What the operating system tells the app: sleep and wake hold and then rescan, the network going
// and coming back holds and releases, and quitting (or shutting down) stops syncing cleanly first.
import type { RetryPolicy } from '../core/frameio/retry'
import { NetworkWatch } from './network-watch'

type Emitter = Pick<NodeJS.EventEmitter, 'on' | 'removeListener'>

interface Preventable {
  preventDefault(): void
}

export interface SystemPorts {
  /** Electron's powerMonitor: suspend, resume, shutdown. */
  powerMonitor: Emitter
  /** Electron's app: before-quit, and quit() once everything has stopped. */
  app: Emitter & { quit(): void }
  /** A pause that is not recorded (SyncEngine.hold/release), and the stop on quit. */
  engine: { hold(reason: string): void; release(): void; stop(): Promise<void> }
  continuous: { rescanAll(): void; stop(): Promise<void> }
  /** isOnline is Electron's net.isOnline; probe asks the API base whether it answers at all. */
  network: { isOnline(): boolean; probe(): Promise<boolean> }
  log: (message: string) => void
  /** Told whenever Frame.io becomes reachable or unreachable (for the tray's offline state). */
  onNetworkChange?: (online: boolean) => void
  networkEveryMs?: number
  networkBackoff?: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>
  /** Quit anyway when stopping takes longer than this. */
  quitDeadlineMs?: number
}

export interface SystemWatch {
  readonly online: boolean
  /** Stops listening (the app is quitting through another path, or in tests). */
  stop(): void
}

const holdReasons = {
  asleep: 'The computer is asleep.',
  offline: 'Frame.io cannot be reached; syncing goes on when the connection is back.',
} as const

type HoldReason = keyof typeof holdReasons

export function watchSystem(ports: SystemPorts): SystemWatch {
  const { powerMonitor, app, engine, continuous, log } = ports
  const holding = new Set<HoldReason>()
  let quitting: 'no' | 'stopping' | 'stopped' = 'no'

  /** Holds for the first reason left, or releases and rescans: hints seen while held were lost. */
  const apply = (wasHeld: boolean) => {
    const [reason] = holding
    if (reason) engine.hold(holdReasons[reason])
    else if (wasHeld) {
      engine.release()
      continuous.rescanAll()
    }
  }
  const hold = (reason: HoldReason, on: boolean) => {
    if (quitting !== 'no' || holding.has(reason) === on) return
    const wasHeld = holding.size > 0
    if (on) holding.add(reason)
    else holding.delete(reason)
    apply(wasHeld)
  }

  const network = new NetworkWatch({
    isOnline: () => ports.network.isOnline(),
    probe: () => ports.network.probe(),
    onChange: (online) => {
      log(online ? 'Frame.io can be reached again.' : 'Frame.io cannot be reached; holding sync.')
      hold('offline', !online)
      ports.onNetworkChange?.(online)
    },
    ...(ports.networkEveryMs === undefined ? {} : { everyMs: ports.networkEveryMs }),
    ...(ports.networkBackoff === undefined ? {} : { backoff: ports.networkBackoff }),
  })

  const onSuspend = () => {
    log('The computer is going to sleep; holding sync.')
    hold('asleep', true)
  }
  const onResume = () => {
    log('The computer woke up; checking the connection, then rescanning.')
    void network.check(true).then(() => {
      // Some systems wake without having said they would sleep: rescan all the same.
      if (holding.has('asleep')) hold('asleep', false)
      else if (holding.size === 0 && quitting === 'no') continuous.rescanAll()
    })
  }
  const onShutdown = (event: Preventable) => {
    // Delays the shutdown just long enough to stop cleanly (Linux and macOS).
    event.preventDefault()
    app.quit()
  }
  const onBeforeQuit = (event: Preventable) => {
    if (quitting === 'stopped') return
    event.preventDefault()
    if (quitting === 'stopping') return
    quitting = 'stopping'
    void stopSyncing().finally(() => {
      quitting = 'stopped'
      app.quit()
    })
  }

  async function stopSyncing(): Promise<void> {
    stopListening()
    // Aborts transfers at once, so the loop below is not waiting for a long upload to finish.
    engine.hold('Quitting.')
    const deadlineMs = ports.quitDeadlineMs ?? 10_000
    let deadline: NodeJS.Timeout | undefined
    const late = new Promise<void>((resolve) => {
      deadline = setTimeout(() => {
        log(`Syncing did not stop within ${deadlineMs / 1000} seconds; quitting anyway.`)
        resolve()
      }, deadlineMs)
    })
    const failed = (what: string) => (error: unknown) => {
      log(`Stopping ${what} failed: ${(error as Error).message}`)
    }
    const stopped = (async () => {
      await continuous.stop().catch(failed('the sync loop'))
      await engine.stop().catch(failed('the sync engine'))
    })()
    await Promise.race([stopped, late])
    clearTimeout(deadline)
  }

  function stopListening(): void {
    network.stop()
    powerMonitor.removeListener('suspend', onSuspend)
    powerMonitor.removeListener('resume', onResume)
  }

  powerMonitor.on('suspend', onSuspend)
  powerMonitor.on('resume', onResume)
  powerMonitor.on('shutdown', onShutdown)
  app.on('before-quit', onBeforeQuit)
  void network.start()

  return {
    get online() {
      return network.online
    },
    stop() {
      stopListening()
      powerMonitor.removeListener('shutdown', onShutdown)
      app.removeListener('before-quit', onBeforeQuit)
    },
  }
}
