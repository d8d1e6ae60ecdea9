//! Writing to standard output and standard error without panicking.
//!
//! std's `println!` and `eprintln!` panic when the stream is closed (`errcat export | head
//! -1`: exit 101 and a panic message). The CLI's own `println!`, `print!`, `eprintln!` and
//! `eprint!` (defined in `main.rs`, in scope for every command) write through
//! [`write()`] instead: when the reader has gone, errcat stops at once, prints nothing more
//! and exits with 141, the status of a Unix tool that a closed pipe stops (128 + SIGPIPE),
//! so `set -o pipefail` scripts see it as they see `yes | head -1`.

use std::io::Write;

/// Which stream to write to.
#[derive(Clone, Copy)]
pub enum Stream {
    Out,
    Err,
}

/// The exit status when the reader of our output has gone.
pub const CLOSED_PIPE: i32 = 141;

/// Writes `args` (and a newline if asked) to `stream`; a closed pipe ends the process
/// quietly, another write error ends it with status 1.
pub fn write(stream: Stream, args: std::fmt::Arguments<'_>, newline: bool) {
    let result = match stream {
        Stream::Out => write_to(&mut std::io::stdout().lock(), args, newline),
        Stream::Err if crate::colour::enabled() => {
            let painted = crate::colour::paint_lines(&args.to_string());
            write_to(
                &mut std::io::stderr().lock(),
                format_args!("{painted}"),
                newline,
            )
        }
        Stream::Err => write_to(&mut std::io::stderr().lock(), args, newline),
    };
    match result {
        Ok(()) => {}
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => {
            std::process::exit(CLOSED_PIPE)
        }
        Err(error) => {
            if matches!(stream, Stream::Out) {
                let _ = writeln!(std::io::stderr(), "error: cannot write the output: {error}");
            }
            std::process::exit(1)
        }
    }
}

fn write_to(
    to: &mut impl Write,
    args: std::fmt::Arguments<'_>,
    newline: bool,
) -> std::io::Result<()> {
    to.write_fmt(args)?;
    if newline {
        to.write_all(b"\n")?;
    }
    to.flush()
}
