// What the tray shows for each AppState: icon state, tooltip wording and precedence, menu entries.
import { describe, expect, it, vi } from 'vitest'
import { type TrayMenuItem, trayMenuTemplate, trayStateOf } from '../../src/main/tray-state'
import {
  type AppState,
  type SyncRoot,
  appStateSchema,
  emptyAppState,
  rootStatusSchema,
} from '../../src/shared/state'

const user = { id: 'u1', name: 'Ada', email: 'ada@example.com' }

function root(overrides: Partial<SyncRoot> = {}): SyncRoot {
  return {
    id: 'r1',
    localPath: '/Users/ada/Launch Film',
    projectId: 'p1',
    projectName: 'Launch Film',
    mode: 'two-way',
    readyAfterSeconds: 60,
    status: 'idle',
    statusReason: null,
    counts: { queued: 0, settling: 0, issues: 0 },
    ...overrides,
  }
}

/** A signed-in state with the given changes, checked against the schema so fixtures stay real. */
function state(overrides: Partial<AppState> = {}): AppState {
  return appStateSchema.parse({ ...emptyAppState, user, ...overrides })
}

const counts = (queued: number, settling: number, issues: number) => ({ queued, settling, issues })

const issue = (id: string) => ({
  id,
  rootId: 'r1',
  path: `clips/${id}.mov`,
  problem: 'Upload failed',
  reason: 'The server refused the file.',
  at: '2025-01-01T00:00:00.000Z',
})

const transfer = (id: string) => ({
  id,
  rootId: 'r1',
  path: `${id}.mov`,
  direction: 'upload' as const,
  bytesDone: 1,
  bytesTotal: 10,
  bytesPerSecond: 1,
  etaSeconds: 9,
})

describe('trayStateOf', () => {
  it.each([
    ['idle', 'idle', 'Frame.io Sync — up to date'],
    ['syncing', 'syncing', 'Frame.io Sync — syncing'],
    ['paused', 'paused', 'Frame.io Sync — paused'],
    ['offline', 'offline', 'Frame.io Sync — offline'],
    ['attention', 'attention', 'Frame.io Sync — 1 folder needs attention'],
  ] as const)('maps a lone root that is %s to the %s icon', (status, trayState, tooltip) => {
    expect(trayStateOf(state({ roots: [root({ status })] }))).toEqual({ state: trayState, tooltip })
  })

  it('covers every root status the schema knows', () => {
    for (const status of rootStatusSchema.options) {
      expect(trayStateOf(state({ roots: [root({ status })] })).state).toBe(status)
    }
  })

  it('shows signed out above everything else, and a sign-in waiting for the browser', () => {
    const busy = {
      paused: true,
      roots: [root({ status: 'offline', counts: counts(4, 1, 2) })],
      transfers: [transfer('t1')],
      issues: [issue('i1')],
    }
    expect(trayStateOf(state({ ...busy, user: null }))).toEqual({
      state: 'signed-out',
      tooltip: 'Frame.io Sync — signed out',
    })
    const waiting = state({ user: null, signIn: { status: 'waiting', message: null } })
    expect(trayStateOf(waiting)).toEqual({
      state: 'signed-out',
      tooltip: 'Frame.io Sync — finish signing in in your browser',
    })
    const failed = state({ user: null, signIn: { status: 'failed', message: 'Refused.' } })
    expect(trayStateOf(failed).tooltip).toBe('Frame.io Sync — signed out')
    expect(trayStateOf(emptyAppState).state).toBe('signed-out')
  })

  it('shows paused over offline, issues and transfers, still counting the issues', () => {
    const roots = [root({ status: 'offline', counts: counts(3, 0, 2) })]
    expect(trayStateOf(state({ paused: true, roots }))).toEqual({
      state: 'paused',
      tooltip: 'Frame.io Sync — paused, 2 files need attention',
    })
    expect(trayStateOf(state({ paused: true })).tooltip).toBe('Frame.io Sync — paused')
  })

  it('shows paused when every folder is paused, but not when only some are', () => {
    const paused = root({ status: 'paused' })
    const idle = root({ id: 'r2', localPath: '/Users/ada/Trailer' })
    expect(trayStateOf(state({ roots: [paused, { ...paused, id: 'r2' }] })).state).toBe('paused')
    expect(trayStateOf(state({ roots: [paused, idle] }))).toEqual({
      state: 'idle',
      tooltip: 'Frame.io Sync — up to date',
    })
  })

  it('shows offline when any folder cannot reach Frame.io, over issues and transfers', () => {
    const roots = [
      root({ status: 'offline' }),
      root({ id: 'r2', status: 'syncing', counts: counts(5, 0, 1) }),
    ]
    expect(trayStateOf(state({ roots }))).toEqual({
      state: 'offline',
      tooltip: 'Frame.io Sync — offline, 1 file needs attention',
    })
  })

  it('counts the files that need attention across folders, in the plural and the singular', () => {
    const roots = [
      root({ status: 'syncing', counts: counts(7, 0, 1) }),
      root({ id: 'r2', status: 'attention', counts: counts(0, 0, 2) }),
    ]
    expect(trayStateOf(state({ roots }))).toEqual({
      state: 'attention',
      tooltip: 'Frame.io Sync — 3 files need attention',
    })
    const one = [root({ status: 'attention', counts: counts(0, 0, 1) })]
    expect(trayStateOf(state({ roots: one })).tooltip).toBe(
      'Frame.io Sync — 1 file needs attention',
    )
  })

  it('uses the issue list when it holds more issues than the counts', () => {
    const issues = [issue('i1'), issue('i2'), issue('i3')]
    expect(trayStateOf(state({ roots: [root()], issues })).tooltip).toBe(
      'Frame.io Sync — 3 files need attention',
    )
  })

  it('counts folders that need attention when no file does', () => {
    const roots = [
      root({ status: 'attention', statusReason: 'The folder is missing.' }),
      root({ id: 'r2', status: 'attention', statusReason: 'The folder is unreadable.' }),
      root({ id: 'r3', status: 'syncing', counts: counts(2, 0, 0) }),
    ]
    expect(trayStateOf(state({ roots }))).toEqual({
      state: 'attention',
      tooltip: 'Frame.io Sync — 2 folders need attention',
    })
  })

  it('counts the files on the move: queued across folders, or transfers when more', () => {
    const roots = [
      root({ status: 'syncing', counts: counts(2, 0, 0) }),
      root({ id: 'r2', status: 'syncing', counts: counts(1, 0, 0) }),
    ]
    expect(trayStateOf(state({ roots }))).toEqual({
      state: 'syncing',
      tooltip: 'Frame.io Sync — syncing 3 files',
    })
    const transfers = [transfer('t1')]
    expect(trayStateOf(state({ roots: [root()], transfers }))).toEqual({
      state: 'syncing',
      tooltip: 'Frame.io Sync — syncing 1 file',
    })
  })

  it('stays idle while files settle, saying how many wait to upload', () => {
    const roots = [root({ counts: counts(0, 2, 0) })]
    expect(trayStateOf(state({ roots }))).toEqual({
      state: 'idle',
      tooltip: 'Frame.io Sync — 2 files waiting to upload',
    })
  })

  it('says so when no folder is synced yet', () => {
    expect(trayStateOf(state())).toEqual({
      state: 'idle',
      tooltip: 'Frame.io Sync — no folders synced yet',
    })
  })
})

