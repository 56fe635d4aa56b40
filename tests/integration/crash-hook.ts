// Loaded into a child with `node --import`: counts its side effects (file-system writes and HTTP
// requests) and at the CRASH_AT-th one kills the process with SIGKILL, before or after it happens.

// Environment: CRASH_AT (1-based; unset: only count), CRASH_WHEN (`before`, the default, or
// `after`: once the write finished or the answer's head arrived), CRASH_LOG (a file that gets one
// line per side effect, written before it happens: `<n> <kind> <target>`), CRASH_COUNT_FILE (gets
// the total at a normal exit). The hook's own writes are not counted.
// Patched: fs/promises and FileHandle writes, fs sync writes (the index folder, conf's settings
// file) and http(s).request/get (got and the part uploader both use node:http). The fs callback
// forms are left alone: nothing here writes through them, and fs.promises.rm calls fs.unlink
// inside, which would count one removal twice.
import fs from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import { syncBuiltinESMExports } from 'node:module'

const { appendFileSync, writeFileSync } = fs
const fsPromises = fs.promises
const crashAt = Number(process.env['CRASH_AT'] ?? 0)
const crashAfter = process.env['CRASH_WHEN'] === 'after'
const logPath = process.env['CRASH_LOG']
const countPath = process.env['CRASH_COUNT_FILE']
let seen = 0
/**
 * Set while a counted sync write or the hook's own logging runs: writeFileSync and its kin call
 * openSync and writeSync through `fs`, and those inner calls are not side effects of their own.
 */
let passThrough = false

function quietly(write: () => void): void {
  passThrough = true
  try {
    write()
  } finally {
    passThrough = false
  }
}

function die(): never {
  process.kill(process.pid, 'SIGKILL')
  throw new Error('SIGKILL did not end the process')
}

function describePath(target: unknown): string {
  if (typeof target === 'string') return target
  if (target instanceof URL) return target.pathname
  if (Buffer.isBuffer(target)) return target.toString()
  return `fd ${String(target)}`
}

/** Calls that write at a second path name both: `<from> -> <to>`. */
const twoPaths = new Set(['rename', 'link', 'copyFile', 'symlink', 'cp'])

function describeTarget(name: string, args: unknown[]): string {
  const first = describePath(args[0])
  return twoPaths.has(name) ? `${first} -> ${describePath(args[1])}` : first
}

/** Counts one side effect; dies now if it is the chosen one and the crash comes before it. */
function count(kind: string, target: string): boolean {
  seen += 1
  if (logPath) quietly(() => appendFileSync(logPath, `${seen} ${kind} ${target}\n`))
  if (seen !== crashAt) return false
  if (!crashAfter) die()
  return true
}

const writeFlagBits =
  fs.constants.O_WRONLY |
  fs.constants.O_RDWR |
  fs.constants.O_CREAT |
  fs.constants.O_APPEND |
  fs.constants.O_TRUNC

function opensForWriting(flags: unknown): boolean {
  if (typeof flags === 'number') return (flags & writeFlagBits) !== 0
  return typeof flags === 'string' && /[wa+]/.test(flags)
}

// Patching means replacing functions of any signature and calling through to the originals.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
type AnyFunction = (...args: any[]) => any
type Patchable = Record<string, unknown>

function replace(module: Patchable, name: string, wrap: (original: AnyFunction) => AnyFunction) {
  const original = module[name]
  if (typeof original === 'function') module[name] = wrap(original as AnyFunction)
}

function afterPromise<T>(result: Promise<T>, crash: boolean): Promise<T> {
  if (!crash) return result
  return result.then(
    () => die(),
    () => die(),
  )
}

const promiseWrites = ['writeFile', 'appendFile', 'rename', 'link', 'unlink', 'rm', 'rmdir']
const promiseMore = ['mkdir', 'mkdtemp', 'copyFile', 'truncate', 'chmod', 'symlink', 'cp']
for (const name of [...promiseWrites, ...promiseMore]) {
  replace(fsPromises as unknown as Patchable, name, (original) => (...args) => {
    const crash = count(`fs.promises.${name}`, describeTarget(name, args))
    return afterPromise(original(...args) as Promise<unknown>, crash)
  })
}

const handleWrites = ['write', 'writev', 'writeFile', 'appendFile', 'sync', 'datasync', 'truncate']

/** A handle opened for writing counts each of its writes and syncs too. */
function watchHandle(handle: Patchable, path: string): Patchable {
  for (const name of handleWrites) {
    const original = handle[name]
    if (typeof original !== 'function') continue
    handle[name] = (...args: unknown[]) => {
      const crash = count(`handle.${name}`, path)
      return afterPromise((original as AnyFunction).apply(handle, args) as Promise<unknown>, crash)
    }
  }
  return handle
}

replace(fsPromises as unknown as Patchable, 'open', (original) => (...args) => {
  if (!opensForWriting(args[1])) return original(...args)
  const path = describePath(args[0])
  const crash = count('fs.promises.open', path)
  const opened = (original(...args) as Promise<Patchable>).then((handle) =>
    watchHandle(handle, path),
  )
  return afterPromise(opened, crash)
})

const syncWrites = ['writeFile', 'appendFile', 'write', 'writev', 'fsync', 'fdatasync', 'rename']
const syncMore = ['link', 'unlink', 'rm', 'rmdir', 'mkdir', 'mkdtemp', 'copyFile', 'chmod']
const syncRest = ['truncate', 'ftruncate', 'symlink']
for (const name of [...syncWrites, ...syncMore, ...syncRest, 'open']) {
  const onlyWhen = (args: unknown[]) => name !== 'open' || opensForWriting(args[1])
  replace(fs as unknown as Patchable, `${name}Sync`, (original) => (...args) => {
    if (passThrough || !onlyWhen(args)) return original(...args)
    const crash = count(`fs.${name}Sync`, describeTarget(name, args))
    passThrough = true
    try {
      return original(...args)
    } finally {
      passThrough = false
      if (crash) die()
    }
  })
}

/** `<METHOD> <address>`, from either form of request(): (url, options?) or (options). */
function describeRequest(scheme: string, args: unknown[]): string {
  const [first, second] = args
  const options = (typeof first === 'object' && !(first instanceof URL) ? first : second) as
    { method?: string; host?: string; hostname?: string; port?: number; path?: string } | undefined
  const method = options?.method ?? 'GET'
  if (typeof first === 'string' || first instanceof URL) return `${method} ${String(first)}`
  const host = options?.hostname ?? options?.host ?? 'localhost'
  const port = options?.port === undefined ? '' : `:${options.port}`
  return `${method} ${scheme}://${host}${port}${options?.path ?? '/'}`
}

for (const [scheme, module] of [
  ['http', http],
  ['https', https],
] as const) {
  for (const name of ['request', 'get']) {
    replace(module as unknown as Patchable, name, (original) => (...args) => {
      const crash = count(`${scheme}.${name}`, describeRequest(scheme, args))
      const request = original(...args) as http.ClientRequest
      // The server has acted on the request once its answer starts to arrive.
      if (crash) request.once('response', () => die())
      return request
    })
  }
}

syncBuiltinESMExports()

if (countPath) process.on('exit', () => quietly(() => writeFileSync(countPath, String(seen))))
