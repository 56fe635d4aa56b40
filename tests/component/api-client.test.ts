// The renderer's typed client: payloads pass through, error envelopes become IpcError, events
// arrive typed. What the compiler refuses is in api-client.typetest.ts.
import { describe, expect, it, vi } from 'vitest'
import { IpcError, emptyAppState } from '../../src/shared'
import { createApi } from '../../src/renderer/api/client'
import { fakeTransport } from './fake-transport'

describe('createApi', () => {
  it('sends the request and returns the value', async () => {
    const transport = fakeTransport(async () => ({ ok: true, value: emptyAppState }))
    const api = createApi(transport)
    await expect(api.invoke('app:getState')).resolves.toEqual(emptyAppState)
    await api.invoke('app:openExternal', { url: 'https://frame.io/' })
    expect(transport.calls).toEqual([
      ['app:getState', undefined],
      ['app:openExternal', { url: 'https://frame.io/' }],
    ])
  })

  it('throws the typed error of a failed call', async () => {
    const api = createApi(
      fakeTransport(async () => ({
        ok: false,
        error: { code: 'invalid-input', message: 'app:openExternal: url is bad', field: 'url' },
      })),
    )
    const error = await api.invoke('app:openExternal', { url: 'https://x' }).catch((e) => e)
    expect(error).toBeInstanceOf(IpcError)
    expect(error).toMatchObject({ code: 'invalid-input', field: 'url' })
  })

  it('delivers typed events and unsubscribes', () => {
    const transport = fakeTransport(async () => ({ ok: true, value: undefined }))
    const listener = vi.fn()
    const stop = createApi(transport).on('state', listener)
    transport.emit('state', emptyAppState)
    stop()
    transport.emit('state', emptyAppState)
    expect(listener).toHaveBeenCalledExactlyOnceWith(emptyAppState)
  })
})
