// What the loopback bridge costs: a contract call over it (token check, zod validation, envelope)
// against a bare node:http server answering the same JSON, and in-process dispatch against calling
// the handler directly. Each pair runs in the same process, and the ratio is printed.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type BenchResult, afterAll, beforeAll, test } from 'vitest'
import { type Bridge, createAppService, startBridge } from '../../src/core'
import { dispatch, emptyAppState } from '../../src/shared'

const service = createAppService({ quit: () => undefined, openExternal: async () => undefined })
const answer = JSON.stringify({ ok: true, value: emptyAppState })
const bare = createServer((request, response) => {
  request.resume().on('end', () => {
    response.writeHead(200, { 'content-type': 'application/json' }).end(answer)
  })
})
let bareUrl = ''
let bridge: Bridge

beforeAll(async () => {
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve))
  bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/rpc/app:getState`
  bridge = await startBridge(service)
})

afterAll(async () => {
  await bridge.close()
  await new Promise((resolve) => bare.close(resolve))
})

/** Prints how many times slower the project's code is than its baseline, per call. */
function report(label: string, baseline: BenchResult, ours: BenchResult): void {
  const ms = (result: BenchResult) => `${result.latency.mean.toFixed(4)} ms`
  const ratio = (ours.latency.mean / baseline.latency.mean).toFixed(2)
  console.log(`${label}: ${ratio}x the baseline (${ms(ours)} against ${ms(baseline)} per call)`)
}

const options = { time: 2_000, warmupTime: 300 }

test('one call over loopback HTTP: the bridge against bare node:http', async ({ bench }) => {
  const results = await bench.compare(
    bench('bare node:http', async () => {
      await (await fetch(bareUrl, { method: 'POST' })).json()
    }),
    bench('bridge /rpc/app:getState', async () => {
      const response = await fetch(`${bridge.origin}/rpc/app:getState`, {
        method: 'POST',
        headers: { authorization: `Bearer ${bridge.token}` },
      })
      await response.json()
    }),
    options,
  )
  report('bridge call', results.get('bare node:http'), results.get('bridge /rpc/app:getState'))
})

test('one call in process: contract dispatch against the bare handler', async ({ bench }) => {
  const request = { url: 'https://frame.io/' }
  const results = await bench.compare(
    bench('handler', async () => {
      await service.handlers['app:openExternal'](request)
    }),
    bench('dispatch', async () => {
      await dispatch(service.handlers, 'app:openExternal', request)
    }),
    options,
  )
  report('dispatch', results.get('handler'), results.get('dispatch'))
})
