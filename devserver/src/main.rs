//! `devserver`: the reference engine, signature service, provider simulator
//! and demo form in one process.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use devserver::Config;

#[derive(Parser, Debug)]
#[command(name = "devserver", about = "InfoPlus signature control dev server")]
struct Cli {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// SQLite database file (created on first start).
    #[arg(long, default_value = "data/devserver.sqlite")]
    db: PathBuf,
    /// Directory with the built control, served at /dist/.
    #[arg(long, default_value = "dist")]
    dist: PathBuf,
    /// Enable the dev-only fault switches (/dev/faults, /dev/tamper, /dev/reset).
    #[arg(long)]
    dev_faults: bool,
    /// Extra origin the signature service may return users to (repeatable),
    /// e.g. http://127.0.0.1:5173.
    #[arg(long = "allow-return", value_name = "ORIGIN")]
    allow_return: Vec<String>,
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let listener = match tokio::net::TcpListener::bind(cli.addr).await {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("devserver: cannot listen on {}: {e}", cli.addr);
            return ExitCode::FAILURE;
        }
    };
    let config = Config {
        db: cli.db,
        dist: cli.dist,
        dev_faults: cli.dev_faults,
        allow_return: cli.allow_return,
        origin: listener.local_addr().ok().map(|address| {
            // Bound to every interface: this machine reaches it at loopback.
            let host = if address.ip().is_unspecified() {
                std::net::IpAddr::from([127, 0, 0, 1])
            } else {
                address.ip()
            };
            format!("http://{}", std::net::SocketAddr::new(host, address.port()))
        }),
    };
    let app = match devserver::build_app(config) {
        Ok(app) => app,
        Err(e) => {
            eprintln!("devserver: {e}");
            return ExitCode::FAILURE;
        }
    };
    let shown = listener.local_addr().unwrap_or(cli.addr);
    println!("devserver listening on http://{shown}/");
    // Ctrl-C ends the server cleanly, so SQLite checkpoints its WAL.
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    if let Err(e) = axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
    {
        eprintln!("devserver: {e}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
