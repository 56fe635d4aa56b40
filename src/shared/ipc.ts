// The IPC contract: the one place where channels exist. Preload allowlists, main-side handler
// registration, the loopback bridge and the renderer client are all derived from these objects.
import { z } from 'zod'
import { settingsSchema } from './settings'
import { appStateSchema, syncModeSchema } from './state'

const noInput = z.undefined()
const noOutput = z.undefined()
const id = z.string().min(1, 'is required').max(200)
const named = z.object({ id: z.string(), name: z.string() })
const rootRef = z.object({ rootId: id })
/** Pause and resume take one root, or none for all of them. */
const someRoot = z.object({ rootId: id.optional() }).optional()

export const readyAfterSecondsSchema = z
  .number()
  .int('must be a whole number of seconds')
  .min(0, 'cannot be negative')
  .max(86_400, 'must be at most a day (86400 seconds)')

export const activityKindSchema = z.enum([
  'uploaded',
  'downloaded',
  'linked',
  'issue',
  'deleted-remembered',
])

export const activityItemSchema = z.object({
  id: z.number(),
  rootId: z.string(),
  path: z.string(),
  kind: activityKindSchema,
  bytes: z.number(),
  /** ISO 8601. */
  at: z.string(),
})

export type ActivityItem = z.infer<typeof activityItemSchema>

/** Invoke channels: renderer asks, the service answers. */
export const invokeContract = {
  'app:getState': { request: noInput, response: appStateSchema },
  'app:quit': { request: noInput, response: noOutput },
  'app:openExternal': {
    request: z.object({
      url: z.url({ protocol: /^https$/, error: 'must be an https:// address' }),
    }),
    response: noOutput,
  },
  /** The system's folder chooser (the desktop app only); null when the person cancelled. */
  'dialog:chooseFolder': { request: noInput, response: z.object({ path: z.string().nullable() }) },
  /** Shows the folder-picker window (the desktop app); a browser shows the picker in place. */
  'app:showFolderPicker': { request: noInput, response: noOutput },
  'roots:openFolder': { request: rootRef, response: noOutput },
  /** Opens the folder's project in the Frame.io web app, in the browser. */
  'roots:openInFrameio': { request: rootRef, response: noOutput },
  'settings:get': { request: noInput, response: settingsSchema },
  /** Changes some settings; answers all of them as they now are. */
  'settings:update': { request: settingsSchema.partial(), response: settingsSchema },
  /** Versions, settings, index statistics and the recent log (secrets blanked), as text. */
  'app:diagnostics': { request: noInput, response: z.object({ text: z.string() }) },
  'auth:beginSignIn': { request: noInput, response: z.object({ authorizeUrl: z.string() }) },
  'auth:cancelSignIn': { request: noInput, response: noOutput },
  'auth:signOut': { request: noInput, response: noOutput },
  'frameio:accounts': { request: noInput, response: z.array(named) },
  'frameio:workspaces': { request: z.object({ accountId: id }), response: z.array(named) },
  'frameio:projects': {
    request: z.object({ accountId: id, workspaceId: id }),
    response: z.array(named),
  },
  'roots:add': {
    request: z.object({
      projectId: id,
      localPath: z.string().min(1, 'is required'),
      mode: syncModeSchema.default('two-way'),
      readyAfterSeconds: readyAfterSecondsSchema.optional(),
    }),
    response: z.object({ rootId: z.string() }),
  },
  'roots:update': {
    request: z.object({
      rootId: id,
      mode: syncModeSchema.optional(),
      readyAfterSeconds: readyAfterSecondsSchema.optional(),
    }),
    response: noOutput,
  },
  'roots:remove': { request: rootRef, response: noOutput },
  'roots:pause': { request: someRoot, response: noOutput },
  'roots:resume': { request: someRoot, response: noOutput },
  'issues:retry': { request: z.object({ issueId: id }), response: noOutput },
  'issues:ignore': { request: z.object({ issueId: id }), response: noOutput },
  /** Shows the issue's file (or the folder it would be in) in the system's file manager. */
  'issues:reveal': { request: z.object({ issueId: id }), response: noOutput },
  'activity:list': {
    request: z.object({ rootId: id.optional(), kind: activityKindSchema.optional() }).optional(),
    response: z.array(activityItemSchema),
  },
} as const

/** Event channels: the service pushes, windows listen. */
export const eventContract = {
  state: appStateSchema,
} as const

export type InvokeChannel = keyof typeof invokeContract
export type EventChannel = keyof typeof eventContract

export type InvokeRequest<C extends InvokeChannel> = z.infer<(typeof invokeContract)[C]['request']>
export type InvokeResponse<C extends InvokeChannel> = z.infer<
  (typeof invokeContract)[C]['response']
>
export type EventPayload<E extends EventChannel> = z.infer<(typeof eventContract)[E]>

export const invokeChannels = Object.keys(invokeContract) as InvokeChannel[]
export const eventChannels = Object.keys(eventContract) as EventChannel[]

export function isInvokeChannel(name: unknown): name is InvokeChannel {
  return typeof name === 'string' && Object.hasOwn(invokeContract, name)
}

export function isEventChannel(name: unknown): name is EventChannel {
  return typeof name === 'string' && Object.hasOwn(eventContract, name)
}

/** Arguments of an invoke call: none for channels that take no input. */
export type InvokeArgs<C extends InvokeChannel> =
  InvokeRequest<C> extends undefined ? [] : [request: InvokeRequest<C>]

/** What a host must implement: one handler per invoke channel, checked by the compiler. */
export type Handlers = {
  [C in InvokeChannel]: (
    request: InvokeRequest<C>,
  ) => InvokeResponse<C> | Promise<InvokeResponse<C>>
}

export type EventListener<E extends EventChannel> = (payload: EventPayload<E>) => void
export type Unsubscribe = () => void

/** Where events come from: the service's hub, seen by every transport. */
export interface EventSource {
  on<E extends EventChannel>(event: E, listener: EventListener<E>): Unsubscribe
  /** The last payload sent on a channel, for listeners that join late. */
  latest<E extends EventChannel>(event: E): EventPayload<E> | undefined
}
