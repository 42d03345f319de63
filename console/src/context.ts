// The community a page works on. Committee members and designers work in the community of
// their grant; a street-office admin picks one of the district's (CommunityPicker), and the
// choice is kept for the tab so every page opens on it.
import { reactive } from 'vue'
import { session } from './session'

const KEY = 'diandan.community'

export const context = reactive({ chosen: sessionStorage.getItem(KEY) as string | null })

export function communityId(): string | null {
  return session.grant?.community_id ?? context.chosen
}

export function chooseCommunity(id: string | null) {
  context.chosen = id
  if (id) sessionStorage.setItem(KEY, id)
  else sessionStorage.removeItem(KEY)
}
