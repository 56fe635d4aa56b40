// The settings screen's help section: "Copy diagnostics" for a support request, with the text
// shown to copy by hand when the clipboard is refused (a browser page without permission).
import { useState } from 'react'
import type { Api } from '../api/client'
import { useApi } from '../api/context'

type Copying =
  | { kind: 'idle' }
  | { kind: 'gathering' }
  | { kind: 'copied' }
  | { kind: 'by-hand'; text: string }
  | { kind: 'failed'; message: string }

export function DiagnosticsSection() {
  const api = useApi()
  const [copying, setCopying] = useState<Copying>({ kind: 'idle' })

  const copy = async () => {
    if (copying.kind === 'gathering') return
    setCopying({ kind: 'gathering' })
    setCopying(await gatherAndCopy(api))
  }

  return (
    <section className="settings-section" aria-labelledby="settings-help">
      <h2 id="settings-help">Help</h2>
      <p className="settings-hint" id="settings-diagnostics-about">
        Versions, your settings, sync statistics and the recent log, with sign-in tokens and other
        secrets left out. Paste them into a message to support.
      </p>
      <button
        type="button"
        aria-describedby="settings-diagnostics-about"
        aria-disabled={copying.kind === 'gathering'}
        onClick={() => void copy()}
      >
        Copy diagnostics
      </button>
      <p className="settings-status" role="status">
        {copying.kind === 'gathering' && 'Gathering diagnostics…'}
        {copying.kind === 'copied' && 'Diagnostics copied to the clipboard.'}
        {copying.kind === 'by-hand' &&
          'The clipboard could not be used. Select the text below and copy it.'}
      </p>
      {copying.kind === 'failed' && (
        <p className="settings-problem" role="alert">
          {copying.message}
        </p>
      )}
      {copying.kind === 'by-hand' && (
        <div className="settings-field">
          <label htmlFor="settings-diagnostics-text">Diagnostics</label>
          <textarea
            id="settings-diagnostics-text"
            className="settings-diagnostics"
            readOnly
            rows={8}
            value={copying.text}
            autoFocus
            onFocus={(event) => event.currentTarget.select()}
          />
        </div>
      )}
    </section>
  )
}

async function gatherAndCopy(api: Api): Promise<Copying> {
  let text: string
  try {
    text = (await api.invoke('app:diagnostics')).text
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return { kind: 'failed', message: `Could not gather the diagnostics: ${message}` }
  }
  try {
    // Missing outside a secure page, refused without permission: both mean copy by hand.
    await navigator.clipboard.writeText(text)
    return { kind: 'copied' }
  } catch {
    return { kind: 'by-hand', text }
  }
}
