// The one HTTP client instance per signed-in session: keep-alive, connect and idle timeouts, no
// automatic retries (the transport decides), no redirects, and statuses returned, not thrown.
import { Agent as HttpAgent } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'
import got, { type Got } from 'got'

export interface HttpTimeouts {
  connectMs: number
  /** How long a connection may sit without a byte moving. */
  idleMs: number
}

export const defaultTimeouts: HttpTimeouts = { connectMs: 10_000, idleMs: 60_000 }

export function createHttp(timeouts: HttpTimeouts = defaultTimeouts): Got {
  return got.extend({
    agent: { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) },
    timeout: { connect: timeouts.connectMs, socket: timeouts.idleMs },
    retry: { limit: 0 },
    throwHttpErrors: false,
    followRedirect: false,
    responseType: 'text',
  })
}
