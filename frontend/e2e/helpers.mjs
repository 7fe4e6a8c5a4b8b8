// What several end-to-end test files share: the demo accounts, signing in through the web app
// and through the API, dates relative to today, and the list of every page and desk with a way
// to open one in either language.

// A real server makes the demo passwords at random; the test server is given these in its
// passwords file before it starts (server.mjs).
export const OPERATOR = { email: 'operator@klastry.demo', password: 'sowa-kawka-jemiołuszka-7' };
export const COORDINATOR = { email: 'koordynator@klastry.demo', password: 'lipa-brzoza-jarzębina-7' };
export const MEMBER = { email: 'czlonek@klastry.demo', password: 'wisła-odra-warta-noteć-7' };
/** The cluster the demo coordinator coordinates. */
export const RECYCLING = 'klaster-gospodarki-odpadowej-i-recyklingu';

/**
 * Signs in through the sign-in page and waits until the app shows the signed-in header (its
 * sign-out button, which a phone keeps in the folded menu: present, not necessarily in sight).
 */
export async function signIn(page, who) {
  await page.goto('/sign-in');
  await page.getByLabel('E-mail').fill(who.email);
  await page.getByLabel('Hasło').fill(who.password);
  await page.getByRole('button', { name: 'Zaloguj się' }).last().click();
  await page.getByTestId('sign-out').waitFor({ state: 'attached' });
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

/** The pages anyone may open, as [name, path], for the tests that visit every page. */
export function publicPages(organisationId) {
  return [
    ['home', '/'],
    ['directory', '/clusters'],
    ['directory, filtered', '/clusters?kkk=active&voivodeship=SLASKIE'],
    ['organisation directory', '/organisations'],
    ['events', '/events'],
    ['projects', '/projects'],
    ['cluster', `/clusters/${RECYCLING}`],
    ['organisation', `/organisations/${encodeURIComponent(organisationId)}`],
    ['KKK', '/kkk'],
    ['ESCA', '/esca'],
    ['cooperation board', '/cooperation'],
    ['sources', '/sources'],
    ['sign-in', '/sign-in'],
    ['sign-up', '/sign-up'],
    ['forgot password', '/forgot-password'],
    ['about', '/about'],
    ['contact', '/contact'],
    ['privacy', '/privacy'],
    ['accessibility statement', '/accessibility'],
    ['not found', '/no-such-page'],
  ];
}

/** The desks, by who signs in to see them: [account, paths]. */
export const DESKS = [
  [COORDINATOR, ['/coordinator', '/my-account', '/inbox', '/requests']],
  [MEMBER, ['/my-organisation', '/my-account', '/cooperation']],
  [OPERATOR, ['/operator', '/requests', '/coordinator']],
];

/** The interface's languages, by their tag. */
export const LANGUAGES = ['pl', 'en'];

/**
 * Opens `path` with the interface in `lang` (the choice the app keeps in local storage) and
 * waits until the page shows its heading and nothing is loading.
 */
export async function openIn(page, path, lang) {
  await page.evaluate((tag) => localStorage.setItem('klastry.lang', tag), lang);
  await page.goto(path);
  await page.locator('main h1').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('.loading'));
  const shown = await page.locator('html').getAttribute('lang');
  if (shown !== lang) throw new Error(`${path} opened in ${shown}, not ${lang}`);
}

/**
 * Enters a date (YYYY, YYYY-MM or YYYY-MM-DD) into a date input of year, month and day
 * (components::PartialDateInput) in the Polish interface, found by its legend within `scope`.
 */
export async function fillDate(scope, legend, value) {
  const group = scope.getByRole('group', { name: legend, exact: true });
  const [year, month = '', dayOfMonth = ''] = value.split('-');
  await group.getByLabel('Rok').fill(year);
  await group.getByLabel('Miesiąc').selectOption(month);
  if (month) await group.getByLabel('Dzień').selectOption(dayOfMonth);
}

/** The date a date input of year, month and day holds, as YYYY[-MM[-DD]]. */
export async function dateValue(scope, legend) {
  const group = scope.getByRole('group', { name: legend, exact: true });
  const parts = [
    await group.getByLabel('Rok').inputValue(),
    await group.getByLabel('Miesiąc').inputValue(),
    await group.getByLabel('Dzień').inputValue(),
  ];
  return parts.filter((p) => p !== '').join('-');
}

/** Chooses the cluster named `name` in a search-as-you-type cluster picker (`box`), by typing
 *  its name and taking the candidate of exactly that name. */
export async function pickCluster(box, name) {
  await box.getByLabel('Wybierz klaster').fill(name);
  const exact = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s`);
  await box.getByTestId('candidate').filter({ hasText: exact }).first().getByRole('button', { name: /^Wybierz/ }).click();
  await box.getByTestId('chosen').filter({ hasText: name }).waitFor();
}

/** Chooses the source document of code `code` in a record form's source picker (`scope` holds
 *  one, components::SourceField), by typing its code and taking the candidate "code · …". */
export async function pickSource(scope, code) {
  const box = scope.getByTestId('source-picker');
  await box.getByRole('searchbox').fill(code);
  await box.getByTestId('candidate').filter({ hasText: new RegExp(`^${code} · `) }).first().getByRole('button', { name: /^Wybierz/ }).click();
  await box.getByTestId('chosen').filter({ hasText: `${code} · ` }).waitFor();
}
