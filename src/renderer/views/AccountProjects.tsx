// The projects of one Frame.io account, from all its workspaces: search by name, narrow down by
// workspace, choose one.
import { useCallback, useState } from 'react'
import { useApi } from '../api/context'
import { describeError } from '../format'
import { useLoadable } from './useLoadable'

export interface ChosenProject {
  id: string
  name: string
  workspaceId: string
  workspaceName: string
}

interface Named {
  id: string
  name: string
}

export const projectSearchId = 'picker-project-search'
export const projectErrorId = 'picker-project-error'

export function AccountProjects({
  account,
  value,
  onChange,
  error,
}: {
  account: Named
  value: ChosenProject | null
  onChange: (project: ChosenProject) => void
  error: string | undefined
}) {
  const api = useApi()
  const load = useCallback(async () => {
    const workspaces = await api.invoke('frameio:workspaces', { accountId: account.id })
    const perWorkspace = await Promise.all(
      workspaces.map(async (workspace) => {
        const request = { accountId: account.id, workspaceId: workspace.id }
        const projects = await api.invoke('frameio:projects', request)
        return projects.map((project) => ({
          ...project,
          workspaceId: workspace.id,
          workspaceName: workspace.name,
        }))
      }),
    )
    const projects = perWorkspace.flat().sort((a, b) => a.name.localeCompare(b.name))
    return { workspaces, projects }
  }, [api, account.id])
  const { result, reload } = useLoadable(load)
  const [query, setQuery] = useState('')
  const [workspaceId, setWorkspaceId] = useState('')

  if (result.status === 'loading') {
    return <p className="field-note">Loading the projects of {account.name}…</p>
  }
  if (result.status === 'failed') {
    return (
      <p className="field-note is-error" role="alert">
        Could not load the projects of {account.name}: {describeError(result.error)}
        <button type="button" onClick={reload}>
          Try again
        </button>
      </p>
    )
  }
  const { workspaces, projects } = result.value
  if (projects.length === 0) {
    return (
      <p className="field-note">
        {account.name} has no projects yet. Create one in Frame.io, then try again.
        <button type="button" onClick={reload}>
          Try again
        </button>
      </p>
    )
  }

  const needle = query.trim().toLocaleLowerCase()
  // The chosen project stays in view, so a search never hides what will be synced.
  const shown = projects.filter(
    (project) =>
      project.id === value?.id ||
      ((workspaceId === '' || project.workspaceId === workspaceId) &&
        project.name.toLocaleLowerCase().includes(needle)),
  )
  return (
    <>
      {workspaces.length > 1 && (
        <label className="sub-field">
          Workspace
          <select value={workspaceId} onChange={(event) => setWorkspaceId(event.target.value)}>
            <option value="">All workspaces</option>
            {workspaces.map((workspace) => (
              <option key={workspace.id} value={workspace.id}>
                {workspace.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="sub-field">
        Find a project
        <input
          id={projectSearchId}
          type="search"
          value={query}
          autoComplete="off"
          onChange={(event) => setQuery(event.target.value)}
          aria-describedby={error ? projectErrorId : undefined}
          aria-invalid={error ? true : undefined}
        />
      </label>
      <div className="project-options" role="radiogroup" aria-label={`Projects in ${account.name}`}>
        {shown.map((project) => (
          <label key={project.id} className="project-option">
            <input
              type="radio"
              name="picker-project"
              checked={project.id === value?.id}
              onChange={() => onChange(project)}
            />
            <span className="project-name">{project.name}</span>
            {workspaces.length > 1 && (
              <span className="project-workspace">{project.workspaceName}</span>
            )}
          </label>
        ))}
        {shown.length === 0 && (
          <p className="field-note">
            {needle ? `No project matches “${query.trim()}”.` : 'This workspace has no projects.'}
          </p>
        )}
      </div>
      {error && (
        <p className="field-error" id={projectErrorId}>
          {error}
        </p>
      )}
    </>
  )
}
