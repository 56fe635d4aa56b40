// The application service: implements the IPC contract on top of the engine and publishes the
// AppState snapshot on every change (the engine coalesces to ten a second). Hosts (Electron main,
// CLI serve) supply what only they can do; without an engine only the app channels work.
import { type AppState, type Handlers, IpcError, type Settings, emptyAppState } from '../shared'
import type { LogBuffer } from './log'
import type { SyncEngine } from './engine'
import { EventHub } from './events'
import type { FrameioClient } from './frameio'
import { syncHandlers } from './service-sync'

/** What the hosting process does on the service's behalf. */
export interface ServiceHost {
  quit(): void
  openExternal(url: string): Promise<void>
  /** Shows a local folder in the system's file manager. */
  openPath?(path: string): Promise<void>
  /** Shows a file, selected, in the system's file manager. */
  revealPath?(path: string): void
  /** The system's folder chooser; null when cancelled. Only hosts with a desktop have one. */
  chooseFolder?(): Promise<string | null>
  /** Shows the folder-picker window. Only the desktop app has one. */
  showFolderPicker?(): void
}

/** Where the host keeps the settings (electron-store in the app, a file in the CLI). */
export interface SettingsPort {
  read(): Settings
  update(change: Partial<Settings>): Settings
}

export interface ServiceSync {
  engine: SyncEngine
  client: FrameioClient
  settings: SettingsPort
  /** The host's recent log, for diagnostics. */
  log: LogBuffer
  /** Versions worth reporting (app, Electron, Node, OS). */
  versions: Record<string, string>
  /** Asks the host's sync loop to work now (after resume, retry, a root added...). */
  kick?: () => void
}

export interface AppService {
  readonly handlers: Handlers
  readonly events: EventHub
  /** Replace part of the snapshot and tell every listener. */
  update(change: Partial<AppState>): void
  /** Completes a sign-in from the redirect address the browser came back with. */
  completeSignIn(redirectUrl: string): Promise<void>
  dispose(): void
}

const noDesktop = (what: string) =>
  new IpcError({ code: 'failed', message: `This window cannot ${what}; type the folder's path.` })

const notSyncing = () => {
  throw new IpcError({ code: 'failed', message: 'Syncing is not available in this window.' })
}

export function createAppService(host: ServiceHost, sync?: ServiceSync): AppService {
  const events = new EventHub()
  let state: AppState = emptyAppState
  const update = (change: Partial<AppState>) => {
    state = { ...state, ...change }
    events.emit('state', state)
  }
  events.emit('state', state)
  const synced = sync ? syncHandlers(sync, host, update) : null
  const stopFollowing = sync?.engine.onChange(() => update(sync.engine.snapshot()))
  if (sync) update(sync.engine.snapshot())

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
    'dialog:chooseFolder': async () => {
      if (!host.chooseFolder) throw noDesktop('choose a folder with the system dialog')
      return { path: await host.chooseFolder() }
    },
    'app:showFolderPicker': () => {
      if (!host.showFolderPicker) throw noDesktop('open the folder picker window')
      host.showFolderPicker()
      return undefined
    },
    'roots:openFolder': notSyncing,
    'roots:openInFrameio': notSyncing,
    'settings:get': notSyncing,
    'settings:update': notSyncing,
    'app:diagnostics': notSyncing,
    'auth:beginSignIn': notSyncing,
    'auth:cancelSignIn': notSyncing,
    'auth:signOut': notSyncing,
    'frameio:accounts': notSyncing,
    'frameio:workspaces': notSyncing,
    'frameio:projects': notSyncing,
    'roots:add': notSyncing,
    'roots:update': notSyncing,
    'roots:remove': notSyncing,
    'roots:pause': notSyncing,
    'roots:resume': notSyncing,
    'issues:retry': notSyncing,
    'issues:ignore': notSyncing,
    'issues:reveal': notSyncing,
    'activity:list': notSyncing,
    ...synced?.handlers,
  }

  return {
    handlers,
    events,
    update,
    completeSignIn: synced ? synced.completeSignIn : async () => notSyncing(),
    dispose() {
      stopFollowing?.()
      synced?.dispose()
    },
  }
}
