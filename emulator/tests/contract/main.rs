//! The emulator's contract, case by case, over real HTTP on loopback.

mod common;

mod binary;
mod colleagues;
mod control;
mod faults;
mod transport;
mod user_sync;
