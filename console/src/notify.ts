// How the pages report what happened: a refused or failed action as its Chinese message with
// the code in small print (for support), a success as a short confirmation.
import { h } from 'vue'
import { ElMessage } from 'element-plus'
import { ProblemError, networkProblem } from './api/problem'

/** Shows a problem; `message` words it for the page instead of the code's general message. */
export function showProblem(e: unknown, message?: string) {
  const p = e instanceof ProblemError ? e : networkProblem()
  if (!(e instanceof ProblemError)) console.error(e)
  ElMessage({
    type: 'error',
    showClose: true,
    duration: 8000,
    message: h('span', { class: 'problem-message' }, [
      h('span', { class: 'problem-text' }, message ?? p.message),
      h('span', { class: 'code', style: { marginLeft: '8px' } }, p.code),
    ]),
  })
}

export function done(message: string) {
  ElMessage({ type: 'success', message, duration: 2500 })
}

/** Runs an action; a problem is shown and `false` returned, so callers need no try/catch. */
export async function attempt(action: () => Promise<unknown>): Promise<boolean> {
  try {
    await action()
    return true
  } catch (e) {
    showProblem(e)
    return false
  }
}
