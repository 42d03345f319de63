// problem+json answers as errors the pages show: a plain Chinese message chosen by `code`
// (messages.ts), the code itself in small print for support, and field errors by field.
import { messages, type ProblemCode } from './messages'
import { fieldText } from './fieldText'

export interface FieldError {
  field: string
  message: string
}

export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors: FieldError[],
  ) {
    super(messageFor(code, status))
  }

  /** The message of the field errors for `field`, in Chinese, for a form item's `error`. */
  fieldMessage(field: string): string | undefined {
    const e = this.errors.filter((x) => x.field === field || x.field.startsWith(`${field}.`) || x.field.startsWith(`${field}[`))
    return e.length ? e.map((x) => fieldText(x.message)).join('；') : undefined
  }
}

export function messageFor(code: string, status: number): string {
  if (code in messages) return messages[code as ProblemCode]
  if (status >= 500) return '服务器暂时出错，请稍后再试；如果一直出现，请联系技术支持。'
  return '操作没有成功。'
}

export async function toProblem(res: Response, parsed: unknown): Promise<ProblemError> {
  let body: any = parsed
  if (body === undefined || body === null || typeof body !== 'object') {
    try {
      body = await res.json()
    } catch {
      body = {}
    }
  }
  const code = typeof body.code === 'string' ? body.code : res.status === 0 ? 'network' : `http_${res.status}`
  const errors = Array.isArray(body.errors) ? (body.errors as FieldError[]) : []
  return new ProblemError(res.status, code, typeof body.detail === 'string' ? body.detail : '', errors)
}

/** Network failures (no answer at all) as a problem the pages can show alike. */
export function networkProblem(): ProblemError {
  return new ProblemError(0, 'network', '', [])
}
