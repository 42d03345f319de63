// npm run build: the console's whole build, in the order a stale input would be caught.
// 1. Types of the API from ../openapi.yaml (openapi-typescript) into src/api/schema.d.ts.
// 2. Type-check every page against them (vue-tsc --strict): an endpoint, field or error code
//    the API no longer has fails here.
// 3. vite build into dist/ (hashed names; the diandan binary embeds dist/ and gzips it).
// 4. dist/.sources: the SHA-256 of every input, which the Rust test `console_assets_are_fresh`
//    recomputes, so committed assets that lag their sources fail the test suite.
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sourcesDigest } from './sources.mjs'

const here = dirname(dirname(fileURLToPath(import.meta.url)))
const bin = (name) => join(here, 'node_modules', '.bin', name)
const run = (cmd, args) => execFileSync(cmd, args, { cwd: here, stdio: 'inherit' })

run(bin('openapi-typescript'), [join(here, '..', 'openapi.yaml'), '-o', join(here, 'src/api/schema.d.ts')])
run(bin('vue-tsc'), ['--noEmit', '-p', 'tsconfig.json'])
run(bin('vite'), ['build', '--logLevel', 'warn'])
writeFileSync(join(here, 'dist', '.sources'), sourcesDigest(join(here, '..')) + '\n')
console.log('console built: dist/ and dist/.sources')
