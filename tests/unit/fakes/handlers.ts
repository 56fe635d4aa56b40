// A complete set of contract handlers for tests that exercise only a few channels: the rest
// refuse, so a test that reaches one by mistake fails with the channel's name.
import { type Handlers, IpcError, emptyAppState, invokeChannels } from '../../../src/shared'

export function fakeHandlers(overrides: Partial<Handlers> = {}): Handlers {
  const refusing = Object.fromEntries(
    invokeChannels.map((channel) => [
      channel,
      () => {
        throw new IpcError({ code: 'failed', message: `${channel} is not part of this test` })
      },
    ]),
  ) as unknown as Handlers
  return {
    ...refusing,
    'app:getState': () => emptyAppState,
    'app:quit': () => undefined,
    'app:openExternal': () => undefined,
    ...overrides,
  }
}
