// src/core/plan owns deciding what to do: the pure reconciler and the vocabulary of facts and
// actions it speaks.
export type * from './facts'
export { reconcile } from './reconcile'
export { conflictIssue } from './issues'
export { refuseCaseClashes } from './case-clash'
