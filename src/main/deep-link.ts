// The sign-in redirect coming back into the app as a custom-scheme deep link: registering the
// scheme, finding the link in argv or open-url, and handing only our redirect to the service.
import { resolve } from 'node:path'

/** Longer links are refused unread: a real redirect is a few hundred bytes. */
export const maxDeepLinkBytes = 4096

/** Schemes that belong to the browser, never to this app. */
const webSchemes = new Set(['http', 'https', 'file'])

/** The custom scheme of a redirect URI, or null when it has none the app could register. */
export function protocolOf(redirectUri: string): string | null {
  let url: URL
  try {
    url = new URL(redirectUri)
  } catch {
    return null
  }
  const scheme = url.protocol.slice(0, -1)
  return webSchemes.has(scheme) ? null : scheme
}

export interface LaunchFacts {
  /** process.defaultApp: run as `electron .` in development rather than packaged. */
  defaultApp: boolean
  execPath: string
  argv: readonly string[]
}

/**
 * Makes the OS open this app for `scheme:` links. In development the app is Electron running a
 * path, so the OS must be told both, or the link would start a bare Electron.
 */
export function registerProtocol(
  app: Pick<Electron.App, 'setAsDefaultProtocolClient'>,
  scheme: string,
  launch: LaunchFacts,
): boolean {
  if (!launch.defaultApp) return app.setAsDefaultProtocolClient(scheme)
  const appPath = launch.argv[1]
  if (appPath === undefined) return false
  return app.setAsDefaultProtocolClient(scheme, launch.execPath, [resolve(appPath)])
}

/** The `scheme:` link among a launch's arguments (Windows and Linux pass it there), if any. */
export function deepLinkFromArgv(argv: readonly string[], scheme: string): string | null {
  const prefix = `${scheme.toLowerCase()}:`
  return argv.find((arg) => arg.toLowerCase().startsWith(prefix)) ?? null
}

/** A link as it may be logged: scheme, host and path, never the query or fragment. */
export function describeLink(link: string): string {
  try {
    const url = new URL(link)
    url.search = ''
    url.hash = ''
    return url.href
  } catch {
    const bare = link.split(/[?#]/, 1)[0] ?? ''
    return bare.length > 80 ? `${bare.slice(0, 80)}…` : bare
  }
}

export interface DeepLinkRouterOptions {
  /** The redirect URI the sign-in was configured with. */
  redirectUri: string
  log: (message: string) => void
}

type CompleteSignIn = (redirectUrl: string) => Promise<void>

/**
 * Lets through only links that are the configured redirect (same scheme, host and path); the
 * service then checks the pending state and accepts it once. Links arriving before the service
 * is connected (macOS delivers open-url before ready) wait for it.
 */
export class DeepLinkRouter {
  private readonly expected: URL | null
  private completeSignIn: CompleteSignIn | null = null
  private waiting: string[] = []

  constructor(private readonly options: DeepLinkRouterOptions) {
    try {
      this.expected = new URL(options.redirectUri)
    } catch {
      this.expected = null
    }
  }

  get scheme(): string | null {
    return protocolOf(this.options.redirectUri)
  }

  /** From now on links go to the service; those that came earlier are routed now, in order. */
  async connect(completeSignIn: CompleteSignIn): Promise<void> {
    this.completeSignIn = completeSignIn
    const waiting = this.waiting
    this.waiting = []
    for (const link of waiting) await this.route(link)
  }

  /** Routes the link in a launch's arguments (second-instance, or process.argv at cold start). */
  async routeArgv(argv: readonly string[]): Promise<void> {
    const scheme = this.scheme
    const link = scheme === null ? null : deepLinkFromArgv(argv, scheme)
    if (link !== null) await this.route(link)
  }

  /** A link the OS handed over: our redirect goes to the service, anything else is logged. */
  async route(link: string): Promise<void> {
    const refusal = this.refusalOf(link)
    if (refusal !== null) {
      this.options.log(`Ignored a link to ${describeLink(link)}: ${refusal}.`)
      return
    }
    if (!this.completeSignIn) {
      // Only the newest redirect can match the pending sign-in; keep no more than that.
      this.waiting = [link]
      return
    }
    this.options.log('Received the sign-in redirect from the browser.')
    try {
      await this.completeSignIn(link)
    } catch (error) {
      this.options.log(`Completing the sign-in failed: ${(error as Error).message}`)
    }
  }

  private refusalOf(link: string): string | null {
    if (Buffer.byteLength(link, 'utf8') > maxDeepLinkBytes) return 'it is longer than 4 KB'
    let url: URL
    try {
      url = new URL(link)
    } catch {
      return 'it is not a well-formed address'
    }
    const expected = this.expected
    if (!expected) return 'no redirect URI is configured for sign-in'
    if (url.protocol !== expected.protocol) return 'it is not for this app'
    if (url.host !== expected.host || url.pathname !== expected.pathname) {
      return 'it is not the sign-in redirect'
    }
    return null
  }
}

/** Listens for deep links: macOS open-url, and the argv of a second launch on Windows and Linux. */
export function listenForDeepLinks(
  app: Pick<NodeJS.EventEmitter, 'on' | 'removeListener'>,
  router: DeepLinkRouter,
): () => void {
  const onOpenUrl = (event: { preventDefault(): void }, url: string) => {
    event.preventDefault()
    void router.route(url)
  }
  const onSecondInstance = (_event: unknown, argv: string[]) => {
    void router.routeArgv(argv)
  }
  app.on('open-url', onOpenUrl)
  app.on('second-instance', onSecondInstance)
  return () => {
    app.removeListener('open-url', onOpenUrl)
    app.removeListener('second-instance', onSecondInstance)
  }
}
