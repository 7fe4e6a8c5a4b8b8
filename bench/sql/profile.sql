-- The raw-SQL ceiling for one cluster's profile by slug, as one JSON document.
\set n random(1, 2000)
SELECT json_build_object(
  'cluster', row_to_json(cl),
  'coordinator', (SELECT row_to_json(o) FROM organisation o WHERE o.id = cl.coordinator_id),
  'sectors', (SELECT json_agg(s) FROM cluster_sector cs JOIN sector s ON s.id = cs.sector_id WHERE cs.cluster_id = cl.id),
  'members', (SELECT json_agg(x) FROM (SELECT m.role, m.joined_on, o.name, o.kind, o.city FROM membership m JOIN organisation o ON o.id = m.organisation_id
               WHERE m.cluster_id = cl.id AND m.status = 'ACTIVE' ORDER BY m.member_sort_name, m.organisation_id LIMIT 20) x),
  'memberCount', (SELECT count(*) FROM membership m WHERE m.cluster_id = cl.id AND m.status = 'ACTIVE'),
  'kkk', (SELECT json_agg(k ORDER BY k.id) FROM kkk_certification k WHERE k.cluster_id = cl.id),
  'esca', (SELECT json_agg(e ORDER BY e.id) FROM esca_label e WHERE e.cluster_id = cl.id),
  'people', (SELECT json_agg(json_build_object('role', r.role, 'name', p.full_name)) FROM cluster_role r JOIN person p ON p.id = r.person_id WHERE r.cluster_id = cl.id),
  'projects', (SELECT json_agg(p) FROM project p WHERE p.cluster_id = cl.id),
  'events', (SELECT json_agg(e) FROM event e WHERE e.cluster_id = cl.id))
FROM cluster cl WHERE cl.slug = (SELECT slug FROM cluster ORDER BY id OFFSET :n - 1 LIMIT 1);
