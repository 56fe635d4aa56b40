// Choosing what is synced: add and remove folders, list them, their status and sync issues,
// and pause or resume them.
import { realpathSync } from 'node:fs'
import { resolve } from 'node:path'
import type { SyncMode } from '../../shared'
import type { EngineSnapshot } from '../../core/engine'
import {
  type Command,
  type CommandContext,
  UsageError,
  stringOption,
  wholeNumberOption,
} from '../command'
import { table } from '../output'
import { requireSignIn } from './account'

const modes: Record<string, SyncMode> = {
  'two-way': 'two-way',
  upload: 'upload-only',
  'upload-only': 'upload-only',
  download: 'download-only',
  'download-only': 'download-only',
}

function modeOption(context: CommandContext): SyncMode | undefined {
  const value = stringOption(context, 'mode')
  if (value === undefined) return undefined
  const mode = modes[value]
  if (!mode) throw new UsageError(`--mode must be two-way, upload or download, not "${value}"`)
  return mode
}

/** The root named by id or folder, or a clear error listing what there is. */
function rootArgument(context: CommandContext, given: string): string {
  const { engine } = context.session
  const root = engine.findRoot(given) ?? engine.findRoot(resolvePath(given))
  if (!root) {
    throw new UsageError(`"${given}" is not a synced folder; "frameio-sync list" shows them`)
  }
  return root.id
}

/** The folder's real path, as roots are stored, or its absolute path if it is gone. */
function resolvePath(path: string): string {
  try {
    return realpathSync(path)
  } catch {
    return resolve(path)
  }
}

const add: Command = {
  name: 'add',
  usage: 'add <project-id> <local-dir> [--mode two-way|upload|download] [--ready-after SECONDS]',
  summary: 'Start syncing a local folder with a Frame.io project',
  options: { mode: { type: 'string' }, 'ready-after': { type: 'string' } },
  positionals: [2, 2],
  async run(context) {
    await requireSignIn(context)
    const [projectId, localPath] = context.positionals as [string, string]
    const mode = modeOption(context)
    const readyAfterSeconds = wholeNumberOption(context, 'ready-after', 0, 86_400)
    const root = await context.session.engine.addRoot({
      projectId,
      localPath,
      ...(mode ? { mode } : {}),
      ...(readyAfterSeconds === undefined ? {} : { readyAfterSeconds }),
    })
    context.output.data(
      root,
      () =>
        `Syncing ${root.localPath} with "${root.projectName}" (${root.mode}, files settle for ${root.readyAfterSeconds} s). Id: ${root.id}`,
    )
    return 0
  },
}

const remove: Command = {
  name: 'remove',
  usage: 'remove <root>',
  summary: 'Stop syncing a folder (by id or path); nothing is deleted on either side',
  options: {},
  positionals: [1, 1],
  async run(context) {
    const rootId = rootArgument(context, context.positionals[0]!)
    const root = context.session.engine.findRoot(rootId)!
    context.session.engine.removeRoot(rootId)
    context.output.data(
      { removed: rootId },
      () => `Stopped syncing ${root.localPath}. Nothing was deleted here or in Frame.io.`,
    )
    return 0
  },
}

function describeRoot(root: EngineSnapshot['roots'][number]): string[] {
  return [
    root.id,
    root.localPath,
    root.projectName,
    root.mode,
    root.status + (root.statusReason ? `: ${root.statusReason}` : ''),
  ]
}

const list: Command = {
  name: 'list',
  usage: 'list',
  summary: 'List synced folders',
  options: {},
  positionals: [0, 0],
  async run({ session, output }) {
    const { roots } = session.engine.snapshot()
    output.data(roots, () =>
      roots.length === 0
        ? 'No folders are synced yet; add one with "frameio-sync add".'
        : table([['ID', 'FOLDER', 'PROJECT', 'MODE', 'STATUS'], ...roots.map(describeRoot)]),
    )
    return 0
  },
}

const status: Command = {
  name: 'status',
  usage: 'status [--json]',
  summary: 'Show each folder, what is queued or settling, and the open issues',
  options: {},
  positionals: [0, 0],
  async run({ session, output }) {
    const snapshot = session.engine.snapshot()
    output.data(snapshot, () => {
      const lines = [snapshot.paused ? 'All syncing is paused.' : 'Syncing is on.']
      for (const root of snapshot.roots) {
        lines.push(
          `${root.localPath} <-> ${root.projectName} (${root.mode}): ${root.status}${root.statusReason ? ` (${root.statusReason})` : ''}`,
          `  ${root.counts.queued} queued, ${root.counts.settling} settling, ${root.counts.issues} issues`,
        )
      }
      if (snapshot.roots.length === 0) lines.push('No folders are synced yet.')
      return lines.join('\n')
    })
    return 0
  },
}

const issues: Command = {
  name: 'issues',
  usage: 'issues',
  summary: 'List sync issues: files that need your attention, and why',
  options: {},
  positionals: [0, 0],
  async run({ session, output }) {
    const open = session.engine.snapshot().issues
    output.data(open, () =>
      open.length === 0
        ? 'No sync issues.'
        : open.map((issue) => `#${issue.id} ${issue.path}\n  ${issue.reason}`).join('\n'),
    )
    return 0
  },
}

function pauseCommand(name: 'pause' | 'resume'): Command {
  return {
    name,
    usage: `${name} [root]`,
    summary: name === 'pause' ? 'Pause one folder, or all' : 'Resume one folder, or all',
    options: {},
    positionals: [0, 1],
    async run(context) {
      const given = context.positionals[0]
      const rootId = given === undefined ? undefined : rootArgument(context, given)
      const { engine } = context.session
      if (name === 'pause') engine.pause(rootId)
      else engine.resume(rootId)
      const what = rootId ? engine.findRoot(rootId)!.localPath : 'all folders'
      context.output.data({ [name === 'pause' ? 'paused' : 'resumed']: rootId ?? 'all' }, () =>
        name === 'pause' ? `Paused ${what}.` : `Resumed ${what}.`,
      )
      return 0
    },
  }
}

export const rootCommands = [
  add,
  remove,
  list,
  status,
  issues,
  pauseCommand('pause'),
  pauseCommand('resume'),
]
