// How figures and times read in the console: Beijing time, areas in m² with two decimals,
// percentages from exact parts.
export function time(iso: string | null | undefined): string {
  if (!iso) return '—'
  return new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })
}

export function day(iso: string | null | undefined): string {
  if (!iso) return '—'
  return new Date(iso).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' })
}

/** part / whole as "66.7%" (one decimal), "—" when the whole is zero. */
export function percent(part: number, whole: number): string {
  return whole > 0 ? `${((part * 100) / whole).toFixed(1)}%` : '—'
}

export const relationNames: Record<string, string> = { owner: '业主', occupant: '住户' }
export const bindingStatusNames: Record<string, string> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '已驳回',
  withdrawn: '已撤回',
}

// Consultations (征询): states, rules, scopes, choices and tally reasons in Chinese words.
export const consultationStateNames: Record<string, string> = {
  draft: '草稿',
  announced: '公示中',
  open: '投票中',
  closed: '已截止',
  preliminary: '结果公示（询异期）',
  reviewed: '已审议',
  published: '已发布',
}
export const categoryNames: Record<string, string> = { basic: '基础', improvement: '完善', enhancement: '提升' }
export const scopeNames: Record<string, string> = { community: '全小区', building: '按楼栋', unit: '按单元' }
export const ruleNames: Record<string, string> = {
  majority: '过半数',
  supermajority: '四分之三以上',
  consultative: '意见征集',
}
export const choiceNames: Record<string, string> = { support: '同意', oppose: '反对', abstain: '弃权' }
export const channelNames: Record<string, string> = { online: '线上', paper: '纸质', proxy: '委托' }
export const channelOrder = ['online', 'paper', 'proxy']
// 委托投票: an owner's authorisation of a proxy, and where it stands.
export const proxyKindNames: Record<string, string> = { resident: '本小区居民', family: '家属' }
export const proxyStatusNames: Record<string, string> = {
  pending: '待确认',
  confirmed: '已确认',
  rejected: '已驳回',
  revoked: '已撤销',
}
export const decisionNames: Record<string, string> = { approved: '通过', rejected: '驳回' }
export const tallyReasonNames: Record<string, string> = {
  quorum_area: '参与表决的专有面积不足三分之二',
  quorum_headcount: '参与表决的人数不足三分之二',
  approval_area: '同意的专有面积未达到表决规则要求',
  approval_headcount: '同意的人数未达到表决规则要求',
  no_candidate_majority: '未形成决定：没有候选同时获得参与面积和人数过半',
}

/** A decimal string with at most two decimals ("1234.56") as whole hundredths, for exact comparisons. */
export function hundredthsOf(text: string | null | undefined): number {
  if (!text) return 0
  const [w, f = ''] = text.trim().split('.')
  const whole = Number.parseInt(w || '0', 10)
  const frac = Number.parseInt((f + '00').slice(0, 2), 10)
  return Number.isFinite(whole) && Number.isFinite(frac) ? whole * 100 + (w.startsWith('-') ? -frac : frac) : 0
}

/** An area string as "1234.56 m²". */
export function area(text: string | null | undefined): string {
  return text ? `${text} m²` : '—'
}

/** A yuan amount string ("1250000.00") as "¥1,250,000.00". */
export function yuan(text: string | null | undefined): string {
  if (!text) return '—'
  const [w, f = ''] = text.split('.')
  return `¥${w.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${(f + '00').slice(0, 2)}`
}

/** Whether part ≥ 2/3 of whole, exactly (whole > 0). */
export function twoThirds(part: number, whole: number): boolean {
  return whole > 0 && 3 * part >= 2 * whole
}

