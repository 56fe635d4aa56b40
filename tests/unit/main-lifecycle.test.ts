// The main process from start to tray: one instance only, permissions denied, every channel bound,
// a secure popover and a tray icon, and a second launch showing the popover instead.
import { resolve } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { invokeChannels } from '../../src/shared'
import type * as fakes from './fakes/electron'

vi.mock('electron', () => import('./fakes/electron'))
vi.mock('electron-store', () => import('./fakes/electron-store'))

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

    expect(electron.BrowserWindow.created).toHaveLength(2)
    const [popover, picker] = electron.BrowserWindow.created as [
      fakes.BrowserWindow,
      fakes.BrowserWindow,
    ]
    expect(picker.options['webPreferences']).toMatchObject({ sandbox: true })
    expect(popover.options['webPreferences']).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    })
    // Run from source, "the folder beside the main bundle" is src/renderer.
    expect(popover.loadFile).toHaveBeenCalledWith(resolve('src/renderer/index.html'), {})
    expect(picker.loadFile).toHaveBeenCalledWith(resolve('src/renderer/index.html'), {
      hash: 'picker',
    })

    expect(electron.Tray.created).toHaveLength(1)
    expect(electron.nativeImage.createFromPath).toHaveBeenCalledWith(
      expect.stringMatching(/^\/opt\/frameio-sync\/assets\/tray-signed-out(Template)?\.png$/),
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

  it('registers the redirect scheme and never logs the code or state of a launch link', async () => {
    process.env['FRAMEIO_REDIRECT_URI'] = 'adobe+abc://adobeid/client'
    process.env['FRAMEIO_CLIENT_ID'] = 'client'
    const argv = process.argv
    process.argv = [argv[0]!, 'app-dir', 'adobe+abc://adobeid/client?code=c&state=s']
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined)
    try {
      const electron = await launch(true)
      // Not Electron's default app here, so the scheme alone (deep-link tests cover the rest).
      expect(electron.app.setAsDefaultProtocolClient).toHaveBeenCalledWith('adobe+abc')
      expect(electron.app.listenerCount('open-url')).toBe(1)
      expect(log.mock.calls.flat().join('\n')).not.toMatch(/code=c|state=s/)
    } finally {
      process.argv = argv
      delete process.env['FRAMEIO_REDIRECT_URI']
      delete process.env['FRAMEIO_CLIENT_ID']
    }
  })

  it('in smoke mode, says when the tray and the popover are ready, then quits', async () => {
    process.env['FRAMEIO_SYNC_SMOKE'] = '1'
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined)
    try {
      const electron = await launch(true)
      expect(log).toHaveBeenCalledWith('[frameio-sync] smoke: tray ready')
      expect(electron.app.quit).not.toHaveBeenCalled()
      electron.BrowserWindow.created[0]!.webContents.emit('did-finish-load')
      expect(log).toHaveBeenCalledWith('[frameio-sync] smoke: popover ready')
      expect(electron.app.quit).toHaveBeenCalled()
    } finally {
      delete process.env['FRAMEIO_SYNC_SMOKE']
    }
  })
})
