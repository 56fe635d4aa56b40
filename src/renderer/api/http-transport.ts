// The loopback-bridge transport: calls as POST /rpc/<channel>, events from one server-sent stream.
// The page's session cookie (set by the bridge) carries the access token on both.
import { type RpcResult, type Transport, failure } from '../../shared'

export function httpTransport(base = ''): Transport {
  let stream: EventSource | null = null
  const openStream = () => (stream ??= new EventSource(`${base}/events`))

  return {
    async invoke(channel, payload) {
      try {
        const response = await fetch(`${base}/rpc/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          credentials: 'same-origin',
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
  }
}
