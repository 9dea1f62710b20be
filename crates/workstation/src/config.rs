//! Workstation settings and where workspaces live by default.

use std::path::PathBuf;
use std::time::Duration;

use vault::KdfParams;

/// Settings of one workstation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Idle time after which the session locks itself.
    pub idle_timeout: Duration,
    /// Argon2id cost for passphrases set in this session.
    pub kdf: KdfParams,
}

impl Default for Config {
    /// Locks after 15 minutes without activity; default Argon2id cost.
    fn default() -> Self {
        Self {
            idle_timeout: Duration::from_secs(15 * 60),
            kdf: KdfParams::default(),
        }
    }
}

impl Config {
    /// Defaults, with the idle time from `BREAKWATER_IDLE_MINUTES` when it is a positive number.
    pub fn from_env() -> Self {
        let minutes = std::env::var("BREAKWATER_IDLE_MINUTES")
            .ok()
            .and_then(|m| m.trim().parse::<u64>().ok());
        match minutes {
            Some(m) if m > 0 => Self {
                idle_timeout: Duration::from_secs(m.saturating_mul(60)),
                ..Self::default()
            },
            _ => Self::default(),
        }
    }
}

/// The platform data directory's `workspace` folder, e.g. `~/.local/share/breakwater/workspace`.
pub fn default_workspace_dir() -> PathBuf {
    directories::ProjectDirs::from("org", "Breakwater", "breakwater")
        .map(|d| d.data_dir().join("workspace"))
        .unwrap_or_else(|| PathBuf::from("breakwater-workspace"))
}
