//! `breakwater`: the command-line shell over the `workstation` crate. It parses arguments,
//! gets passphrases, prints for people or as one JSON object, and maps errors to the exit
//! codes of CLI.md. It holds no business logic.
#![forbid(unsafe_code)]

mod args;
mod commands;
mod failure;
mod passphrase;
mod phi;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use failure::Failure;

fn main() -> ExitCode {
    let cli = match args::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints its own `error: ...` and usage; it exits 0 for --help/--version.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                failure::EXIT_USAGE
            } else {
                0
            });
        }
    };
    match commands::run(&cli) {
        Ok(output) if output.is_printed => {
            output.failure.as_ref().map_or(ExitCode::SUCCESS, report)
        }
        Ok(output) => {
            let mut stdout = std::io::stdout().lock();
            let text = if cli.json {
                output.json.to_string()
            } else {
                output.human
            };
            let _ = writeln!(stdout, "{text}");
            drop(stdout);
            output.failure.as_ref().map_or(ExitCode::SUCCESS, report)
        }
        Err(failure) => report(&failure),
    }
}

fn report(failure: &Failure) -> ExitCode {
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(stderr, "error: {}", failure.message);
    if let Some(hint) = &failure.hint {
        let _ = writeln!(stderr, "hint: {hint}");
    }
    ExitCode::from(failure.exit_code)
}
