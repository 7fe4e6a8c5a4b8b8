// What several end-to-end test files share: the demo accounts, signing in through the web app
// and through the API, and dates relative to today.

// A real server makes the demo passwords at random; the test server is given these in its
// passwords file before it starts (server.mjs).
export const OPERATOR = { email: 'operator@klastry.demo', password: 'sowa-kawka-jemiołuszka-7' };
export const COORDINATOR = { email: 'koordynator@klastry.demo', password: 'lipa-brzoza-jarzębina-7' };
export const MEMBER = { email: 'czlonek@klastry.demo', password: 'wisła-odra-warta-noteć-7' };
/** The cluster the demo coordinator coordinates. */
export const RECYCLING = 'klaster-gospodarki-odpadowej-i-recyklingu';

/** Signs in through the sign-in page and waits until the app shows the signed-in header. */
export async function signIn(page, who) {
  await page.goto('/sign-in');
  await page.getByLabel('E-mail').fill(who.email);
  await page.getByLabel('Hasło').fill(who.password);
  await page.getByRole('button', { name: 'Zaloguj się' }).last().click();
  await page.getByRole('button', { name: 'Wyloguj się' }).waitFor();
}

/** An access token for the account, from the signIn mutation. */
export async function apiSession(server, who) {
  const data = await server.graphql(
    'mutation($input: SignInInput!) { signIn(input: $input) { session { accessToken } } }',
    { input: who },
  );
  return data.signIn.session.accessToken;
}

/**
 * A new account whose address counts as verified (made by an operator through the API), for
 * tests that start from a signed-up account: { email, password, displayName }.
 */
export async function createAccount(server, who) {
  const token = await apiSession(server, OPERATOR);
  const data = await server.graphql(
    'mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } userErrors { field code } } }',
    { input: { ...who, isOperator: false } },
    token,
  );
  if (!data.createUser.user) throw new Error(`the account was refused: ${JSON.stringify(data.createUser.userErrors)}`);
  return data.createUser.user.id;
}

/** The organisation (id, name) the account acts for as a member. */
export async function memberOrganisation(server, token) {
  const data = await server.graphql('{ me { roles { role organisation { id name } } } }', {}, token);
  return data.me.roles.find((r) => r.role === 'MEMBER').organisation;
}

/** The day `days` from today (UTC) as YYYY-MM-DD. */
export function day(days) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The number a page shows, whatever digit grouping it uses ("1 234", "1,234"). */
export function shownNumber(text) {
  return Number(text.replace(/[\s,.\u00a0]/g, ''));
}
