// Deep links: the scheme registered for the redirect URI, the link found in argv, and the router
// that lets only the configured redirect through to the service, logging others without queries.
import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import {
  DeepLinkRouter,
  deepLinkFromArgv,
  describeLink,
  listenForDeepLinks,
  protocolOf,
  registerProtocol,
} from '../../src/main/deep-link'

const redirectUri = 'adobe+frameio-sync-dev://adobeid/frameio-sync-dev'
const secretCode = 'eyJcode-4f9a1c'
const secretState = 'st4te-77d0b2'
const redirect = `${redirectUri}?code=${secretCode}&state=${secretState}`

function routerWithLog() {
  const log: string[] = []
  const router = new DeepLinkRouter({ redirectUri, log: (message) => log.push(message) })
  const completeSignIn = vi.fn(async (_url: string) => undefined)
  return { router, log, completeSignIn }
}

describe('the redirect scheme', () => {
  it('is the custom scheme of the redirect URI, and none for web or broken addresses', () => {
    expect(protocolOf(redirectUri)).toBe('adobe+frameio-sync-dev')
    expect(protocolOf('http://127.0.0.1/callback')).toBeNull()
    expect(protocolOf('https://example.com/back')).toBeNull()
    expect(protocolOf('')).toBeNull()
  })

  it('is registered bare when packaged, and with Electron and the app path in development', () => {
    const app = { setAsDefaultProtocolClient: vi.fn(() => true) }
    const packaged = {
      defaultApp: false,
      execPath: '/Applications/Sync',
      argv: ['/Applications/Sync'],
    }
    expect(registerProtocol(app, 'adobe+x', packaged)).toBe(true)
    expect(app.setAsDefaultProtocolClient).toHaveBeenLastCalledWith('adobe+x')

    const dev = {
      defaultApp: true,
      execPath: '/usr/bin/electron',
      argv: ['/usr/bin/electron', '.'],
    }
    registerProtocol(app, 'adobe+x', dev)
    expect(app.setAsDefaultProtocolClient).toHaveBeenLastCalledWith(
      'adobe+x',
      '/usr/bin/electron',
      [process.cwd()],
    )
  })

  it('is not registered in development when there is no app path to launch', () => {
    const app = { setAsDefaultProtocolClient: vi.fn(() => true) }
    const bare = { defaultApp: true, execPath: '/usr/bin/electron', argv: ['/usr/bin/electron'] }
    expect(registerProtocol(app, 'adobe+x', bare)).toBe(false)
    expect(app.setAsDefaultProtocolClient).not.toHaveBeenCalled()
  })
})

describe('finding the link in argv', () => {
  it('picks the argument in the scheme, whatever its case, from anywhere in argv', () => {
    const argv = [
      '/opt/Sync/sync',
      '--no-sandbox',
      redirect.toUpperCase().replace('ADOBE', 'Adobe'),
    ]
    expect(deepLinkFromArgv(argv, 'adobe+frameio-sync-dev')).toBe(argv[2])
    expect(deepLinkFromArgv(['/opt/Sync/sync', redirect], 'adobe+frameio-sync-dev')).toBe(redirect)
  })

  it('finds nothing in an ordinary launch or one for another scheme', () => {
    expect(deepLinkFromArgv(['/opt/Sync/sync', '--hidden'], 'adobe+frameio-sync-dev')).toBeNull()
    expect(
      deepLinkFromArgv(['/opt/Sync/sync', 'other://x?code=1'], 'adobe+frameio-sync-dev'),
    ).toBeNull()
  })
})

