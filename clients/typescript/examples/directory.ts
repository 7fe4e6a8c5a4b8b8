// Pages through the cluster directory with a filter and prints one line per cluster:
//   npm run example -- [text] [VOIVODESHIP_CODE]     (KLASTRY_API: the endpoint)
import {
  DirectoryDocument,
  KlastryError,
  request,
  type DirectoryQuery,
  type VoivodeshipCode,
} from "../src/index.js";

type Cluster = DirectoryQuery["clusters"]["nodes"][number];

const url = process.env.KLASTRY_API ?? "http://127.0.0.1:8080/graphql";
const [text, voivodeship] = process.argv.slice(2);

/** One page of at most 100, after the cursor `after` (from the start when null). */
function directoryPage(after: string | null) {
  // Variables and the answer are typed by operations/directory.graphql: a misspelt filter
  // field or order fails to compile. (A code from the command line is the server's to check:
  // an unknown one is refused with GRAPHQL_VALIDATION_FAILED.)
  const voivodeships = voivodeship ? [voivodeship as VoivodeshipCode] : null;
  return request(
    DirectoryDocument,
    {
      filter: { text, voivodeships },
      orderBy: { field: "NAME", direction: "ASC" },
      first: 100,
      after,
    },
    { url },
  );
}

/** Every page: pass the last page's `endCursor` as `after` until `hasNextPage` is false. */
async function directory(): Promise<Cluster[]> {
  const clusters: Cluster[] = [];
  let after: string | null = null;
  for (;;) {
    const { clusters: page } = await directoryPage(after);
    clusters.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) return clusters;
    after = page.pageInfo.endCursor;
  }
}

try {
  const clusters = await directory();
  for (const cluster of clusters) {
    const esca = cluster.escaLabels.map((label) => `ESCA ${label.level} ${label.status}`);
    const kkk = cluster.kkkStatus ? [`KKK ${cluster.kkkStatus}`] : [];
    console.log(`${cluster.slug}  ${cluster.name}  ${[...kkk, ...esca].join(", ")}`);
  }
  console.log(`${clusters.length} clusters`);
} catch (error) {
  // A refusal names its code: RATE_LIMITED (wait extensions.retryAfter seconds), BAD_USER_INPUT, …
  if (error instanceof KlastryError) console.error(`${error.code}: ${error.message}`);
  else console.error(error);
  process.exitCode = 1;
}
