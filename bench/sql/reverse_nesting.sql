-- The raw-SQL ceiling for organisations -> their clusters -> their certifications.
SELECT json_agg(o ORDER BY o.sort_name, o.id) FROM (
  SELECT org.id, org.sort_name, org.name,
    (SELECT json_agg(json_build_object('cluster', cl.name_pl,
        'kkk', (SELECT json_agg(json_build_object('round', r.name, 'validUntil', k.valid_until, 'heldFrom', k.held_from, 'heldUntil', k.held_until) ORDER BY k.id)
                FROM kkk_certification k LEFT JOIN kkk_round r ON r.number = k.round_number WHERE k.cluster_id = cl.id)) ORDER BY m.id)
     FROM membership m JOIN cluster cl ON cl.id = m.cluster_id WHERE m.organisation_id = org.id) AS clusters
  FROM organisation org ORDER BY org.sort_name, org.id LIMIT 50
) o;
