// When a failed call is tried again, and after how long: exponential backoff with jitter, 429s
// always (the service did nothing), server and network failures only for calls safe to repeat.
import type { FrameioError } from './errors'

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number
  baseDelayMs: number
  maxDelayMs: number
}

export const defaultRetryPolicy: RetryPolicy = {
  attempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
}

/** Delay before attempt `attempt + 1`: base doubling per attempt, with half of it random. */
export function backoffDelay(
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1))
  return Math.round(ceiling / 2 + random() * (ceiling / 2))
}

export function isRetryable(error: FrameioError, idempotent: boolean): boolean {
  if (error.kind === 'rate-limited') return true
  if (error.kind === 'server' || error.kind === 'network') return idempotent
  return false
}
