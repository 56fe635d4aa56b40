// Who may talk to the loopback bridge: a request must carry the per-run token, either as the first
// path segment (the page's address, so scripts and streams inherit it without cookies, which
// other local ports could read) or as a bearer header (programs); it must name the bridge's own
// host (no DNS rebinding) and, when it comes from a web page, that page must be the bridge's own.
import type { IncomingMessage } from 'node:http'
import { randomBytes, timingSafeEqual } from 'node:crypto'

export function newAccessToken(): string {
  return randomBytes(32).toString('base64url')
}

export function sameToken(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

export type Refusal = { status: 401 | 403; message: string }

/** Refuses requests that name another host (DNS rebinding) or come from another site's page. */
export function checkOrigin(request: IncomingMessage, origins: readonly string[]): Refusal | null {
  const allowedHosts = origins.map((origin) => new URL(origin).host)
  if (!allowedHosts.includes(request.headers.host ?? '')) {
    return { status: 403, message: `host not allowed: ${request.headers.host ?? '(none)'}` }
  }
  const origin = request.headers.origin
  if (origin !== undefined && !origins.includes(origin)) {
    return { status: 403, message: `origin not allowed: ${origin}` }
  }
  return null
}

/** Where an authenticated request goes: its path with the token segment taken off. */
export type Authenticated = { path: string; tokenInPath: boolean }

export function authenticate(
  request: IncomingMessage,
  pathname: string,
  token: string,
): Authenticated | Refusal {
  const [, first = '', ...rest] = pathname.split('/')
  if (sameToken(first, token)) return { path: `/${rest.join('/')}`, tokenInPath: true }
  const header = request.headers.authorization
  if (header?.startsWith('Bearer ') && sameToken(header.slice('Bearer '.length), token)) {
    return { path: pathname, tokenInPath: false }
  }
  return { status: 401, message: 'missing or wrong access token' }
}
