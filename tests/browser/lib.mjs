// What the flow needs besides the browser: the server under test, API calls for the residents'
// side (they use the mini-program, not the console), waiting, and reading an XLSX back.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { deflateSync } from 'node:zlib'
import { strFromU8, unzipSync } from 'fflate'

export const ADMIN_PASSWORD = 'browser-admin-password'

/** A free loopback port: bind port 0, read it, let it go. */
async function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
  })
}

/** The real binary on SQLite in a fresh data directory, with development WeChat codes. */
export async function startServer(binary) {
  const dataDir = mkdtempSync(join(tmpdir(), 'diandan-browser-'))
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const child = spawn(binary, ['serve'], {
    env: {
      ...process.env,
      DIANDAN_DATA_DIR: dataDir,
      DATABASE_URL: '',
      DIANDAN_ADDR: `127.0.0.1:${port}`,
      DIANDAN_ADMIN_PASSWORD: ADMIN_PASSWORD,
      DIANDAN_DEV_LOGIN: '1',
      // Voting is closed by hand in the flow, not by the schedule racing the clicks.
      DIANDAN_SCHEDULER_SECS: '3600',
      RUST_LOG: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  const exited = new Promise((resolve) => child.once('exit', resolve))
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`)
    try {
      if ((await fetch(`${base}/readyz`)).ok) break
    } catch {}
    await sleep(100)
  }
  return {
    base,
    /** The server's SQLite database, for the one step a test cannot wait for (a notice's days). */
    database: join(dataDir, 'diandan.db'),
    async stop() {
      child.kill('SIGTERM')
      await exited
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

/**
 * API calls with a bearer token: `body` is sent as JSON, `form` (a FormData) as
 * multipart/form-data (fetch writes its boundary). A non-2xx answer throws with its problem code.
 */
export function apiClient(base) {
  return async function call(method, path, { token, body, form } = {}) {
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: form ?? (body !== undefined ? JSON.stringify(body) : undefined),
    })
    const text = await res.text()
    const json = text ? JSON.parse(text) : null
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${json?.code ?? text}`)
    return json
  }
}

/** The form `POST /api/v1/uploads` reads: the picture `bytes` in the field `file`. */
export function photoForm(bytes, name = 'photo.png', type = 'image/png') {
  const form = new FormData()
  form.append('file', new Blob([bytes], { type }), name)
  return form
}

/**
 * A real PNG of `width` × `height` pixels (8-bit RGB, no transparency) whose colour at (x, y)
 * is `colour(x, y)` = [r, g, b]: what a phone's photo is to the server, a decodable picture.
 */
export function png(width, height, colour) {
  const raw = Buffer.alloc((width * 3 + 1) * height)
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1) // each row starts with its filter byte, 0 (none)
    for (let x = 0; x < width; x++) raw.set(colour(x, y), row + 1 + x * 3)
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr.set([8, 2, 0, 0, 0], 8) // bit depth 8, colour type 2 (RGB), deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
}

function pngChunk(type, data) {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'ascii')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0)
  return Buffer.concat([head, data, crc])
}

/** CRC-32 (IEEE, as PNG and zip use it). */
function crc32(bytes) {
  let c = 0xffffffff
  for (const b of bytes) {
    c ^= b
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  }
  return (c ^ 0xffffffff) >>> 0
}

/** An XLSX workbook's sheets as arrays of rows of cell texts (shared strings resolved). */
export function readXlsx(bytes) {
  const files = unzipSync(new Uint8Array(bytes))
  const xml = (name) => (files[name] ? strFromU8(files[name]) : '')
  const unescape = (s) =>
    s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&')
  const shared = [...xml('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    unescape([...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')),
  )
  const names = [...xml('xl/workbook.xml').matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => unescape(m[1]))
  const sheets = {}
  names.forEach((name, i) => {
    const rows = []
    for (const r of xml(`xl/worksheets/sheet${i + 1}.xml`).matchAll(/<row [^>]*>([\s\S]*?)<\/row>/g)) {
      const row = []
      for (const c of r[1].matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const col = [...c[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1
        const value = (c[3] ?? '').match(/<v>([\s\S]*?)<\/v>/)?.[1] ?? ''
        row[col] = /t="s"/.test(c[2]) ? shared[Number(value)] : unescape(value)
      }
      rows.push(Array.from(row, (v) => v ?? ''))
    }
    sheets[name] = rows
  })
  return sheets
}

/** The row of a table (array of rows, header first) whose `key` column holds `value`, as an object. */
export function rowWhere(rows, key, value) {
  const [header, ...body] = rows
  const k = header.indexOf(key)
  const row = body.find((r) => r[k] === value)
  return row ? Object.fromEntries(header.map((h, i) => [h, row[i]])) : undefined
}