describe('trayMenuTemplate', () => {
  const actions = () => ({
    open: vi.fn(),
    pauseAll: vi.fn(),
    resumeAll: vi.fn(),
    openFolder: vi.fn(),
    signIn: vi.fn(),
    signOut: vi.fn(),
    settings: vi.fn(),
    quit: vi.fn(),
  })
  const labels = (items: TrayMenuItem[]) => items.map((item) => item.label ?? '---')
  const entry = (items: TrayMenuItem[], label: string): TrayMenuItem => {
    const found = items.find((item) => item.label === label)
    if (!found) throw new Error(`No menu entry "${label}" in ${labels(items).join(', ')}`)
    return found
  }

  it('lists Open, Pause all, one Open folder entry per root, Sign out, Settings and Quit', () => {
    const act = actions()
    const roots = [root(), root({ id: 'r2', localPath: '/Users/ada/Trailer' })]
    const menu = trayMenuTemplate(state({ roots }), act)
    expect(labels(menu)).toEqual([
      'Open',
      '---',
      'Pause all',
      'Open folder',
      '---',
      'Sign out',
      'Settings…',
      '---',
      'Quit Frame.io Sync',
    ])
    const folders = entry(menu, 'Open folder')
    expect(folders.enabled).toBe(true)
    expect(labels(folders.submenu ?? [])).toEqual(['/Users/ada/Launch Film', '/Users/ada/Trailer'])
    folders.submenu?.[1]?.click?.()
    expect(act.openFolder).toHaveBeenCalledWith('/Users/ada/Trailer')

    expect(entry(menu, 'Pause all').enabled).toBe(true)
    for (const label of ['Open', 'Pause all', 'Sign out', 'Settings…', 'Quit Frame.io Sync']) {
      entry(menu, label).click?.()
    }
    expect(act.open).toHaveBeenCalledOnce()
    expect(act.pauseAll).toHaveBeenCalledOnce()
    expect(act.signOut).toHaveBeenCalledOnce()
    expect(act.settings).toHaveBeenCalledOnce()
    expect(act.quit).toHaveBeenCalledOnce()
    expect(act.resumeAll).not.toHaveBeenCalled()
  })

  it('offers Resume all while paused, even with no folders', () => {
    const act = actions()
    const menu = trayMenuTemplate(state({ paused: true }), act)
    expect(labels(menu)).not.toContain('Pause all')
    const resume = entry(menu, 'Resume all')
    expect(resume.enabled).not.toBe(false)
    resume.click?.()
    expect(act.resumeAll).toHaveBeenCalledOnce()
  })

  it('disables Pause all and Open folder when nothing is synced', () => {
    const menu = trayMenuTemplate(state(), actions())
    expect(entry(menu, 'Pause all').enabled).toBe(false)
    expect(entry(menu, 'Open folder')).toMatchObject({ enabled: false, submenu: [] })
  })

  it('offers Sign in instead of Sign out when signed out', () => {
    const act = actions()
    const menu = trayMenuTemplate(emptyAppState, act)
    expect(labels(menu)).not.toContain('Sign out')
    entry(menu, 'Sign in…').click?.()
    expect(act.signIn).toHaveBeenCalledOnce()
  })
})