// Street office (admin) pages: complaint figures, ratings, roles and the audit log in Chinese words.
export const complaintCategoryNames: Record<string, string> = {
  property_security: '物业·安保',
  property_cleaning: '物业·保洁',
  property_greening: '物业·绿化',
  property_repairs: '物业·维修',
  property_fees: '物业·收费',
  property_attitude: '物业·服务态度',
  facilities: '公共设施',
  works_quality: '施工·质量',
  works_noise: '施工·噪音',
  works_dust: '施工·扬尘',
  works_safety: '施工·安全',
  other: '其他',
}
export const complaintStatusNames: Record<string, string> = {
  submitted: '待受理',
  accepted: '已受理',
  rejected: '不予受理',
  assigned: '已派单',
  in_progress: '办理中',
  replied: '已反馈',
  closed: '已办结',
  reopened: '已退回重办',
}
export const ratingDimensionNames: Record<string, string> = {
  security: '安保',
  cleaning: '保洁',
  greening: '绿化',
  repairs: '维修',
  fees: '收费透明',
  attitude: '服务态度',
}
export const ratingDimensionOrder = ['security', 'cleaning', 'greening', 'repairs', 'fees', 'attitude']
export const periodStateNames: Record<string, string> = { upcoming: '未开始', open: '评价中', closed: '已结束' }
export const grantRoleNames: Record<string, string> = {
  admin: '街道管理员',
  committee: '社区委员会',
  designer: '设计单位',
  property: '物业人员',
}

/** A complaint rate (numerator / denominator) as "83.3%（5/6）", "—" when nothing to count. */
export function rate(r: { numerator: number; denominator: number; percent?: string | null } | null | undefined): string {
  if (!r || r.denominator === 0) return '—'
  return `${r.percent ?? percent(r.numerator, r.denominator).replace('%', '')}%（${r.numerator}/${r.denominator}）`
}

/** A Date as YYYY-MM-DD in China time (the API's days). */
export function isoDay(d: Date): string {
  return d.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' })
}

