// The digest of the console's inputs: every file under console/ except what the build makes or
// installs, plus openapi.yaml (the client's types come from it). Each file contributes
// "path\n" + sha256(content) + "\n", in byte order of the paths (relative to the repository, '/'
// separated). tests/api/console.rs computes the same digest in Rust.
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

const SKIP = new Set(['node_modules', 'dist', '.vite'])
const GENERATED = new Set(['console/src/api/schema.d.ts'])

function walk(root, rel, out) {
  for (const name of readdirSync(join(root, rel))) {
    if (SKIP.has(name)) continue
    const path = rel ? `${rel}/${name}` : name
    if (statSync(join(root, path)).isDirectory()) walk(root, path, out)
    else if (!GENERATED.has(path)) out.push(path)
  }
}

export function sourcesDigest(repo) {
  const files = []
  walk(repo, 'console', files)
  files.push('openapi.yaml')
  files.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
  const all = createHash('sha256')
  for (const f of files) {
    const h = createHash('sha256').update(readFileSync(join(repo, f))).digest('hex')
    all.update(`${f}\n${h}\n`)
  }
  return all.digest('hex')
}
