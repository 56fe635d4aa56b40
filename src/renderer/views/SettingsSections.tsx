// The settings form's everyday sections: general (start at login, notifications), transfers
// (bandwidth and concurrency) and new files (readiness window, ignore patterns).
import type { Settings } from '../../shared'
import type { FieldProblems, SettingsDraft } from './settings-draft'
import { FieldNotes, RateField, WholeNumberField, controlId, fieldAria } from './SettingsFields'

export interface SectionProps {
  draft: SettingsDraft
  problems: FieldProblems
  edit: (change: Partial<SettingsDraft>) => void
}

const notificationLevels: ReadonlyArray<{
  level: Settings['notificationLevel']
  label: string
  hint: string
}> = [
  {
    level: 'all',
    label: 'Everything',
    hint: 'Finished transfers, sync issues and sign-in problems',
  },
  { level: 'issues', label: 'Problems only', hint: 'Sync issues and sign-in problems' },
  { level: 'none', label: 'None', hint: 'The tray icon still shows how syncing is going' },
]

export function GeneralSection({ draft, problems, edit }: SectionProps) {
  return (
    <section className="settings-section" aria-labelledby="settings-general">
      <h2 id="settings-general">General</h2>
      <label className="settings-choice">
        <input
          type="checkbox"
          checked={draft.startAtLogin}
          onChange={(event) => edit({ startAtLogin: event.target.checked })}
          {...fieldAria('startAtLogin', false, problems.startAtLogin)}
        />
        <span>Open Frame.io Sync when you log in to this computer</span>
      </label>
      <FieldNotes field="startAtLogin" problem={problems.startAtLogin} />
      <fieldset className="settings-choices">
        <legend>Notifications</legend>
        {notificationLevels.map(({ level, label, hint }) => {
          const chosen = draft.notificationLevel === level
          // The chosen option carries the field's id, so a problem can bring focus to it.
          const aria = fieldAria('notificationLevel', false, problems.notificationLevel)
          return (
            <label key={level} className="settings-choice">
              <input
                type="radio"
                name="notificationLevel"
                value={level}
                checked={chosen}
                onChange={() => edit({ notificationLevel: level })}
                {...aria}
                id={chosen ? aria.id : `${aria.id}-${level}`}
              />
              <span>
                {label}
                <span className="settings-hint">{hint}</span>
              </span>
            </label>
          )
        })}
        <FieldNotes field="notificationLevel" problem={problems.notificationLevel} />
      </fieldset>
    </section>
  )
}

export function TransfersSection({ draft, problems, edit }: SectionProps) {
  return (
    <section className="settings-section" aria-labelledby="settings-transfers">
      <h2 id="settings-transfers">Transfers</h2>
      <RateField
        setting="uploadBytesPerSecond"
        label="Upload limit"
        value={draft.uploadBytesPerSecond}
        problem={problems.uploadBytesPerSecond}
        onChange={(uploadBytesPerSecond) => edit({ uploadBytesPerSecond })}
      />
      <RateField
        setting="downloadBytesPerSecond"
        label="Download limit"
        value={draft.downloadBytesPerSecond}
        problem={problems.downloadBytesPerSecond}
        onChange={(downloadBytesPerSecond) => edit({ downloadBytesPerSecond })}
      />
      <WholeNumberField
        setting="filesAtOnce"
        label="Files at once"
        hint="Files uploaded or downloaded at the same time."
        value={draft.filesAtOnce}
        problem={problems.filesAtOnce}
        onChange={(filesAtOnce) => edit({ filesAtOnce })}
      />
      <WholeNumberField
        setting="partsPerFile"
        label="Parts per file"
        hint="Pieces of one file uploaded at the same time."
        value={draft.partsPerFile}
        problem={problems.partsPerFile}
        onChange={(partsPerFile) => edit({ partsPerFile })}
      />
      <WholeNumberField
        setting="partsOverall"
        label="Parts in total"
        hint="Pieces uploaded at the same time across all files."
        value={draft.partsOverall}
        problem={problems.partsOverall}
        onChange={(partsOverall) => edit({ partsOverall })}
      />
      <p className="settings-note">
        Changes to the number of parts apply the next time Frame.io Sync starts.
      </p>
    </section>
  )
}

export function NewFilesSection({ draft, problems, edit }: SectionProps) {
  return (
    <section className="settings-section" aria-labelledby="settings-new-files">
      <h2 id="settings-new-files">New files</h2>
      <WholeNumberField
        setting="readyAfterSeconds"
        label="Wait before uploading (seconds)"
        hint="A new file is uploaded once it has not changed for this long. Used for folders you add from now on."
        value={draft.readyAfterSeconds}
        problem={problems.readyAfterSeconds}
        onChange={(readyAfterSeconds) => edit({ readyAfterSeconds })}
      />
      <div className="settings-field">
        <label htmlFor={controlId('ignorePatterns')}>Files to ignore</label>
        <textarea
          rows={4}
          spellCheck={false}
          value={draft.ignorePatterns}
          onChange={(event) => edit({ ignorePatterns: event.target.value })}
          {...fieldAria('ignorePatterns', true, problems.ignorePatterns)}
        />
        <FieldNotes
          field="ignorePatterns"
          hint="One pattern per line, as in .gitignore (for example *.tmp or cache/). Applies to every synced folder."
          problem={problems.ignorePatterns}
        />
      </div>
    </section>
  )
}
