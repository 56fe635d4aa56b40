// One Frame.io call, done properly: within the rate budget, with the current token (refreshed once
// after a 401), retried when that is safe, its answer checked against the schema we rely on, and
// every failure turned into a typed error. Listings come as async iterators over all pages.
import type { Got, Response } from 'got'
import type { z } from 'zod'
import type { TokenProvider } from './auth'
import { signInRequired } from './auth'
import type { CallPacer, Operation, RateBudget } from './budget'
import { FrameioError, NotLinkedError, RateLimitedError } from './errors'
import { type RetryPolicy, backoffDelay, isRetryable } from './retry'
import { errorBodySchema, page } from './schemas'

export interface ApiRequest<T> {
  operation: Operation
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  /** Path under the API base, starting with /v4/. */
  path: string
  query?: Record<string, string | number | boolean | undefined>
  body?: unknown
  /** Shape of a successful answer; absent for answers without a body. */
  schema?: z.ZodType<T>
  signal?: AbortSignal
  /** Paces every HTTP call of this request (each page, each retry) before the client's budget. */
  pacer?: CallPacer
}

export interface TransportDeps {
  apiUrl: string
  http: Got
  tokens: TokenProvider
  budget: RateBudget
  retry: RetryPolicy
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>
  random?: () => number
}

const notLinkedPattern = /not linked to an adobe id/i

function errorDetail(body: unknown): { detail: string; pointer: string | undefined } | null {
  const parsed = errorBodySchema.safeParse(body)
  if (!parsed.success) return null
  const [first] = parsed.data.errors
  return { detail: first!.detail, pointer: first!.source?.pointer }
}

