// The contract plumbing: channel lists, validation at the boundary, typed errors. What the
// compiler must refuse is in contract.typetest.ts.
import { describe, expect, it, vi } from 'vitest'
import {
  IpcError,
  dispatch,
  emptyAppState,
  eventChannels,
  eventContract,
  invokeChannels,
  invokeContract,
  isEventChannel,
  isInvokeChannel,
} from '../../src/shared'
import { fakeHandlers } from './fakes/handlers'

const handlers = fakeHandlers

describe('channel lists', () => {
  it('are the keys of the contract, nothing more', () => {
    expect(invokeChannels).toEqual(Object.keys(invokeContract))
    expect(eventChannels).toEqual(Object.keys(eventContract))
    expect(invokeChannels.slice(0, 3)).toEqual(['app:getState', 'app:quit', 'app:openExternal'])
    expect(invokeChannels).toContain('roots:add')
    expect(eventChannels).toEqual(['state'])
  })

  it('recognise only contract names, not inherited object keys', () => {
    expect(isInvokeChannel('app:getState')).toBe(true)
    expect(isInvokeChannel('toString')).toBe(false)
    expect(isInvokeChannel(42)).toBe(false)
    expect(isEventChannel('state')).toBe(true)
    expect(isEventChannel('__proto__')).toBe(false)
  })
})

describe('dispatch', () => {
  it('answers the handler value in an ok envelope', async () => {
    await expect(dispatch(handlers(), 'app:getState', undefined)).resolves.toEqual({
      ok: true,
      value: emptyAppState,
    })
  })

  it('refuses an unknown channel by name', async () => {
    await expect(dispatch(handlers(), 'app:format-disk', undefined)).resolves.toEqual({
      ok: false,
      error: { code: 'unknown-channel', message: 'unknown channel: app:format-disk' },
    })
  })

  it('refuses input on a channel that takes none', async () => {
    const result = await dispatch(handlers(), 'app:quit', { now: true })
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: 'app:quit takes no input' },
    })
  })

  it('names the field that was wrong and never calls the handler', async () => {
    const openExternal = vi.fn()
    const result = await dispatch(
      handlers({ 'app:openExternal': openExternal }),
      'app:openExternal',
      {
        url: 'file:///etc/passwd',
      },
    )
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', field: 'url' },
    })
    expect(!result.ok && result.error.message).toMatch(/^app:openExternal: url .*https/)
    expect(openExternal).not.toHaveBeenCalled()
  })

  it('names a missing field and a request that is not an object', async () => {
    const missing = await dispatch(handlers(), 'app:openExternal', {})
    expect(missing).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'url' } })
    const notObject = await dispatch(handlers(), 'app:openExternal', 'https://frame.io')
    expect(notObject).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(!notObject.ok && notObject.error.message).toMatch(/^app:openExternal: /)
  })

  it('passes a handler refusal through as it was thrown', async () => {
    const refuse = () => {
      throw new IpcError({ code: 'forbidden', message: 'not now', field: 'url' })
    }
    await expect(
      dispatch(handlers({ 'app:openExternal': refuse }), 'app:openExternal', {
        url: 'https://frame.io',
      }),
    ).resolves.toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'not now', field: 'url' },
    })
  })

  it('turns an unexpected failure into a short internal error and reports it', async () => {
    const onInternalError = vi.fn()
    const boom = new Error('disk on fire')
    const result = await dispatch(
      handlers({
        'app:getState': () => {
          throw boom
        },
      }),
      'app:getState',
      undefined,
      { onInternalError },
    )
    expect(result).toEqual({
      ok: false,
      error: { code: 'internal', message: 'app:getState failed unexpectedly (details in the log)' },
    })
    expect(onInternalError).toHaveBeenCalledWith('app:getState', boom)
  })
})
