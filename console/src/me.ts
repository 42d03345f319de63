// The account behind the session, read again at every sign-in and page reload, so a grant
// revoked since is gone from the menu too (the server refuses it either way).
import { api, ok } from './api/client'
import { session } from './session'

export async function loadMe() {
  session.me = await ok(() => api.GET('/api/v1/me'))
}
