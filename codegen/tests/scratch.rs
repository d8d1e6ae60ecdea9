#[test]
fn scratch() {
    let l = errcat_codegen::load::load_file(std::path::Path::new("/tmp/t/a.yaml"), "a.yaml");
    for d in &l.diagnostics { println!("{d}\n"); }
    println!("{:?}", l.document.map(|d| d.errors.len()));
}
