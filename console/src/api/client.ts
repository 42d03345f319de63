// The console's only way to the server: the JSON API, through a client typed by openapi.yaml
// (openapi-fetch over the types openapi-typescript generates). Every call carries the
// session's access token; a `token_expired` answer refreshes once and retries.
import createClient from 'openapi-fetch'
import type { components, paths } from './schema'
import { ProblemError, toProblem } from './problem'
import { session } from '../session'

export type Schemas = components['schemas']

export const api = createClient<paths>({ baseUrl: '' })

api.use({
  onRequest({ request }) {
    const token = session.tokens?.access_token
    if (token && !request.headers.has('Authorization')) request.headers.set('Authorization', `Bearer ${token}`)
    return request
  },
})

type Answer<T> = { data?: T; error?: unknown; response: Response }

/** The answer's data, or a ProblemError built from its problem+json. A `token_expired`
 * answer is retried once after refreshing the session. */
export async function ok<T>(call: () => Promise<Answer<T>>): Promise<T> {
  let answer = await call()
  if (answer.response.status === 401 && session.tokens) {
    const p = await toProblem(answer.response.clone(), answer.error)
    if (p.code === 'token_expired' && (await session.refresh())) answer = await call()
  }
  if (answer.error !== undefined || !answer.response.ok) {
    const p = await toProblem(answer.response, answer.error)
    if (p.status === 401 && p.code !== 'invalid_credentials') session.expired()
    throw p
  }
  return answer.data as T
}

/** Photos `POST /api/v1/uploads` takes: JPEG, PNG or WebP (judged again by content there), at
 * most 10 MB. */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp']
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024

/** Uploads a photo (multipart/form-data, the field `file`) with the session's token, as every
 * call does; the answer is the photo, to attach by its id. Problems as `ok` throws them. */
export function uploadPhoto(file: File): Promise<Schemas['PhotoView']> {
  return ok(() => {
    // A fresh form for each try: `ok` calls again after refreshing an expired token.
    const form = new FormData()
    form.append('file', file, file.name)
    // The typed body is the spec's form; the bytes go as FormData, which the browser writes
    // with its boundary (openapi-fetch sets no Content-Type for it).
    return api.POST('/api/v1/uploads', { body: { file: file.name }, bodySerializer: () => form })
  })
}

/** A download the API answers with a file (CSV, XLSX, SVG): fetched with the token, saved
 * under `filename`. */
export async function download(url: string, filename: string): Promise<Blob> {
  const blob = await fetchBlob(url)
  const a = document.createElement('a')
  a.href = URL.createObjectURL(blob)
  a.download = filename
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000)
  return blob
}

/** A binary or text answer (the demand chart's SVG, an export) as a Blob, with the token. */
export async function fetchBlob(url: string): Promise<Blob> {
  const go = () =>
    fetch(url, { headers: session.tokens ? { Authorization: `Bearer ${session.tokens.access_token}` } : {} })
  let res = await go()
  if (res.status === 401 && session.tokens) {
    const p = await toProblem(res.clone(), undefined)
    if (p.code === 'token_expired' && (await session.refresh())) res = await go()
  }
  if (!res.ok) throw await toProblem(res, undefined)
  return res.blob()
}

export { ProblemError }
