//! A registry for the fuzz targets: the demo registry on an SQLite file of its own, made once
//! per fuzzing process, and a way to send it one request through the guarded path.

use klastry::auth::{Caller, Credential};
use klastry::guard::{self, Transport};
use klastry::state::AppState;
use klastry_domain::rules::access::{Actor, Viewer};
use std::sync::OnceLock;

/// The runtime and the server state every input is run against.
pub fn app() -> &'static (tokio::runtime::Runtime, AppState) {
    static APP: OnceLock<(tokio::runtime::Runtime, AppState)> = OnceLock::new();
    APP.get_or_init(|| {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("a runtime");
        let dir = std::env::temp_dir().join(format!("klastry-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a directory for the registry");
        let mut config = klastry::config::Config::defaults();
        config.database_url = format!("sqlite://{}/registry.db?mode=rwc", dir.display());
        config.demo = Some(true);
        config.demo_accounts_file = dir.join("demo-accounts.json");
        config.jwt_secret = Some("fuzzing-secret-of-at-least-thirty-two-bytes".into());
        config.web_dir = dir.join("no-web-app");
        config.deliver_webhooks = false;
        config.request_timeout_secs = 5;
        let state = runtime
            .block_on(klastry::cli::prepare(&config))
            .expect("the registry starts");
        (runtime, state)
    })
}

/// An operator, as a signed-in caller of the guarded path.
pub fn operator() -> Caller {
    Caller {
        viewer: Viewer::Signed(Actor {
            user_id: 1,
            email: "fuzz@klastry.test".into(),
            is_operator: true,
            ..Actor::default()
        }),
        credential: Credential::None,
    }
}

/// Sends `request` from `caller` through the guarded path and runs it if admitted. Whatever it
/// answers is fine; a panic, an abort or a hang is what the fuzzer looks for.
pub fn run(caller: &Caller, request: async_graphql::Request) {
    let (runtime, state) = app();
    runtime.block_on(async {
        if let Ok(admitted) = guard::admit(state, caller, Transport::Post, None, request).await {
            let _ = guard::execute(state, admitted).await;
        }
    });
}
