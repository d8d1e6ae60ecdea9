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
            let retry = match serde_json::to_value(error.retry.rule) {
                Ok(serde_json::Value::String(rule)) => rule,
                _ => String::new(),
            };
            rows.push(vec![
                a.id().to_owned(),
                error.id().to_owned(),
                error.wire.clone(),
                error.status.to_string(),
                error.error_type().unwrap_or("-").to_owned(),
                retry,
            ]);
        }
    }
    print!("{}", super::columns(&rows));
    ExitCode::SUCCESS
}
