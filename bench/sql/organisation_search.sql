-- The raw-SQL ceiling for the search: folded text, trigram index, first 20 by name.
SELECT json_agg(x) FROM (
  SELECT name, kind, city FROM organisation WHERE search_text LIKE '%zuraw%' ORDER BY sort_name, id LIMIT 20
) x;
