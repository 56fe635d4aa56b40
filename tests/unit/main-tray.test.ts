// The tray: per-state icons on disk, the icon chosen per platform, and how updates reach the
// Electron tray (only what changed) and what clicking does.
import { existsSync, readFileSync } from 'node:fs'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { Menu, Tray } from './fakes/electron'
import { createTray, trayIconPath } from '../../src/main/tray'
import { trayStates } from '../../src/main/tray-state'
import { type AppState, type SyncRoot, emptyAppState } from '../../src/shared/state'

vi.mock('electron', () => import('./fakes/electron'))

const user = { id: 'u1', name: 'Ada', email: 'ada@example.com' }

function root(id: string, localPath: string, queued = 0): SyncRoot {
  return {
    id,
    localPath,
    projectId: `p-${id}`,
    projectName: id,
    mode: 'two-way',
    readyAfterSeconds: 60,
    status: queued > 0 ? 'syncing' : 'idle',
    statusReason: null,
    counts: { queued, settling: 0, issues: 0 },
  }
}

const signedIn = (roots: SyncRoot[]): AppState => ({ ...emptyAppState, user, roots })

function actions() {
  return {
    toggle: vi.fn(),
    open: vi.fn(),
    pauseAll: vi.fn(),
    resumeAll: vi.fn(),
    openFolder: vi.fn(),
    signIn: vi.fn(),
    signOut: vi.fn(),
    settings: vi.fn(),
    quit: vi.fn(),
  }
}

type Template = Array<{ label?: string; click?: () => void }>

function lastTemplate(): Template {
  const call = Menu.buildFromTemplate.mock.calls.at(-1)
  if (!call) throw new Error('No menu was built')
  return call[0] as Template
}

function lastTray(): Tray {
  const tray = Tray.created.at(-1)
  if (!tray) throw new Error('No tray was created')
  return tray
}

beforeEach(() => {
  vi.clearAllMocks()
})

describe('tray icons', () => {
  it('uses a template image on macOS and a colour icon elsewhere, one per state', () => {
    expect(trayIconPath('/app/assets', 'darwin', 'syncing')).toBe(
      '/app/assets/tray-syncingTemplate.png',
    )
    expect(trayIconPath('/app/assets', 'win32', 'signed-out')).toBe(
      '/app/assets/tray-signed-out.png',
    )
    expect(trayIconPath('/app/assets', 'linux', 'idle')).toBe('/app/assets/tray-idle.png')
  })

  const files = trayStates.flatMap((state) => [
    [`tray-${state}.png`, 16],
    [`tray-${state}@2x.png`, 32],
    [`tray-${state}Template.png`, 16],
    [`tray-${state}Template@2x.png`, 32],
  ]) as Array<[string, number]>

  it.each(files)('ships assets/%s as a %i px square PNG, rendered from its SVG', (file, size) => {
    const png = readFileSync(`assets/${file}`)
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG')
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size])
    expect(existsSync(`assets/${file.replace(/(@2x)?\.png$/, '.svg')}`)).toBe(true)
  })
})

describe('createTray', () => {
  it('starts with the icon, tooltip and menu of the state it is given', () => {
    createTray('/app/assets', emptyAppState, actions(), 'darwin')
    const tray = lastTray()
    expect(tray.image).toEqual({ path: '/app/assets/tray-signed-outTemplate.png' })
    expect(tray.tooltip).toBe('Frame.io Sync — signed out')
    expect(lastTemplate().map((item) => item.label)).toContain('Sign in…')
  })

  it('toggles the popover on click and pops the menu up on right-click', () => {
    const act = actions()
    createTray('/app/assets', emptyAppState, act, 'win32')
    const tray = lastTray()
    const bounds = { x: 10, y: 0, width: 20, height: 20 }
    tray.emit('click', {}, bounds)
    expect(act.toggle).toHaveBeenCalledWith(bounds)

    tray.emit('right-click')
    expect(tray.popUpContextMenu).toHaveBeenCalledWith(
      Menu.buildFromTemplate.mock.results[0]?.value,
    )
    expect(tray.contextMenu).toBeNull()
  })

  it('hands the menu to the tray itself on Linux, and the new one after a change', () => {
    const app = createTray('/app/assets', emptyAppState, actions(), 'linux')
    const tray = lastTray()
    expect(tray.contextMenu).toEqual({ template: lastTemplate() })
    app.update(signedIn([]))
    expect(tray.contextMenu).toEqual({ template: lastTemplate() })
    expect(lastTemplate().map((item) => item.label)).toContain('Sign out')
  })

  it('changes nothing when an update brings the same picture', () => {
    const app = createTray('/app/assets', signedIn([root('a', '/a')]), actions(), 'linux')
    const tray = lastTray()
    const setToolTip = vi.spyOn(tray, 'setToolTip')
    const setContextMenu = vi.spyOn(tray, 'setContextMenu')
    vi.clearAllMocks()

    app.update(signedIn([root('a', '/a')]))
    expect(tray.setImage).not.toHaveBeenCalled()
    expect(setToolTip).not.toHaveBeenCalled()
    expect(Menu.buildFromTemplate).not.toHaveBeenCalled()
    expect(setContextMenu).not.toHaveBeenCalled()
  })

  it('swaps only the tooltip when just a count changes', () => {
    const app = createTray('/app/assets', signedIn([root('a', '/a', 3)]), actions(), 'linux')
    const tray = lastTray()
    vi.clearAllMocks()

    app.update(signedIn([root('a', '/a', 4)]))
    expect(tray.tooltip).toBe('Frame.io Sync — syncing 4 files')
    expect(tray.setImage).not.toHaveBeenCalled()
    expect(Menu.buildFromTemplate).not.toHaveBeenCalled()
  })

  it('swaps the icon when the state changes and the menu when the folders do', () => {
    const act = actions()
    const app = createTray('/app/assets', signedIn([root('a', '/a', 3)]), act, 'win32')
    const tray = lastTray()
    vi.clearAllMocks()

    app.update(signedIn([root('a', '/a'), root('b', '/b')]))
    expect(tray.setImage).toHaveBeenCalledExactlyOnceWith({ path: '/app/assets/tray-idle.png' })
    expect(tray.tooltip).toBe('Frame.io Sync — up to date')
    expect(Menu.buildFromTemplate).toHaveBeenCalledOnce()

    tray.emit('right-click')
    const shown = tray.popUpContextMenu.mock.calls.at(-1)?.[0] as { template: Template }
    const folders = shown.template.find((item) => item.label === 'Open folder') as {
      submenu: Template
    }
    expect(folders.submenu.map((item) => item.label)).toEqual(['/a', '/b'])
    folders.submenu[1]?.click?.()
    expect(act.openFolder).toHaveBeenCalledWith('/b')
  })

  it('reports where the icon is, to place the popover', () => {
    const app = createTray('/app/assets', emptyAppState, actions(), 'darwin')
    const bounds = { x: 5, y: 0, width: 22, height: 22 }
    vi.spyOn(lastTray(), 'getBounds').mockReturnValue(bounds)
    expect(app.getBounds()).toEqual(bounds)
  })
})
