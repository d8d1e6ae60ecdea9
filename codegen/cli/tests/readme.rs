//! The README's tour agrees with the run: its catalog validates as shown, and the
//! diagnostic it prints for a misspelt field is the one `errcat validate` gives, line and
//! column included.

mod common;
use common::{errcat, repo, text};

/// The fenced blocks of the README with their info strings.
fn blocks(readme: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut lines = readme.lines();
    while let Some(line) = lines.next() {
        if let Some(info) = line.strip_prefix("```").filter(|i| !i.is_empty()) {
            let body: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
            out.push((info.to_owned(), body.join("\n") + "\n"));
        }
    }
    out
}

#[test]
fn the_tour_catalog_validates_and_its_typo_reads_as_shown() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let blocks = blocks(&readme);
    let yaml = &blocks.iter().find(|(info, _)| info == "yaml").unwrap().1;
    let shown = &blocks
        .iter()
        .find(|(info, body)| info == "text" && body.starts_with("error[unknown-field]"))
        .expect("the README shows the unknown-field diagnostic")
        .1;

    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("catalog")).unwrap();
    let file = dir.path().join("catalog/acme.yaml");
    std::fs::write(&file, yaml).unwrap();
    let out = errcat(dir.path(), &["validate", "catalog/"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));

    // The typo the README shows, in the first error's status.
    let typo = shown
        .lines()
        .find(|l| l.contains(" | ") && l.contains("stauts"))
        .and_then(|l| l.split(" | ").nth(1))
        .expect("the README shows the misspelt line");
    let fixed = typo.replace("stauts", "status");
    assert!(yaml.contains(&format!("\n{fixed}\n")), "{fixed:?}");
    std::fs::write(&file, yaml.replacen(&fixed, typo, 1)).unwrap();
    let out = errcat(dir.path(), &["validate", "catalog/"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    // Every line the README shows, up to its `...`, is what errcat prints.
    for (line, (shown, actual)) in shown.lines().zip(stderr.lines()).enumerate() {
        match shown.split_once("...") {
            Some((start, _)) => assert!(actual.starts_with(start), "line {line}: {actual:?}"),
            None => assert_eq!(shown, actual, "line {line}"),
        }
    }
}
