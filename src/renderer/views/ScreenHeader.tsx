// The top of a full screen (picker, issues, activity): the way back to the popover and the title.
import type { ReactNode } from 'react'
import { navigate } from '../route'
import './ScreenHeader.css'

export function ScreenHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <header className="screen-header">
      <button type="button" className="screen-back" onClick={() => navigate('popover')}>
        <span aria-hidden="true">‹ </span>Back
      </button>
      <h1>{title}</h1>
      {children && <div className="screen-header-actions">{children}</div>}
    </header>
  )
}
