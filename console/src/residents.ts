// The community's verified residents as the committee picks among them (a quality supervisor,
// a residents' representative): every approved claim with its claimant, read page by page.
import { api, ok, type Schemas } from './api/client'
import { relationNames } from './format'

export type ApprovedClaim = Schemas['BindingView'] & { claimant: NonNullable<Schemas['BindingView']['claimant']> }

/** Every approved claim of community `id` that names its claimant (at most 10,000). */
export async function approvedClaims(id: string): Promise<ApprovedClaim[]> {
  const out: ApprovedClaim[] = []
  let at: number | null = 0
  for (let pages = 0; at !== null && pages < 20; pages++) {
    const from: number = at
    const page = await ok(() =>
      api.GET('/api/v1/communities/{id}/bindings', { params: { path: { id }, query: { status: 'approved', limit: 500, offset: from } } }),
    )
    for (const b of page.items) if (b.claimant) out.push(b as ApprovedClaim)
    at = page.next_offset ?? null
  }
  return out
}

/** A claim's dwelling as the committee reads it: 1号楼1单元101（业主）. */
export function claimPlace(b: Schemas['BindingView']): string {
  return `${b.building}${b.unit}${b.room}（${relationNames[b.relation] ?? b.relation}）`
}
