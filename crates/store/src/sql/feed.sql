-- A resident's home feed in one statement. Parameters: :user (the resident's user id) and :now,
-- each bound where it appears (see feed.rs).
-- A first row, kind 'account', is the resident's account itself (its disabled_at in `at`): the
-- statement is the feed's only round trip, so it also answers whether the token's account
-- still exists and may act. Then one row per item: its kind, what it names, and what orders it
-- within its kind (pin, sort_at); the kinds' order is the caller's. Every part starts from the
-- resident's own rows (their bindings, orders, ballot versions), so the cost follows what they
-- hold, not the city's size. One window function (the unread count) and no ORDER BY but those
-- the two limits need: each sort is work done per feed.
WITH mine AS (
    -- Their approved and pending claims, with each community's district.
    SELECT b.id, b.dwelling_id, b.community_id, c.district_id, b.relation, b.status, b.created_at
    FROM bindings b
    JOIN communities c ON c.id = b.community_id
    WHERE b.user_id = :user AND b.status IN ('approved', 'pending')
)
SELECT 'account' AS kind, u.id AS object_id, CAST(NULL AS TEXT) AS community_id, CAST(NULL AS TEXT) AS title,
       CAST(NULL AS TIMESTAMP) AS due_at, CAST(NULL AS TEXT) AS receipt, u.disabled_at AS at,
       CAST(0 AS BIGINT) AS total, 0 AS pin, CAST(NULL AS TIMESTAMP) AS sort_at
FROM users u
WHERE u.id = :user
UNION ALL
-- Open consultations with a dwelling they own on the roll whose owner has no counting ballot
-- (several dwellings of one owner are one ballot: one such row is enough).
SELECT 'vote', k.id, k.community_id, k.title, k.closes_at, NULL, NULL, 0, 0, k.closes_at
FROM consultations k
WHERE k.state = 'open' AND k.id IN (
    SELECT e.consultation_id
    FROM mine m
    JOIN electorate e ON e.dwelling_id = m.dwelling_id
    LEFT JOIN ballots bl ON bl.consultation_id = e.consultation_id AND bl.owner_key = e.owner_key
    WHERE m.status = 'approved' AND m.relation = 'owner' AND bl.counting_version_id IS NULL)
UNION ALL
-- Their orders answered and waiting for them to confirm.
SELECT 'confirm_complaint', id, community_id, description, NULL, NULL, replied_at, 0, 0, replied_at
FROM complaints
WHERE submitted_by = :user AND status = 'replied'
UNION ALL
-- Rating periods open now in their districts while one of their dwellings there has not rated.
SELECT 'rate', p.id, NULL, p.name, p.closes_at, NULL, NULL, 0, 0, p.closes_at
FROM rating_periods p
WHERE p.district_id IN (SELECT district_id FROM mine WHERE status = 'approved')
  AND p.opens_at <= :now AND p.closes_at > :now
  AND EXISTS (
      SELECT 1 FROM mine m
      WHERE m.status = 'approved' AND m.district_id = p.district_id
        AND NOT EXISTS (SELECT 1 FROM ratings r WHERE r.period_id = p.id AND r.dwelling_id = m.dwelling_id))
UNION ALL
-- The newest three unread notices on their communities' boards (pinned first), with how many
-- are unread in all (counted before the limit).
SELECT * FROM (
    SELECT 'notice', n.id, n.community_id, n.title, CAST(NULL AS TIMESTAMP), CAST(NULL AS TEXT),
           CAST(NULL AS TIMESTAMP), count(*) OVER (), CASE WHEN n.pinned THEN 1 ELSE 0 END, n.visible_from
    FROM notices n
    WHERE n.community_id IN (SELECT community_id FROM mine WHERE status = 'approved')
      AND n.withdrawn_at IS NULL AND n.visible_from <= :now
      AND (n.visible_until IS NULL OR n.visible_until > :now)
      AND NOT EXISTS (SELECT 1 FROM notice_reads r WHERE r.notice_id = n.id AND r.user_id = :user)
    ORDER BY n.pinned DESC, n.visible_from DESC, n.id DESC
    LIMIT 3
) unread
UNION ALL
-- 怎么改: reviews of a design open with them on the panel (a representative's seat).
SELECT 'review', r.id, p.community_id, p.title, NULL, NULL, r.opened_at, 0, 0, r.opened_at
FROM review_panel rp
JOIN design_reviews r ON r.id = rp.review_id
JOIN designs d ON d.id = r.design_id
JOIN projects p ON p.id = d.project_id
WHERE rp.user_id = :user AND r.outcome IS NULL
UNION ALL
-- Finished works in their communities waiting for their acceptance rating: no dwelling of
-- theirs has rated any measure of the project yet.
SELECT 'rate_works', p.id, p.community_id, p.title, NULL, NULL, NULL, 0, 0, p.updated_at
FROM projects p
WHERE p.phase = 'acceptance'
  AND p.community_id IN (SELECT community_id FROM mine WHERE status = 'approved')
  AND NOT EXISTS (
      SELECT 1 FROM acceptance_ratings a
      WHERE a.project_id = p.id
        AND a.dwelling_id IN (SELECT dwelling_id FROM mine WHERE status = 'approved'))
UNION ALL
-- Their claims the committee has not decided yet.
SELECT 'claim_pending', id, community_id, NULL, NULL, NULL, NULL, 0, 0, created_at
FROM mine
WHERE status = 'pending'
UNION ALL
-- The last three ballot versions they signed (their index gives them in order, then the titles).
SELECT 'receipt', latest.consultation_id, NULL, k.title, NULL, latest.receipt, latest.signed_at, 0, 0,
       latest.created_at
FROM (
    SELECT v.receipt, v.consultation_id, v.signed_at, v.created_at
    FROM ballot_versions v
    WHERE v.cast_by = :user
    ORDER BY v.created_at DESC
    LIMIT 3
) latest
JOIN consultations k ON k.id = latest.consultation_id
