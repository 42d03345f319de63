// Every page of the console, by role. A page is one file under views/<role>/; its route names
// the role whose grant it needs (router.ts switches to that grant or refuses).
import type { RouteRecordRaw } from 'vue-router'
import type { Role } from './roles'

const page = (role: Role, path: string, title: string, component: RouteRecordRaw['component']): RouteRecordRaw =>
  ({ path, component, meta: { role, title } }) as RouteRecordRaw

export const pages: RouteRecordRaw[] = [
  page('admin', 'admin/dashboard', '辖区概况', () => import('./views/admin/Dashboard.vue')),
  page('admin', 'admin/communities', '街道与社区', () => import('./views/admin/Communities.vue')),
  page('admin', 'admin/roster', '花名册导入', () => import('./views/admin/Roster.vue')),
  page('admin', 'admin/staff', '人员与授权', () => import('./views/admin/Staff.vue')),
  page('admin', 'admin/companies', '物业企业与合同', () => import('./views/admin/Companies.vue')),
  page('admin', 'admin/ratings', '物业服务评价', () => import('./views/admin/Ratings.vue')),
  page('admin', 'admin/report', '街道报告', () => import('./views/admin/Report.vue')),
  page('admin', 'admin/projects', '改造项目', () => import('./views/admin/Projects.vue')),
  page('admin', 'admin/notices', '公告栏', () => import('./views/admin/Notices.vue')),
  page('admin', 'admin/content', '内容审核', () => import('./views/admin/Content.vue')),
  page('admin', 'admin/audit', '审计日志', () => import('./views/admin/Audit.vue')),

  page('committee', 'committee/consultations', '征询', () => import('./views/committee/Consultations.vue')),
  page('committee', 'committee/consultations/:id', '征询详情', () => import('./views/committee/Consultation.vue')),
  page('committee', 'committee/consultations/:id/door-to-door', '入户名单', () => import('./views/committee/DoorToDoor.vue')),
  page('committee', 'committee/projects', '改造项目', () => import('./views/committee/Projects.vue')),
  page('committee', 'committee/projects/:id', '改造项目详情', () => import('./views/committee/Project.vue')),
  page('committee', 'committee/representatives', '居民代表', () => import('./views/committee/Representatives.vue')),
  page('committee', 'committee/notices', '公告栏', () => import('./views/committee/Notices.vue')),
  page('committee', 'committee/claims', '房屋认证', () => import('./views/committee/Claims.vue')),
  page('committee', 'committee/complaints', '工单', () => import('./views/committee/Complaints.vue')),
  page('committee', 'committee/complaints/:id', '工单详情', () => import('./views/committee/Complaint.vue')),
  page('committee', 'committee/content', '内容审核', () => import('./views/committee/Content.vue')),
  page('committee', 'committee/supervisors', '质量监督员', () => import('./views/committee/Supervisors.vue')),
  page('committee', 'committee/receipt', '回执核验', () => import('./views/committee/Receipt.vue')),

  page('designer', 'designer/demand', '需求清单', () => import('./views/designer/Demand.vue')),
  page('designer', 'designer/designs', '设计方案', () => import('./views/designer/Designs.vue')),

  page('property', 'property/orders', '工单', () => import('./views/property/Orders.vue')),
  page('property', 'property/orders/:id', '工单详情', () => import('./views/property/Order.vue')),
  page('property', 'property/ratings', '评价结果', () => import('./views/property/Ratings.vue')),
]
