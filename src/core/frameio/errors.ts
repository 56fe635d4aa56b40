// Typed failures of Frame.io calls, so the engine can tell "sign in again" from "try later" from
// "this request was wrong" without reading status codes.

export type FrameioErrorKind =
  | 'unauthorized'
  | 'sign-in-required'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'invalid'
  | 'rate-limited'
  | 'server'
  | 'network'
  | 'aborted'
  | 'unexpected-response'

export class FrameioError extends Error {
  readonly kind: FrameioErrorKind
  readonly status: number | undefined
  /** For `invalid`: the request field the service pointed at (JSON pointer). */
  readonly pointer: string | undefined
  /** True when a write may or may not have taken effect (connection lost mid-request, 5xx). */
  readonly outcomeUnknown: boolean

  constructor(
    kind: FrameioErrorKind,
    message: string,
    details: { status?: number; pointer?: string; outcomeUnknown?: boolean; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause })
    this.name = 'FrameioError'
    this.kind = kind
    this.status = details.status
    this.pointer = details.pointer
    this.outcomeUnknown = details.outcomeUnknown ?? false
  }
}

/** A 401 that signing in again will not fix until the person links an Adobe ID in Frame.io. */
export class NotLinkedError extends FrameioError {
  constructor() {
    super(
      'unauthorized',
      'Your Frame.io user is not linked to an Adobe ID yet: link it in Frame.io account settings, then sign in again.',
      { status: 401 },
    )
    this.name = 'NotLinkedError'
  }
}

export class RateLimitedError extends FrameioError {
  /** How long the service asked us to wait, when it said. */
  readonly retryAfterMs: number | undefined

  constructor(message: string, retryAfterMs: number | undefined) {
    super('rate-limited', message, { status: 429 })
    this.name = 'RateLimitedError'
    this.retryAfterMs = retryAfterMs
  }
}

export function isFrameioError(error: unknown, kind?: FrameioErrorKind): error is FrameioError {
  return error instanceof FrameioError && (kind === undefined || error.kind === kind)
}