export const auditActionNames: Record<string, string> = {
  'ballot.cast': '线上投票',
  'ballot.paper_enter': '录入纸质票',
  'ballot.paper_confirm': '确认纸质票',
  'ballot.paper_void': '作废纸质票',
  'proxy.authorise': '登记委托投票',
  'proxy.confirm': '确认委托投票',
  'proxy.reject': '驳回委托投票',
  'proxy.revoke': '撤销委托投票',
  'binding.claim': '申请房屋认证',
  'binding.approve': '通过房屋认证',
  'binding.auto_approve': '自动通过房屋认证',
  'binding.reject': '驳回房屋认证',
  'binding.withdraw': '撤回房屋认证',
  'catalog.add': '新增菜单事项',
  'community.create': '新建社区',
  'company.create': '登记物业企业',
  'company.contract': '签订物业服务合同',
  'company.contract_end': '调整合同终止日',
  'complaint.submit': '提交工单',
  'complaint.accept': '受理工单',
  'complaint.reject': '不予受理工单',
  'complaint.assign': '派单',
  'complaint.start': '开始办理',
  'complaint.reply': '办理反馈',
  'complaint.confirm': '确认办结',
  'complaint.send_back': '退回重办',
  'complaint.comment': '工单留言',
  'complaint.me_too': '附议工单',
  'consultation.create': '新建征询',
  'consultation.edit': '修改征询',
  'consultation.item_add': '添加事项',
  'consultation.item_remove': '删除事项',
  'consultation.item_decide': '审议事项',
  'consultation.announce': '公示征询',
  'consultation.open': '开始投票',
  'consultation.extend': '延长投票',
  'consultation.close': '截止投票',
  'consultation.preliminary': '公布初步结果',
  'consultation.review': '完成审议',
  'consultation.publish': '发布结果',
  'content.hold': '内容待审核',
  'content.release': '放行内容',
  'content.remove': '移除内容',
  'demo.create': '创建演示数据',
  'district.create': '新建街道',
  'message_grants.record': '记录订阅消息授权',
  'notice.post': '发布公告',
  'notice.update': '修改公告',
  'notice.withdraw': '撤回公告',
  'objection.file': '提出异议',
  'objection.answer': '答复异议',
  'rating.create': '提交评价',
  'rating.revise': '修改评价',
  'rating.reply': '物业回应评价',
  'rating_period.open': '开启评价期',
  'rating_period.close': '结束评价期',
  'role.bootstrap_admin': '初始化平台管理员',
  'role.grant': '授予岗位',
  'role.revoke': '撤销岗位',
  'roster.import': '导入花名册',
  'session.end': '退出登录',
  'session.refresh': '续期登录',
  'session.start': '登录',
  'session.revoke_reused': '令牌重用，注销会话',
  'supervisor.appoint': '任命质量监督员',
  'supervisor.revoke': '撤销质量监督员',
  'upload.create': '上传照片',
  'upload.review': '微信照片审核结果',
  'upload.sweep': '清理未使用照片',
  'user.create_staff': '创建工作人员账号',
  'user.disable': '停用工作人员账号',
  'user.enable': '启用工作人员账号',
  'user.erase': '注销账号（清除个人信息）',
  'user.phone_verified': '绑定手机号',
  'user.privacy_consent': '同意隐私政策',
  'user.register': '居民注册',
  'user.rename': '修改姓名',
  'project.create': '建立改造项目',
  'design.submit': '提交设计方案',
  'representative.appoint': '任命居民代表',
  'representative.revoke': '撤销居民代表',
  'review.open': '发起代表评审',
  'review.opinions': '代表提交评审意见',
  'review.decide': '记录评审结论',
  'design_objection.file': '对设计方案提出异议',
  'design_objection.answer': '答复设计方案异议',
  'design.approve': '批准设计方案',
  'works.party': '登记参建单位',
  'works_notice.issue': '下发整改/停工通知',
  'works_notice.plan': '提交整改方案',
  'works_notice.close': '整改销号/停工解除',
  'works.milestone': '登记施工节点',
  'acceptance.rate': '居民验收评价',
  'acceptance.decide': '记录竣工验收结论',
}
export const auditObjectNames: Record<string, string> = {
  ballot: '选票',
  ballot_comment: '投票意见',
  binding: '房屋认证',
  catalog_item: '菜单事项',
  community: '社区',
  complaint: '工单',
  complaint_event: '工单留言',
  consultation: '征询',
  display_name: '昵称',
  district: '街道',
  notice: '公告',
  objection: '异议',
  photo: '照片',
  property_company: '物业企业',
  property_contract: '物业合同',
  quality_supervisor: '质量监督员',
  rating: '评价',
  rating_period: '评价期',
  rating_reply: '物业回应',
  role_grant: '岗位授权',
  session: '会话',
  upload: '照片',
  user: '用户',
  design: '设计方案',
  design_objection: '设计方案异议',
  design_review: '代表评审',
  project: '改造项目',
  proxy: '委托投票',
  representative: '居民代表',
  review_opinion: '代表评审意见',
  works_notice: '整改/停工通知',
  acceptance_rating: '验收评价',
}

// 内容审核: what WeChat's content check held for the committee (HeldView), in Chinese words.
export const heldKindNames: Record<string, string> = {
  complaint: '工单描述',
  complaint_event: '工单留言',
  objection: '异议',
  design_objection: '设计方案异议',
  review_opinion: '代表评审意见',
  acceptance_rating: '验收评价意见',
  rating: '评价意见',
  ballot_comment: '投票意见',
  display_name: '昵称',
  photo: '照片',
}
export const heldStateNames: Record<string, string> = { held: '待审核', released: '已放行', removed: '已移除' }
/** The labels of WeChat's content check (msgSecCheck / mediaCheckAsync, version 2). */
export const wechatLabelNames: Record<number, string> = {
  100: '正常',
  10001: '广告',
  20001: '时政',
  20002: '色情',
  20003: '辱骂',
  20006: '违法犯罪',
  20008: '欺诈',
  20012: '低俗',
  20013: '版权',
  21000: '其他',
}

/** Why a text is held: 微信提示需人工复核（标签：时政 20001）, or WeChat could not be asked. */
export function heldReason(reason: string, label: number | null | undefined): string {
  if (reason === 'unchecked') return '微信暂不可用，未能检查'
  if (reason === 'review') {
    if (label == null) return '微信提示需人工复核'
    const name = wechatLabelNames[label]
    return `微信提示需人工复核（标签：${name ? `${name} ${label}` : label}）`
  }
  return reason
}

