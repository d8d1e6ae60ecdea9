//! `ErrorCode`: one variant per documented error, its catalog row, and its traits.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::lookup;
use super::splice::{ListKind, Splices};
use super::{docs, values};
use crate::emit::words::{header_conditions_words, retry_words};
use crate::model::document::Context;
use crate::model::{Api, Error};

fn variant_docs(api: &Api, error: &Error) -> TokenStream {
    let doc = &error.doc;
    let mut facts = vec![format!("- Wire: {}", docs::code(&error.wire))];
    if let Some(sub_code) = &doc.sub_code {
        facts.push(format!("- Sub-code: {}", docs::code(sub_code)));
    }
    if let Some(pattern) = &doc.message_pattern {
        facts.push(format!(
            "- Also matches: {} (placeholders kept in `ErrorItem::placeholders`)",
            docs::code(pattern)
        ));
    }
    let status = match &error.status_inferred {
        Some(reason) => format!(
            "- HTTP status: {} (inferred: {})",
            error.status,
            docs::text(reason)
        ),
        None => format!("- HTTP status: {}", error.status),
    };
    facts.push(match doc.context {
        Context::Http => status,
        Context::Poll => format!(
            "- Reported in a poll response whose job failed; {}",
            status.trim_start_matches("- ")
        ),
        Context::Websocket => format!(
            "- Reported when the WebSocket closes; {}",
            status.trim_start_matches("- ")
        ),
        other => format!(
            "- Reported in {}; {}",
            errcat_vocab::Term::phrase(other),
            status.trim_start_matches("- ")
        ),
    });
    for extra in &error.also_at {
        let mut line = format!(
            "- Also sent with HTTP status {}; retry there: {}",
            extra.status,
            docs::text(&retry_words(&extra.retry, Some(extra.status)))
        );
        if let Some(reason) = &extra.retry_inferred {
            line.push_str(&format!(" (inferred: {})", docs::text(reason)));
        }
        facts.push(line);
    }
    if !doc.when_headers.is_empty() {
        facts.push(format!(
            "- Selected by the headers {} when the body names no documented error",
            header_conditions_words(&doc.when_headers)
        ));
    }
    if let Some(ty) = error.error_type() {
        facts.push(format!("- Type: {}", docs::code(ty)));
    }
    facts.push(if doc.status_decides {
        format!(
            "- Category: {}",
            crate::emit::words::status_decides_words(
                error.category.as_str(),
                error.status,
                docs::code
            )
        )
    } else {
        format!("- Category: {}", docs::code(error.category.as_str()))
    });
    let mut retry = format!(
        "- Retry: {}",
        docs::text(&retry_words(&error.retry, Some(error.status)))
    );
    if let Some(advice) = &error.retry.advice {
        retry.push_str(&format!(" The page says: {}", docs::text(advice)));
    }
    if let Some(reason) = &error.retry_inferred {
        retry.push_str(&format!(" (inferred: {})", docs::text(reason)));
    }
    facts.push(retry);
    if let Some(message) = &doc.message {
        facts.push(format!("- Example message: {}", docs::code(message)));
    }
    if let Some(cause) = &doc.cause {
        facts.push(format!("- Cause: {}", docs::text(cause)));
    }
    if let Some(fix) = &doc.fix {
        facts.push(match docs::list_items(fix) {
            // The page's numbered or bulleted steps stay a list under the fact.
            Some(items) => format!("- Fix:\n{}", items.join("\n")),
            None => format!("- Fix: {}", docs::text(fix)),
        });
    }
    if let Some(url) = &error.doc_url {
        facts.push(format!("- Docs: {}", docs::url(url)));
    }
    let docs = docs::attrs(&[docs::text(&doc.description), facts.join("\n")]);
    match &doc.deprecated {
        Some(deprecation) => {
            let note = deprecation_note(api, deprecation);
            quote! { #docs #[deprecated(note = #note)] }
        }
        None => docs,
    }
}

/// The `#[deprecated]` note: the catalog's note, and the replacement's wire code.
fn deprecation_note(api: &Api, deprecation: &crate::model::document::Deprecation) -> String {
    let mut note = deprecation
        .note
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if let Some(since) = &deprecation.since {
        note = format!("since {since}: {note}");
    }
    let replacement = deprecation
        .replacement
        .as_deref()
        .and_then(|id| api.errors.iter().find(|e| e.id() == id));
    if let Some(replacement) = replacement {
        note.push_str(&format!(" Use `{}` instead.", replacement.variant));
    }
    note
}

/// One `CodeInfo` row: the facts every code has, then only the optional facts this
/// code has, on top of `CodeInfo::BASE`. Spelling out every absent fact as `None` made a
/// 10,000-code table about a third slower to compile (see BENCHMARKS.md).
fn info_row(error: &Error) -> TokenStream {
    let doc = &error.doc;
    let id = &doc.id;
    let wire = &error.wire;
    let status = error.status;
    let category = values::term(error.category);
    let retry =
        values::retry(&error.retry).unwrap_or_else(|| quote! { ::errcat::RetryRule::Never });
    let description = &doc.description;
    let optional = [
        ("sub_code", doc.sub_code.as_deref()),
        ("status_inferred", error.status_inferred.as_deref()),
        ("error_type", error.error_type()),
        ("retry_advice", error.retry.advice.as_deref()),
        ("retry_inferred", error.retry_inferred.as_deref()),
        ("doc_url", error.doc_url.as_deref()),
        ("message", doc.message.as_deref()),
        ("cause", doc.cause.as_deref()),
        ("fix", doc.fix.as_deref()),
        ("message_pattern", doc.message_pattern.as_deref()),
    ];
    let optional = optional.iter().filter_map(|(field, value)| {
        let field = Ident::new(field, Span::call_site());
        value.map(|value| quote! { #field: Some(#value), })
    });
    let context = (doc.context != Context::Http).then(|| {
        let context = values::term(doc.context);
        quote! { context: #context, }
    });
    let also_at = (!error.also_at.is_empty()).then(|| {
        let rows = error.also_at.iter().map(|extra| {
            let status = extra.status;
            let retry = values::retry(&extra.retry)
                .unwrap_or_else(|| quote! { ::errcat::RetryRule::Never });
            let inferred = values::opt_str(extra.retry_inferred.as_deref());
            quote! {
                ::errcat::AlsoAt { status: #status, retry: #retry, retry_inferred: #inferred }
            }
        });
        quote! { also_at: &[ #( #rows ),* ], }
    });
    let status_decides = doc.status_decides.then(|| quote! { status_decides: true, });
    let when_headers = (!doc.when_headers.is_empty()).then(|| {
        let rows = doc.when_headers.iter().map(|condition| {
            let name = &condition.name;
            let equals = &condition.equals;
            quote! { ::errcat::HeaderCondition { name: #name, equals: #equals } }
        });
        quote! { when_headers: &[ #( #rows ),* ], }
    });
    quote! {
        ::errcat::CodeInfo {
            id: #id,
            wire: #wire,
            status: #status,
            category: #category,
            retry: #retry,
            description: #description,
            #( #optional )*
            #context
            #also_at
            #status_decides
            #when_headers
            ..::errcat::CodeInfo::BASE
        }
    }
}

/// The wire codes to look up, and, when some entries share one (sub-codes), the index of
/// the variant each distinct code stands for.
fn distinct_wires(api: &Api) -> (Vec<&str>, Option<Vec<usize>>) {
    let wires: Vec<&str> = api.errors.iter().map(|e| e.wire.as_str()).collect();
    if api.errors.iter().all(|e| e.doc.sub_code.is_none()) {
        // Wires are unique then (the validator checks): the common, fast case.
        return (wires, None);
    }
    let mut seen = std::collections::BTreeSet::new();
    let mut distinct = Vec::new();
    let mut targets = Vec::new();
    for (i, wire) in wires.iter().enumerate() {
        if !seen.insert(*wire) {
            continue;
        }
        // The general entry (no sub-code), else the first with this wire.
        let chosen = api
            .errors
            .iter()
            .position(|e| e.wire == *wire && e.doc.sub_code.is_none())
            .unwrap_or(i);
        distinct.push(*wire);
        targets.push(chosen);
    }
    let shared = distinct.len() < wires.len();
    (distinct, shared.then_some(targets))
}

/// How codes relate to types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typing {
    /// The API has no types.
    None,
    /// Every code has a type: `error_type()` returns `ErrorType`.
    Every,
    /// Some codes have none: `error_type()` returns `Option<ErrorType>`.
    Some,
}

impl Typing {
    /// How `api`'s codes relate to its types.
    pub fn of(api: &Api) -> Typing {
        if api.doc.types.is_empty() {
            Typing::None
        } else if api.errors.iter().all(|e| e.error_type().is_some()) {
            Typing::Every
        } else {
            Typing::Some
        }
    }
}

fn variant(error: &Error) -> Ident {
    Ident::new(&error.variant, Span::call_site())
}

/// The `ErrorCode` enum, its table and impls. The lists that grow with the catalog go
/// through `splices`.
pub fn emit<'a>(
    api: &'a Api,
    typing: Typing,
    strategy: lookup::LookupStrategy,
    splices: &mut Splices<'a>,
) -> TokenStream {
    let api_id = api.id();
    let name = &api.doc.api.name;
    let errors = &api.errors;
    let count = errors.len();
    let variants = splices.list(ListKind::Variants, count, move |i| {
        let docs = variant_docs(api, &errors[i]);
        let variant = variant(&errors[i]);
        quote! { #docs #variant }
    });
    let variant_names = splices.list(ListKind::Elements, count, move |i| {
        let name = errors[i].variant.as_str();
        quote! { #name }
    });
    let rows = splices.list(ListKind::Elements, count, move |i| info_row(&errors[i]));
    let all = splices.list(ListKind::Elements, count, move |i| {
        let variant = variant(&errors[i]);
        quote! { ErrorCode::#variant }
    });
    // A wire code shared by entries with different sub-codes is looked up once, to the
    // entry `model::classify` picks for it alone (the runtime pairs sub-codes itself).
    let (wires, targets) = distinct_wires(api);
    let lookup = lookup::lookup_spliced(wires, strategy, splices);
    let lookup = match targets {
        None => lookup,
        Some(targets) => quote! {
            {
                /// The variant each distinct wire code stands for.
                const TARGETS: &[usize] = &[ #( #targets ),* ];
                let distinct: Option<usize> = #lookup;
                distinct.map(|k| TARGETS[k])
            }
        },
    };
    let inline = lookup::inline_from_wire(strategy, count).then(|| quote! { #[inline] });
    let enum_doc = docs::attrs(&[
        format!("The documented errors of {}.", docs::text(name)),
        "Parse a wire identifier with `from_wire` or `parse`; a code the catalog does not know \
         is kept by [`WireCode`], which never fails."
            .to_owned(),
    ]);
    let type_variant = |e: &Error| -> Option<TokenStream> {
        e.error_type().map(|ty| {
            let ty = Ident::new(
                &heck::ToUpperCamelCase::to_upper_camel_case(ty),
                Span::call_site(),
            );
            quote! { ErrorType::#ty }
        })
    };
    let type_table = match typing {
        Typing::None => TokenStream::new(),
        Typing::Every => {
            let types = splices.list(ListKind::Elements, count, move |i| {
                type_variant(&errors[i]).unwrap_or_default()
            });
            quote! {
                /// The type of every code, by position in [`ErrorCode::ALL`].
                static CODE_TYPES: [ErrorType; #count] = [ #types ];

                #[allow(deprecated)]
                impl ErrorCode {
                    /// The error type (category) the API groups this code under.
                    pub const fn error_type(self) -> ErrorType {
                        CODE_TYPES[self as usize]
                    }
                }
            }
        }
        Typing::Some => {
            let types = splices.list(ListKind::Elements, count, move |i| {
                match type_variant(&errors[i]) {
                    Some(ty) => quote! { Some(#ty) },
                    None => quote! { None },
                }
            });
            quote! {
                /// The type of every code, by position in [`ErrorCode::ALL`].
                static CODE_TYPES: [Option<ErrorType>; #count] = [ #types ];

                #[allow(deprecated)]
                impl ErrorCode {
                    /// The error type (category) the API groups this code under, if any.
                    pub const fn error_type(self) -> Option<ErrorType> {
                        CODE_TYPES[self as usize]
                    }
                }
            }
        }
    };
    let deny = quote! { serde };
    quote! {
        #enum_doc
        // `Debug` is written below rather than derived: a derived `Debug` is a `match` with
        // one arm per variant, which alone took 2 of the 12 s a 10,000-code module took to
        // compile in release (see BENCHMARKS.md).
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum ErrorCode {
            #variants
        }

        /// The Rust name of every variant, by position in [`ErrorCode::ALL`]: what `Debug` prints.
        static VARIANT_NAMES: [&str; #count] = [ #variant_names ];

        impl ::core::fmt::Debug for ErrorCode {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(VARIANT_NAMES[*self as usize])
            }
        }

        /// The catalog's row of every code, by position in [`ErrorCode::ALL`].
        static CODE_INFO: [::errcat::CodeInfo; #count] = [ #rows ];

        #[allow(deprecated)]
        impl ErrorCode {
            /// Every documented code, in catalog order.
            pub const ALL: &'static [ErrorCode] = &[ #all ];

            /// Everything the catalog says about this code.
            pub const fn info(self) -> &'static ::errcat::CodeInfo {
                &CODE_INFO[self as usize]
            }

            /// The code for a wire identifier, if the catalog documents it.
            #inline
            pub fn from_wire(wire: &str) -> Option<ErrorCode> {
                let index: Option<usize> = #lookup;
                index.map(|i| Self::ALL[i])
            }

            /// The wire identifier: what the API sends.
            pub const fn as_str(self) -> &'static str {
                self.info().wire
            }

            /// The stable snake_case id.
            pub const fn id(self) -> &'static str {
                self.info().id
            }

            /// The HTTP status the API sends it with.
            pub const fn http_status(self) -> u16 {
                self.info().status
            }

            /// The canonical cross-API category.
            pub const fn category(self) -> ::errcat::Category {
                self.info().category
            }

            /// The retry rule.
            pub const fn retry(self) -> ::errcat::RetryRule {
                self.info().retry
            }

            /// The page's own words on what to do, if it gives any.
            pub const fn retry_advice(self) -> Option<&'static str> {
                self.info().retry_advice
            }

            /// The documentation URL, if the catalog gives one.
            pub const fn doc_url(self) -> Option<&'static str> {
                self.info().doc_url
            }

            /// What the error means.
            pub const fn description(self) -> &'static str {
                self.info().description
            }

            /// Why it happens, if the page says.
            pub const fn cause(self) -> Option<&'static str> {
                self.info().cause
            }

            /// How to fix it, if the page says.
            pub const fn fix(self) -> Option<&'static str> {
                self.info().fix
            }

            /// Where the error is reported.
            pub const fn context(self) -> ::errcat::Context {
                self.info().context
            }
        }

        #type_table

        impl ::errcat::CatalogCode for ErrorCode {
            const API: &'static str = #api_id;
            const SPEC: &'static ::errcat::ApiSpec = &SPEC;
            const ALL: &'static [ErrorCode] = ErrorCode::ALL;

            fn from_wire(wire: &str) -> Option<ErrorCode> {
                ErrorCode::from_wire(wire)
            }

            fn info(self) -> &'static ::errcat::CodeInfo {
                ErrorCode::info(self)
            }
        }

        impl ::core::str::FromStr for ErrorCode {
            type Err = ::errcat::UnknownCode;

            fn from_str(wire: &str) -> Result<ErrorCode, ::errcat::UnknownCode> {
                ErrorCode::from_wire(wire).ok_or_else(|| ::errcat::UnknownCode::new(wire))
            }
        }

        impl ::core::fmt::Display for ErrorCode {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl #deny::Serialize for ErrorCode {
            fn serialize<S: #deny::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> #deny::Deserialize<'de> for ErrorCode {
            fn deserialize<D: #deny::Deserializer<'de>>(deserializer: D) -> Result<ErrorCode, D::Error> {
                ::errcat::__private::deserialize_known(deserializer)
            }
        }

        /// A code as it came over the wire: documented, or unknown with its text kept.
        pub type WireCode = ::errcat::WireCode<ErrorCode>;
    }
}
