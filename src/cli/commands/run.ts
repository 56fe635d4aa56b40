// Syncing from the command line: `run --once` until nothing is left to do, `run` continuously,
// and `serve`, which also offers the app's window to a browser on this machine.
import { platform, release } from 'node:os'
import { fileURLToPath } from 'node:url'
import { startBridge } from '../../core/bridge/server'
import { ContinuousSync } from '../../core/engine/continuous'
import type { EngineSnapshot } from '../../core/engine'
import { createWatcher } from '../../core/local'
import { createAppService } from '../../core/service'
import { appVersion, formatBytes } from '../../shared'
import {
  type Command,
  type CommandContext,
  UsageError,
  stringOption,
  wholeNumberOption,
} from '../command'
import { bar, type Output } from '../output'
import { requireSignIn } from './account'

function progressLines(snapshot: EngineSnapshot): string[] {
  const lines = snapshot.transfers.map((transfer) => {
    const fraction = transfer.bytesTotal > 0 ? transfer.bytesDone / transfer.bytesTotal : 1
    const eta = transfer.etaSeconds === null ? '' : ` ${Math.ceil(transfer.etaSeconds)} s left`
    const arrow = transfer.direction === 'upload' ? 'up  ' : 'down'
    return `${arrow} ${bar(fraction)} ${formatBytes(transfer.bytesPerSecond)}/s${eta}  ${transfer.path}`
  })
  const queued = snapshot.roots.reduce((sum, root) => sum + root.counts.queued, 0)
  const settling = snapshot.settling.length
  if (queued + settling > 0 || lines.length > 0) {
    lines.push(`${queued} queued, ${settling} settling`)
  }
  return lines
}

/** Shows progress while the engine works: a redrawn block on a terminal, activity lines elsewhere. */
function follow(context: CommandContext): () => void {
  const { engine } = context.session
  const output: Output = context.output
  let lastActivity = engine.index.activity.list({ since: 0, limit: 1 })[0]?.id ?? 0
  return engine.onChange(() => {
    const fresh = engine.index.activity
      .list({ since: 0, limit: 100 })
      .filter((item) => item.id > lastActivity)
    for (const item of fresh.reverse()) {
      lastActivity = Math.max(lastActivity, item.id)
      if (!context.output.json) {
        output.note(
          `${item.kind} ${item.path}${item.bytes > 0 ? ` (${formatBytes(item.bytes)})` : ''}`,
        )
      }
    }
    output.progress(progressLines(engine.snapshot()))
  })
}

const run: Command = {
  name: 'run',
  usage: 'run [--once]',
  summary: 'Sync continuously (Ctrl-C stops), or with --once until nothing is left to do',
  options: { once: { type: 'boolean' } },
  positionals: [0, 0],
  async run(context) {
    await requireSignIn(context)
    const { engine } = context.session
    if (engine.listRoots().length === 0) {
      throw new UsageError('no folders are synced yet; add one with "frameio-sync add"')
    }
    const stopFollowing = follow(context)
    try {
      if (context.values['once']) {
        const outcome = await engine.runOnce()
        context.output.clearProgress()
        const summary = {
          issues: engine.snapshot().issues,
          held: outcome.held,
          stalled: outcome.stall?.message ?? null,
        }
        context.output.data(summary, () => {
          if (outcome.stall) return `Stopped: ${outcome.stall.message}`
          const lines = summary.held.map((root) => `Not synced: ${root.reason}`)
          if (summary.issues.length > 0) {
            lines.push(
              `${summary.issues.length} sync ${summary.issues.length === 1 ? 'issue needs' : 'issues need'} attention:`,
              ...summary.issues.map((issue) => `  ${issue.path}: ${issue.reason}`),
            )
          }
          return lines.length > 0 ? lines.join('\n') : 'Everything is in step.'
        })
        const clean = !outcome.stall && summary.issues.length === 0 && summary.held.length === 0
        return clean ? 0 : 1
      }
      await runUntilStopped(context, () => undefined)
      return 0
    } finally {
      stopFollowing()
    }
  },
}

/** Syncs continuously until SIGINT or SIGTERM; `started` runs once the loop is going. */
async function runUntilStopped(
  context: CommandContext,
  started: (kick: () => void) => void,
): Promise<void> {
  const continuous = new ContinuousSync({
    engine: context.session.engine,
    watcher: createWatcher({
      onFallback: (error) =>
        context.output.note(`Using the fallback file watcher: ${error.message}`),
    }),
    log: (message) => context.output.note(message),
  })
  continuous.start()
  started(() => continuous.kick())
  context.output.note('Syncing. Ctrl-C stops.')
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  context.output.note('Stopping…')
  await context.session.engine.stop()
  await continuous.stop()
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '::1'])

const serve: Command = {
  name: 'serve',
  usage: 'serve [--port N] [--host H]',
  summary: "Sync, and serve the app's window to a browser on this machine (prints its address)",
  options: { port: { type: 'string' }, host: { type: 'string' } },
  positionals: [0, 0],
  async run(context) {
    const port = wholeNumberOption(context, 'port', 0, 65_535) ?? 0
    const host = stringOption(context, 'host') ?? '127.0.0.1'
    const token = context.io.env['FRAMEIO_SYNC_ACCESS_TOKEN']
    if (!loopbackHosts.has(host) && !token) {
      throw new UsageError(
        `--host ${host} would let other machines reach this app; set FRAMEIO_SYNC_ACCESS_TOKEN to a long secret first`,
      )
    }
    const { session } = context
    let kick = () => undefined as void
    const service = createAppService(
      {
        quit: () => process.kill(process.pid, 'SIGTERM'),
        openExternal: async (url) => context.output.note(`Open in a browser: ${url}`),
      },
      {
        engine: session.engine,
        client: session.client,
        settings: session.settings,
        log: session.log,
        versions: {
          'frameio-sync': appVersion,
          node: process.versions.node,
          os: `${platform()} ${release()}`,
        },
        kick: () => kick(),
      },
    )
    const bridge = await startBridge({
      handlers: service.handlers,
      events: service.events,
      staticDir: fileURLToPath(new URL('../renderer', import.meta.url)),
      port,
      host,
      ...(token ? { token } : {}),
      onInternalError: (where, error) => context.output.note(`${where} failed: ${String(error)}`),
    })
    context.output.line(`Frame.io Sync is serving on ${bridge.origin}`)
    context.output.line(`Open ${bridge.pageUrl} in a browser. Ctrl-C stops it.`)
    try {
      await runUntilStopped(context, (start) => {
        kick = start
      })
    } finally {
      service.dispose()
      await bridge.close()
    }
    return 0
  },
}

export const runCommands = [run, serve]