// Work orders (工单) in the committee's and property staff's pages: steps, who took them,
// assignees, urgency, places and deadlines in Chinese words.
/** Steps as the timeline of an order tells them (worded apart from the step buttons). */
export const complaintActionNames: Record<string, string> = {
  submit: '居民提交工单',
  accept: '已受理',
  reject: '决定不予受理',
  assign: '已派单',
  start: '已开始办理',
  reply: '已反馈办理结果',
  confirm: '居民确认办结',
  send_back: '居民退回重办',
  comment: '留言',
  me_too: '居民附议',
}
export const complaintActorNames: Record<string, string> = {
  resident: '居民',
  committee: '社区委员会',
  admin: '街道',
  property: '物业',
}
export const assigneeNames: Record<string, string> = { company: '物业服务企业', committee: '社区委员会' }
export const urgencyNames: Record<string, string> = { normal: '一般', urgent: '紧急' }
export const demandOutcomeNames: Record<string, string> = { passed: '通过', failed: '未通过', consultative: '意见征集' }

/** Where an order is: "3号楼 2单元", "3号楼" or the public place. */
export function complaintPlace(l: { kind: string; building?: string | null; unit?: string | null; place?: string | null }): string {
  if (l.kind === 'public') return l.place ? `公共区域：${l.place}` : '公共区域'
  const parts = [l.building, l.kind === 'unit' ? l.unit : null, l.place].filter((x): x is string => !!x)
  return parts.length ? parts.join(' ') : '—'
}

/** Time left to a deadline, or past it: "剩余 2 天 3 小时", "超期 5 小时". */
export function dueIn(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return '—'
  const ms = new Date(iso).getTime() - now
  const hours = Math.floor(Math.abs(ms) / 3_600_000)
  const d = Math.floor(hours / 24)
  const h = hours % 24
  const span = d > 0 ? `${d} 天 ${h} 小时` : hours > 0 ? `${hours} 小时` : '不到 1 小时'
  return ms >= 0 ? `剩余 ${span}` : `超期 ${span}`
}

// The notice board (公告栏): where a notice came from, and where it stands now.
export const noticeSourceNames: Record<string, string> = {
  manual: '手动发布',
  consultation_announced: '征询公示',
  consultation_published: '结果公告',
  design_notice: '设计方案公示',
}
export type NoticeState = 'shown' | 'scheduled' | 'expired' | 'withdrawn'
export const noticeStateNames: Record<NoticeState, string> = {
  shown: '显示中',
  scheduled: '待显示',
  expired: '已过期',
  withdrawn: '已撤回',
}

/** Where a notice stands at `now` as residents see it (the server's rule: from ≤ now < until). */
export function noticeState(
  n: { visible_from: string; visible_until?: string | null; withdrawn_at?: string | null },
  now: number = Date.now(),
): NoticeState {
  if (n.withdrawn_at) return 'withdrawn'
  if (new Date(n.visible_from).getTime() > now) return 'scheduled'
  if (n.visible_until && new Date(n.visible_until).getTime() <= now) return 'expired'
  return 'shown'
}

// 怎么改: the renovation project, its design, works and acceptance, in Chinese words.
export const phaseNames: Record<string, string> = {
  design: '方案设计',
  design_review: '代表评审',
  public_notice: '方案公示',
  works: '施工',
  acceptance: '竣工验收',
  done: '已完成',
}
export const phaseOrder = ['design', 'design_review', 'public_notice', 'works', 'acceptance', 'done']
export const designStateNames: Record<string, string> = {
  submitted: '待评审',
  in_review: '评审中',
  accepted: '公示中',
  approved: '已批准',
  revise: '退回修改',
  superseded: '已被新版本替代',
}
export const opinionNames: Record<string, string> = { agree: '同意', agree_with_changes: '修改后同意', disagree: '不同意' }
export const partyNames: Record<string, string> = { builder: '建设单位', contractor: '施工单位', supervisor: '监理单位' }
export const worksNoticeKindNames: Record<string, string> = { problem: '整改通知', stop_work: '停工通知' }
export const worksNoticeSourceNames: Record<string, string> = { supervisor_report: '监督员报告', inspection: '检查发现' }
export const ledgerStateNames: Record<string, string> = { open: '待整改', rectifying: '整改中', overdue: '已逾期', closed: '已销号' }
export const milestoneNames: Record<string, string> = { started: '开工', half: '过半', finished: '完工' }
export const satisfactionNames: Record<string, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
}
export const acceptanceDecisionNames: Record<string, string> = { accepted: '通过验收', not_accepted: '暂不通过' }

