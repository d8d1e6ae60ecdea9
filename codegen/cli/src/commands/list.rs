//! `errcat list`: every error as a table.

use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(paths: &[PathBuf], api: Option<&str>) -> ExitCode {
    let catalog = match super::load(paths) {
        Ok(catalog) => catalog,
        Err(code) => return code,
    };
    if let Err(code) = super::check_api(&catalog, api) {
        return code;
    }
    let mut rows = vec![["API", "ID", "WIRE", "STATUS", "TYPE", "RETRY"]
        .map(str::to_owned)
        .to_vec()];
    for a in catalog
        .apis
        .iter()
        .filter(|a| api.is_none_or(|id| a.id() == id))
    {
        for error in &a.errors {
            rows.push(vec![
                a.id().to_owned(),
                cut(error.id(), 28),
                cut(&error.wire, 28),
                error.status.to_string(),
                cut(error.error_type().unwrap_or("-"), 20),
                error.retry.rule.as_str().to_owned(),
            ]);
        }
    }
    print!("{}", super::columns(&rows));
    ExitCode::SUCCESS
}

/// `text` cut to `width` characters with `…`, so that a wire message does not stretch
/// every row (`explain` shows the whole entry).
fn cut(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_owned()
    } else {
        let kept: String = text.chars().take(width - 1).collect();
        format!("{kept}…")
    }
}