function retryAfterMs(header: string | undefined, now: number): number | undefined {
  if (!header) return undefined
  const seconds = Number(header)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const date = Date.parse(header)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

function parseBody(response: Response<string>): unknown {
  if (response.body === '') return undefined
  try {
    return JSON.parse(response.body)
  } catch {
    return undefined
  }
}

/** The typed error for a non-2xx answer. */
function failure(
  request: ApiRequest<unknown>,
  response: Response<string>,
  idempotent: boolean,
): FrameioError {
  const status = response.statusCode
  const info = errorDetail(parseBody(response))
  const what = `${request.method} ${request.path}`
  const detail = info?.detail ?? `HTTP ${status}`
  if (status === 401 && notLinkedPattern.test(detail)) return new NotLinkedError()
  if (status === 429) {
    return new RateLimitedError(
      `Frame.io asked us to slow down (${what}).`,
      retryAfterMs(response.headers['retry-after'], Date.now()),
    )
  }
  const kind =
    status === 401
      ? 'unauthorized'
      : status === 403
        ? 'forbidden'
        : status === 404
          ? 'not-found'
          : status === 409
            ? 'conflict'
            : status === 400 || status === 422
              ? 'invalid'
              : status >= 500
                ? 'server'
                : 'unexpected-response'
  return new FrameioError(kind, `${what}: ${detail}`, {
    status,
    ...(info?.pointer ? { pointer: info.pointer } : {}),
    outcomeUnknown: kind === 'server' && !idempotent,
  })
}

export class ApiTransport {
  constructor(private readonly deps: TransportDeps) {}

  private url(path: string, query: ApiRequest<unknown>['query'] = {}): string {
    const url = new URL(`${this.deps.apiUrl}${path}`)
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) url.searchParams.set(key, String(value))
    }
    return url.href
  }

  private async send(
    request: ApiRequest<unknown>,
    url: string,
    token: string,
  ): Promise<Response<string>> {
    const { signal } = request
    await request.pacer?.take(request.operation, signal)
    await this.deps.budget.take(request.operation, signal)
    try {
      const response = await this.deps.http(url, {
        method: request.method,
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        ...(request.body === undefined ? {} : { json: request.body }),
        ...(signal ? { signal } : {}),
      })
      this.deps.budget.observe(request.operation, response.headers)
      return response
    } catch (error) {
      if (signal?.aborted)
        throw new FrameioError('aborted', `${request.method} ${request.path} was cancelled.`, {
          cause: error,
        })
      throw new FrameioError(
        'network',
        `Cannot reach Frame.io (${request.method} ${request.path}).`,
        {
          cause: error,
          outcomeUnknown: request.method !== 'GET',
        },
      )
    }
  }

  /** One attempt: a refused token is refreshed once; a second refusal means signing in again. */
  private async attempt<T>(request: ApiRequest<T>, url: string, idempotent: boolean): Promise<T> {
    const { tokens } = this.deps
    const token = await tokens.accessToken(request.signal)
    let response = await this.send(request, url, token)
    if (
      response.statusCode === 401 &&
      !(failure(request, response, idempotent) instanceof NotLinkedError)
    ) {
      await tokens.refreshAfter(token, request.signal)
      response = await this.send(request, url, await tokens.accessToken(request.signal))
      if (response.statusCode === 401) {
        const refused = failure(request, response, idempotent)
        throw refused instanceof NotLinkedError
          ? refused
          : signInRequired('Frame.io refused a freshly refreshed session')
      }
    }
    if (response.statusCode < 200 || response.statusCode >= 300) {
      const error = failure(request, response, idempotent)
      if (error instanceof RateLimitedError)
        this.deps.budget.refused(request.operation, error.retryAfterMs)
      throw error
    }
    if (!request.schema) return undefined as T
    const parsed = request.schema.safeParse(parseBody(response))
    if (!parsed.success) {
      const [issue] = parsed.error.issues
      const where = issue ? `${issue.path.join('.') || '(body)'}: ${issue.message}` : 'no details'
      throw new FrameioError(
        'unexpected-response',
        `${request.method} ${request.path} answered in an unexpected shape (${where}).`,
        {
          status: response.statusCode,
        },
      )
    }
    return parsed.data
  }

  private async withRetries<T>(request: ApiRequest<T>, url: string): Promise<T> {
    const idempotent = request.method !== 'POST'
    const { retry } = this.deps
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(request, url, idempotent)
      } catch (error) {
        if (
          !(error instanceof FrameioError) ||
          !isRetryable(error, idempotent) ||
          attempt >= retry.attempts
        )
          throw error
        // Retry-After when the service gave one; backoff otherwise. After a 429 the budget is
        // full too, so the next take() also waits out the window the headers describe.
        const delay =
          error instanceof RateLimitedError && error.retryAfterMs !== undefined
            ? error.retryAfterMs
            : backoffDelay(attempt, retry, this.deps.random)
        await this.deps.sleep(delay, request.signal)
      }
    }
  }

  request<T>(request: ApiRequest<T>): Promise<T> {
    return this.withRetries(request, this.url(request.path, request.query))
  }

  /** Every item of a listing, page after page; `include` is re-added to each next link. */
  async *paginate<T>(request: ApiRequest<T> & { schema: z.ZodType<T> }): AsyncGenerator<T> {
    const pageRequest = { ...request, schema: page(request.schema) }
    const include = request.query?.['include']
    let url: string | null = this.url(request.path, request.query)
    const seen = new Set<string>([url])
    while (url) {
      const body: { data: unknown[]; links: { next: string | null } } = await this.withRetries(
        pageRequest,
        url,
      )
      for (const item of body.data) yield item as T
      if (!body.links.next) return
      const next: URL = new URL(body.links.next, `${this.deps.apiUrl}/`)
      // The token goes only to the API's own origin, and a listing that points back is not followed.
      if (next.origin !== new URL(this.deps.apiUrl).origin || seen.has(next.href)) {
        throw new FrameioError(
          'unexpected-response',
          `${request.path} gave a next page that cannot be followed.`,
        )
      }
      seen.add(next.href)
      if (include !== undefined && !next.searchParams.has('include'))
        next.searchParams.set('include', String(include))
      url = next.href
    }
  }
}
