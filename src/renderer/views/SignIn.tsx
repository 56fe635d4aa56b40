// The signed-out popover: one Sign in button, then "waiting for your browser" with Cancel, and
// how a sign-in that did not succeed ended, with a way to try again.
import type { SignIn as SignInState } from '../../shared'
import { useApi } from '../api/context'
import { EmptyState } from './EmptyState'
import { useAction } from './useAction'

export function SignIn({ signIn }: { signIn: SignInState }) {
  const api = useApi()
  const { run, error, busy } = useAction()
  const begin = () => void run('Could not start signing in', () => api.invoke('auth:beginSignIn'))
  const cancel = () =>
    void run('Could not cancel signing in', () => api.invoke('auth:cancelSignIn'))
  const failure = error && (
    <p className="inline-error" role="alert">
      {error}
    </p>
  )

  if (signIn.status === 'waiting') {
    return (
      <EmptyState
        title="Waiting for your browser…"
        action={
          <>
            <button type="button" onClick={cancel} disabled={busy}>
              Cancel
            </button>
            {failure}
          </>
        }
      >
        Finish signing in with your Adobe ID in the browser window that opened. This window follows
        along by itself.
      </EmptyState>
    )
  }
  const failed = signIn.status === 'failed'
  return (
    <EmptyState
      title={failed ? "Sign-in didn't finish" : "You're signed out"}
      action={
        <>
          <button type="button" className="primary" onClick={begin} disabled={busy}>
            {failed ? 'Try again' : 'Sign in'}
          </button>
          {failure}
        </>
      }
    >
      {failed
        ? (signIn.message ?? 'The browser did not come back with a sign-in.')
        : 'Frame.io Sync keeps folders on this computer in step with your Frame.io projects. Sign in with your Adobe ID to choose what to sync.'}
    </EmptyState>
  )
}
