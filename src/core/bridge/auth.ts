// Who may talk to the loopback bridge: a request must carry the per-run token (bearer header or
// session cookie), come from a browser page of the bridge's own origin if it comes from a page at
// all, and name the bridge's own host (no DNS rebinding).
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

export function cookieName(port: number): string {
  return `frameio_sync_${port}`
}

function cookieValue(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=')
    if (key === name) return rest.join('=')
  }
  return undefined
}

export function presentedToken(request: IncomingMessage, port: number): string | undefined {
  const header = request.headers.authorization
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length)
  return cookieValue(request, cookieName(port))
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

export function checkToken(request: IncomingMessage, port: number, token: string): Refusal | null {
  return sameToken(presentedToken(request, port), token)
    ? null
    : { status: 401, message: 'missing or wrong access token' }
}
