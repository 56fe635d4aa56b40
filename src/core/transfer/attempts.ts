// The attempt loop every transfer shares: a few tries with backoff for failures that may pass,
// then one TransferError that says what went wrong last.
import { FrameioError } from '../frameio'
import { backoffDelay } from '../frameio/retry'
import { sleep } from '../frameio/sleep'
import { TransferError } from './errors'

/** Whether trying the whole transfer again later may succeed without anyone doing anything. */
export function isTransient(error: unknown): boolean {
  if (error instanceof TransferError) return error.transient
  if (error instanceof FrameioError)
    return ['server', 'network', 'rate-limited', 'unexpected-response'].includes(error.kind)
  return false
}

export async function withAttempts<T>(
  what: string,
  options: { attempts: number; backoffBaseMs: number; signal?: AbortSignal | undefined },
  run: () => Promise<T>,
): Promise<T> {
  const { attempts, signal } = options
  for (let attempt = 1; ; attempt++) {
    try {
      return await run()
    } catch (error) {
      if (signal?.aborted || !isTransient(error) || attempt >= attempts) {
        if (error instanceof TransferError || signal?.aborted) throw error
        const reason = error instanceof Error ? error.message : String(error)
        throw new TransferError(
          'failed',
          `${what} failed after ${attempt} attempt${attempt === 1 ? '' : 's'}: ${reason}`,
          {
            transient: isTransient(error),
            cause: error,
          },
        )
      }
      await sleep(
        backoffDelay(attempt, { attempts, baseDelayMs: options.backoffBaseMs, maxDelayMs: 30_000 }),
        signal,
      )
    }
  }
}
