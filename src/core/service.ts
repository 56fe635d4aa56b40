// The application service: implements the IPC contract on top of the engine and publishes the
// AppState snapshot on every change. Hosts (Electron main, CLI serve) supply what only they can do.
import { type AppState, type Handlers, emptyAppState } from '../shared'
import { EventHub } from './events'

/** What the hosting process does on the service's behalf. */
export interface ServiceHost {
  quit(): void
  openExternal(url: string): Promise<void>
}

export interface AppService {
  readonly handlers: Handlers
  readonly events: EventHub
  /** Replace part of the snapshot and tell every listener. */
  update(change: Partial<AppState>): void
}

export function createAppService(host: ServiceHost, initial: AppState = emptyAppState): AppService {
  const events = new EventHub()
  let state = initial
  events.emit('state', state)

  const handlers: Handlers = {
    'app:getState': () => state,
    'app:quit': () => {
      host.quit()
      return undefined
    },
    'app:openExternal': async ({ url }) => {
      await host.openExternal(url)
      return undefined
    },
  }

  return {
    handlers,
    events,
    update(change) {
      state = { ...state, ...change }
      events.emit('state', state)
    },
  }
}
