// Signs in, reads a cluster's profile and changes its website, showing the three ways an
// answer can go: written, refused field by field in `userErrors`, or a GraphQL error.
//   KLASTRY_EMAIL=… KLASTRY_PASSWORD=… npm run example:update -- <slug> <website>
import {
  ClusterDocument,
  KlastryError,
  SignInDocument,
  UpdateClusterDocument,
  request,
} from "../src/index.js";

const url = process.env.KLASTRY_API ?? "http://127.0.0.1:8080/graphql";
const [slug = "klaster-gospodarki-odpadowej-i-recyklingu", website = "https://example.pl"] =
  process.argv.slice(2);

try {
  const email = process.env.KLASTRY_EMAIL ?? "";
  const password = process.env.KLASTRY_PASSWORD ?? "";
  const { signIn } = await request(SignInDocument, { input: { email, password } }, { url });
  // Wrong credentials throw (UNAUTHENTICATED); a payload without a session names its reasons.
  if (!signIn.session) {
    for (const e of signIn.userErrors) console.error(`sign-in refused: ${e.field}: ${e.message}`);
    process.exit(1);
  }
  const token = signIn.session.accessToken;

  const { cluster } = await request(ClusterDocument, { slug }, { url, token });
  if (!cluster) throw new Error(`no cluster ${slug}`);
  const { updateCluster } = await request(
    UpdateClusterDocument,
    { input: { id: cluster.id, version: cluster.version, website } },
    { url, token },
  );
  if (updateCluster.cluster) {
    const written = updateCluster.cluster;
    console.log(`${slug}: website ${written.website}, version ${written.version}`);
  } else {
    // Every invalid field at once, named as in the input (`website`); nothing was written.
    for (const e of updateCluster.userErrors) console.error(`refused: ${e.field}: ${e.message}`);
    process.exitCode = 1;
  }
} catch (error) {
  // UNAUTHENTICATED: wrong credentials or the session is over; NOT_FOUND: no such slug;
  // FORBIDDEN: not this account's cluster; CONFLICT: someone changed the cluster since it
  // was read (read it again and apply the change again).
  if (error instanceof KlastryError) console.error(`${error.code}: ${error.message}`);
  else console.error(error);
  process.exitCode = 1;
}
