//! The Rust emitter: one module per API, built with `quote` and formatted with
//! `prettyplease`. The output is a single `pub mod <api> { ... }` item with no inner
//! attributes, so it can be `include!`d anywhere.

mod close_codes;
mod codes;
mod docs;
mod envelope;
pub mod lookup;
mod spec;
pub mod splice;
mod types;
mod values;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::load::document::IdentifiedBy;
use crate::model::Api;
use splice::{Formatting, Splices};

fn module_docs(api: &Api) -> TokenStream {
    let info = &api.doc.api;
    let mut paragraphs = vec![format!("Errors of the {} API.", docs::text(&info.name))];
    if let Some(description) = &info.description {
        paragraphs.push(docs::text(description));
    }
    let mut facts = Vec::new();
    if let Some(source) = &info.source {
        facts.push(format!("- Source page: {}", docs::url(source)));
    }
    facts.push(format!(
        "- Errors are identified by {}.",
        match info.identified_by {
            IdentifiedBy::Code => "their code field",
            IdentifiedBy::Message => "their message text and HTTP status",
        }
    ));
    facts.push(format!("- Catalog: {}", docs::code(&api.source_path)));
    paragraphs.push(facts.join("\n"));
    paragraphs
        .push("Facts the page does not state are marked *inferred* with the reason.".to_owned());
    docs::attrs(&paragraphs)
}

/// The token stream of one API's module, before formatting, with its long lists left
/// in `splices`.
fn module_tokens<'a>(api: &'a Api, splices: &mut Splices<'a>) -> TokenStream {
    let module = Ident::new(api.id(), Span::call_site());
    let docs = module_docs(api);
    let id = api.id();
    let name = &api.doc.api.name;
    let typing = codes::Typing::of(api);
    let codes = codes::emit(api, typing, splices);
    let types = types::emit(api, typing);
    let close = close_codes::emit(api);
    let spec = spec::emit(api);
    let envelope = envelope::emit(api);
    quote! {
        #docs
        pub mod #module {
            /// The API's id in the catalog.
            pub const API_ID: &str = #id;
            /// The API's display name.
            pub const API_NAME: &str = #name;

            #codes
            #types
            #close
            #spec
            #envelope
        }
    }
}

/// The Rust source of one API's module, formatted.
pub fn emit_api(api: &Api) -> String {
    emit_api_with(api, Formatting::Chunked)
}

/// [`emit_api`], formatted as `formatting` says (the output is the same either way).
pub fn emit_api_with(api: &Api, formatting: Formatting) -> String {
    // Formatting allocates and frees a great many small blocks. On the thread that loaded
    // and validated the catalog, glibc's allocator serves them from a heap riddled with
    // the loader's freed blocks, and searching it grew faster than the catalog (a 60,000
    // code module: 15.3 s there, 6.4 s on a fresh thread, which gets a fresh heap). So the
    // module is emitted on a thread of its own, with the main thread's stack size.
    let strategy = lookup::effective_strategy(api.errors.len());
    std::thread::scope(|scope| {
        let emitting = std::thread::Builder::new()
            .name("errcat-emit".to_owned())
            .stack_size(8 << 20)
            .spawn_scoped(scope, || {
                lookup::with_strategy(strategy, || format_module(api, formatting))
            });
        match emitting {
            Ok(thread) => thread
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            // No thread to be had: emit here, only slower.
            Err(_) => format_module(api, formatting),
        }
    })
}

fn format_module(api: &Api, formatting: Formatting) -> String {
    let mut splices = Splices::new(formatting);
    let tokens = module_tokens(api, &mut splices);
    match syn::parse2::<syn::File>(tokens) {
        Ok(file) => splices.format(file),
        // Validation guarantees identifiers are valid; reaching this is an errcat bug.
        Err(error) => panic!(
            "errcat generated Rust that does not parse for `{}`: {error}",
            api.id()
        ),
    }
}
