// Serves the built renderer from one folder, never outside it, with the app's security headers.
import type { ServerResponse } from 'node:http'
import { readFile, stat } from 'node:fs/promises'
import { extname, join, resolve, sep } from 'node:path'
import { contentSecurityPolicy } from '../../shared'

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
}

export const securityHeaders: Record<string, string> = {
  'content-security-policy': contentSecurityPolicy(),
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
}

/** Maps a URL path to a file inside `root`, or null when it would leave it. */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const base = resolve(root)
  const target = resolve(join(base, decoded === '/' ? 'index.html' : decoded))
  return target === base || target.startsWith(base + sep) ? target : null
}

export async function serveStatic(root: string, urlPath: string, response: ServerResponse) {
  const file = resolveStaticPath(root, urlPath)
  const info = file === null ? null : await stat(file).catch(() => null)
  if (file === null || info === null || !info.isFile()) {
    const missingBuild = (await stat(join(root, 'index.html')).catch(() => null)) === null
    response.writeHead(missingBuild ? 503 : 404, { 'content-type': 'text/plain; charset=utf-8' })
    response.end(
      missingBuild ? `the renderer is not built in ${root}: run npm run build\n` : 'not found\n',
    )
    return
  }
  const body = await readFile(file)
  response.writeHead(200, {
    ...securityHeaders,
    'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
    'content-length': String(body.length),
  })
  response.end(body)
}
