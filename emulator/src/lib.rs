//! wazper-emulator: a faithful local stand-in for api.wazper.com, for the demo and the tests.
//!
//! The four documented endpoints with their exact status codes and messages, backed by in-memory
//! state seeded from JSON; a background "algorithm" behind user-sync; static files for the demo;
//! and a control API under /__emulator/ for fault injection, resets and inspection. See README.md.
//!
//! The server runs its own accept loop over hyper (rather than `axum::serve`) so that a fault can
//! close a connection without any response.

pub mod auth;
pub mod clock;
pub mod config;
pub mod control;
pub mod error;
pub mod faults;
pub mod messages;
pub mod pipeline;
pub mod requests;
pub mod routes;
pub mod seed;
pub mod state;
pub mod statics;
pub mod store;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::routing::{get, patch, post};
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tower::ServiceExt;

pub use config::{Command, Config};
pub use seed::Seed;
use state::{AppState, Shared};

/// The whole application: API, control API, static files, behind the CORS and intake middleware.
pub fn app(state: AppState) -> Router {
    Router::new()
        .route("/v1/user-sync", post(routes::user_sync))
        .route("/v1/colleagues-create", post(routes::create))
        .route("/v1/colleagues-list", get(routes::list))
        .route("/v1/colleagues-update", patch(routes::update))
        .route(
            "/__emulator/faults",
            post(control::add_faults)
                .get(control::list_faults)
                .delete(control::clear_faults),
        )
        .route("/__emulator/reset", post(control::reset))
        .route(
            "/__emulator/requests",
            get(control::requests).delete(control::clear_requests),
        )
        .route("/__emulator/state", get(control::state))
        .route("/__emulator/credits", post(control::set_credits))
        .route("/avatars/{file}", get(statics::avatar))
        .fallback(statics::fallback)
        .method_not_allowed_fallback(statics::method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            pipeline::intake,
        ))
        .layer(axum::middleware::from_fn(pipeline::cors))
        .with_state(state)
}

/// A running emulator.
pub struct Emulator {
    addr: SocketAddr,
    state: AppState,
    stop: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<()>,
}

impl Emulator {
    /// Binds, then serves in a background task until `stop` (or until dropped with the runtime).
    pub async fn start(config: &Config) -> Result<Emulator, String> {
        let seed = match &config.seed {
            Some(p) => Seed::load(p)?,
            None => Seed::builtin(),
        };
        let listener = TcpListener::bind((config.host.as_str(), config.port))
            .await
            .map_err(|e| format!("cannot listen on {}:{}: {e}", config.host, config.port))?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        let state = Arc::new(Shared::new(
            seed,
            Duration::from_millis(config.latency_ms),
            Duration::from_millis(config.sync_delay_ms),
            config.www.clone(),
            config.pkg.clone(),
            addr,
        ));
        let (stop, stopped) = oneshot::channel::<()>();
        let router = app(state.clone());
        let task = tokio::spawn(serve(listener, router, async move {
            let _ = stopped.await;
        }));
        Ok(Emulator {
            addr,
            state,
            stop: Some(stop),
            task,
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://HOST:PORT`, with the real port.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The shared state, for in-process tests.
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Stops accepting, lets open connections finish (2 s at most), and returns.
    pub async fn stop(mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        let _ = (&mut self.task).await;
    }
}

/// Why the connection loop closed a connection without answering: a "drop" fault.
#[derive(Debug)]
struct Dropped;

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by fault injection")
    }
}

impl std::error::Error for Dropped {}

/// The accept loop: HTTP/1.1 connections (keep-alive included) served by the router until
/// `shutdown` resolves.
pub async fn serve(listener: TcpListener, router: Router, shutdown: impl Future<Output = ()>) {
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else {
                    // Out of file descriptors and the like: back off instead of spinning.
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                };
                let _ = stream.set_nodelay(true);
                let router = router.clone();
                let service = hyper::service::service_fn(move |req: hyper::Request<Incoming>| {
                    let router = router.clone();
                    async move {
                        let resp = match router.oneshot(req.map(Body::new)).await {
                            Ok(r) => r,
                            Err(never) => match never {},
                        };
                        if resp.extensions().get::<faults::DropConnection>().is_some() {
                            return Err(Dropped);
                        }
                        Ok::<_, Dropped>(resp)
                    }
                });
                let conn = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service);
                let conn = graceful.watch(conn);
                tokio::spawn(async move {
                    let _ = conn.await;
                });
            }
            _ = &mut shutdown => break,
        }
    }
    drop(listener);
    tokio::select! {
        _ = graceful.shutdown() => {}
        _ = tokio::time::sleep(Duration::from_secs(2)) => {}
    }
}
