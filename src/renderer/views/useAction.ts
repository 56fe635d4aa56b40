// Runs one user action through the contract and keeps its failure, in words, for the view to show.
import { useCallback, useState } from 'react'
import { describeError } from '../format'

export interface Action {
  /** Runs `work`; on failure keeps "<failure>: <why>" and answers false. */
  run(failure: string, work: () => Promise<unknown>): Promise<boolean>
  /** The last failure, null once the next attempt starts. */
  error: string | null
  busy: boolean
}

export function useAction(): Action {
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const run = useCallback(async (failure: string, work: () => Promise<unknown>) => {
    setError(null)
    setBusy(true)
    try {
      await work()
      return true
    } catch (cause) {
      setError(`${failure}: ${describeError(cause)}`)
      return false
    } finally {
      setBusy(false)
    }
  }, [])
  return { run, error, busy }
}
