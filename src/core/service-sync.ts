// The contract's sync channels on the engine: signing in and out (the browser's redirect checked
// against the pending sign-in, once), browsing accounts and projects, managing roots, issues and
// activity. Refusals become IpcErrors a window can show: bad fields point at the field.
import { stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { AppState, Handlers, Settings, User } from '../shared'
import { IpcError } from '../shared'
import { diagnosticsText } from './diagnostics'
import { RootRejected } from './engine'
import { FrameioError } from './frameio'
import type { ServiceHost, ServiceSync } from './service'

type SyncChannel = Exclude<
  keyof Handlers,
  'app:getState' | 'app:quit' | 'app:openExternal' | 'dialog:chooseFolder' | 'app:showFolderPicker'
>

const signInTimeoutMs = 10 * 60_000
const activityDays = 7
const userKey = 'user'

interface Pending {
  state: string
  verifier: string
  timer: NodeJS.Timeout
}

/** A failure a person can act on, in the words the engine or the client already chose. */
function asIpcError(error: unknown): never {
  if (error instanceof IpcError) throw error
  if (error instanceof RootRejected) {
    throw new IpcError({ code: 'invalid-input', message: error.message, field: error.field })
  }
  if (error instanceof FrameioError) {
    const code = error.kind === 'sign-in-required' ? 'unauthorized' : 'failed'
    throw new IpcError({ code, message: error.message })
  }
  if (error instanceof Error && !(error instanceof TypeError) && !(error instanceof RangeError)) {
    throw new IpcError({ code: 'failed', message: error.message })
  }
  throw error
}

function guarded<A extends unknown[], R>(run: (...args: A) => Promise<R> | R) {
  return async (...args: A): Promise<R> => {
    try {
      return await run(...args)
    } catch (error) {
      return asIpcError(error)
    }
  }
}

export function syncHandlers(
  sync: ServiceSync,
  host: ServiceHost,
  update: (change: Partial<AppState>) => void,
) {
  const { engine, client } = sync
  const kick = () => sync.kick?.()
  let pending: Pending | null = null

  const cachedUser = engine.index.meta.get(userKey)
  if (cachedUser) update({ user: JSON.parse(cachedUser) as User })

  const endSignIn = (signIn: AppState['signIn']) => {
    if (pending) clearTimeout(pending.timer)
    pending = null
    update({ signIn })
  }

  async function completeSignIn(redirectUrl: string): Promise<void> {
    let url: URL
    try {
      url = new URL(redirectUrl)
    } catch {
      return
    }
    const expected = new URL(client.auth.redirectUri)
    const ours =
      url.protocol === expected.protocol &&
      url.host === expected.host &&
      url.pathname === expected.pathname
    if (!ours || !pending || url.searchParams.get('state') !== pending.state) return
    const { verifier } = pending
    endSignIn({ status: 'waiting', message: null })
    const refusal = url.searchParams.get('error')
    const code = url.searchParams.get('code')
    if (refusal || !code) {
      const message =
        refusal === 'access_denied'
          ? 'Sign-in was cancelled in the browser.'
          : `Sign-in did not complete (${refusal ?? 'no code came back'}).`
      update({ signIn: { status: 'failed', message } })
      return
    }
    try {
      await client.auth.completeSignIn(code, verifier)
      const me = await client.me()
      engine.index.meta.set(userKey, JSON.stringify(me))
      update({ user: me, signIn: { status: 'idle', message: null } })
      engine.resume()
      kick()
    } catch (error) {
      update({ signIn: { status: 'failed', message: (error as Error).message } })
    }
  }

  const handlers: Pick<Handlers, SyncChannel> = {
    'auth:beginSignIn': guarded(async () => {
      const request = client.auth.beginSignIn()
      if (pending) clearTimeout(pending.timer)
      const timer = setTimeout(
        () =>
          endSignIn({
            status: 'failed',
            message: 'Sign-in timed out after 10 minutes. Try again when you are ready.',
          }),
        signInTimeoutMs,
      )
      timer.unref()
      pending = { state: request.state, verifier: request.verifier, timer }
      update({ signIn: { status: 'waiting', message: null } })
      await host.openExternal(request.url)
      return { authorizeUrl: request.url }
    }),
    'auth:cancelSignIn': () => {
      endSignIn({ status: 'idle', message: null })
      return undefined
    },
    'auth:signOut': guarded(async () => {
      await engine.stop()
      await client.auth.signOut()
      engine.index.meta.set(userKey, '')
      update({ user: null })
      return undefined
    }),
    'frameio:accounts': guarded(async () => {
      const found = []
      for await (const account of client.accounts())
        found.push({ id: account.id, name: account.name })
      return found
    }),
    'frameio:workspaces': guarded(async ({ accountId }) => {
      const found = []
      for await (const workspace of client.workspaces(accountId))
        found.push({ id: workspace.id, name: workspace.name })
      return found
    }),
    'frameio:projects': guarded(async ({ accountId, workspaceId }) => {
      const found = []
      for await (const project of client.projects(accountId, workspaceId))
        found.push({ id: project.id, name: project.name })
      return found
    }),
    'roots:add': guarded(async (request) => {
      const root = await engine.addRoot({
        projectId: request.projectId,
        localPath: request.localPath,
        mode: request.mode,
        ...(request.readyAfterSeconds === undefined
          ? {}
          : { readyAfterSeconds: request.readyAfterSeconds }),
      })
      kick()
      return { rootId: root.id }
    }),
    'roots:update': guarded(({ rootId, mode, readyAfterSeconds }) => {
      engine.updateRoot(rootId, {
        ...(mode ? { mode } : {}),
        ...(readyAfterSeconds === undefined ? {} : { readyAfterSeconds }),
      })
      kick()
      return undefined
    }),
    'settings:get': () => sync.settings.read(),
    'settings:update': guarded((change) => {
      const given = Object.entries(change).filter(([, value]) => value !== undefined)
      const next = sync.settings.update(Object.fromEntries(given) as Partial<Settings>)
      engine.settingsChanged()
      return next
    }),
    'app:diagnostics': () => ({
      text: diagnosticsText({
        versions: sync.versions,
        settings: sync.settings.read(),
        stats: engine.index.stats(),
        log: sync.log,
      }),
    }),
    'roots:openFolder': guarded(async ({ rootId }) => {
      const root = engine.findRoot(rootId)
      if (!root) throw new Error(`No synced folder has the id ${rootId}.`)
      if (!host.openPath) throw new Error(`Open ${root.localPath} in your file manager.`)
      await host.openPath(root.localPath)
      return undefined
    }),
    'roots:openInFrameio': guarded(async ({ rootId }) => {
      const root = engine.findRoot(rootId)
      if (!root) throw new Error(`No synced folder has the id ${rootId}.`)
      const project = await client.project(root.accountId, root.projectId)
      await host.openExternal(project.viewUrl)
      return undefined
    }),
    'roots:remove': guarded(({ rootId }) => {
      engine.removeRoot(rootId)
      return undefined
    }),
    'roots:pause': guarded((request) => {
      engine.pause(request?.rootId)
      return undefined
    }),
    'roots:resume': guarded((request) => {
      engine.resume(request?.rootId)
      kick()
      return undefined
    }),
    'issues:retry': guarded(({ issueId }) => {
      engine.retryIssue(Number(issueId))
      kick()
      return undefined
    }),
    'issues:ignore': guarded(({ issueId }) => {
      engine.ignoreIssue(Number(issueId))
      return undefined
    }),
    'issues:reveal': guarded(async ({ issueId }) => {
      const issue = engine.index.issues.get(Number(issueId))
      const root = issue ? engine.findRoot(issue.rootId) : null
      if (!issue || !root) throw new Error(`There is no sync issue ${issueId}.`)
      const file = join(root.localPath, ...issue.path.split('/'))
      const shown = await stat(file).then(
        () => file,
        () => dirname(file),
      )
      if (host.revealPath) host.revealPath(shown)
      else if (host.openPath) await host.openPath(shown)
      else throw new Error(`Look for it in ${shown}.`)
      return undefined
    }),
    'activity:list': guarded((request) =>
      engine.index.activity
        .list({
          ...(request?.rootId ? { rootId: request.rootId } : {}),
          ...(request?.kind ? { kind: request.kind } : {}),
          since: Date.now() - activityDays * 24 * 60 * 60_000,
          limit: 500,
        })
        .map((item) => ({ ...item, at: new Date(item.at).toISOString() })),
    ),
  }

  return {
    handlers,
    completeSignIn,
    dispose() {
      if (pending) clearTimeout(pending.timer)
      pending = null
    },
  }
}
