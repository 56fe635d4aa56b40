// Shows the popover alone (no routing to other screens) on a fake transport, and builds the
// AppState pieces its tests vary.
import { act, render } from '@testing-library/react'
import {
  type AppState,
  type RpcResult,
  type Settling,
  type SyncRoot,
  type Transfer,
  emptyAppState,
} from '../../src/shared'
import { createApi } from '../../src/renderer/api/client'
import { ApiContext } from '../../src/renderer/api/context'
import { useAppStore } from '../../src/renderer/store'
import { Popover } from '../../src/renderer/views/Popover'
import { ada } from '../fixtures/app-state'
import { type FakeTransport, fakeTransport } from './fake-transport'

/** Answers app:getState with `state`, the channels in `failures` with that error, others with ok. */
export function answering(
  state: AppState,
  failures: Record<string, { code: 'failed' | 'internal'; message: string }> = {},
): FakeTransport {
  return fakeTransport(async (channel): Promise<RpcResult> => {
    const failure = failures[channel]
    if (failure) return { ok: false, error: failure }
    return { ok: true, value: channel === 'app:getState' ? state : undefined }
  })
}

let disconnect: (() => void) | null = null

/** Renders the popover connected to `transport` and waits for the first snapshot. */
export async function showPopover(transport: FakeTransport): Promise<void> {
  useAppStore.setState({ state: null, connectionError: null })
  const api = createApi(transport)
  disconnect?.()
  disconnect = useAppStore.getState().connect(api)
  render(
    <ApiContext.Provider value={api}>
      <Popover />
    </ApiContext.Provider>,
  )
  await act(async () => undefined)
}

/** Lets answered calls and the renders they cause finish. */
export async function settle(): Promise<void> {
  await act(async () => undefined)
}

export function signedIn(change: Partial<AppState> = {}): AppState {
  return { ...emptyAppState, user: ada, ...change }
}

export function root(id: string, change: Partial<SyncRoot> = {}): SyncRoot {
  return {
    id,
    localPath: `/data/${id}`,
    projectId: `p-${id}`,
    projectName: `Project ${id}`,
    mode: 'two-way',
    readyAfterSeconds: 60,
    status: 'idle',
    statusReason: null,
    counts: { queued: 0, settling: 0, issues: 0 },
    ...change,
  }
}

export function transfer(path: string, change: Partial<Transfer> = {}): Transfer {
  return {
    id: `r1/${path}`,
    rootId: 'r1',
    path,
    direction: 'upload',
    bytesDone: 0,
    bytesTotal: 0,
    bytesPerSecond: 0,
    etaSeconds: null,
    ...change,
  }
}

export function settlingFile(path: string, readyAt: number): Settling {
  return { rootId: 'r1', path, readyAt }
}
