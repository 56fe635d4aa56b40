// The window factory: secure webPreferences on every window, navigation kept to the app's pages,
// https links handed to the system browser, everything else refused.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { BrowserWindow, app, shell } from './fakes/electron'
import { createAppWindow } from '../../src/main/windows'
import { createPopover } from '../../src/main/popover'
import type { AppPage } from '../../src/main/windows'

vi.mock('electron', () => import('./fakes/electron'))

const page: AppPage = {
  preload: '/opt/frameio-sync/out/preload/index.cjs',
  isAppUrl: (url) => url.startsWith('file:///opt/frameio-sync/out/renderer/'),
  load: vi.fn(async () => undefined),
}

function navigate(window: BrowserWindow, event: 'will-navigate' | 'will-redirect', url: string) {
  const preventDefault = vi.fn()
  window.webContents.emit(event, { url, preventDefault })
  return preventDefault
}

describe('createAppWindow', () => {
  beforeEach(() => shell.openExternal.mockClear())

  it('turns on every isolation switch and starts hidden', () => {
    createAppWindow(page, { width: 300, height: 200 })
    const window = BrowserWindow.created.at(-1)!
    expect(window.options).toMatchObject({ width: 300, height: 200, show: false })
    expect(window.options['webPreferences']).toMatchObject({
      preload: page.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    })
  })

  it('lets the app navigate among its own pages', () => {
    createAppWindow(page, {})
    const window = BrowserWindow.created.at(-1)!
    const prevented = navigate(
      window,
      'will-navigate',
      'file:///opt/frameio-sync/out/renderer/index.html',
    )
    expect(prevented).not.toHaveBeenCalled()
    expect(shell.openExternal).not.toHaveBeenCalled()
  })

  it('opens https links in the system browser instead of the window', () => {
    createAppWindow(page, {})
    const window = BrowserWindow.created.at(-1)!
    const prevented = navigate(window, 'will-navigate', 'https://app.frame.io/projects')
    expect(prevented).toHaveBeenCalled()
    expect(shell.openExternal).toHaveBeenCalledWith('https://app.frame.io/projects')
  })

  it('refuses other schemes and foreign redirects outright', () => {
    createAppWindow(page, {})
    const window = BrowserWindow.created.at(-1)!
    for (const url of ['http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)']) {
      expect(navigate(window, 'will-navigate', url)).toHaveBeenCalled()
    }
    expect(navigate(window, 'will-redirect', 'https://example.com/')).toHaveBeenCalled()
    expect(shell.openExternal).not.toHaveBeenCalled()
  })

  it('denies every new window, sending https ones to the system browser', () => {
    createAppWindow(page, {})
    const handler = BrowserWindow.created.at(-1)!.webContents.windowOpenHandler!
    expect(handler({ url: 'https://frame.io/help' })).toEqual({ action: 'deny' })
    expect(handler({ url: 'http://frame.io/help' })).toEqual({ action: 'deny' })
    expect(shell.openExternal).toHaveBeenCalledTimes(1)
    expect(shell.openExternal).toHaveBeenCalledWith('https://frame.io/help')
  })

  it('refuses webviews', () => {
    createAppWindow(page, {})
    const preventDefault = vi.fn()
    BrowserWindow.created.at(-1)!.webContents.emit('will-attach-webview', { preventDefault })
    expect(preventDefault).toHaveBeenCalled()
  })
})

describe('createPopover', () => {
  it('is a frameless, secure window that loads the app page and hides on blur', () => {
    const popover = createPopover(page)
    const window = BrowserWindow.created.at(-1)!
    expect(window.options).toMatchObject({ frame: false, show: false, skipTaskbar: true })
    expect(window.options['webPreferences']).toMatchObject({
      sandbox: true,
      contextIsolation: true,
    })
    expect(page.load).toHaveBeenCalledWith(window)

    popover.toggle({ x: 1200, y: 0, width: 22, height: 24 })
    expect(window.visible).toBe(true)
    expect(window.position).toEqual([1200 + 11 - 180, 24 + 4])
    window.emit('blur')
    expect(window.visible).toBe(false)
  })

  it('stays closed when the tray click that blurred it arrives, and opens on the next', () => {
    vi.useFakeTimers()
    try {
      const popover = createPopover(page)
      const window = BrowserWindow.created.at(-1)!
      popover.toggle(null)
      expect(window.visible).toBe(true)
      window.emit('blur')
      popover.toggle(null)
      expect(window.visible).toBe(false)
      vi.advanceTimersByTime(1_000)
      popover.toggle(null)
      expect(window.visible).toBe(true)
    } finally {
      vi.useRealTimers()
    }
  })

  it('hides instead of closing, until the app quits', () => {
    createPopover(page)
    const window = BrowserWindow.created.at(-1)!
    window.show()
    const close = { preventDefault: vi.fn() }
    window.emit('close', close)
    expect(close.preventDefault).toHaveBeenCalled()
    expect(window.visible).toBe(false)

    app.emit('before-quit')
    const closeWhileQuitting = { preventDefault: vi.fn() }
    window.emit('close', closeWhileQuitting)
    expect(closeWhileQuitting.preventDefault).not.toHaveBeenCalled()
  })

  it('opens near the top-right when the tray bounds are unknown', () => {
    const popover = createPopover(page)
    const window = BrowserWindow.created.at(-1)!
    popover.toggle(null)
    expect(window.position).toEqual([1440 - 360 - 8, 25 + 8])
    popover.toggle(null)
    expect(window.visible).toBe(false)
  })
})
