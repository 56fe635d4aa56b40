// The emulator's HTTP server: one listener on 127.0.0.1 for /v4 (the API), /ims (sign-in),
// /_storage (signed upload and download URLs) and /_emulator (control), with rate limits and
// injected faults applied on the way in and out.
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { type BlobStore, DiskBlobs, MemoryBlobs } from './blobs.ts'
import {
  type ControlDeps,
  type LoggedRequest,
  dumpTree,
  handleControl,
  mintToken,
  seed,
  seedProjectContents,
} from './control.ts'
import { type FaultEffect, FaultInjector, sabotageResponse } from './faults.ts'
import { HttpError, bearer, errorBody, matchPath, readJsonBody, sendJson } from './http.ts'
import { createIms } from './ims.ts'
import { World } from './model.ts'
import { type EmulatorOptions, type Settings, settingsFrom } from './options.ts'
import { RateLimiter } from './rate-limit.ts'
import {
  type Seeded,
  type SeededProject,
  type SeedProject,
  type SeedSpec,
  demoSeed,
} from './seed.ts'
import { createStorage, s3Error } from './storage.ts'
import { TokenStore } from './tokens.ts'
import { type Route, routes } from './v4.ts'

export interface Emulator {
  /** http://127.0.0.1:<port> */
  readonly url: string
  readonly world: World
  /** Live settings: change them between requests. */
  readonly settings: Settings
  readonly faults: FaultInjector
  readonly requests: LoggedRequest[]
  seed(spec: SeedSpec): Promise<Seeded>
  /** Adds folders and finished files to an existing project, as if uploaded in Frame.io. */
  addToProject(
    projectId: string,
    spec: Pick<SeedProject, 'folders' | 'files'>,
  ): Promise<Pick<SeededProject, 'folders' | 'files'>>
  mintToken(userId?: string, ttlMs?: number): string
  tree(): ReturnType<typeof dumpTree>
  reset(): Promise<void>
  stop(): Promise<void>
}

