// Compile-time checks of the renderer client, run by `npm run typecheck`: every @ts-expect-error
// below fails the typecheck the day its line starts to compile.
import type { Api } from '../../src/renderer/api/client'

export function callsTheContractRefuses(api: Api) {
  // @ts-expect-error -- app:openExternal needs a request
  void api.invoke('app:openExternal')
  // @ts-expect-error -- app:getState takes no request
  void api.invoke('app:getState', { verbose: true })
  // @ts-expect-error -- the url field is required
  void api.invoke('app:openExternal', {})
  // @ts-expect-error -- not a channel of the contract
  void api.invoke('app:formatDisk')
  // @ts-expect-error -- not an event of the contract
  api.on('secrets', () => undefined)
}
