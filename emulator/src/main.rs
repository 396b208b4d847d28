//! The wazper-emulator binary: parse flags, start, print the listening line, stop on SIGTERM/SIGINT.

use std::io::Write;

use wazper_emulator::{Command, Config, Emulator};

#[tokio::main]
async fn main() {
    let config = match Config::from_args(std::env::args().skip(1)) {
        Ok(Command::Run(c)) => c,
        Ok(Command::Help) => {
            println!("{}", wazper_emulator::config::USAGE);
            return;
        }
        Err(e) => {
            eprintln!("wazper-emulator: {e}\n\n{}", wazper_emulator::config::USAGE);
            std::process::exit(2);
        }
    };
    // Installed before the listening line, so a signal sent as soon as it is read is handled.
    let stop = shutdown_signal();
    let emulator = match Emulator::start(&config).await {
        Ok(e) => e,
        Err(e) => {
            eprintln!("wazper-emulator: {e}");
            std::process::exit(1);
        }
    };
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "wazper-emulator listening on {}", emulator.url());
    let _ = out.flush();
    drop(out);
    stop.await;
    emulator.stop().await;
}

/// Registers SIGTERM and SIGINT handlers now; the returned future resolves on either.
fn shutdown_signal() -> impl std::future::Future<Output = ()> {
    use tokio::signal::unix::{signal, SignalKind};
    let handlers = (
        signal(SignalKind::terminate()),
        signal(SignalKind::interrupt()),
    );
    async move {
        match handlers {
            (Ok(mut term), Ok(mut int)) => {
                tokio::select! {
                    _ = term.recv() => {}
                    _ = int.recv() => {}
                }
            }
            _ => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
}
