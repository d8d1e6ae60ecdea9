//! A catalog file's name reaches the generated Rust header, the Markdown reference's
//! header, the JSON export and cargo directives. Names that could inject code or
//! directives are refused with a diagnostic; every other name is escaped per sink.

use std::path::{Path, PathBuf};

use errcat_codegen::{Artifact, Builder};

fn catalog_text() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../catalog/zenhire.yaml"))
        .expect("the bundled catalog")
}

fn builder(dir: &Path) -> Builder {
    Builder::new()
        .catalog(dir)
        .artifacts([Artifact::Rust, Artifact::Json, Artifact::Docs])
}

/// A scratch folder holding `<folder>/<name>`, and the folder to pass as the catalog
/// (a folder name ending in `*` puts `*/` into the path).
fn folder_with(name: &std::ffi::OsStr) -> (tempfile::TempDir, PathBuf) {
    folder_with_in("catalog", name)
}

fn folder_with_in(folder: &str, name: &std::ffi::OsStr) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a scratch folder");
    let catalog = dir.path().join(folder);
    std::fs::create_dir_all(&catalog).expect("the catalog folder");
    std::fs::write(catalog.join(name), catalog_text()).expect("the catalog file");
    (dir, catalog)
}

/// Names with a line break, another control character or bytes that are not UTF-8 are
/// refused, located at the file, with a fix; nothing is generated.
#[test]
fn names_that_could_inject_are_refused() {
    use std::os::unix::ffi::OsStrExt;
    let names: Vec<&std::ffi::OsStr> = vec![
        "z.yaml\npub fn injected() {}\n.yaml".as_ref(),
        "z\ncargo:rustc-env=INJECTED=1\n.yaml".as_ref(),
        "z\r.yaml".as_ref(),
        "z\t.yaml".as_ref(),
        "z\u{1b}[31m.yaml".as_ref(),
        std::ffi::OsStr::from_bytes(b"z\xff.yaml"),
    ];
    for name in names {
        let (_dir, catalog) = folder_with(name);
        let diagnostics = builder(&catalog)
            .generate()
            .expect_err("an unsafe file name is refused");
        let refusal = diagnostics
            .0
            .iter()
            .find(|d| d.rule == "unsafe-file-name")
            .unwrap_or_else(|| panic!("{name:?}: {diagnostics}"));
        // A problem of the name, not of a place in the file: no line and column.
        assert_eq!((refusal.position.line, refusal.position.column), (0, 0));
        assert_eq!(refusal.location(), refusal.file);
        assert!(refusal.help.contains("rename"), "{refusal}");
        assert!(!refusal.file.contains(['\n', '\r']), "{:?}", refusal.file);
    }
}

/// Whether `ident` is an identifier anywhere in `tokens` (text in comments and doc
/// strings is a literal, not an identifier).
fn has_ident(tokens: proc_macro2::TokenStream, ident: &str) -> bool {
    tokens.into_iter().any(|tree| match tree {
        proc_macro2::TokenTree::Ident(i) => i == ident,
        proc_macro2::TokenTree::Group(g) => has_ident(g.stream(), ident),
        _ => false,
    })
}

/// Quotes, comment closers, backslashes, braces and `-->` are kept, escaped where the
/// sink needs it: the module parses and has exactly the items the plain name gives, the
/// Rust header is two comment lines, and the Markdown header is one HTML comment.
#[test]
fn odd_but_safe_names_stay_inside_their_sinks() {
    let (_plain_dir, plain_catalog) = folder_with("zenhire.yaml".as_ref());
    let plain = builder(&plain_catalog).generate().expect("generates");
    let items = |code: &str| syn::parse_file(code).expect("parses").items.len();
    for (folder, name) in [
        ("catalog", "it's \"quoted\".yaml"),
        ("x*", " pub fn injected() {} .yaml"),
        ("catalog", "--> <script>alert(1)<\\script> <!--.yaml"),
        ("catalog", "back\\slash {braces} `tick`.yaml"),
    ] {
        let (_dir, catalog) = folder_with_in(folder, name.as_ref());
        let files = builder(&catalog).generate().expect("generates");
        let rust = &files["zenhire.rs"];
        assert_eq!(items(rust), items(&plain["zenhire.rs"]), "{name}");
        let tokens: proc_macro2::TokenStream = rust.parse().expect("tokens");
        assert!(
            !has_ident(tokens, "injected"),
            "{name}: the name became code"
        );
        let header: Vec<&str> = rust.lines().take_while(|l| !l.is_empty()).collect();
        assert_eq!(header.len(), 2, "{name}: {header:?}");
        assert!(header.iter().all(|l| l.starts_with("// ")), "{name}");
        let docs = &files["docs/zenhire.md"];
        let first = docs.lines().next().expect("a header line");
        assert!(
            first.starts_with("<!-- ") && first.ends_with(" -->"),
            "{first}"
        );
        assert_eq!(first.matches("-->").count(), 1, "{name}: {first}");
        assert_eq!(first.matches("<!--").count(), 1, "{name}: {first}");
        let json: serde_json::Value =
            serde_json::from_str(&files["catalog.json"]).expect("the export is JSON");
        assert!(json.to_string().contains("zenhire"), "{name}");
    }
}
