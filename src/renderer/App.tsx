// The popover app: connects the store to the API it is given and provides that API to the views.
import { useEffect } from 'react'
import type { Api } from './api/client'
import { ApiContext } from './api/context'
import { useAppStore } from './store'
import { Popover } from './views/Popover'

export function App({ api }: { api: Api }) {
  const connect = useAppStore((store) => store.connect)
  useEffect(() => connect(api), [api, connect])
  return (
    <ApiContext.Provider value={api}>
      <Popover />
    </ApiContext.Provider>
  )
}
