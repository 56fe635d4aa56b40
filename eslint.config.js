// Lint rules, including the layer boundaries (see README, "How it is put together"): electron only
// in src/main and src/preload; no Node built-ins in src/shared or src/renderer; dependencies point
// inward.
import js from '@eslint/js'
import { defineConfig, globalIgnores } from 'eslint/config'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import { builtinModules } from 'node:module'
import tseslint from 'typescript-eslint'

const nodeBuiltins = builtinModules.filter((name) => !name.startsWith('_'))

/** Import restrictions for one layer: which outside things it may not reach. */
function layer({ electron = false, node = false, layers = [] }) {
  const paths = []
  const patterns = []
  const syntax = []
  if (!electron) {
    const message = 'electron may be imported only under src/main and src/preload.'
    paths.push({ name: 'electron', message })
    syntax.push(
      { selector: "ImportExpression[source.value='electron']", message },
      { selector: "CallExpression[callee.name='require'][arguments.0.value='electron']", message },
    )
  }
  if (!node) {
    const message =
      'Node built-ins are not available in this layer (no node: in shared or renderer).'
    paths.push(...nodeBuiltins.map((name) => ({ name, message })))
    patterns.push({ group: ['node:*'], message })
  }
  if (layers.length > 0) {
    patterns.push({
      regex: `^(\\.\\./)+(${layers.join('|')})(/|$)`,
      message: `Dependencies point inward: this layer may not import ${layers.join(', ')}.`,
    })
  }
  return {
    'no-restricted-imports': ['error', { paths, patterns }],
    'no-restricted-syntax': syntax.length > 0 ? ['error', ...syntax] : 'off',
  }
}

export default defineConfig(
  globalIgnores(['out/', 'dist/', 'node_modules/', 'test-results/', 'coverage/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['src/shared/**'],
    rules: layer({ layers: ['core', 'main', 'preload', 'renderer', 'cli'] }),
  },
  {
    files: ['src/renderer/**', 'tests/component/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...layer({ layers: ['core', 'main', 'preload', 'cli'] }),
    },
  },
  {
    files: ['src/core/**'],
    rules: layer({ node: true, layers: ['main', 'preload', 'renderer', 'cli'] }),
  },
  {
    files: ['src/cli/**'],
    rules: layer({ node: true, layers: ['main', 'preload', 'renderer'] }),
  },
  {
    files: ['src/main/**'],
    rules: layer({ electron: true, node: true, layers: ['preload', 'renderer', 'cli'] }),
  },
  {
    files: ['src/preload/**'],
    rules: layer({ electron: true, layers: ['core', 'main', 'renderer', 'cli'] }),
  },
)
