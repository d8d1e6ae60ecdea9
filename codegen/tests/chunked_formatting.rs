//! Formatting a module's long lists in chunks (`emit::rust::splice`) gives the very bytes
//! that formatting the whole module in one piece gives, for catalogs large enough to be
//! chunked and shaped like each bundled API (types on every code or on some, messages,
//! close codes, poll and WebSocket contexts, deprecations).

use errcat_codegen::emit::rust::splice::{Formatting, CHUNK};
use errcat_codegen::emit::rust::{emit_api, emit_api_with, RustOptions};
use errcat_codegen::synthetic::Synthetic;
use serde_yaml::Value;

const CATALOG: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../catalog");

/// `text` with a copy-specific suffix, keeping it a valid identifier or sentence.
fn suffixed(text: &str, copy: usize) -> String {
    if text.contains(' ') {
        format!("{text} (copy {copy})")
    } else {
        format!("{text}_copy{copy}")
    }
}

/// The bundled catalog `api`, its errors repeated until there are at least `codes`.
fn grown(api: &str, codes: usize) -> errcat_codegen::model::Catalog {
    let path = format!("{CATALOG}/{api}.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut doc: Value = serde_yaml::from_str(&text).unwrap();
    let errors = doc["errors"].as_sequence().unwrap().clone();
    let mut all = errors.clone();
    let mut copy = 1;
    while all.len() < codes {
        for error in &errors {
            let mut error = error.clone();
            let map = error.as_mapping_mut().unwrap();
            for key in ["id", "wire", "doc_url"] {
                if let Some(Value::String(s)) = map.get_mut(key) {
                    *s = suffixed(s, copy);
                }
            }
            // A replacement names an original code; copies are not deprecated twice over.
            map.remove("deprecated");
            all.push(error);
        }
        copy += 1;
    }
    doc["errors"] = Value::Sequence(all);
    let dir = std::env::temp_dir().join(format!("errcat-chunked-{}-{api}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{api}.yaml"));
    std::fs::write(&file, serde_yaml::to_string(&doc).unwrap()).unwrap();
    let catalog = errcat_codegen::Builder::new()
        .catalog(&file)
        .emit_rerun_if_changed(false)
        .load()
        .unwrap_or_else(|d| panic!("the grown {api} catalog does not validate:\n{d}"));
    std::fs::remove_dir_all(&dir).unwrap();
    catalog
}

fn assert_same(label: &str, api: &errcat_codegen::model::Api) {
    let chunked = emit_api_with(
        api,
        RustOptions::default().with_formatting(Formatting::Chunked),
    );
    let whole = emit_api_with(
        api,
        RustOptions::default().with_formatting(Formatting::Whole),
    );
    assert!(
        !chunked.contains("__errcat_splice_"),
        "{label}: a placeholder was left in the output"
    );
    if chunked != whole {
        let line = chunked
            .lines()
            .zip(whole.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        panic!(
            "{label}: chunked formatting differs from whole formatting at line {}:\n  chunked: {:?}\n  whole:   {:?}",
            line + 1,
            chunked.lines().nth(line),
            whole.lines().nth(line)
        );
    }
}

#[test]
fn chunked_equals_whole_for_every_bundled_api_shape() {
    for api in [
        "agenthuman",
        "identitycall",
        "kallglot",
        "voice_gateway",
        "zenhire",
    ] {
        // Not a multiple of the chunk: the last chunk takes a remainder.
        let catalog = grown(api, 2 * CHUNK + 37);
        let api_model = &catalog.apis[0];
        assert!(api_model.errors.len() > 2 * CHUNK, "{api} was not grown");
        assert_same(api, api_model);
    }
}

#[test]
fn chunked_equals_whole_at_and_around_the_chunk_size() {
    for size in [CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK - 1] {
        let catalog = Synthetic::new("synth", size, 11).catalog().unwrap();
        assert_same(&format!("{size} synthetic codes"), &catalog.apis[0]);
    }
}

#[test]
fn the_generator_formats_in_chunks() {
    // `emit_api` is what `generate` uses; it must be the chunked path (same bytes, bounded
    // memory), which the comparison above then vouches for.
    let catalog = Synthetic::new("synth", 2 * CHUNK, 5).catalog().unwrap();
    let api = &catalog.apis[0];
    assert_eq!(
        emit_api(api),
        emit_api_with(
            api,
            RustOptions::default().with_formatting(Formatting::Whole)
        )
    );
}
