// The IPC contract: the one place where channels exist. Preload allowlists, main-side handler
// registration, the loopback bridge and the renderer client are all derived from these objects.
import { z } from 'zod'
import { appStateSchema } from './state'

const noInput = z.undefined()
const noOutput = z.undefined()

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
