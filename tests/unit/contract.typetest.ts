// Compile-time checks of the contract, run by `npm run typecheck`: every @ts-expect-error below
// fails the typecheck the day its line starts to compile.
import { type Handlers, emptyAppState } from '../../src/shared'
import { fakeHandlers } from './fakes/handlers'

// A host that forgets a channel does not build.
// @ts-expect-error -- 'app:openExternal' is missing
export const incomplete: Handlers = {
  'app:getState': () => emptyAppState,
  'app:quit': () => undefined,
}

// A handler answering the wrong type does not build.
export const wrongAnswer: Handlers = {
  ...fakeHandlers(),
  // @ts-expect-error -- app:getState must answer an AppState
  'app:getState': () => 'signed out',
}
