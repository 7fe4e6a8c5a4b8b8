//! The `klastry` binary: parse the command line, then hand over to the library.

use clap::Parser;

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
