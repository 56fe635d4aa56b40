// The renderer's single store: the latest AppState snapshot, kept current by the `state` event.
import { create } from 'zustand'
import type { AppState } from '../shared'
import type { Api } from './api/client'

export interface AppStore {
  /** null until the first snapshot arrives. */
  state: AppState | null
  /** Why the app could not be reached, in plain words. */
  connectionError: string | null
  connect(api: Api): () => void
}

export const useAppStore = create<AppStore>((set) => ({
  state: null,
  connectionError: null,
  connect(api) {
    const stopState = api.on('state', (state) => set({ state, connectionError: null }))
    const stopDisconnect = api.onDisconnect((reason) => set({ connectionError: reason }))
    api.invoke('app:getState').then(
      (state) => set((current) => (current.state ? {} : { state, connectionError: null })),
      (error: unknown) =>
        set({ connectionError: error instanceof Error ? error.message : String(error) }),
    )
    return () => {
      stopState()
      stopDisconnect()
    }
  },
}))
