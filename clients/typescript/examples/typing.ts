// Compiled, never run: what the generated types refuse. Each `@ts-expect-error` fails the
// build if the line below it ever compiles, so the check proves the client is typed.
import {
  ClusterDocument,
  DirectoryDocument,
  UpdateClusterDocument,
  request,
} from "../src/index.js";

export async function refused(): Promise<void> {
  // Variables that are all optional may be left out.
  await request(DirectoryDocument);
  // @ts-expect-error `slug` is required by operations/cluster.graphql.
  await request(ClusterDocument, {});
  // @ts-expect-error not a value of the schema's ClusterOrderField.
  await request(DirectoryDocument, { orderBy: { field: "POPULARITY" } });
  // @ts-expect-error `version` is required by UpdateClusterInput.
  await request(UpdateClusterDocument, { input: { id: "Q2x1c3Rlcjox" } });
  const { cluster } = await request(ClusterDocument, { slug: "x" });
  // @ts-expect-error `cluster` may be null, and `address` was not selected.
  console.log(cluster.address);
}
