//! `errcat completions <shell>`: shell completions on standard output.

use std::process::ExitCode;

use clap::CommandFactory;

pub fn run(shell: clap_complete::Shell) -> ExitCode {
    let mut command = crate::Cli::command();
    clap_complete::generate(shell, &mut command, "errcat", &mut std::io::stdout());
    ExitCode::SUCCESS
}
