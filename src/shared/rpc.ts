// The transport-neutral call path: validate a request against the contract, run its handler, and
// answer an envelope that every transport carries as-is (Electron IPC, loopback HTTP).
import type { z } from 'zod'
import { type Handlers, type InvokeChannel, invokeContract, isInvokeChannel } from './ipc'

export type IpcErrorCode =
  | 'invalid-input'
  | 'unknown-channel'
  | 'forbidden'
  | 'unauthorized'
  /** The request was fine but could not be done now; the message says why, for a person. */
  | 'failed'
  | 'internal'

export interface IpcErrorBody {
  code: IpcErrorCode
  message: string
  /** Dotted path of the request field that was wrong, when one was. */
  field?: string
}

export type RpcResult<T = unknown> = { ok: true; value: T } | { ok: false; error: IpcErrorBody }

/** A failed call, thrown by clients and by handlers that refuse a request. */
export class IpcError extends Error {
  readonly code: IpcErrorCode
  readonly field: string | undefined

  constructor(body: IpcErrorBody) {
    super(body.message)
    this.name = 'IpcError'
    this.code = body.code
    this.field = body.field
  }

  toBody(): IpcErrorBody {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field }
  }
}

/** The untyped pipe a transport offers; the renderer's typed client is built on top of it. */
export interface Transport {
  invoke(channel: string, payload: unknown): Promise<RpcResult>
  on(event: string, listener: (payload: unknown) => void): () => void
  /** Told, in plain words, when events stop arriving (only transports that can lose the app). */
  onDisconnect?(listener: (reason: string) => void): () => void
}

export function failure(body: IpcErrorBody): RpcResult<never> {
  return { ok: false, error: body }
}

function invalidInput(channel: InvokeChannel, error: z.ZodError): IpcErrorBody {
  const [first] = error.issues
  const field = first?.path.map(String).join('.') ?? ''
  if (field === '') {
    const expectsNothing = invokeContract[channel].request.safeParse(undefined).success
    return {
      code: 'invalid-input',
      message: expectsNothing
        ? `${channel} takes no input`
        : `${channel}: ${first?.message ?? 'invalid request'}`,
    }
  }
  return {
    code: 'invalid-input',
    message: `${channel}: ${field} ${first?.message ?? 'is invalid'}`,
    field,
  }
}

export interface DispatchOptions {
  /** Told about unexpected handler failures; the caller only sees a short message. */
  onInternalError?: (channel: InvokeChannel, error: unknown) => void
}

/** Validates `payload` for `channel`, runs the handler and never throws. */
export async function dispatch(
  handlers: Handlers,
  channel: unknown,
  payload: unknown,
  options: DispatchOptions = {},
): Promise<RpcResult> {
  if (!isInvokeChannel(channel)) {
    return failure({ code: 'unknown-channel', message: `unknown channel: ${String(channel)}` })
  }
  const parsed = invokeContract[channel].request.safeParse(payload)
  if (!parsed.success) return failure(invalidInput(channel, parsed.error))
  const handler = handlers[channel] as (request: unknown) => unknown
  try {
    return { ok: true, value: await handler(parsed.data) }
  } catch (error) {
    if (error instanceof IpcError) return failure(error.toBody())
    options.onInternalError?.(channel, error)
    return failure({
      code: 'internal',
      message: `${channel} failed unexpectedly (details in the log)`,
    })
  }
}