describe('routing', () => {
  it('hands the configured redirect to the service', async () => {
    const { router, completeSignIn } = routerWithLog()
    await router.connect(completeSignIn)
    await router.route(redirect)
    expect(completeSignIn).toHaveBeenCalledExactlyOnceWith(redirect)
  })

  it.each([
    ['another scheme', 'adobe+someone-else://adobeid/frameio-sync-dev?code=1', 'not for this app'],
    ['a web address', 'https://adobeid/frameio-sync-dev?code=1&state=2', 'not for this app'],
    [
      'another host',
      'adobe+frameio-sync-dev://elsewhere/frameio-sync-dev?code=1',
      'not the sign-in',
    ],
    ['another path', 'adobe+frameio-sync-dev://adobeid/other?code=1&state=2', 'not the sign-in'],
    ['a malformed address', 'adobe+frameio-sync-dev://ad obeid/x?code=1', 'not a well-formed'],
    ['no address at all', 'not a link', 'not a well-formed'],
    ['an oversized address', `${redirect}&pad=${'x'.repeat(4096)}`, 'longer than 4 KB'],
  ])('ignores %s and says why', async (_what, link, why) => {
    const { router, log, completeSignIn } = routerWithLog()
    await router.connect(completeSignIn)
    await router.route(link)
    expect(completeSignIn).not.toHaveBeenCalled()
    expect(log).toEqual([expect.stringMatching(new RegExp(`^Ignored a link to .*: it is ${why}`))])
  })

  it('accepts a redirect of exactly 4 KB', async () => {
    const { router, completeSignIn } = routerWithLog()
    await router.connect(completeSignIn)
    const link = `${redirect}&pad=`
    const exact = link + 'x'.repeat(4096 - link.length)
    await router.route(exact)
    expect(completeSignIn).toHaveBeenCalledWith(exact)
  })

  it('ignores every link when no redirect URI is configured', async () => {
    const log: string[] = []
    const router = new DeepLinkRouter({ redirectUri: '', log: (message) => log.push(message) })
    const completeSignIn = vi.fn(async () => undefined)
    await router.connect(completeSignIn)
    await router.route(redirect)
    await router.routeArgv(['/opt/Sync/sync', redirect])
    expect(completeSignIn).not.toHaveBeenCalled()
    expect(log).toEqual([expect.stringContaining('no redirect URI is configured')])
  })

  it('keeps the newest link that came before the service was ready, and routes it then', async () => {
    const { router, completeSignIn } = routerWithLog()
    await router.route(`${redirectUri}?code=old&state=old`)
    await router.routeArgv(['/opt/Sync/sync', redirect])
    expect(completeSignIn).not.toHaveBeenCalled()
    await router.connect(completeSignIn)
    expect(completeSignIn.mock.calls).toEqual([[redirect]])
  })

  it('logs a failing service instead of throwing from an event handler', async () => {
    const { router, log } = routerWithLog()
    await router.connect(async () => {
      throw new Error('The index is closed.')
    })
    await router.route(redirect)
    expect(log.at(-1)).toBe('Completing the sign-in failed: The index is closed.')
  })

  it('never logs a code or a state, whether the link is taken or ignored', async () => {
    const { router, log, completeSignIn } = routerWithLog()
    await router.route(redirect.replace('adobeid', 'evil'))
    await router.route(`${redirect}#state=${secretState}`.replace('frameio-sync-dev?', 'x?'))
    await router.route(`adobe+frameio-sync-dev://ad obeid/?code=${secretCode}&state=${secretState}`)
    await router.route(`${redirect}&pad=${'x'.repeat(5000)}`)
    await router.connect(completeSignIn)
    await router.route(redirect)
    expect(completeSignIn).toHaveBeenCalledOnce()
    expect(log).toHaveLength(5)
    const written = log.join('\n')
    expect(written).not.toContain(secretCode)
    expect(written).not.toContain(secretState)
    expect(written).not.toMatch(/code=|state=/)
  })

  it('describes a link by scheme, host and path only', () => {
    expect(describeLink(redirect)).toBe(redirectUri)
    expect(describeLink(`weird:%%?code=${secretCode}#state=${secretState}`)).toBe('weird:%%')
    expect(describeLink(`x://a b/c?code=${secretCode}`)).toBe('x://a b/c')
  })
})

describe('listening to the app', () => {
  it('routes macOS open-url (taking it from the default handler) and second-instance argv', async () => {
    const app = new EventEmitter()
    const { router, completeSignIn } = routerWithLog()
    await router.connect(completeSignIn)
    const stop = listenForDeepLinks(app, router)

    const event = { preventDefault: vi.fn() }
    app.emit('open-url', event, redirect)
    expect(event.preventDefault).toHaveBeenCalled()
    app.emit('second-instance', {}, ['/opt/Sync/sync', '--flag', redirect], '/home/ada')
    app.emit('second-instance', {}, ['/opt/Sync/sync'], '/home/ada')
    await vi.waitFor(() => expect(completeSignIn).toHaveBeenCalledTimes(2))

    stop()
    app.emit('open-url', event, redirect)
    expect(app.listenerCount('open-url')).toBe(0)
    expect(app.listenerCount('second-instance')).toBe(0)
    expect(completeSignIn).toHaveBeenCalledTimes(2)
  })
})
