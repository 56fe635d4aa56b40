// Main-side IPC binding: every contract channel registered, foreign senders and bad payloads
// refused with clear errors, events delivered to the app's windows.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { IpcMainInvokeEvent } from 'electron'
import { BrowserWindow, ipcMain } from './fakes/electron'
import { AppWindows } from '../../src/main/app-windows'
import { forwardEvents, registerHandlers } from '../../src/main/ipc'
import { createAppService } from '../../src/core'
import { emptyAppState, invokeChannels } from '../../src/shared'

vi.mock('electron', () => import('./fakes/electron'))

const appUrl = 'file:///opt/frameio-sync/out/renderer/index.html'
const isAppUrl = (url: string) => url.startsWith('file:///opt/frameio-sync/out/renderer/')

function invokeEvent(
  window: BrowserWindow,
  frame: { url: string; parent: unknown } | null = { url: appUrl, parent: null },
): IpcMainInvokeEvent {
  return { sender: window.webContents, senderFrame: frame } as unknown as IpcMainInvokeEvent
}

async function call(channel: string, event: IpcMainInvokeEvent, payload?: unknown) {
  const handler = ipcMain.handlers.get(channel)
  if (!handler) throw new Error(`no handler for ${channel}`)
  return handler(event, payload)
}

describe('registerHandlers', () => {
  const host = { quit: vi.fn(), openExternal: vi.fn(async () => undefined) }
  let windows: AppWindows
  let appWindow: BrowserWindow
  let dispose: () => void

  beforeEach(() => {
    ipcMain.handlers.clear()
    host.quit.mockClear()
    host.openExternal.mockClear()
    windows = new AppWindows(isAppUrl)
    appWindow = new BrowserWindow({})
    windows.add(appWindow as unknown as Electron.BrowserWindow)
    dispose = registerHandlers(createAppService(host).handlers, windows)
  })

  it('registers exactly the contract channels and can take them down again', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...invokeChannels].sort())
    dispose()
    expect(ipcMain.handlers.size).toBe(0)
  })

  it('answers an app window', async () => {
    await expect(call('app:getState', invokeEvent(appWindow))).resolves.toEqual({
      ok: true,
      value: emptyAppState,
    })
    await call('app:quit', invokeEvent(appWindow))
    expect(host.quit).toHaveBeenCalledOnce()
  })

  it('refuses a window the app did not make', async () => {
    const stranger = new BrowserWindow({})
    const result = await call('app:quit', invokeEvent(stranger))
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'forbidden',
        message: `app:quit: refused a call from outside the app (${appUrl})`,
      },
    })
    expect(host.quit).not.toHaveBeenCalled()
  })

  it('refuses a sub-frame, a foreign page and a destroyed frame inside an app window', async () => {
    const subFrame = { url: appUrl, parent: { url: appUrl } }
    const foreignPage = { url: 'https://example.com/', parent: null }
    for (const frame of [subFrame, foreignPage, null]) {
      const result = await call('app:quit', invokeEvent(appWindow, frame))
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    }
    expect(host.quit).not.toHaveBeenCalled()
  })

  it('stops trusting a window once it is closed', async () => {
    appWindow.emit('closed')
    const result = await call('app:getState', invokeEvent(appWindow))
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })

  it('refuses a bad payload naming the field, without calling the service', async () => {
    const result = await call('app:openExternal', invokeEvent(appWindow), {
      url: 'javascript:alert(1)',
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'url' } })
    expect(host.openExternal).not.toHaveBeenCalled()
  })
})

describe('forwardEvents', () => {
  it('sends every state change to every open app window', () => {
    const service = createAppService({ quit: vi.fn(), openExternal: vi.fn() })
    const windows = new AppWindows(isAppUrl)
    const first = new BrowserWindow({})
    const second = new BrowserWindow({})
    windows.add(first as unknown as Electron.BrowserWindow)
    windows.add(second as unknown as Electron.BrowserWindow)
    const stop = forwardEvents(service.events, windows)

    service.update({ paused: true })
    const expected = { ...emptyAppState, paused: true }
    expect(first.webContents.send).toHaveBeenCalledWith('state', expected)
    expect(second.webContents.send).toHaveBeenCalledWith('state', expected)

    stop()
    service.update({ paused: false })
    expect(first.webContents.send).toHaveBeenCalledTimes(1)
  })
})
