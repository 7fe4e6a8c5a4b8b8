// PostGraphile 5 for the benchmark's --peers run: the Amber preset with the connection filter,
// on the database in DATABASE_URL, listening on 127.0.0.1:$PORT. bench.py copies this file into
// bench/.peers5, where its imports resolve. Its queries are PostGraphile 4's (bench/postgraphile/) with
// the primary key's order named as version 5 names it (`postgraphile5_query` in bench.py).
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { PostGraphileConnectionFilterPreset } from "postgraphile-plugin-connection-filter";
import { makePgService } from "postgraphile/adaptors/pg";

export default {
  extends: [PostGraphileAmberPreset, PostGraphileConnectionFilterPreset],
  pgServices: [makePgService({ connectionString: process.env.DATABASE_URL, schemas: ["public"] })],
  grafserv: { port: Number(process.env.PORT ?? 18491), host: "127.0.0.1", graphiql: false },
};
