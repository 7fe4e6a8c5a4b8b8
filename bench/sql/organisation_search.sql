-- The raw-SQL ceiling for the search: folded text, first 20 by name. The page's ids are picked
-- from the name index, which holds the folded text (an index-only scan), then its rows are read
-- by id, as klastry reads them.
SELECT json_agg(x) FROM (
  SELECT name, kind, city FROM organisation
  WHERE id = ANY(ARRAY(SELECT id FROM organisation WHERE search_text LIKE '%zuraw%' ORDER BY sort_name, id LIMIT 20))
  ORDER BY sort_name, id
) x;
