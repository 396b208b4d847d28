//! The shared application state: the seed (for resets), the store, the fault queue, the request
//! log, and the settings handlers need.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use crate::faults::FaultQueue;
use crate::requests::LoggedRequest;
use crate::seed::Seed;
use crate::store::Store;

pub type AppState = Arc<Shared>;

#[derive(Debug)]
pub struct Shared {
    pub seed: Seed,
    pub latency: Duration,
    pub sync_delay: Duration,
    pub www: PathBuf,
    pub pkg: PathBuf,
    pub local_addr: SocketAddr,
    store: Mutex<Store>,
    faults: Mutex<FaultQueue>,
    requests: Mutex<Vec<LoggedRequest>>,
}

/// Locks never poison the emulator: a panicked holder leaves the data as it was.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Shared {
    pub fn new(
        seed: Seed,
        latency: Duration,
        sync_delay: Duration,
        www: PathBuf,
        pkg: PathBuf,
        local_addr: SocketAddr,
    ) -> Self {
        let store = Store::from_seed(&seed, 0);
        Shared {
            seed,
            latency,
            sync_delay,
            www,
            pkg,
            local_addr,
            store: Mutex::new(store),
            faults: Mutex::new(FaultQueue::default()),
            requests: Mutex::new(Vec::new()),
        }
    }

    pub fn store(&self) -> MutexGuard<'_, Store> {
        lock(&self.store)
    }

    pub fn faults(&self) -> MutexGuard<'_, FaultQueue> {
        lock(&self.faults)
    }

    pub fn requests(&self) -> MutexGuard<'_, Vec<LoggedRequest>> {
        lock(&self.requests)
    }

    /// Back to the seed: state, credits, faults and the request log. Pending background runs
    /// see the new generation and discard themselves.
    pub fn reset(&self) {
        {
            let mut store = self.store();
            let generation = store.generation + 1;
            *store = Store::from_seed(&self.seed, generation);
        }
        self.faults().clear();
        self.requests().clear();
    }
}
