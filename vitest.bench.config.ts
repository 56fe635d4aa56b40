// The benchmarks behind `npm run bench`: each pits the project's code against a baseline measured
// in the same run, and prints the ratio.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    environment: 'node',
    benchmark: { include: ['tests/bench/**/*.bench.ts'] },
  },
})
