// The picker's project field: the Frame.io account (when there are several), then the account's
// projects across its workspaces as one list to search or narrow down by workspace.
import { useCallback, useState } from 'react'
import { IpcError } from '../../shared'
import { useApi } from '../api/context'
import { describeError } from '../format'
import { AccountProjects, type ChosenProject, projectErrorId } from './AccountProjects'
import { useLoadable } from './useLoadable'

function accountsFailure(error: unknown): string {
  if (error instanceof IpcError && error.code === 'unauthorized') {
    return 'You are signed out of Frame.io. Go back, sign in, then try again.'
  }
  return `Could not load your Frame.io accounts: ${describeError(error)}`
}

export function ProjectChooser({
  value,
  onChange,
  error,
}: {
  value: ChosenProject | null
  onChange: (project: ChosenProject | null) => void
  error: string | undefined
}) {
  const api = useApi()
  const accounts = useLoadable(useCallback(() => api.invoke('frameio:accounts'), [api]))
  const [chosenAccountId, setChosenAccountId] = useState<string | null>(null)
  const { result } = accounts
  const list = result.status === 'ready' ? result.value : []
  const account = list.find((candidate) => candidate.id === chosenAccountId) ?? list[0]

  return (
    <fieldset className="field">
      <legend>Frame.io project</legend>
      {result.status === 'loading' && <p className="field-note">Loading your Frame.io accounts…</p>}
      {result.status === 'failed' && (
        <p className="field-note is-error" role="alert">
          {accountsFailure(result.error)}
          <button type="button" onClick={accounts.reload}>
            Try again
          </button>
        </p>
      )}
      {result.status === 'ready' && !account && (
        <p className="field-note">
          Your Frame.io user belongs to no account yet. Once someone invites you to one, try again.
          <button type="button" onClick={accounts.reload}>
            Try again
          </button>
        </p>
      )}
      {list.length > 1 && (
        <label className="sub-field">
          Account
          <select
            value={account?.id}
            onChange={(event) => {
              setChosenAccountId(event.target.value)
              onChange(null)
            }}
          >
            {list.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {account && (
        <AccountProjects
          key={account.id}
          account={account}
          value={value}
          onChange={onChange}
          error={error}
        />
      )}
      {error && !account && (
        <p className="field-error" id={projectErrorId}>
          {error}
        </p>
      )}
    </fieldset>
  )
}
