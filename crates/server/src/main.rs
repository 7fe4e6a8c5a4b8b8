//! The `klastry` binary: parse the command line, then hand over to the library.

use clap::Parser;

// glibc's per-thread arenas fragment under a multi-threaded runtime and keep the peak RSS of a
// burst long after it; mimalloc returns memory and keeps the footprint close to the live set.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = klastry::config::Cli::parse();
    klastry::telemetry::init(&cli.config.log);
    match klastry::cli::run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("klastry: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}
