// Waiting that a call's AbortSignal can cut short, reported as the client's own `aborted` error.
import { setTimeout as wait } from 'node:timers/promises'
import { FrameioError } from './errors'

function aborted(cause?: unknown): FrameioError {
  return new FrameioError(
    'aborted',
    'The call was cancelled.',
    cause === undefined ? {} : { cause },
  )
}

export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await wait(ms, undefined, signal ? { signal } : {})
  } catch (cause) {
    throw aborted(cause)
  }
}

/** Waits for `promise`, or rejects as soon as `signal` aborts (the promise itself goes on). */
export function abortable<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise
  if (signal.aborted) return Promise.reject(aborted(signal.reason))
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(aborted(signal.reason))
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}
