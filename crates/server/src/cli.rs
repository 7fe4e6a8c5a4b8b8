//! The subcommands.

use crate::config::{Cli, Command, Config, SeedSet, UserAction};
use crate::db;
use crate::error::ServerError;
use crate::http::router;
use crate::state::AppState;
use klastry_domain::accounts::users;
use klastry_domain::bulk::demo::{self, DemoOutcome};
use klastry_domain::bulk::demo_accounts;
use klastry_domain::bulk::synthetic;
use klastry_migration::{Migrator, MigratorTrait};

/// Runs the command the user asked for.
pub async fn run(cli: Cli) -> Result<(), ServerError> {
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(cli.config).await,
        Command::Migrate { down } => {
            let (db, _) = db::connect(&cli.config).await?;
            match down {
                Some(steps) => Migrator::down(&db, Some(steps)).await?,
                None => Migrator::up(&db, None).await?,
            }
            println!("migrations: done");
            Ok(())
        }
        Command::Seed { set: SeedSet::Demo } => {
            let (db, _) = db::connect(&cli.config).await?;
            db::migrate(&db).await?;
            report_demo(demo::load(&db).await?);
            Ok(())
        }
        Command::User {
            action:
                UserAction::Create {
                    email,
                    password,
                    name,
                    admin,
                },
        } => {
            let (db, _) = db::connect(&cli.config).await?;
            db::migrate(&db).await?;
            let user = users::create_user(
                &db,
                None,
                &users::NewUser {
                    display_name: name.unwrap_or_else(|| email.clone()),
                    email,
                    password,
                    is_operator: admin,
                    language: Default::default(),
                },
            )
            .await?;
            let kind = if user.is_operator { "operator" } else { "user" };
            println!("created {kind} {} (id {})", user.email, user.id);
            Ok(())
        }
        Command::User {
            action: UserAction::Disable { email },
        } => set_disabled(&cli.config, &email, true).await,
        Command::User {
            action: UserAction::Enable { email },
        } => set_disabled(&cli.config, &email, false).await,
        Command::Import { files, dry_run } => import(&cli.config, &files, dry_run).await,
        Command::Export {
            part,
            format,
            cluster,
        } => {
            let format = match format.as_str() {
                "jsonl" => klastry_domain::bulk::export::ExportFormat::JsonLines,
                "csv" => klastry_domain::bulk::export::ExportFormat::Csv,
                other => {
                    return Err(ServerError::Config(format!(
                        "--format {other}: use jsonl or csv"
                    )));
                }
            };
            let parts = crate::export::parts(&part)
                .filter(|p| {
                    format == klastry_domain::bulk::export::ExportFormat::JsonLines
                        || p.len() == 1
                })
                .ok_or_else(|| {
                    ServerError::Config(format!(
                        "--part {part}: use registry (jsonl only), clusters, organisations or memberships"
                    ))
                })?;
            let (db, _) = db::connect(&cli.config).await?;
            let scope = match cluster {
                // The command line is the operator's: a cluster's export is complete.
                Some(slug) => klastry_domain::bulk::export::cluster_scope(
                    &db,
                    &slug,
                    &klastry_domain::rules::access::Viewer::Signed(
                        klastry_domain::rules::access::Actor {
                            user_id: 0,
                            email: "klastry export".into(),
                            is_operator: true,
                            ..Default::default()
                        },
                    ),
                )
                .await
                .map_err(|e| match e {
                    klastry_domain::DomainError::NotFound { .. } => {
                        ServerError::Config(format!("--cluster {slug}: no cluster has this slug"))
                    }
                    other => other.into(),
                })?,
                None => klastry_domain::bulk::export::ExportScope::Registry,
            };
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            crate::export::write(&db, scope, &parts, format, &mut out).await
        }
        Command::Schema => {
            print!("{}", klastry_graphql::sdl());
            Ok(())
        }
        Command::Generate {
            clusters,
            organisations,
            memberships,
            certifications,
            seed,
        } => {
            let (db, _) = db::connect(&cli.config).await?;
            db::migrate(&db).await?;
            let started = std::time::Instant::now();
            let scale = synthetic::Scale {
                clusters,
                organisations,
                memberships,
                certifications,
                seed,
            };
            let made = synthetic::generate(&db, scale).await?;
            println!(
                "generated in {:.1} s: {} clusters, {} organisations, {} memberships, {} KKK certifications, {} ESCA labels",
                started.elapsed().as_secs_f64(),
                made.clusters,
                made.organisations,
                made.memberships,
                made.kkk_certifications,
                made.esca_labels
            );
            Ok(())
        }
    }
}

