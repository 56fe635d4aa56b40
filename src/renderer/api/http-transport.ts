// The loopback-bridge transport: calls as POST rpc/<channel>, events from one server-sent stream.
// Addresses are relative to the page, whose path carries the bridge's access token.
import { type RpcResult, type Transport, failure } from '../../shared'

export function httpTransport(base: string = document.baseURI): Transport {
  let stream: EventSource | null = null
  const disconnectListeners = new Set<(reason: string) => void>()
  const openStream = () => {
    if (stream) return stream
    const source = new EventSource(new URL('events', base))
    source.addEventListener('error', () => {
      const reason =
        source.readyState === EventSource.CLOSED
          ? 'Frame.io Sync stopped or restarted: reload this page'
          : 'Lost the connection to Frame.io Sync, reconnecting'
      for (const listener of disconnectListeners) listener(reason)
    })
    return (stream = source)
  }

  return {
    async invoke(channel, payload) {
      try {
        const response = await fetch(new URL(`rpc/${encodeURIComponent(channel)}`, base), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: payload === undefined ? '' : JSON.stringify(payload),
        })
        return (await response.json()) as RpcResult
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error)
        return failure({ code: 'internal', message: `cannot reach Frame.io Sync: ${detail}` })
      }
    },
    on(event, listener) {
      const forward = (message: MessageEvent<string>) => listener(JSON.parse(message.data))
      const source = openStream()
      source.addEventListener(event, forward)
      return () => source.removeEventListener(event, forward)
    },
    onDisconnect(listener) {
      disconnectListeners.add(listener)
      openStream()
      return () => disconnectListeners.delete(listener)
    },
  }
}
