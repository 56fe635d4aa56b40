// The renderer's typed client of the IPC contract, on top of whichever transport the page got.
import {
  type EventChannel,
  type EventListener,
  type InvokeArgs,
  type InvokeChannel,
  type InvokeResponse,
  type Transport,
  type Unsubscribe,
  IpcError,
} from '../../shared'

export interface Api {
  invoke<C extends InvokeChannel>(channel: C, ...args: InvokeArgs<C>): Promise<InvokeResponse<C>>
  on<E extends EventChannel>(event: E, listener: EventListener<E>): Unsubscribe
  /** Told when the app can no longer be reached; a later event means it is back. */
  onDisconnect(listener: (reason: string) => void): Unsubscribe
}

export function createApi(transport: Transport): Api {
  return {
    async invoke(channel, ...args) {
      const result = await transport.invoke(channel, args[0])
      if (!result.ok) throw new IpcError(result.error)
      return result.value as InvokeResponse<typeof channel>
    },
    on(event, listener) {
      return transport.on(event, (payload) => listener(payload as Parameters<typeof listener>[0]))
    },
    onDisconnect(listener) {
      return transport.onDisconnect?.(listener) ?? (() => undefined)
    },
  }
}
