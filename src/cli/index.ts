#!/usr/bin/env node
// src/cli owns the headless entry: the same engine and service as the desktop app, driven from a
// terminal on servers, NAS boxes and render nodes. This file only binds it to the process.
import { runCli } from './main'

runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
}).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('frameio-sync: unexpected failure:', error)
    process.exit(1)
  },
)
