//! The binary itself: the listening line, serving, and a clean exit on SIGTERM/SIGINT.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_wazper-emulator")
}

fn wait_exit(child: &mut std::process::Child) -> std::process::ExitStatus {
    let t = Instant::now();
    loop {
        if let Some(s) = child.try_wait().unwrap() {
            return s;
        }
        assert!(t.elapsed() < Duration::from_secs(5), "did not exit");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[tokio::test]
async fn prints_the_listening_line_serves_and_stops_on_signals() {
    for signal in ["-TERM", "-INT"] {
        let mut child = Command::new(bin())
            .args([
                "--port",
                "0",
                "--host",
                "127.0.0.1",
                "--sync-delay-ms",
                "10",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .trim_end()
            .strip_prefix("wazper-emulator listening on http://")
            .expect(&line);
        let (host, port) = url.rsplit_once(':').unwrap();
        assert_eq!(host, "127.0.0.1");
        let port: u16 = port.parse().unwrap();
        assert_ne!(port, 0);
        let r = send(
            format!("127.0.0.1:{port}").parse().unwrap(),
            "GET",
            "/__emulator/state",
            &[],
            None,
        )
        .await;
        assert_eq!(r.status, 200);
        assert!(Command::new("kill")
            .arg(signal)
            .arg(child.id().to_string())
            .status()
            .unwrap()
            .success());
        let status = wait_exit(&mut child);
        assert!(status.success(), "{signal}: {status:?}");
    }
}

#[test]
fn bad_flags_and_seed_fail_with_a_message() {
    let out = Command::new(bin()).arg("--bogus").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown argument --bogus"));
    let out = Command::new(bin())
        .args(["--port", "0", "--seed", "/nonexistent/seed.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read seed"));
    let out = Command::new(bin()).arg("--help").output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("--sync-delay-ms"));
}
