// The settings screen: loads the preferences once, then shows the form, the account and the help
// sections; account and help stay usable when the preferences cannot be loaded.
import { useEffect, useState } from 'react'
import type { Settings } from '../../shared'
import { useApi } from '../api/context'
import { AccountSection } from './SettingsAccount'
import { DiagnosticsSection } from './SettingsDiagnostics'
import { SettingsForm } from './SettingsForm'
import { ScreenHeader } from './ScreenHeader'
import './SettingsView.css'

type Loading =
  { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; settings: Settings }

export function SettingsView() {
  const api = useApi()
  const [loading, setLoading] = useState<Loading>({ kind: 'loading' })
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    let current = true
    api.invoke('settings:get').then(
      (settings) => current && setLoading({ kind: 'ready', settings }),
      (error: unknown) =>
        current &&
        setLoading({
          kind: 'failed',
          message: error instanceof Error ? error.message : String(error),
        }),
    )
    return () => {
      current = false
    }
  }, [api, attempt])

  const retry = () => {
    setLoading({ kind: 'loading' })
    setAttempt((n) => n + 1)
  }

  return (
    <main className="settings">
      <ScreenHeader title="Settings" />
      <div className="settings-body">
        {loading.kind === 'loading' && (
          <p className="loading" role="status">
            Loading your settings…
          </p>
        )}
        {loading.kind === 'failed' && (
          <div className="settings-section">
            <p className="settings-load-error" role="alert">
              Your settings could not be loaded: {loading.message}
            </p>
            <button type="button" onClick={retry}>
              Try again
            </button>
          </div>
        )}
        {loading.kind === 'ready' && <SettingsForm initial={loading.settings} />}
        <AccountSection />
        <DiagnosticsSection />
      </div>
    </main>
  )
}
