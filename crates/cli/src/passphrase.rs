//! Where passphrases come from: the environment, else a terminal prompt without echo, else an
//! immediate refusal (never wait for input that cannot come).

use std::io::IsTerminal;

use workstation::Passphrase;

use crate::failure::Failure;

/// The acting user's own passphrase (`BREAKWATER_PASSPHRASE`).
pub fn own(prompt: &str) -> Result<Passphrase, Failure> {
    from_env_or_prompt("BREAKWATER_PASSPHRASE", prompt, false)
}

/// A passphrase being set (`BREAKWATER_NEW_PASSPHRASE`), typed twice at a prompt.
pub fn new(prompt: &str) -> Result<Passphrase, Failure> {
    from_env_or_prompt("BREAKWATER_NEW_PASSPHRASE", prompt, true)
}

/// A first user's passphrase for `init`/`demo` (`BREAKWATER_PASSPHRASE`), typed twice at a prompt.
pub fn own_new(prompt: &str) -> Result<Passphrase, Failure> {
    from_env_or_prompt("BREAKWATER_PASSPHRASE", prompt, true)
}

fn from_env_or_prompt(var: &str, prompt: &str, confirm: bool) -> Result<Passphrase, Failure> {
    if let Some(value) = std::env::var_os(var) {
        let text = value.into_string().map_err(|_| {
            Failure::auth(
                format!("{var} is not valid UTF-8"),
                "set it to a UTF-8 passphrase",
            )
        })?;
        return Ok(Passphrase::new(text));
    }
    if !std::io::stdin().is_terminal() {
        return Err(Failure::auth(
            "no passphrase given",
            format!("set {var}, or run the command in a terminal to be prompted"),
        ));
    }
    let read = |p: &str| {
        rpassword::prompt_password(p)
            .map_err(|e| Failure::auth(format!("cannot read the passphrase: {e}"), "try again"))
    };
    let first = Passphrase::new(read(prompt)?);
    if confirm {
        let again = Passphrase::new(read("Repeat it: ")?);
        if !first.same_as(&again) {
            return Err(Failure::error(
                "the two passphrases differ",
                "type the same passphrase twice",
            ));
        }
    }
    Ok(first)
}
