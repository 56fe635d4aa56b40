// The CLI bundled for a child process with the crash hook loaded, and one child run: when it was
// told to die, how it ended, and the side effects the hook counted (see crash-hook.ts).
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'vite'

const outDir = resolve('out/test-crash-cli')
const cliScript = join(outDir, 'cli.js')
const hookScript = join(outDir, 'crash-hook.js')
/** A child that has not finished by then is stuck; it is killed with SIGTERM and reported. */
const childDeadlineMs = 60_000

/** Bundles src/cli and the hook as vite.cli.config.ts does: built-ins and dependencies external. */
export async function buildCrashCli(): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      ssr: true,
      outDir,
      emptyOutDir: true,
      target: 'node24',
      rollupOptions: {
        input: {
          cli: resolve('src/cli/index.ts'),
          'crash-hook': resolve('tests/integration/crash-hook.ts'),
        },
        output: { entryFileNames: '[name].js' },
      },
    },
  })
}

export interface SideEffect {
  n: number
  kind: string
  target: string
}

export interface ChildRun {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  /** Every side effect the hook saw, in order (see crash-hook.ts for the crash point's place). */
  effects: SideEffect[]
  /** The hook's total, written at a normal exit only. */
  counted: number | null
}

export type CrashWhen = 'before' | 'after'

function parseEffects(text: string): SideEffect[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [n, kind, ...target] = line.split(' ')
      return { n: Number(n), kind: kind ?? '', target: target.join(' ') }
    })
}

/** Node's arguments for running the bundled `frameio-sync <args>`. */
export function cli(...args: string[]): string[] {
  return [cliScript, ...args]
}

/**
 * Runs `node <args>` with the hook loaded and only PATH and `env` in its environment, SIGKILLed
 * at side effect `crash.at` if it gets that far.
 */
export async function runCrashChild(
  env: Record<string, string>,
  args: string[],
  crash: { at?: number; when?: CrashWhen } = {},
): Promise<ChildRun> {
  const scratch = await mkdtemp(join(tmpdir(), 'crash-log-'))
  const logPath = join(scratch, 'effects.log')
  const countPath = join(scratch, 'count')
  try {
    const child = spawn(process.execPath, ['--import', pathToFileURL(hookScript).href, ...args], {
      env: {
        PATH: process.env['PATH'] ?? '',
        ...env,
        CRASH_LOG: logPath,
        CRASH_COUNT_FILE: countPath,
        ...(crash.at === undefined ? {} : { CRASH_AT: String(crash.at) }),
        ...(crash.when === undefined ? {} : { CRASH_WHEN: crash.when }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: childDeadlineMs,
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>(
      (resolveEnd, rejectEnd) => {
        child.once('error', rejectEnd)
        child.once('close', (exitCode, exitSignal) => resolveEnd([exitCode, exitSignal]))
      },
    )
    const effects = parseEffects(await readFile(logPath, 'utf8').catch(() => ''))
    const total = await readFile(countPath, 'utf8').catch(() => null)
    return { code, signal, stdout, stderr, effects, counted: total === null ? null : Number(total) }
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }
}

/** Crash points out of 1..total: all, or the first and last `ends` and an even spread between. */
export function crashPoints(total: number, most = 150, ends = 20): number[] {
  if (total <= most) return Array.from({ length: total }, (_, i) => i + 1)
  const chosen = new Set<number>()
  for (let i = 1; i <= ends; i++) chosen.add(i).add(total + 1 - i)
  const middle = most - 2 * ends
  const step = (total - 2 * ends) / (middle + 1)
  for (let k = 1; k <= middle; k++) chosen.add(ends + Math.round(k * step))
  return [...chosen].sort((a, b) => a - b)
}
