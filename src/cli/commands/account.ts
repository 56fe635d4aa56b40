// Signing in and out, who is signed in, and what projects there are to sync.
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import type { Account, Project, Workspace } from '../../core/frameio'
import { type Command, type CommandContext, UsageError, stringOption } from '../command'
import { table } from '../output'
import { apiFlags } from '../session'

/** Tokens given on the command line carry no lifetime: used until Frame.io refuses them. */
const unknownExpiry = Number.MAX_SAFE_INTEGER

/** Opens `url` in the desktop's browser where there is one; silently does nothing elsewhere. */
function openBrowser(url: string, env: CommandContext['io']['env']): void {
  const opener =
    process.platform === 'darwin'
      ? ['open', url]
      : process.platform === 'win32'
        ? ['cmd', '/c', 'start', '', url]
        : env['DISPLAY'] || env['WAYLAND_DISPLAY']
          ? ['xdg-open', url]
          : null
  if (!opener) return
  const [command, ...args] = opener
  const child = spawn(command!, args, { stdio: 'ignore', detached: true })
  child.on('error', () => undefined)
  child.unref()
}

async function readLine(context: CommandContext, prompt: string): Promise<string> {
  context.io.stderr.write(prompt)
  const lines = createInterface({ input: context.io.stdin })
  try {
    for await (const line of lines) return line.trim()
  } finally {
    lines.close()
  }
  throw new UsageError('sign-in cancelled: no address was pasted')
}

/** The code from the address the browser was sent to, once it is checked to be ours. */
function codeFrom(pasted: string, redirectUri: string, state: string): string {
  let url: URL
  try {
    url = new URL(pasted)
  } catch {
    throw new UsageError(`"${pasted.slice(0, 80)}" is not an address; paste the whole address`)
  }
  const expected = new URL(redirectUri)
  if (url.origin !== expected.origin || url.pathname !== expected.pathname) {
    throw new UsageError(`that address does not start with the redirect URI ${redirectUri}`)
  }
  if (url.searchParams.get('state') !== state) {
    throw new UsageError('that address belongs to another sign-in; start again with login')
  }
  const refusal = url.searchParams.get('error')
  if (refusal) throw new Error(`sign-in was refused: ${refusal}`)
  const code = url.searchParams.get('code')
  if (!code) throw new UsageError('that address carries no sign-in code')
  return code
}

const login: Command = {
  name: 'login',
  usage: 'login [--token T [--refresh-token R]]',
  summary: 'Sign in to Frame.io (in a browser, or with a token you already have)',
  options: { token: { type: 'string' }, 'refresh-token': { type: 'string' } },
  positionals: [0, 0],
  async run(context) {
    const { session, output } = context
    const token = stringOption(context, 'token')
    const refreshToken = stringOption(context, 'refresh-token')
    if (refreshToken !== undefined && token === undefined) {
      throw new UsageError('--refresh-token needs --token')
    }
    const given = apiFlags(context.values)
    if (Object.keys(given).length > 0) {
      session.settings.update({ api: { ...session.settings.read().api, ...given } })
    }
    const { auth } = session.client
    if (token !== undefined) {
      await auth.useTokens({
        accessToken: token,
        refreshToken: refreshToken ?? null,
        expiresAt: unknownExpiry,
      })
    } else {
      const request = auth.beginSignIn()
      output.note(`Open this address in a browser and sign in:\n\n  ${request.url}\n`)
      openBrowser(request.url, context.io.env)
      const pasted = await readLine(
        context,
        'Then paste here the address the browser was sent to (it starts with the redirect URI):\n> ',
      )
      const code = codeFrom(pasted, session.config.redirectUri, request.state)
      await auth.completeSignIn(code, request.verifier)
    }
    try {
      const me = await session.client.me()
      output.data(me, () => `Signed in as ${me.name} <${me.email}>.`)
      return 0
    } catch (error) {
      await auth.signOut()
      throw error
    }
  },
}

const logout: Command = {
  name: 'logout',
  usage: 'logout',
  summary: 'Sign out and forget the stored tokens',
  options: {},
  positionals: [0, 0],
  async run({ session, output }) {
    await session.client.auth.signOut()
    output.data({ signedIn: false }, () => 'Signed out.')
    return 0
  },
}

async function requireSignIn(context: CommandContext): Promise<void> {
  if (!(await context.session.client.auth.isSignedIn())) {
    throw new Error('not signed in: run "frameio-sync login" first')
  }
}

const whoami: Command = {
  name: 'whoami',
  usage: 'whoami',
  summary: 'Show who is signed in',
  options: {},
  positionals: [0, 0],
  async run(context) {
    await requireSignIn(context)
    const me = await context.session.client.me()
    context.output.data(me, () => `${me.name} <${me.email}> (${me.id})`)
    return 0
  },
}

type Tree = Array<Account & { workspaces: Array<Workspace & { projects: Project[] }> }>

const projects: Command = {
  name: 'projects',
  usage: 'projects',
  summary: 'List accounts, workspaces and projects with their ids',
  options: {},
  positionals: [0, 0],
  async run(context) {
    await requireSignIn(context)
    const { client } = context.session
    const tree: Tree = []
    for await (const account of client.accounts()) {
      const workspaces: Tree[number]['workspaces'] = []
      for await (const workspace of client.workspaces(account.id)) {
        const found: Project[] = []
        for await (const project of client.projects(account.id, workspace.id)) found.push(project)
        workspaces.push({ ...workspace, projects: found })
      }
      tree.push({ ...account, workspaces })
    }
    context.output.data(tree, () => {
      const rows: string[][] = []
      for (const account of tree) {
        rows.push([`${account.name}`, `account ${account.id}`])
        for (const workspace of account.workspaces) {
          rows.push([`  ${workspace.name}`, `workspace ${workspace.id}`])
          for (const project of workspace.projects) rows.push([`    ${project.name}`, project.id])
        }
      }
      return rows.length > 0 ? table(rows) : 'No accounts are visible to this user.'
    })
    return 0
  },
}

export const accountCommands = [login, logout, whoami, projects]
export { requireSignIn }
