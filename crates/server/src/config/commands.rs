//! The command line: the subcommands and their flags. The settings every command shares are
//! `Config` (in `config`), flattened into `Cli`.

use super::Config;
use clap::{Parser, Subcommand};

/// klastry: the registry and cooperation platform for industrial clusters.
#[derive(Debug, Parser)]
#[command(name = "klastry", version)]
pub struct Cli {
    /// What to do; `serve` when not given.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Settings shared by every command.
    #[command(flatten)]
    pub config: Config,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web app and the GraphQL API (the default).
    Serve,
    /// Apply pending database migrations (or roll back with --down).
    Migrate {
        /// Roll back this many migrations instead of applying.
        #[arg(long)]
        down: Option<u32>,
    },
    /// Load data into the registry.
    Seed {
        /// Which data set.
        #[command(subcommand)]
        set: SeedSet,
    },
    /// Print the GraphQL schema (SDL).
    Schema,
    /// Write the public registry to standard output as JSON Lines or CSV.
    Export {
        /// What to export: registry (everything, JSON Lines only), clusters, organisations or
        /// memberships.
        #[arg(long, default_value = "registry")]
        part: String,
        /// jsonl or csv.
        #[arg(long, default_value = "jsonl")]
        format: String,
        /// Only this cluster (by slug), its memberships and their organisations, with its
        /// private data: applications, rejections and the organisations' e-mail.
        #[arg(long)]
        cluster: Option<String>,
    },
    /// Import organisations, clusters and memberships from files in the export's formats, all
    /// or nothing: if any row breaks a rule, nothing is applied and every such row is listed.
    Import {
        /// Files to import in one transaction, in order: `.jsonl` (JSON Lines) or `.csv` (one
        /// kind per file, e.g. organisations.csv then memberships.csv); `-` reads JSON Lines
        /// from standard input.
        #[arg(required = true)]
        files: Vec<std::path::PathBuf>,
        /// Check every row and report, but apply nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Manage user accounts.
    User {
        /// What to do.
        #[command(subcommand)]
        action: UserAction,
    },
    /// Fill an empty database with a deterministic synthetic registry (for benchmarks).
    Generate {
        /// Clusters.
        #[arg(long, default_value_t = 2_000)]
        clusters: usize,
        /// Organisations.
        #[arg(long, default_value_t = 100_000)]
        organisations: usize,
        /// Memberships, spread evenly over the clusters.
        #[arg(long, default_value_t = 300_000)]
        memberships: usize,
        /// KKK certifications and ESCA labels together.
        #[arg(long, default_value_t = 6_000)]
        certifications: usize,
        /// Seed: the same seed and scale give the same registry.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
    },
}

/// What `klastry user` does.
#[derive(Debug, Subcommand)]
pub enum UserAction {
    /// Create an account; with --admin, an operator of the whole registry.
    Create {
        /// Sign-in e-mail.
        #[arg(long)]
        email: String,
        /// Password (10 to 128 characters, not a common one, not containing the e-mail); read
        /// from KLASTRY_USER_PASSWORD when not given.
        #[arg(long, env = "KLASTRY_USER_PASSWORD", hide_env_values = true)]
        password: String,
        /// The name shown for the account (the e-mail when not given).
        #[arg(long)]
        name: Option<String>,
        /// Make the account an operator.
        #[arg(long)]
        admin: bool,
    },
    /// Disable an account: its sessions end at once, its access and API tokens stop working.
    Disable {
        /// The account's e-mail.
        #[arg(long)]
        email: String,
    },
    /// Enable a disabled account again (its holder signs in afresh).
    Enable {
        /// The account's e-mail.
        #[arg(long)]
        email: String,
    },
}

/// Data sets `klastry seed` can load.
#[derive(Debug, Subcommand)]
pub enum SeedSet {
    /// The demo registry built from the seed documents.
    Demo,
}