/// `klastry user disable` and `enable`.
async fn set_disabled(config: &Config, email: &str, disabled: bool) -> Result<(), ServerError> {
    let (db, _) = db::connect(config).await?;
    db::migrate(&db).await?;
    let user = users::set_disabled(&db, None, users::AccountKey::Email(email), disabled).await?;
    let state = if disabled { "disabled" } else { "enabled" };
    println!("{state} {} (id {})", user.email, user.id);
    Ok(())
}

/// `klastry import`: reads every file, imports them in one transaction as the system, and
/// prints the outcome; fails when any row breaks a rule.
async fn import(
    config: &Config,
    files: &[std::path::PathBuf],
    dry_run: bool,
) -> Result<(), ServerError> {
    use klastry_domain::bulk::import::{self, ImportFormat};
    use std::io::Read;
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for (source, path) in files.iter().enumerate() {
        let is_stdin = path.as_os_str() == "-";
        let format = match path.extension().and_then(|e| e.to_str()) {
            Some("csv") => ImportFormat::Csv,
            Some("jsonl" | "ndjson" | "json") => ImportFormat::JsonLines,
            _ if is_stdin => ImportFormat::JsonLines,
            _ => {
                return Err(ServerError::Config(format!(
                    "{}: name a .jsonl or .csv file",
                    path.display()
                )));
            }
        };
        let mut text = String::new();
        let read = if is_stdin {
            std::io::stdin().read_to_string(&mut text).map(|_| ())
        } else {
            std::fs::File::open(path).and_then(|mut f| f.read_to_string(&mut text).map(|_| ()))
        };
        read.map_err(|e| ServerError::io(format!("reading {}", path.display()), e))?;
        let (mut read_rows, mut read_errors) = import::parse(&text, format);
        read_rows.iter_mut().for_each(|r| r.source = source);
        read_errors.iter_mut().for_each(|e| e.source = source);
        rows.extend(read_rows);
        errors.extend(read_errors);
    }
    let (db, _) = db::connect(config).await?;
    db::migrate(&db).await?;
    let report = import::import(&db, None, rows, errors, dry_run, Default::default()).await?;
    let c = |counts: import::Counts| {
        format!(
            "{} organisations, {} clusters, {} memberships",
            counts.organisations, counts.clusters, counts.memberships
        )
    };
    for error in &report.errors {
        let file = files
            .get(error.source)
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        let field = if error.field.is_empty() {
            String::new()
        } else {
            format!(" {}:", error.field)
        };
        eprintln!(
            "{file}:{} {} {}:{field} {}",
            error.line, error.kind, error.key, error.message
        );
    }
    let verb = if report.applied {
        "imported"
    } else if dry_run && report.errors.is_empty() {
        "checked (dry run, nothing applied)"
    } else {
        "refused (nothing applied)"
    };
    println!(
        "{} rows {verb}: created {}; matched {}",
        report.rows,
        c(report.created),
        c(report.matched)
    );
    if report.errors.is_empty() {
        Ok(())
    } else {
        Err(ServerError::Refused(format!(
            "{} of the rows break the registry's rules (listed above); fix them and import again",
            report.errors.len()
        )))
    }
}

fn report_demo(outcome: DemoOutcome) {
    match outcome {
        DemoOutcome::Loaded {
            clusters,
            organisations,
        } => println!("demo registry loaded: {clusters} clusters, {organisations} organisations"),
        DemoOutcome::AlreadyPresent => {
            println!("the registry already holds clusters; demo not loaded")
        }
    }
}