function findRoute(
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | null {
  for (const route of routes) {
    if (route.method !== method) continue
    const params = matchPath(route.pattern, path)
    if (params) return { route, params }
  }
  return null
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const settings = settingsFrom(options)
  const world = new World()
  const blobs: BlobStore = options.dataDir ? new DiskBlobs(options.dataDir) : new MemoryBlobs()
  const tokens = new TokenStore()
  const faults = new FaultInjector(settings.faultSeed)
  const limiter = new RateLimiter({
    enabled: () => settings.rateLimits,
    scale: () => settings.rateLimitScale,
  })
  const log: LoggedRequest[] = []
  let origin = ''
  const storage = createStorage({ origin: () => origin, settings: () => settings, world, blobs })
  const ims = createIms(
    () => settings,
    tokens,
    () => world.users.values().next().value?.id,
  )

  const deps: ControlDeps = {
    world,
    blobs,
    tokens,
    faults,
    settings,
    log,
    async reset() {
      world.clear()
      tokens.clear()
      faults.clear(settings.faultSeed)
      limiter.reset()
      log.length = 0
      await blobs.clear()
    },
  }

  async function api(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    effects: FaultEffect[],
    found: ReturnType<typeof findRoute>,
  ) {
    const method = request.method ?? 'GET'
    const operationId = found?.route.operationId ?? null
    let rateHeaders: Record<string, string> = {}
    let requestBody: unknown
    const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      sendJson(response, status, body, { ...rateHeaders, ...headers })
      if (operationId) {
        options.onExchange?.({
          operationId,
          method,
          path: url.pathname,
          status,
          requestBody,
          responseBody: body,
          injected: effects.some((effect) => effect.kind === 'status'),
        })
      }
    }
    try {
      if (!found) {
        rateHeaders = limiter.take(bearer(request) ?? 'anonymous', 'unknown-endpoint').headers
        throw new HttpError(404, `no such endpoint: ${method} ${url.pathname}`)
      }
      const forced = effects.find((effect) => effect.kind === 'status')
      if (forced?.kind === 'status') {
        throw new HttpError(forced.status, `injected failure (${forced.status})`)
      }
      const token = bearer(request)
      if (effects.some((effect) => effect.kind === 'revoke') && token) tokens.revoke(token)
      const check = tokens.checkAccess(token)
      const user = check.ok ? world.users.get(check.userId) : undefined
      const decision = limiter.take(user?.id ?? 'anonymous', found.route.operationId)
      rateHeaders = decision.headers
      if (!check.ok) {
        const detail =
          check.reason === 'unknown'
            ? 'Unauthorized'
            : `Unauthorized: the access token is ${check.reason}`
        throw new HttpError(401, detail)
      }
      if (!user) throw new HttpError(401, 'Unauthorized')
      if (!user.linkedToAdobe) throw new HttpError(401, 'Frame user is not linked to an Adobe ID')
      if (!decision.allowed) {
        const retry = settings.retryAfter
          ? { 'retry-after': String(Math.max(1, Math.ceil(decision.retryAfterMs / 1000))) }
          : {}
        return answer(429, errorBody(429, 'Rate limit exceeded'), retry)
      }
      requestBody =
        method === 'GET' || method === 'DELETE' ? undefined : await readJsonBody(request)
      const includes = new Set((url.searchParams.get('include') ?? '').split(',').filter(Boolean))
      const result = found.route.handle({
        params: found.params,
        query: url.searchParams,
        body: requestBody,
        user,
        world,
        path: url.pathname,
        partSize: settings.partSize,
        serialize: {
          world,
          origin,
          includes,
          downloadUrl: (file) => (file.status === 'created' ? null : storage.downloadUrl(file)),
        },
        uploadUrl: (file, index) => storage.uploadUrl(file, index),
        removeBytes: (fileId) => void blobs.remove(fileId),
      })
      answer(result.status, result.body)
    } catch (error) {
      if (!(error instanceof HttpError)) throw error
      answer(error.status, errorBody(error.status, error.detail, error.pointer))
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', origin)
    const control = url.pathname.startsWith('/_emulator/')
    const effects = control ? [] : faults.take(request.method ?? 'GET', url.pathname)
    const method = request.method ?? 'GET'
    const found = url.pathname.startsWith('/v4/') ? findRoute(method, url.pathname) : null
    if (!control) {
      response.on('close', () => {
        const operationId = found?.route.operationId ?? null
        log.push({ method, path: url.pathname, operationId, status: response.statusCode })
      })
    }
    for (const effect of effects) if (effect.kind === 'latency') await sleep(effect.ms)
    sabotageResponse(response, effects)
    if (url.pathname.startsWith('/v4/') || url.pathname === '/v4')
      return api(request, response, url, effects, found)
    if (url.pathname.startsWith('/_emulator/')) {
      try {
        return await handleControl(deps, request, response, url)
      } catch (error) {
        if (!(error instanceof HttpError)) throw error
        return sendJson(response, error.status, errorBody(error.status, error.detail))
      }
    }
    const forced = effects.find((effect) => effect.kind === 'status')
    if (forced?.kind === 'status' && url.pathname.startsWith('/_storage/')) {
      const code = forced.code ?? (forced.status === 403 ? 'AccessDenied' : 'InternalError')
      return s3Error(response, forced.status, code, 'injected failure')
    }
    if (forced?.kind === 'status')
      return sendJson(response, forced.status, errorBody(forced.status, 'injected failure'))
    if (
      url.pathname.startsWith('/_storage/') &&
      (await storage.handle(request, response, url, effects))
    )
      return
    if (url.pathname.startsWith('/ims/') && (await ims.handle(request, response, url))) return
    sendJson(response, 404, errorBody(404, `nothing at ${url.pathname}`))
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (request.destroyed || response.destroyed) return
      console.error('emulator: request failed', error)
      if (response.headersSent) response.destroy()
      else sendJson(response, 500, errorBody(500, 'the emulator failed'))
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  if (options.seed === 'demo') await seed(deps, demoSeed)

  return {
    url: origin,
    world,
    settings,
    faults,
    requests: log,
    seed: (spec) => seed(deps, spec),
    addToProject: (projectId, spec) => seedProjectContents(deps, projectId, spec),
    mintToken: (userId, ttlMs) => mintToken(deps, userId, ttlMs),
    tree: () => dumpTree(deps),
    reset: () => deps.reset(),
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
