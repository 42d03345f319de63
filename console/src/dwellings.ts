// Picking an owner's dwelling in a committee form (a paper ballot, a paper proxy authorisation):
// a cascader of buildings and units, then the dwellings of the chosen unit with their owners,
// read page by page from GET /communities/{id}/dwellings?unit_id=.
import { computed, ref } from 'vue'
import { api, ok, type Schemas } from './api/client'
import { communityId } from './context'
import { showProblem } from './notify'

export type Dwelling = Schemas['Page_DwellingView']['items'][number]

/** An option of the dwelling select: "101　赵一". */
export function dwellingLabel(d: Dwelling): string {
  return `${d.room}　${d.owner_name ?? '（无业主姓名）'}`
}

/**
 * The unit cascader's options from `buildings()`, and the dwellings of one unit once `load`ed
 * (in community `communityId()`, else `fallbackCommunity()`, the consultation's).
 */
export function useDwellingPicker(buildings: () => Schemas['BuildingNode'][], fallbackCommunity: () => string) {
  const unitOptions = computed(() =>
    buildings().map((b) => ({ value: b.id, label: b.name, children: b.units.map((u) => ({ value: u.id, label: u.name })) })),
  )
  const dwellings = ref<Dwelling[]>([])
  const loading = ref(false)
  let asked = 0

  /** Reads every dwelling of `unit` (none when it is cleared); a later call wins over an earlier one. */
  async function load(unit: string | undefined) {
    const mine = ++asked
    dwellings.value = []
    if (!unit) {
      loading.value = false
      return
    }
    const community = communityId() ?? fallbackCommunity()
    loading.value = true
    try {
      const all: Dwelling[] = []
      let offset: number | null = 0
      while (offset != null) {
        const at: number = offset
        const page = await ok(() =>
          api.GET('/api/v1/communities/{id}/dwellings', {
            params: { path: { id: community }, query: { unit_id: unit, limit: 500, offset: at } },
          }),
        )
        if (mine !== asked) return
        all.push(...page.items)
        offset = page.next_offset ?? null
      }
      dwellings.value = all
    } catch (e) {
      if (mine === asked) showProblem(e)
    } finally {
      if (mine === asked) loading.value = false
    }
  }

  return { unitOptions, dwellings, loading, load }
}
