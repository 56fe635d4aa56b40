// A Transport for component tests: answers calls from a table and lets the test push events.
import { vi } from 'vitest'
import type { RpcResult, Transport } from '../../src/shared'

export interface FakeTransport extends Transport {
  readonly calls: Array<[channel: string, payload: unknown]>
  emit(event: string, payload: unknown): void
  disconnect(reason: string): void
}

export function fakeTransport(
  answer: (channel: string, payload: unknown) => Promise<RpcResult>,
): FakeTransport {
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const calls: Array<[string, unknown]> = []
  const disconnectListeners = new Set<(reason: string) => void>()
  return {
    calls,
    invoke: vi.fn((channel: string, payload: unknown) => {
      calls.push([channel, payload])
      return answer(channel, payload)
    }),
    on(event, listener) {
      const set = listeners.get(event) ?? new Set()
      listeners.set(event, set)
      set.add(listener)
      return () => set.delete(listener)
    },
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? []) listener(payload)
    },
    onDisconnect(listener) {
      disconnectListeners.add(listener)
      return () => disconnectListeners.delete(listener)
    },
    disconnect(reason) {
      for (const listener of disconnectListeners) listener(reason)
    },
  }
}
