// Case clashes on folders that fold letter case: a Frame.io name that differs from a known one
// only in case is refused with the reason; the first holder of a folded name keeps it.
import { describe, expect, it } from 'vitest'
import { reconcile, refuseCaseClashes } from '../../src/core/plan'
import { entry, localFile, remoteFile } from './fakes/plan-facts'

describe('refuseCaseClashes', () => {
  it('refuses a remote name that only differs in case from a local one', () => {
    const [fact] = refuseCaseClashes([remoteFile('Take.mov', 'r1')], [localFile('take.mov')], [])
    expect(fact?.refused).toBe(
      'it differs only in letter case from "take.mov", and this folder cannot hold both',
    )
  })

  it('keeps the first of two remote names that fold together, and a synced name', () => {
    const facts = refuseCaseClashes(
      [remoteFile('A.mov', 'r1'), remoteFile('a.mov', 'r2'), remoteFile('Kept.mov', 'r3')],
      [],
      [entry('Kept.mov', 'r3')],
    )
    expect(facts.map((fact) => [fact.path, fact.refused === null])).toEqual([
      ['A.mov', true],
      ['a.mov', false],
      ['Kept.mov', true],
    ])
  })

  it('turns the clash into an issue, with no download', () => {
    const remote = refuseCaseClashes([remoteFile('Take.mov', 'r1')], [localFile('take.mov')], [])
    const actions = reconcile({ mode: 'two-way', entries: [], local: [], remote })
    expect(actions).toEqual([expect.objectContaining({ type: 'issue', problem: 'refused-name' })])
  })
})
