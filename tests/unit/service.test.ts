// The application service: answers the contract from its snapshot and the host, and tells
// listeners about every change.
import { describe, expect, it, vi } from 'vitest'
import { createAppService } from '../../src/core'
import { emptyAppState } from '../../src/shared'

describe('createAppService', () => {
  it('publishes each change and answers getState with the latest snapshot', async () => {
    const service = createAppService({ quit: vi.fn(), openExternal: vi.fn() })
    const seen = vi.fn()
    const stop = service.events.on('state', seen)
    const user = { id: 'u1', name: 'Ada', email: 'ada@example.com' }
    service.update({ user })
    expect(seen).toHaveBeenCalledWith({ ...emptyAppState, user })
    expect(await service.handlers['app:getState'](undefined)).toEqual({ ...emptyAppState, user })
    stop()
    service.update({ user: null })
    expect(seen).toHaveBeenCalledTimes(1)
  })

  it('asks the host to open links and to quit', async () => {
    const host = { quit: vi.fn(), openExternal: vi.fn(async () => undefined) }
    const service = createAppService(host)
    await service.handlers['app:openExternal']({ url: 'https://frame.io/' })
    expect(host.openExternal).toHaveBeenCalledWith('https://frame.io/')
    await service.handlers['app:quit'](undefined)
    expect(host.quit).toHaveBeenCalledOnce()
  })
})