/// The demo accounts' sign-ins: read from the passwords file, or made at random and written
/// there (readable by the owner only) at first start.
fn demo_sign_ins(config: &Config) -> Result<Vec<demo_accounts::DemoSignIn>, ServerError> {
    let path = &config.demo_accounts_file;
    match std::fs::read_to_string(path) {
        Ok(text) => serde_json::from_str(&text).map_err(|e| {
            ServerError::Config(format!(
                "{}: not the demo accounts' passwords ({e}); delete it to make new ones",
                path.display()
            ))
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let sign_ins = demo_accounts::new_sign_ins()?;
            if let Some(dir) = path.parent()
                && !dir.as_os_str().is_empty()
            {
                std::fs::create_dir_all(dir)
                    .map_err(|e| ServerError::io(format!("creating {}", dir.display()), e))?;
            }
            let text = serde_json::to_string_pretty(&sign_ins)
                .map_err(|e| ServerError::Config(format!("writing the demo passwords: {e}")))?;
            crate::config::write_private(path, &text)?;
            Ok(sign_ins)
        }
        Err(e) => Err(ServerError::io(format!("reading {}", path.display()), e)),
    }
}

/// Days a read notification stays in its inbox.
const NOTIFICATION_RETENTION_DAYS: i64 = 180;

/// Opens, migrates and (on an empty embedded database) seeds the registry, then builds the
/// application state.
pub async fn prepare(config: &Config) -> Result<AppState, ServerError> {
    let (db, quiet, counter) = db::connect_split(config).await?;
    if config.migrate_on_start {
        db::migrate(&db).await?;
    }
    if config.load_demo() {
        report_demo(demo::load(&db).await?);
        if config.demo_accounts() {
            let sign_ins = demo_sign_ins(config)?;
            if demo_accounts::ensure(&db, &sign_ins).await? {
                println!(
                    "demo accounts (passwords kept in {}; sign in with the web app or signIn):",
                    config.demo_accounts_file.display()
                );
                for sign_in in &sign_ins {
                    println!(
                        "  {} / {}  ({})",
                        sign_in.email, sign_in.password, sign_in.may
                    );
                }
            }
        } else {
            println!(
                "demo accounts: not made, as the server listens on {} (only a server on a loopback address gets them)",
                config.bind
            );
        }
    }
    let keys = config.token_keys()?;
    let bus = klastry_graphql::EventBus::default();
    let poll = std::time::Duration::from_millis(config.event_poll_ms.max(10));
    let (pump, pump_ready) = crate::events::spawn(quiet.clone(), bus.clone(), poll);
    if tokio::time::timeout(std::time::Duration::from_secs(10), pump_ready)
        .await
        .is_err()
    {
        tracing::warn!("the event pump is not listening yet; subscriptions may miss early events");
    }
    let mut background = vec![pump.abort_handle()];
    // Request counts of API tokens are kept for the last two minutes only, events and sent
    // mail for the retention period (never less than the day both are retried for), spent
    // single-use links for a day, read notifications half a year (unread ones a year and a
    // half).
    let counts = quiet.clone();
    let retention = chrono::Duration::days(i64::from(config.event_retention_days.max(2)));
    background.push(
        tokio::spawn(async move {
            let mut every_minute = tokio::time::interval(std::time::Duration::from_secs(60));
            loop {
                every_minute.tick().await;
                let now = chrono::Utc::now();
                if let Err(error) =
                    klastry_domain::accounts::api_tokens::forget_old_windows(&counts, now).await
                {
                    tracing::warn!(%error, "deleting old request counts failed");
                }
                if let Err(error) =
                    klastry_domain::platform::events::forget_before(&counts, now - retention).await
                {
                    tracing::warn!(%error, "deleting old events failed");
                }
                if let Err(error) =
                    klastry_domain::accounts::sign_in_throttle::forget_old(&counts, now).await
                {
                    tracing::warn!(%error, "deleting old sign-in failures failed");
                }
                if let Err(error) =
                    klastry_domain::mail::outbox::forget_before(&counts, now - retention).await
                {
                    tracing::warn!(%error, "deleting old mail failed");
                }
                if let Err(error) =
                    klastry_domain::accounts::links::forget_spent(&counts, now).await
                {
                    tracing::warn!(%error, "deleting spent links failed");
                }
                if let Err(error) = klastry_domain::notifications::inbox::forget_before(
                    &counts,
                    now - chrono::Duration::days(NOTIFICATION_RETENTION_DAYS),
                )
                .await
                {
                    tracing::warn!(%error, "deleting old notifications failed");
                }
            }
        })
        .abort_handle(),
    );
    if config.deliver_webhooks {
        background.push(
            crate::webhooks::spawn(
                quiet.clone(),
                bus.clone(),
                crate::webhooks::SenderSettings {
                    poll,
                    retry_base: std::time::Duration::from_millis(config.webhook_retry_base_ms),
                    allow_private_networks: config.webhook_policy().allow_private_networks,
                    concurrency: config.webhook_concurrency.max(1),
                    per_endpoint: config.webhook_concurrency_per_endpoint.max(1),
                },
            )
            .abort_handle(),
        );
    }
    let mail = config.mail_settings(poll);
    crate::mail::check(&mail).map_err(ServerError::Config)?;
    let clock = config.clock().map_err(ServerError::Config)?;
    if config.send_mail {
        background.push(crate::mail::spawn(quiet.clone(), mail).abort_handle());
        // Warnings and digests end in mail: a server that sends none leaves them to one that does.
        background.push(
            crate::notifier::spawn(
                quiet.clone(),
                clock,
                std::time::Duration::from_millis(config.notify_interval_ms.max(50)),
            )
            .abort_handle(),
        );
    }
    Ok(AppState {
        schema: klastry_graphql::build_schema(
            db.clone(),
            keys.clone(),
            &config.schema_limits(),
            bus.clone(),
            config.webhook_policy(),
            config.import_quota(),
        ),
        bus,
        public_address: config.public_address().into(),
        background: std::sync::Arc::new(background),
        keys,
        db,
        counter,
        expose_statement_count: config.expose_statement_count,
        metrics: Default::default(),
        documents: Default::default(),
        persisted: Default::default(),
        public_cache_secs: config.public_cache_secs,
        executions: std::sync::Arc::new(tokio::sync::Semaphore::new(config.concurrent_queries())),
        limits: config.request_limits(),
        trusted_proxies: std::sync::Arc::new(config.trusted_proxies.clone()),
        socket_recheck: std::time::Duration::from_secs(config.socket_recheck_secs.max(1)),
        sockets: std::sync::Arc::new(tokio::sync::Semaphore::new(config.max_connections.max(1))),
        max_socket_operations: config.max_socket_operations.max(1),
        token_requests_per_minute: config.token_requests_per_minute.max(1),
    })
}

/// Serves the registry until Ctrl-C or SIGTERM.
pub async fn serve(config: Config) -> Result<(), ServerError> {
    let state = prepare(&config).await?;
    let listener = tokio::net::TcpListener::bind(config.bind)
        .await
        .map_err(|e| ServerError::io(format!("listening on {}", config.bind), e))?;
    let address = listener
        .local_addr()
        .map_err(|e| ServerError::io("reading the bound address", e))?;
    println!("klastry is serving http://{address}/  (GraphiQL: http://{address}/graphql)");
    if let Some(bind) = config.metrics_bind {
        let metrics = tokio::net::TcpListener::bind(bind)
            .await
            .map_err(|e| ServerError::io(format!("listening for metrics on {bind}"), e))?;
        println!("metrics: http://{bind}/metrics");
        let app = crate::http::metrics_router(state.clone());
        tokio::spawn(async move {
            if let Err(error) = axum::serve(metrics, app).await {
                tracing::error!(%error, "the metrics listener stopped");
            }
        });
    }
    crate::listener::serve(
        listener,
        router(state, &config),
        config.connection_limits(),
        shutdown_signal(),
    )
    .await
    .map_err(|e| ServerError::io("serving", e))
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
