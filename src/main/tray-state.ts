// What the tray shows for an AppState: which of its icons, the one-line tooltip and the context
// menu entries. Pure (no electron), so every state is tested without a menu bar.
import type { AppState } from '../shared/state'

/** One icon per state, named assets/tray-<state>.png (scripts/render-icons.sh lists them too). */
export const trayStates = [
  'idle',
  'syncing',
  'paused',
  'offline',
  'attention',
  'signed-out',
] as const

export type TrayState = (typeof trayStates)[number]

export interface TraySummary {
  state: TrayState
  tooltip: string
}

/** What the menu entries do; tray.ts adds the click on the icon itself. */
export interface TrayMenuActions {
  open(): void
  pauseAll(): void
  resumeAll(): void
  openFolder(localPath: string): void
  signIn(): void
  signOut(): void
  settings(): void
  quit(): void
}

/** A plain menu entry, shaped as Electron's MenuItemConstructorOptions expects. */
export interface TrayMenuItem {
  label?: string
  type?: 'separator'
  enabled?: boolean
  click?: () => void
  submenu?: TrayMenuItem[]
}

const appName = 'Frame.io Sync'

function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}

function needAttention(count: number, noun: string): string {
  return `${counted(count, noun)} ${count === 1 ? 'needs' : 'need'} attention`
}

function sum(state: AppState, key: 'queued' | 'settling' | 'issues'): number {
  return state.roots.reduce((total, root) => total + root.counts[key], 0)
}

/**
 * Which icon and tooltip an AppState gets. When several apply, the first one in this order wins:
 * signed out (nothing can happen until the person signs in), paused (their own choice, and the
 * reason nothing moves), offline (nothing can move; issues may be stale), attention (something
 * waits for them), syncing, idle. Paused and offline still mention open issues in the tooltip.
 */
export function trayStateOf(state: AppState): TraySummary {
  const summary = (trayState: TrayState, text: string): TraySummary => ({
    state: trayState,
    tooltip: `${appName} — ${text}`,
  })
  // Issues are both counted per root and listed; take the larger, so neither can hide one.
  const issues = Math.max(sum(state, 'issues'), state.issues.length)
  const withIssues = (text: string): string =>
    issues > 0 ? `${text}, ${needAttention(issues, 'file')}` : text

  if (state.user === null) {
    return summary(
      'signed-out',
      state.signIn.status === 'waiting' ? 'finish signing in in your browser' : 'signed out',
    )
  }
  const roots = state.roots
  if (state.paused || (roots.length > 0 && roots.every((root) => root.status === 'paused'))) {
    return summary('paused', withIssues('paused'))
  }
  if (roots.some((root) => root.status === 'offline')) {
    return summary('offline', withIssues('offline'))
  }
  if (issues > 0) return summary('attention', needAttention(issues, 'file'))
  // A folder that is missing or unreadable, or an account that has to sign in again.
  const troubled = roots.filter((root) => root.status === 'attention').length
  if (troubled > 0) return summary('attention', needAttention(troubled, 'folder'))
  const moving = Math.max(sum(state, 'queued'), state.transfers.length)
  if (moving > 0 || roots.some((root) => root.status === 'syncing')) {
    return summary('syncing', moving > 0 ? `syncing ${counted(moving, 'file')}` : 'syncing')
  }
  const settling = Math.max(sum(state, 'settling'), state.settling.length)
  if (settling > 0) return summary('idle', `${counted(settling, 'file')} waiting to upload`)
  return summary('idle', roots.length === 0 ? 'no folders synced yet' : 'up to date')
}

/**
 * The context menu: Open; Pause all or Resume all; Open folder with one entry per synced folder;
 * Sign in or Sign out; Settings; Quit. Resume stays available even without folders, so a pause
 * can always be undone.
 */
export function trayMenuTemplate(state: AppState, actions: TrayMenuActions): TrayMenuItem[] {
  const pauseOrResume: TrayMenuItem = state.paused
    ? { label: 'Resume all', click: () => actions.resumeAll() }
    : { label: 'Pause all', enabled: state.roots.length > 0, click: () => actions.pauseAll() }
  const folders: TrayMenuItem[] = state.roots.map((root) => ({
    label: root.localPath,
    click: () => actions.openFolder(root.localPath),
  }))
  const account: TrayMenuItem =
    state.user === null
      ? { label: 'Sign in…', click: () => actions.signIn() }
      : { label: 'Sign out', click: () => actions.signOut() }
  return [
    { label: 'Open', click: () => actions.open() },
    { type: 'separator' },
    pauseOrResume,
    { label: 'Open folder', enabled: folders.length > 0, submenu: folders },
    { type: 'separator' },
    account,
    { label: 'Settings…', click: () => actions.settings() },
    { type: 'separator' },
    { label: `Quit ${appName}`, click: () => actions.quit() },
  ]
}
