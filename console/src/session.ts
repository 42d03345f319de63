// The signed-in session: tokens in sessionStorage (gone when the tab closes; never
// localStorage), refreshed a minute before the access token expires; the account and its
// role grants; the grant the user works under now (a user with several switches between them).
import { reactive } from 'vue'
import type { components } from './api/schema'

type TokenPair = components['schemas']['TokenPair']
type Me = components['schemas']['Me']
export type Grant = components['schemas']['GrantView']

const KEY = 'diandan.session'
const REFRESH_MARGIN_S = 60

interface Stored {
  tokens: TokenPair
  expiresAt: number
  grantId: string | null
}

interface Session {
  tokens: TokenPair | null
  expiresAt: number
  me: Me | null
  grantId: string | null
  /** Set when the server ended the session (expired or revoked); the login page says so. */
  endedReason: string | null
  readonly grant: Grant | null
  readonly grants: Grant[]
  start(tokens: TokenPair): void
  refresh(): Promise<boolean>
  expired(): void
  clear(): void
  choose(grantId: string): void
}

let timer: ReturnType<typeof setTimeout> | undefined
let refreshing: Promise<boolean> | null = null

function save(s: Session) {
  if (!s.tokens) {
    sessionStorage.removeItem(KEY)
    return
  }
  const stored: Stored = { tokens: s.tokens, expiresAt: s.expiresAt, grantId: s.grantId }
  sessionStorage.setItem(KEY, JSON.stringify(stored))
}

function schedule(s: Session) {
  clearTimeout(timer)
  if (!s.tokens) return
  const ms = Math.max(5_000, (s.expiresAt - REFRESH_MARGIN_S) * 1000 - Date.now())
  timer = setTimeout(() => void s.refresh(), ms)
}

export const session: Session = reactive({
  tokens: null,
  expiresAt: 0,
  me: null,
  grantId: null,
  endedReason: null,
  get grants(): Grant[] {
    return (this.me?.roles ?? []).filter((g: Grant) => !g.revoked_at)
  },
  get grant(): Grant | null {
    return this.grants.find((g: Grant) => g.id === this.grantId) ?? this.grants[0] ?? null
  },
  start(tokens: TokenPair) {
    this.tokens = tokens
    this.expiresAt = Date.now() / 1000 + tokens.expires_in
    this.endedReason = null
    save(this)
    schedule(this)
  },
  /** Trades the refresh token for a new pair (single use); false when the session is over. */
  refresh(): Promise<boolean> {
    if (refreshing) return refreshing
    const token = this.tokens?.refresh_token
    if (!token) return Promise.resolve(false)
    refreshing = (async () => {
      try {
        const res = await fetch('/api/v1/auth/refresh', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ refresh_token: token }),
        })
        if (!res.ok) {
          this.expired()
          return false
        }
        this.start((await res.json()) as TokenPair)
        return true
      } catch {
        return false
      } finally {
        refreshing = null
      }
    })()
    return refreshing
  },
  expired() {
    this.clear()
    this.endedReason = '登录已失效，请重新登录。'
  },
  clear() {
    clearTimeout(timer)
    this.tokens = null
    this.me = null
    this.grantId = null
    this.expiresAt = 0
    sessionStorage.removeItem(KEY)
  },
  choose(grantId: string) {
    this.grantId = grantId
    save(this)
  },
} as Session)

/** The session of this tab, if it has one (a reload keeps it; a new tab does not). */
export function restore() {
  const raw = sessionStorage.getItem(KEY)
  if (!raw) return
  try {
    const s = JSON.parse(raw) as Stored
    session.tokens = s.tokens
    session.expiresAt = s.expiresAt
    session.grantId = s.grantId
    schedule(session)
  } catch {
    sessionStorage.removeItem(KEY)
  }
}
