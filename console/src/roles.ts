// What each role works on: the menu it sees and the pages it may open. The server checks
// every request anyway; this only keeps people from pages that would answer 403.
export type Role = 'admin' | 'committee' | 'designer' | 'property'

export const roleNames: Record<Role, string> = {
  admin: '街道（管理员）',
  committee: '社区委员会',
  designer: '设计单位',
  property: '物业服务企业',
}

export interface MenuEntry {
  path: string
  title: string
}

export const menus: Record<Role, MenuEntry[]> = {
  admin: [
    { path: '/admin/dashboard', title: '辖区概况' },
    { path: '/admin/communities', title: '街道与社区' },
    { path: '/admin/roster', title: '花名册导入' },
    { path: '/admin/staff', title: '人员与授权' },
    { path: '/admin/companies', title: '物业企业与合同' },
    { path: '/admin/ratings', title: '物业服务评价' },
    { path: '/admin/projects', title: '改造项目' },
    { path: '/admin/report', title: '街道报告' },
    { path: '/admin/notices', title: '公告栏' },
    { path: '/admin/content', title: '内容审核' },
    { path: '/admin/audit', title: '审计日志' },
  ],
  committee: [
    { path: '/committee/consultations', title: '征询' },
    { path: '/committee/projects', title: '改造项目' },
    { path: '/committee/representatives', title: '居民代表' },
    { path: '/committee/notices', title: '公告栏' },
    { path: '/committee/claims', title: '房屋认证' },
    { path: '/committee/complaints', title: '工单' },
    { path: '/committee/content', title: '内容审核' },
    { path: '/committee/supervisors', title: '质量监督员' },
    { path: '/committee/receipt', title: '回执核验' },
  ],
  designer: [
    { path: '/designer/demand', title: '需求清单' },
    { path: '/designer/designs', title: '设计方案' },
  ],
  property: [
    { path: '/property/orders', title: '工单' },
    { path: '/property/ratings', title: '评价结果' },
  ],
}

export function isRole(r: string): r is Role {
  return r in roleNames
}