// 阶梯出资 (an elevator's cost split by floor): the default coefficients, amounts and the notes
// of GET /consultations/{id}/cost-shares in Chinese words.
/** The default coefficient of a floor, in hundredths: floors 1–2 pay 0, floor 3 0.70, then 0.10 more a floor. */
export function defaultCoefficient(floor: number): number {
  return floor <= 2 ? 0 : 70 + 10 * (floor - 3)
}

/** Whole hundredths as a two-decimal string: 12345 → "123.45", -5 → "-0.05". */
export function fromHundredths(n: number): string {
  const sign = n < 0 ? '-' : ''
  const a = Math.abs(n)
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`
}

/** A yuan amount string without the sign, with thousands separators: "100000.00" → "100,000.00". */
export function money(text: string | null | undefined): string {
  if (!text) return '—'
  return yuan(text).slice(1)
}

/** A percentage the server worked out ("66.7") as "66.7%", "—" when it has none. */
export function percentText(p: string | null | undefined): string {
  return p ? `${p}%` : '—'
}

/** The scope instances of an item split by floor (those with a cost share), each with it as `cost`. */
export function withCostShare<T extends { cost_share?: unknown }>(instances: T[]): (T & { cost: NonNullable<T['cost_share']> })[] {
  return instances.flatMap((i) => (i.cost_share ? [{ ...i, cost: i.cost_share as NonNullable<T['cost_share']> }] : []))
}

/** A coefficient table as runs of floors: "1–2层 0.00 · 3层 0.70 · 4层 0.80". */
export function coefficientsText(rows: { floor: number; coefficient: string }[]): string {
  const sorted = [...rows].sort((a, b) => a.floor - b.floor)
  const runs: { from: number; to: number; c: number }[] = []
  for (const r of sorted) {
    const c = hundredthsOf(r.coefficient)
    const last = runs[runs.length - 1]
    if (last && last.c === c && last.to === r.floor - 1) last.to = r.floor
    else runs.push({ from: r.floor, to: r.floor, c })
  }
  return runs.map((r) => `${r.from === r.to ? r.from : `${r.from}–${r.to}`}层 ${fromHundredths(r.c)}`).join(' · ')
}

/** Whether a table gives every floor from 1 to its last row the default coefficient (the server's rule). */
export function isDefaultTable(rows: { floor: number; coefficient: string }[]): boolean {
  const sorted = [...rows].sort((a, b) => a.floor - b.floor)
  const top = sorted.length ? sorted[sorted.length - 1].floor : 1
  if (sorted.length !== top) return false
  return sorted.every((r, i) => r.floor === i + 1 && hundredthsOf(r.coefficient) === defaultCoefficient(r.floor))
}

export const costBasisNames: Record<string, string> = {
  register: '按当前登记册计算（开始投票时冻结）',
  roll: '按投票开始时冻结的名册',
}
const REMAINDER_RULE_EN =
  'each dwelling pays the whole fen of its exact share; the fen left over go one each to the dwellings with the largest dropped fractions, on equal fractions the higher floor first, then the dwelling id'
/** How the fen left over by rounding are placed, in Chinese (the server's rule as it states it). */
export function remainderRuleText(rule: string): string {
  return rule.replace(/\s+/g, ' ').trim() === REMAINDER_RULE_EN
    ? '每户先取精确份额的整分，余下的分按舍去部分从大到小各补一分，相同时楼层高者先、再按房屋编号。'
    : rule
}
