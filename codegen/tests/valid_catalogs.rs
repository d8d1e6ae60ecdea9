#[test]
fn dump() {
    let c = errcat_codegen::Builder::new()
        .catalog(concat!(env!("CARGO_MANIFEST_DIR"), "/../catalog"))
        .load()
        .unwrap();
    for api in &c.apis {
        println!("== {} {:?}", api.id(), api.identified_by());
        for e in &api.errors {
            println!(
                "{:32} {:45} {} {:?} {:?} {:?} {:?} {:?} src={:?} doc={:?} si={}",
                e.id(),
                e.wire,
                e.status,
                e.doc.error_type,
                e.category,
                e.retry.rule,
                e.retry_source,
                e.context(),
                e.retry.header,
                e.doc_url,
                e.status_inferred.is_some()
            );
        }
    }
}
