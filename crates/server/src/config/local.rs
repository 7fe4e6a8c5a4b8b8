//! What a server may do by where it runs: one on a loopback address with its database on the
//! same machine loads the demo registry and its accounts, calls webhooks on private networks,
//! and may run on a test clock; one reachable from elsewhere does none of these by default.

use super::Config;

impl Config {
    /// Whether to load the demo registry into an empty database.
    pub fn load_demo(&self) -> bool {
        self.demo.unwrap_or_else(|| self.is_sqlite())
    }

    /// Whether the server listens only on this machine (a loopback address).
    pub fn listens_on_loopback(&self) -> bool {
        self.bind.ip().is_loopback()
    }

    /// The notifier's clock: the real one, or the test clock where a test may set one.
    pub fn clock(&self) -> Result<crate::notifier::Clock, String> {
        let Some(text) = &self.test_clock else {
            return Ok(crate::notifier::Clock::default());
        };
        if !self.listens_on_loopback() || !self.database_is_local() {
            return Err("KLASTRY_TEST_CLOCK is for tests: it is refused unless the server listens on a loopback address and its database is on this machine".into());
        }
        Ok(crate::notifier::Clock::starting_at(
            crate::notifier::parse_clock(text)?,
        ))
    }

    /// Whether the database is an SQLite file or a PostgreSQL server on a loopback address.
    pub fn database_is_local(&self) -> bool {
        if self.is_sqlite() {
            return true;
        }
        let after_scheme = self
            .database_url
            .split_once("://")
            .map_or("", |(_, rest)| rest);
        let host_part = after_scheme
            .rsplit_once('@')
            .map_or(after_scheme, |(_, host)| host);
        let host = host_part
            .split(['/', '?'])
            .next()
            .unwrap_or_default()
            .rsplit_once(':')
            .map_or(
                host_part.split(['/', '?']).next().unwrap_or_default(),
                |(h, _)| h,
            );
        matches!(host, "127.0.0.1" | "localhost" | "[::1]" | "::1")
    }

    /// Whether to make the demo accounts: with the demo registry, on a loopback address only.
    pub fn demo_accounts(&self) -> bool {
        self.load_demo() && self.listens_on_loopback()
    }

    /// Which webhook URLs are accepted.
    pub fn webhook_policy(&self) -> klastry_graphql::WebhookPolicy {
        klastry_graphql::WebhookPolicy {
            allow_private_networks: self
                .webhooks_allow_private_networks
                .unwrap_or_else(|| self.is_sqlite() && self.listens_on_loopback()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(database_url: &str, bind: &str) -> Config {
        let mut config = Config::defaults();
        config.database_url = database_url.into();
        config.bind = bind.parse().expect("an address");
        config
    }

    #[test]
    fn only_a_server_on_loopback_with_sqlite_makes_demo_accounts_and_calls_private_networks() {
        let development = config("sqlite://data/klastry.db?mode=rwc", "127.0.0.1:8080");
        assert!(development.demo_accounts());
        assert!(development.webhook_policy().allow_private_networks);
        for reachable in [
            config("sqlite://data/klastry.db?mode=rwc", "0.0.0.0:8080"),
            config("sqlite://data/klastry.db?mode=rwc", "[::]:8080"),
        ] {
            assert!(reachable.load_demo(), "the demo registry still loads");
            assert!(!reachable.demo_accounts());
            assert!(!reachable.webhook_policy().allow_private_networks);
        }
        let production = config("postgres://klastry@db/klastry", "127.0.0.1:8080");
        assert!(!production.load_demo());
        assert!(!production.webhook_policy().allow_private_networks);
    }

    #[test]
    fn production_refuses_a_test_clock() {
        let with_clock = |url: &str, bind: &str| {
            let mut config = config(url, bind);
            config.test_clock = Some("2027-01-01".into());
            config.clock()
        };
        assert!(with_clock("sqlite://data/klastry.db?mode=rwc", "127.0.0.1:0").is_ok());
        assert!(with_clock("postgres://postgres@127.0.0.1:5432/t", "127.0.0.1:0").is_ok());
        assert!(with_clock("postgres://postgres@localhost/t", "127.0.0.1:0").is_ok());
        assert!(with_clock("postgres://klastry@db/klastry", "127.0.0.1:8080").is_err());
        assert!(with_clock("postgres://k:p@10.0.0.5:5432/k", "127.0.0.1:8080").is_err());
        assert!(with_clock("sqlite://data/klastry.db?mode=rwc", "0.0.0.0:8080").is_err());
        let mut wrong = config("sqlite://x.db", "127.0.0.1:0");
        wrong.test_clock = Some("soon".into());
        assert!(wrong.clock().is_err());
        assert!(
            config("postgres://klastry@db/klastry", "0.0.0.0:80")
                .clock()
                .is_ok()
        );
    }
}
