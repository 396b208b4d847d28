//! Command-line flags. Parsed by hand (a handful of `--flag value` pairs does not justify a
//! parser dependency); `--flag=value` works too.

use std::path::PathBuf;

pub const USAGE: &str = "\
wazper-emulator: a local stand-in for api.wazper.com

USAGE: wazper-emulator [FLAGS]
  --host HOST          interface to listen on (default 127.0.0.1)
  --port PORT          port (default 8787; 0 picks a free port)
  --seed FILE          seed JSON (default: the built-in seed, see README.md)
  --latency-ms N       added to every API response (default 0)
  --sync-delay-ms N    how long the background run of user-sync takes (default 1000)
  --www DIR            static files served at / (default www)
  --pkg DIR            static files served at /pkg/ (default pkg)
  -h, --help           this text

The first stdout line is `wazper-emulator listening on http://HOST:PORT`.";

#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    pub host: String,
    pub port: u16,
    pub seed: Option<PathBuf>,
    pub latency_ms: u64,
    pub sync_delay_ms: u64,
    pub www: PathBuf,
    pub pkg: PathBuf,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            host: "127.0.0.1".into(),
            port: 8787,
            seed: None,
            latency_ms: 0,
            sync_delay_ms: 1000,
            www: "www".into(),
            pkg: "pkg".into(),
        }
    }
}

/// What the command line asks for.
#[derive(Debug, PartialEq)]
pub enum Command {
    Run(Config),
    Help,
}

impl Config {
    pub fn from_args<I: IntoIterator<Item = String>>(args: I) -> Result<Command, String> {
        let mut c = Config::default();
        let mut it = args.into_iter();
        while let Some(arg) = it.next() {
            if arg == "-h" || arg == "--help" {
                return Ok(Command::Help);
            }
            let (flag, inline) = match arg.split_once('=') {
                Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
                _ => (arg.clone(), None),
            };
            let mut value = || {
                inline
                    .clone()
                    .or_else(|| it.next())
                    .ok_or_else(|| format!("{flag} needs a value"))
            };
            let num = |v: String| {
                v.parse::<u64>()
                    .map_err(|_| format!("{flag}: not a non-negative integer: {v}"))
            };
            match flag.as_str() {
                "--host" => c.host = value()?,
                "--port" => {
                    let v = value()?;
                    c.port = v
                        .parse()
                        .map_err(|_| format!("--port: not a port number: {v}"))?;
                }
                "--seed" => c.seed = Some(value()?.into()),
                "--latency-ms" => c.latency_ms = num(value()?)?,
                "--sync-delay-ms" => c.sync_delay_ms = num(value()?)?,
                "--www" => c.www = value()?.into(),
                "--pkg" => c.pkg = value()?.into(),
                _ => return Err(format!("unknown argument {arg}")),
            }
        }
        Ok(Command::Run(c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(a: &[&str]) -> Result<Command, String> {
        Config::from_args(a.iter().map(|s| s.to_string()))
    }

    #[test]
    fn defaults_and_flags() {
        assert_eq!(parse(&[]), Ok(Command::Run(Config::default())));
        let Ok(Command::Run(c)) = parse(&[
            "--port",
            "0",
            "--host=0.0.0.0",
            "--sync-delay-ms",
            "5",
            "--seed",
            "s.json",
        ]) else {
            panic!("parse failed")
        };
        assert_eq!(
            (c.port, c.host.as_str(), c.sync_delay_ms),
            (0, "0.0.0.0", 5)
        );
        assert_eq!(c.seed, Some(PathBuf::from("s.json")));
        assert_eq!(parse(&["--help"]), Ok(Command::Help));
        assert!(parse(&["--port", "x"]).is_err());
        assert!(parse(&["--port"]).is_err());
        assert!(parse(&["--latency-ms", "-1"]).is_err());
        assert!(parse(&["--bogus"]).is_err());
    }
}
