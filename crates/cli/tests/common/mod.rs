//! The transcript harness shared by the CLI test binaries: run `breakwater` in a fresh
//! workspace with a passphrase from the environment, and capture exit code, stdout and stderr.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

pub const PASS: &str = "ana's long passphrase";
pub const BIN: &str = env!("CARGO_BIN_EXE_breakwater");

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not one JSON object ({e}): {}", self.stdout))
    }
}

pub struct Workspace {
    _tmp: tempfile::TempDir,
    pub dir: PathBuf,
    pub stderr_log: std::cell::RefCell<String>,
}

impl Workspace {
    pub fn new() -> Self {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("ws");
        Self {
            _tmp: tmp,
            dir,
            stderr_log: Default::default(),
        }
    }

    pub fn initialised() -> Self {
        let ws = Self::new();
        let r = ws.run(&["init", "--json"], &[("BREAKWATER_PASSPHRASE", PASS)]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        ws
    }

    pub fn command(&self, args: &[&str], env: &[(&str, &str)]) -> Command {
        let mut cmd = Command::new(BIN);
        cmd.args(args)
            .env_remove("BREAKWATER_PASSPHRASE")
            .env_remove("BREAKWATER_NEW_PASSPHRASE")
            .env("BREAKWATER_WORKSPACE", &self.dir)
            .env("BREAKWATER_USER", "ana")
            .stdin(Stdio::null());
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd
    }

    pub fn run(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let out = self.command(args, env).output().unwrap();
        let run = Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8(out.stdout).unwrap(),
            stderr: String::from_utf8(out.stderr).unwrap(),
        };
        self.stderr_log.borrow_mut().push_str(&run.stderr);
        run
    }

    /// Runs as ana with her passphrase.
    pub fn ana(&self, args: &[&str]) -> Run {
        self.run(args, &[("BREAKWATER_PASSPHRASE", PASS)])
    }

    /// The vault file with its append-only triggers dropped, to tamper with it.
    pub fn sql(&self) -> rusqlite::Connection {
        let c = rusqlite::Connection::open(self.dir.join("vault.sqlite3")).unwrap();
        for table in ["audit", "scans", "findings", "finding_decisions"] {
            c.execute_batch(&format!(
                "DROP TRIGGER IF EXISTS {table}_no_update; DROP TRIGGER IF EXISTS {table}_no_delete;"
            ))
            .unwrap();
        }
        c
    }
}

pub fn write(dir: &Path, name: &str, body: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, body).unwrap();
    path
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data")
        .join(name)
}
