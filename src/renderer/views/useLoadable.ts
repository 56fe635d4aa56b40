// Runs a one-off fetch for a view and tracks it as loading, failed or ready, dropping answers
// that arrive after the view moved on. `load` must be memoised: a new function means a new fetch.
import { useEffect, useMemo, useState } from 'react'

export type Loadable<T> =
  { status: 'loading' } | { status: 'failed'; error: unknown } | { status: 'ready'; value: T }

const loading = { status: 'loading' } as const

export function useLoadable<T>(load: () => Promise<T>): {
  result: Loadable<T>
  reload: () => void
} {
  const [attempt, setAttempt] = useState(0)
  // One object per fetch, so an answer can be matched to the fetch that asked for it.
  const request = useMemo(() => ({ load, attempt }), [load, attempt])
  const [settled, setSettled] = useState<{ request: object; result: Loadable<T> } | null>(null)
  useEffect(() => {
    let current = true
    request.load().then(
      (value) => {
        if (current) setSettled({ request, result: { status: 'ready', value } })
      },
      (error: unknown) => {
        if (current) setSettled({ request, result: { status: 'failed', error } })
      },
    )
    return () => {
      current = false
    }
  }, [request])
  return {
    result: settled?.request === request ? settled.result : loading,
    reload: () => setAttempt((n) => n + 1),
  }
}
