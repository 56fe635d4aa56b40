// src/renderer owns what people see: React views fed by one zustand store. It reaches the app
// only through the IPC contract, over Electron's preload bridge or the loopback HTTP bridge.
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import type { Transport } from '../shared'
import { createApi } from './api/client'
import { httpTransport } from './api/http-transport'
import { App } from './App'
import './styles.css'

declare global {
  interface Window {
    /** Present when the page runs inside the Electron app (see src/preload). */
    api?: Transport
  }
}

const api = createApi(window.api ?? httpTransport())
const container = document.getElementById('root')
if (!container) throw new Error('index.html lacks #root')
createRoot(container).render(
  <StrictMode>
    <App api={api} />
  </StrictMode>,
)
