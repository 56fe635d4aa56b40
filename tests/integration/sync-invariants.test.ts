// The convergence invariants themselves, on made-up end states: each one speaks up when what it
// guards is broken, and stays quiet for the outcomes the sync policy allows.
import { describe, expect, it } from 'vitest'
import { md5Of } from './cli-harness'
import { type Observed, unexpectedIssues, violations } from './sync-invariants'
import { type ObservedItem, ScenarioModel } from './sync-model'

const one = md5Of('one')
const two = md5Of('two')

function remoteFile(path: string, md5: string, id = `id-${path}-${md5}`): ObservedItem {
  return { id, path, type: 'file', size: 3, status: 'transcoded', md5 }
}

function observed(parts: Partial<Observed>): Observed {
  return { local: new Map(), remote: [], issues: [], besideRoot: ['Synced'], ...parts }
}

describe('the convergence invariants', () => {
  it('accept a file in step on both sides', () => {
    const model = new ScenarioModel()
    model.localWrite('a.txt', one)
    const end = observed({ local: new Map([['a.txt', one]]), remote: [remoteFile('a.txt', one)] })
    expect(violations(model, end)).toEqual([])
  })

  it('notice a file that never reached Frame.io, and one lost or changed here', () => {
    const model = new ScenarioModel()
    model.localWrite('a.txt', one)
    model.localWrite('b.txt', one)
    const end = observed({ local: new Map([['b.txt', two]]) })
    expect(violations(model, end)).toEqual([
      `a.txt: the test left ${one} here, but it is gone`,
      'a.txt: not in step and not reported: here nothing, Frame.io has nothing',
      `b.txt: the test left ${one} here, but it holds ${two}`,
      `b.txt: not in step and not reported: here ${two}, Frame.io has nothing`,
    ])
  })

  it('excuse differing copies only when an issue reports them', () => {
    const model = new ScenarioModel()
    model.localWrite('a.txt', one)
    model.remoteCreate('a.txt', two, ['r1'])
    const apart = { local: new Map([['a.txt', one]]), remote: [remoteFile('a.txt', two, 'r1')] }
    expect(violations(model, observed(apart))).toHaveLength(1)
    const conflict = { path: 'a.txt', problem: 'conflict', reason: 'differs' }
    expect(violations(model, observed({ ...apart, issues: [conflict] }))).toEqual([])
    expect(unexpectedIssues(model, observed({ ...apart, issues: [conflict] }))).toEqual([])
  })

  it('count a failed transfer, or a conflict on uncontested content, as not quiet', () => {
    const model = new ScenarioModel()
    model.localWrite('a.txt', one)
    const issues = [
      { path: 'a.txt', problem: 'upload-failed', reason: 'gave up' },
      { path: 'a.txt', problem: 'conflict', reason: 'differs' },
    ]
    expect(unexpectedIssues(model, observed({ issues }))).toEqual(issues)
  })

  it('notice a file the test deleted coming back, and anything outside the root', () => {
    const model = new ScenarioModel()
    model.localWrite('a.txt', one)
    model.localRemove('a.txt')
    const end = observed({ local: new Map([['a.txt', one]]), besideRoot: ['Synced', 'stray'] })
    expect(violations(model, end)).toEqual([
      'the folder holding the root now holds Synced, stray',
      `a.txt: the test deleted it here, and ${one} came back`,
    ])
  })

  it('notice the engine uploading onto a taken name, twice, or incompletely', () => {
    const model = new ScenarioModel()
    model.localWrite('a.txt', one)
    model.remoteCreate('b.txt', one, ['theirs'])
    model.localWrite('b.txt', one)
    model.observe([remoteFile('b.txt', one, 'theirs')])
    model.observe([
      remoteFile('b.txt', one, 'theirs'),
      remoteFile('b.txt', one, 'ours'),
      remoteFile('a.txt', one, 'first'),
      { ...remoteFile('a.txt', one, 'second'), status: 'created', md5: null },
    ])
    const end = observed({
      local: new Map([
        ['a.txt', one],
        ['b.txt', one],
      ]),
      remote: [remoteFile('a.txt', one, 'first'), remoteFile('b.txt', one, 'theirs')],
    })
    expect(violations(model, end)).toEqual([
      'b.txt: the engine made a file where Frame.io already had one',
      'a.txt: the engine made a file where Frame.io already had one',
      'a.txt: the engine left an incomplete upload (second)',
      'file a.txt: the engine made it 2 times in Frame.io',
    ])
  })
})
