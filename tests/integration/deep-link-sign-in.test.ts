// Signing in through deep links end to end: the router from src/main in front of the real service,
// engine and emulator. Only the configured redirect with the pending state is accepted, once;
// argv of a second launch and of a cold start is routed; an unfinished sign-in times out.
import { EventEmitter } from 'node:events'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { AppService } from '../../src/core'
import type { FrameioClient } from '../../src/core/frameio'
import { DeepLinkRouter, listenForDeepLinks } from '../../src/main/deep-link'
import { dispatch } from '../../src/shared'
import { useEmulator } from './checked-emulator'
import { approvedRedirect } from './client-harness'
import { useServiceOnEngine } from './service-harness'

const env = useEmulator()

const setup = useServiceOnEngine(env)
let client: FrameioClient
let service: AppService
let router: DeepLinkRouter
let logged: string[]
const app = new EventEmitter()

beforeEach(() => {
  ;({ client, service } = setup)
  logged = []
  router = new DeepLinkRouter({
    redirectUri: client.auth.redirectUri,
    log: (message) => logged.push(message),
  })
  app.removeAllListeners()
  listenForDeepLinks(app, router)
})

const latest = () => service.events.latest('state')!

async function beginSignIn(): Promise<string> {
  const result = await dispatch(service.handlers, 'auth:beginSignIn', undefined)
  if (!result.ok) throw new Error(result.error.message)
  return (result.value as { authorizeUrl: string }).authorizeUrl
}

/** Delivers a link as macOS does and waits until the router and the service are done with it. */
async function openUrl(link: string): Promise<void> {
  app.emit('open-url', { preventDefault: () => undefined }, link)
  await vi.waitFor(() => expect(latest().signIn.status).not.toBe('waiting'), { timeout: 5_000 })
}

function tokenExchanges(): number {
  return env.emulator.requests.filter((request) => request.path === '/ims/token/v3').length
}

describe('signing in through a deep link', () => {
  it('accepts the right redirect once and refuses a replay of its code', async () => {
    await router.connect(service.completeSignIn)
    const back = await approvedRedirect(env.emulator, await beginSignIn())
    const exchangesBefore = tokenExchanges()
    await openUrl(String(back))
    expect(latest().user).toMatchObject({ email: 'ada@example.com' })
    await vi.waitFor(() => expect(tokenExchanges()).toBe(exchangesBefore + 1))

    await router.route(String(back))
    expect(latest().signIn).toEqual({ status: 'idle', message: null })
    await dispatch(service.handlers, 'auth:signOut', undefined)
    await router.route(String(back))
    await beginSignIn()
    await router.route(String(back))
    expect(latest().user).toBeNull()
    expect(latest().signIn.status).toBe('waiting')
    expect(tokenExchanges()).toBe(exchangesBefore + 1)
  })

  it('refuses the wrong scheme, host, path or state, and oversized or malformed links', async () => {
    await router.connect(service.completeSignIn)
    const back = await approvedRedirect(env.emulator, await beginSignIn())
    const state = back.searchParams.get('state')!
    const code = back.searchParams.get('code')!
    const forged = (change: (url: URL) => void) => {
      const url = new URL(back)
      change(url)
      return String(url)
    }
    const refused = [
      String(back).replace(/^adobe\+frameio-sync-dev:/, 'adobe+someone-else:'),
      String(back).replace('://adobeid/', '://elsewhere/'),
      forged((url) => (url.pathname = '/other-path')),
      forged((url) => url.searchParams.set('state', 'not-ours')),
      forged((url) => url.searchParams.delete('state')),
      forged((url) => url.searchParams.set('pad', 'x'.repeat(4096))),
      `adobe+frameio-sync-dev://adob eid/frameio-sync-dev?code=${code}&state=${state}`,
    ]
    for (const link of refused) await router.route(link)
    expect(latest().user).toBeNull()
    expect(latest().signIn).toEqual({ status: 'waiting', message: null })
    expect(logged.filter((line) => line.startsWith('Ignored'))).toHaveLength(5)
    expect(logged.join('\n')).not.toContain(code)
    expect(logged.join('\n')).not.toContain(state)

    await openUrl(String(back))
    expect(latest().user).toMatchObject({ email: 'ada@example.com' })
  })

  it('routes the redirect in the argv of a second launch', async () => {
    await router.connect(service.completeSignIn)
    const back = await approvedRedirect(env.emulator, await beginSignIn())
    app.emit('second-instance', {}, ['/opt/Frame.io Sync/frameio-sync', String(back)], '/')
    await vi.waitFor(() => expect(latest().user).not.toBeNull(), { timeout: 5_000 })
    expect(latest().signIn).toEqual({ status: 'idle', message: null })
  })

  it('routes the redirect in process argv at cold start once the service is connected', async () => {
    const back = await approvedRedirect(env.emulator, await beginSignIn())
    await router.routeArgv(['/opt/Frame.io Sync/frameio-sync', '--hidden', String(back)])
    expect(latest().user).toBeNull()
    await router.connect(service.completeSignIn)
    expect(latest().user).toMatchObject({ email: 'ada@example.com' })
  })

  it('gives up after 10 minutes, after which even the right redirect is refused', async () => {
    await router.connect(service.completeSignIn)
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      const authorizeUrl = await beginSignIn()
      vi.advanceTimersByTime(10 * 60_000 - 1)
      expect(latest().signIn.status).toBe('waiting')
      vi.advanceTimersByTime(1)
      expect(latest().signIn).toEqual({
        status: 'failed',
        message: 'Sign-in timed out after 10 minutes. Try again when you are ready.',
      })
      vi.useRealTimers()
      const exchangesBefore = tokenExchanges()
      await router.route(String(await approvedRedirect(env.emulator, authorizeUrl)))
      expect(latest().user).toBeNull()
      expect(latest().signIn.status).toBe('failed')
      expect(tokenExchanges()).toBe(exchangesBefore)
    } finally {
      vi.useRealTimers()
    }
  })
})
