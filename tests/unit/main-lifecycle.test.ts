// The main process from start to tray: one instance only, permissions denied, every channel bound,
// a secure popover and a tray icon, and a second launch showing the popover instead.
import { resolve } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { invokeChannels } from '../../src/shared'
import type * as fakes from './fakes/electron'

vi.mock('electron', () => import('./fakes/electron'))

type Fakes = typeof fakes

/** Loads src/main/index.ts afresh, as a new process would, on a fake electron wiped clean. */
async function launch(lock: boolean): Promise<Fakes> {
  vi.resetModules()
  vi.clearAllMocks()
  const electron = (await import('electron')) as unknown as Fakes
  electron.app.removeAllListeners()
  electron.ipcMain.handlers.clear()
  electron.BrowserWindow.created.length = 0
  electron.Tray.created.length = 0
  electron.app.requestSingleInstanceLock.mockReturnValue(lock)
  await import('../../src/main/index')
  await new Promise((resolve) => setImmediate(resolve))
  return electron
}

describe('main process', () => {
  beforeEach(() => {
    delete process.env['ELECTRON_RENDERER_URL']
  })

  it('quits at once when another instance holds the lock', async () => {
    const electron = await launch(false)
    expect(electron.app.quit).toHaveBeenCalledOnce()
    expect(electron.app.whenReady).not.toHaveBeenCalled()
    expect(electron.BrowserWindow.created).toHaveLength(0)
  })

  it('starts the tray, the popover and every IPC channel', async () => {
    const electron = await launch(true)
    expect(electron.app.quit).not.toHaveBeenCalled()
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual([...invokeChannels].sort())

    expect(electron.BrowserWindow.created).toHaveLength(1)
    const popover = electron.BrowserWindow.created[0]!
    expect(popover.options['webPreferences']).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    })
    // Run from source, "the folder beside the main bundle" is src/renderer.
    expect(popover.loadFile).toHaveBeenCalledWith(resolve('src/renderer/index.html'))

    expect(electron.Tray.created).toHaveLength(1)
    expect(electron.nativeImage.createFromPath).toHaveBeenCalledWith(
      expect.stringMatching(/^\/opt\/frameio-sync\/assets\/tray(Template)?\.png$/),
    )
  })

  it('denies every permission a page asks for', async () => {
    const electron = await launch(true)
    const handler = electron.session.defaultSession.setPermissionRequestHandler.mock
      .calls[0]![0] as (
      contents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
    ) => void
    const callback = vi.fn()
    handler({}, 'media', callback)
    expect(callback).toHaveBeenCalledWith(false)
    const check = electron.session.defaultSession.setPermissionCheckHandler.mock.calls[0]![0] as (
      ...args: unknown[]
    ) => boolean
    expect(check({}, 'clipboard-read')).toBe(false)
  })

  it('leaves, instead of lingering without a tray, when start-up fails', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    vi.resetModules()
    const electron = (await import('electron')) as unknown as Fakes
    electron.nativeImage.createFromPath.mockImplementationOnce(() => {
      throw new Error('icon missing')
    })
    electron.app.requestSingleInstanceLock.mockReturnValue(true)
    await import('../../src/main/index')
    await new Promise((resolve) => setImmediate(resolve))
    expect(electron.app.exit).toHaveBeenCalledWith(1)
  })

  it('ignores ELECTRON_RENDERER_URL in a packaged app', async () => {
    process.env['ELECTRON_RENDERER_URL'] = 'http://localhost:5173'
    vi.resetModules()
    const electron = (await import('electron')) as unknown as Fakes
    electron.app.isPackaged = true
    try {
      electron.BrowserWindow.created.length = 0
      await import('../../src/main/index')
      await new Promise((resolve) => setImmediate(resolve))
      const popover = electron.BrowserWindow.created[0]!
      expect(popover.loadURL).not.toHaveBeenCalled()
      expect(popover.loadFile).toHaveBeenCalled()
    } finally {
      electron.app.isPackaged = false
    }
  })

  it('loads the dev server during development', async () => {
    process.env['ELECTRON_RENDERER_URL'] = 'http://localhost:5173'
    const electron = await launch(true)
    expect(electron.BrowserWindow.created[0]!.loadURL).toHaveBeenCalledWith('http://localhost:5173')
  })

  it('shows the popover when the app is launched a second time', async () => {
    const electron = await launch(true)
    const popover = electron.BrowserWindow.created[0]!
    electron.app.emit('second-instance')
    expect(popover.visible).toBe(true)
  })

  it('keeps running when its windows close', async () => {
    const electron = await launch(true)
    expect(electron.app.listenerCount('window-all-closed')).toBe(1)
    electron.app.emit('window-all-closed')
    expect(electron.app.quit).not.toHaveBeenCalled()
  })
})
