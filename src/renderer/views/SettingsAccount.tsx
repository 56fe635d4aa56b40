// The settings screen's account section: who is signed in, and signing out after a confirmation
// that says what it does and does not do.
import { useRef, useState } from 'react'
import { flushSync } from 'react-dom'
import { useApi } from '../api/context'
import { navigate } from '../route'
import { useAppStore } from '../store'

export function AccountSection() {
  const api = useApi()
  const state = useAppStore((store) => store.state)
  const connectionError = useAppStore((store) => store.connectionError)
  const [confirming, setConfirming] = useState(false)
  const [signingOut, setSigningOut] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const signOutButton = useRef<HTMLButtonElement>(null)

  const cancel = () => {
    // Render the Sign out button again first, so focus can go back to it.
    flushSync(() => setConfirming(false))
    signOutButton.current?.focus()
  }

  const signOut = async () => {
    if (signingOut) return
    setSigningOut(true)
    setProblem(null)
    try {
      await api.invoke('auth:signOut')
      navigate('popover')
    } catch (error) {
      setProblem(`Could not sign out: ${error instanceof Error ? error.message : String(error)}`)
      setSigningOut(false)
    }
  }

  const user = state?.user
  return (
    <section className="settings-section" aria-labelledby="settings-account">
      <h2 id="settings-account">Account</h2>
      {!state && (
        <p className="settings-hint">
          {connectionError
            ? `Can't tell who is signed in: ${connectionError}.`
            : 'Checking who is signed in…'}
        </p>
      )}
      {state && !user && <p>You're not signed in.</p>}
      {user && (
        <p className="settings-account-name">
          Signed in as {user.name} ({user.email})
        </p>
      )}
      {user && !confirming && (
        <button type="button" ref={signOutButton} onClick={() => setConfirming(true)}>
          Sign out…
        </button>
      )}
      {user && confirming && (
        <div
          className="settings-confirm"
          role="group"
          aria-labelledby="settings-sign-out-question"
          aria-describedby="settings-sign-out-details"
        >
          <p id="settings-sign-out-question" className="settings-confirm-question">
            Sign out of Frame.io?
          </p>
          <p id="settings-sign-out-details">
            Syncing stops until you sign in again. Nothing is deleted, on this computer or in
            Frame.io.
          </p>
          <div className="settings-buttons">
            {/* Cancel takes focus: the safe choice is the one Enter picks. */}
            <button type="button" onClick={cancel} autoFocus>
              Cancel
            </button>
            <button
              type="button"
              className="danger"
              aria-disabled={signingOut}
              onClick={() => void signOut()}
            >
              {signingOut ? 'Signing out…' : 'Sign out'}
            </button>
          </div>
        </div>
      )}
      {problem && (
        <p className="settings-problem" role="alert">
          {problem}
        </p>
      )}
    </section>
  )
}
