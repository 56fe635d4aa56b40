// The app's page: connects the store to the API it is given, provides that API to the views, and
// shows the screen the address names.
import { useEffect } from 'react'
import type { Api } from './api/client'
import { ApiContext } from './api/context'
import { useRoute } from './route'
import { useAppStore } from './store'
import { ActivityView } from './views/ActivityView'
import { FolderPicker } from './views/FolderPicker'
import { IssuesView } from './views/IssuesView'
import { Popover } from './views/Popover'
import { SettingsView } from './views/SettingsView'

const screens = {
  popover: Popover,
  picker: FolderPicker,
  issues: IssuesView,
  activity: ActivityView,
  settings: SettingsView,
}

export function App({ api }: { api: Api }) {
  const connect = useAppStore((store) => store.connect)
  useEffect(() => connect(api), [api, connect])
  const Screen = screens[useRoute()]
  return (
    <ApiContext.Provider value={api}>
      <Screen />
    </ApiContext.Provider>
  )
}
