// One sync issue: the file, the reason in plain words, when, and Retry / Show in folder / Ignore.
import { useId, useState } from 'react'
import type { SyncIssue, SyncRoot } from '../../shared'
import { useApi } from '../api/context'
import { baseName } from '../format'
import { useAction } from './useAction'
import { When } from './When'

export function IssueRow({
  issue,
  root,
  now,
}: {
  issue: SyncIssue
  root: SyncRoot | undefined
  now: number
}) {
  const api = useApi()
  const action = useAction()
  const pathId = useId()
  const [retrying, setRetrying] = useState(false)
  const request = { issueId: issue.id }

  const retry = async () => {
    setRetrying(false)
    setRetrying(await action.run('Could not retry', () => api.invoke('issues:retry', request)))
  }
  const reveal = () => {
    setRetrying(false)
    void action.run('Could not show the file', () => api.invoke('issues:reveal', request))
  }
  const ignore = () => {
    setRetrying(false)
    void action.run('Could not ignore the file', () => api.invoke('issues:ignore', request))
  }

  return (
    <li className="issue-row">
      <p className="issue-path" id={pathId}>
        {issue.path}
      </p>
      <p className="issue-where">
        {root && (
          <>
            <span title={root.localPath}>
              In {baseName(root.localPath)}
              {root.projectName === baseName(root.localPath) ? '' : ` (${root.projectName})`}
            </span>
            {' · '}
          </>
        )}
        <When at={issue.at} now={now} />
      </p>
      <p className="issue-reason">{issue.reason}</p>
      <div className="issue-actions">
        <button type="button" aria-describedby={pathId} disabled={action.busy} onClick={retry}>
          Retry
        </button>
        <button type="button" aria-describedby={pathId} disabled={action.busy} onClick={reveal}>
          Show in folder
        </button>
        <button
          type="button"
          aria-describedby={pathId}
          title="Stop reporting this problem for this file. Nothing is deleted."
          disabled={action.busy}
          onClick={ignore}
        >
          Ignore this file
        </button>
      </div>
      {action.error && (
        <p className="issue-note is-error" role="alert">
          {action.error}
        </p>
      )}
      {retrying && (
        <p className="issue-note" role="status">
          Trying again now. This issue goes away once the file is synced.
        </p>
      )}
    </li>
  )
}
