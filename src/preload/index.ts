// src/preload owns the bridge into the sandboxed renderer: window.api with invoke/on, limited to
// the channels of the IPC contract and nothing else.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { type Transport, failure, isEventChannel, isInvokeChannel } from '../shared'

const api: Transport = {
  invoke(channel, payload) {
    if (!isInvokeChannel(channel)) {
      return Promise.resolve(
        failure({ code: 'unknown-channel', message: `unknown channel: ${channel}` }),
      )
    }
    return ipcRenderer.invoke(channel, payload)
  },
  on(event, listener) {
    if (!isEventChannel(event)) throw new Error(`unknown event channel: ${event}`)
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload)
    ipcRenderer.on(event, forward)
    return () => {
      ipcRenderer.removeListener(event, forward)
    }
  },
}

contextBridge.exposeInMainWorld('api', api)
