// Hash routes (`/#/committee/consultations`): the server serves one page at `/` and needs
// to know nothing of the console's paths.
import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'
import { session } from './session'
import { loadMe } from './me'
import type { Role } from './roles'
import { menus, isRole } from './roles'
import { pages } from './pages'

declare module 'vue-router' {
  interface RouteMeta {
    role?: Role
    title?: string
    public?: boolean
  }
}

export const routes: RouteRecordRaw[] = [
  { path: '/login', component: () => import('./views/Login.vue'), meta: { public: true, title: '登录' } },
  { path: '/no-access', component: () => import('./views/NoAccess.vue'), meta: { public: true, title: '无法使用工作台' } },
  {
    path: '/',
    component: () => import('./layout/Shell.vue'),
    children: [
      { path: '', component: () => import('./views/Home.vue'), meta: { title: '首页' } },
      ...pages,
    ],
  },
  { path: '/:rest(.*)', redirect: '/' },
]

export const router = createRouter({ history: createWebHashHistory(), routes })

router.beforeEach(async (to) => {
  if (to.meta.public) return true
  if (!session.tokens) return { path: '/login', query: { next: to.fullPath } }
  if (!session.me) {
    try {
      await loadMe()
    } catch {
      return { path: '/login', query: { next: to.fullPath } }
    }
  }
  // A resident's (WeChat) account works in the mini-program, not here.
  if (session.me?.kind !== 'staff' || session.grants.length === 0) return '/no-access'
  const role = to.meta.role
  if (role) {
    const grant = session.grant
    if (!grant || grant.role !== role) {
      const other = session.grants.find((g) => g.role === role)
      if (!other) return '/'
      session.choose(other.id)
    }
  }
  return true
})

router.afterEach((to) => {
  document.title = `${to.meta.title ?? '工作台'} · 点单`
})

/** The first page of the role the user works under now. */
export function homeOf(role: string | undefined): string {
  return role && isRole(role) ? menus[role][0].path : '/no-access'
}

