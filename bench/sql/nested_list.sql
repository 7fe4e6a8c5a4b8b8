-- The raw-SQL ceiling: the same data as the nested list, as one JSON document.
SELECT json_agg(c ORDER BY c.sort_name, c.id) FROM (
  SELECT cl.id, cl.sort_name, cl.name_pl AS name,
    (SELECT json_build_object(
        'totalCount', (SELECT count(*) FROM membership m WHERE m.cluster_id = cl.id AND m.status = 'ACTIVE'),
        'edges', (SELECT json_agg(json_build_object('role', x.role, 'name', x.name, 'kind', x.kind) ORDER BY x.member_sort_name, x.oid)
                  FROM (SELECT m.role, o.name, o.kind, m.member_sort_name, m.organisation_id AS oid
                        FROM membership m JOIN organisation o ON o.id = m.organisation_id
                        WHERE m.cluster_id = cl.id AND m.status = 'ACTIVE'
                        ORDER BY m.member_sort_name, m.organisation_id LIMIT 20) x))) AS members,
    (SELECT json_agg(json_build_object('round', r.name, 'validUntil', k.valid_until, 'heldFrom', k.held_from, 'heldUntil', k.held_until, 'latestEnd', k.latest_end) ORDER BY k.id)
       FROM kkk_certification k LEFT JOIN kkk_round r ON r.number = k.round_number WHERE k.cluster_id = cl.id) AS kkk,
    (SELECT json_agg(json_build_object('level', e.level, 'awardedOn', e.awarded_on, 'heldFrom', e.held_from, 'heldUntil', e.held_until, 'latestEnd', e.latest_end) ORDER BY e.id)
       FROM esca_label e WHERE e.cluster_id = cl.id) AS esca
  FROM cluster cl ORDER BY cl.sort_name, cl.id LIMIT 50
) c;
