// The server states each field error in English (its API is read by developers); the console
// shows it beside the field in Chinese. Field errors have no codes of their own, so the rules are
// matched by their wording, from crates/domain/src/limits.rs and the use cases' checks. A message
// not known here is shown as the server wrote it (the form's code in small print still tells
// support what happened).
const exact: Record<string, string> = {
  'is required': '必填',
  'is required for this step': '这一步需要填写',
  'is required for this role': '这个岗位需要选择',
  'is required for the property role': '物业人员需要选择物业企业',
  'must be yuan with at most two decimals': '应为金额（元），最多两位小数',
  'must be 0–100 with at most two decimals': '应为 0 到 100 之间的数，最多两位小数',
  'must be after opens_at': '须晚于投票开始时间',
  'must be after visible_from and in the future': '须晚于开始显示时间，且晚于现在',
  'must be after opens_at and in the future': '须晚于投票开始时间，且晚于现在',
  'must be within the voting window and not in the future': '须在投票时间内，且不能晚于现在',
  'must be a date, YYYY-MM-DD': '应为日期（年-月-日）',
  'must be a phone number': '应为 11 位手机号',
  'must be 18 letters and digits': '应为 18 位统一社会信用代码（字母和数字）',
  "must be 3–64 characters: letters, digits, '.', '_' or '-'": '应为 3–64 位字母、数字或 . _ -',
  'must not contain control characters': '不能含控制字符',
  'must not be before starts_on': '不能早于开始日期',
  'must not be before from': '不能早于开始时间',
  'must not be before the first day served': '不能早于服务开始日期',
  'a period lasts at most a year': '一个评价期最长一年',
  'a community-wide item has no targets': '全小区的事项不需要选择楼栋或单元',
  'is a default catalogue code': '与目录中的编码重复，请换一个',
  '3–40 characters: a-z, 0-9, _': '应为 3–40 位小写字母、数字或下划线',
  'no such building in this community': '本社区没有这个楼栋',
  'no such unit in this building': '这个楼栋没有这个单元',
  'not on this consultation\'s roll': '不在本次征询冻结的名册中',
  'is not a verified resident of this community': '不是本社区已认证的居民',
  // 委托投票 (crates/app/src/proxies/authorise.rs).
  'must be a mainland mobile number': '应为中国大陆 11 位手机号',
  "is the owner's own number: an owner votes for themselves": '这是业主本人的号码：业主本人可直接投票，无需委托',
  "give photos of the signed authorisation or the paper form's reference": '请填写委托书编号或上传委托书照片',
  "name the owner's dwelling": '请选择业主的房屋',
  "not a dwelling of this consultation's roll": '不在本次征询的业主名册中',
  'give exactly one of community_id or district_id': '社区和街道只能选择一个',
  'the file is empty or has no header row': '文件为空，或缺少表头行',
  'the file is neither UTF-8 nor GBK text': '文件既不是 UTF-8 也不是 GBK 编码的文本',
  // Candidates of an item and a ballot's candidate (crates/domain/src/election.rs, ballot.rs).
  'give between 2 and 20 candidates': '候选须为 2–20 个',
  '1–20 letters, digits, _ or -': '编号应为 1–20 位字母、数字、_ 或 -',
  'is given to two candidates': '与另一候选重复',
  '1–100 characters, no control characters': '应为 1–100 个字，不能含控制字符',
  'this item has no candidates': '这个事项没有候选',
  'no such candidate on this item': '这个事项没有该候选',
  'name the candidate you vote for': '请选择所投的候选',
  'a candidate is named only with support (oppose: none of them)': '只有选定某一候选时才填写候选（都不同意请选“都不同意”）',
  // A photo sent by its upload id (crates/app/src/uploads/attach.rs).
  'is already in the list': '重复了',
  "was refused by WeChat's image check": '未通过微信图片安全检查，请移除后换一张',
  'is already attached': '已用于别处，请移除后重新上传',
  'is not a photo you uploaded (POST /api/v1/uploads)': '不是本人上传的照片，或上传超过一天已被清理，请移除后重新上传',
  // 阶梯出资: an item's cost split by floor (crates/app/src/consultations/cost_shares.rs,
  // items.rs, crates/domain/src/cost_share.rs).
  'must be above 0': '须大于 0',
  "may not exceed the unit's cost": '不能超过每单元造价',
  'list at least one floor': '至少列出一个楼层',
  'give the reason for floor coefficients other than the default table': '楼层系数与默认规则不同，请填写调整理由',
  'a cost split by floor is for a unit-scoped item: each unit builds and splits its own':
    '阶梯出资只适用于按单元表决的事项：每个单元各自加装、各自分摊',
  'an item with candidates has no cost split': '有候选项的事项不能设阶梯出资',
}

const patterns: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^must be at most (\d+) characters$/, (m) => `最多 ${m[1]} 个字`],
  [/^is longer than (\d+) characters$/, (m) => `最多 ${m[1]} 个字`],
  [/^must be (\d+)–(\d+) characters$/, (m) => `应为 ${m[1]}–${m[2]} 个字`],
  [/^must be (-?\d+)–(-?\d+)$/, (m) => `应在 ${m[1]} 到 ${m[2]} 之间`],
  [/^must be an integer from (-?\d+) to (-?\d+)$/, (m) => `应为 ${m[1]} 到 ${m[2]} 之间的整数`],
  [/^must be between (-?\d+) and (-?\d+)$/, (m) => `应在 ${m[1]} 到 ${m[2]} 之间`],
  [/^must not contain invisible or bidirectional/, () => '不能含不可见字符或文字方向控制字符'],
  [/^(.+) is not a (building|unit) of this community$/, (m) => `所选${m[2] === 'building' ? '楼栋' : '单元'}不属于本社区`],
  [/^at most (\d+) references/, (m) => `最多 ${m[1]} 张照片`],
  [/^at most (\d+) photos$/, (m) => `最多 ${m[1]} 张照片`],
  // "must be a, b or c", "must be one of a, b": a value from a fixed list the form offers.
  [/^must be (one of )?[a-z_0-9]+(, [a-z_0-9]+)*( or [a-z_0-9]+)?$/, () => '请从给出的选项中选择'],
  [/^must be an? .+ id$/, () => '所选对象不存在'],
  [/^refused by WeChat's content check/, () => '未通过微信内容安全检查，请修改'],
  [/^floor (-?\d+): a coefficient is 0\.00–5\.00( with at most two decimals)?$/, (m) => `${m[1]} 层：系数应为 0.00–5.00，最多两位小数`],
  [/^floor (-?\d+): floors are 1–(\d+)$/, (m) => `${m[1]} 层：楼层应为 1–${m[2]}`],
  [/^floor (-?\d+) is listed twice$/, (m) => `${m[1]} 层重复列出`],
]

/** The Chinese wording of a server field error, or the server's own when it is not known. */
export function fieldText(message: string): string {
  const known = exact[message]
  if (known) return known
  for (const [re, say] of patterns) {
    const m = message.match(re)
    if (m) return say(m)
  }
  return message
}
