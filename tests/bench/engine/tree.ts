// What the local measures stand on: a tree of many small files, the `find | wc -l` baseline over
// it, peak-RSS sampling, and timing.
import { execFile } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'

export interface TreeShape {
  folders: number
  files: number
}

/** `folders` folders of files 0-2 KB, spread evenly; written synchronously, it is only setup. */
export function createTree(root: string, { folders, files }: TreeShape): void {
  const bytes = Buffer.alloc(2048, 'x')
  for (let folder = 0; folder < folders; folder++)
    mkdirSync(join(root, `d${folder}`), { recursive: true })
  for (let file = 0; file < files; file++) {
    const size = (file * 7919) % (bytes.length + 1)
    writeFileSync(join(root, `d${file % folders}`, `f${file}.bin`), bytes.subarray(0, size))
  }
}

/**
 * The files under `root` as `find <root> -type f | wc -l` counts them; with `stat`, find also
 * prints each file's size and mtime, so it stats every file as the engine's scan must.
 */
export async function findCount(root: string, { stat = false } = {}): Promise<number> {
  const script = stat
    ? 'find "$1" -type f -printf "%s %T@\\n" | wc -l'
    : 'find "$1" -type f | wc -l'
  const { stdout } = await promisify(execFile)('sh', ['-c', script, 'sh', root])
  return Number(stdout.trim())
}

export async function timed<T>(run: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const started = performance.now()
  const value = await run()
  return { seconds: (performance.now() - started) / 1000, value }
}

/** Samples the process's RSS every 50 ms until stopped; answers the highest seen. */
export function sampleRss(): { stop(): number } {
  let peak = process.memoryUsage().rss
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50)
  return {
    stop() {
      clearInterval(timer)
      return Math.max(peak, process.memoryUsage().rss)
    },
  }
}

export const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`
