// The preload bridge: window.api exposes invoke/on for contract channels only.
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Transport } from '../../src/shared'
import { contextBridge, ipcRenderer } from './fakes/electron'

vi.mock('electron', () => import('./fakes/electron'))

let exposed: [name: string, api: Transport]

beforeAll(async () => {
  await import('../../src/preload/index')
  expect(contextBridge.exposeInMainWorld).toHaveBeenCalledOnce()
  exposed = contextBridge.exposeInMainWorld.mock.calls[0] as [string, Transport]
})

async function exposedApi(): Promise<Transport> {
  expect(exposed[0]).toBe('api')
  return exposed[1]
}

describe('preload window.api', () => {
  beforeEach(() => {
    ipcRenderer.invoke.mockClear()
    ipcRenderer.on.mockClear()
    ipcRenderer.removeListener.mockClear()
  })

  it('exposes only invoke and on', async () => {
    expect(Object.keys(await exposedApi()).sort()).toEqual(['invoke', 'on'])
  })

  it('passes contract calls through to ipcRenderer', async () => {
    const api = await exposedApi()
    ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: 'state' })
    await expect(api.invoke('app:getState', undefined)).resolves.toEqual({
      ok: true,
      value: 'state',
    })
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('app:getState', undefined)
  })

  it('refuses channels outside the contract without touching IPC', async () => {
    const api = await exposedApi()
    await expect(api.invoke('shell:exec', 'rm -rf /')).resolves.toEqual({
      ok: false,
      error: { code: 'unknown-channel', message: 'unknown channel: shell:exec' },
    })
    expect(ipcRenderer.invoke).not.toHaveBeenCalled()
    expect(() => api.on('ipc-message', () => undefined)).toThrow(
      'unknown event channel: ipc-message',
    )
    expect(ipcRenderer.on).not.toHaveBeenCalled()
  })

  it('delivers event payloads without the IPC event object, and unsubscribes', async () => {
    const api = await exposedApi()
    const listener = vi.fn()
    const unsubscribe = api.on('state', listener)
    const [channel, forward] = ipcRenderer.on.mock.calls[0] as [
      string,
      (e: unknown, p: unknown) => void,
    ]
    expect(channel).toBe('state')
    forward({ sender: 'secret' }, { paused: true })
    expect(listener).toHaveBeenCalledWith({ paused: true })
    unsubscribe()
    expect(ipcRenderer.removeListener).toHaveBeenCalledWith('state', forward)
  })
})
