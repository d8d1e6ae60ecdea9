//! `ErrorType`: the API's documented groups of codes.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::docs;
use crate::emit::words::retry_words;
use crate::model::Api;

use super::codes::Typing;

/// The `ErrorType` enum, or nothing when the API has no types.
pub fn emit(api: &Api, typing: Typing) -> TokenStream {
    let types = &api.doc.types;
    if types.is_empty() {
        return TokenStream::new();
    }
    let variants: Vec<Ident> = types
        .iter()
        .map(|t| {
            Ident::new(
                &heck::ToUpperCamelCase::to_upper_camel_case(t.id.as_str()),
                Span::call_site(),
            )
        })
        .collect();
    let wires: Vec<&str> = types
        .iter()
        .map(|t| t.wire.as_deref().unwrap_or(&t.id))
        .collect();
    let descriptions: Vec<&str> = types.iter().map(|t| t.description.as_str()).collect();
    let variant_docs = types.iter().zip(&wires).map(|(t, wire)| {
        let mut facts = vec![format!("- Wire: {}", docs::code(wire))];
        if let Some(status) = t.status {
            match &t.inferred.status {
                Some(reason) => facts.push(format!(
                    "- HTTP status: {status} (inferred: {})",
                    docs::text(reason)
                )),
                None => facts.push(format!("- HTTP status: {status}")),
            }
        }
        if let Some(rule) = &t.retry {
            let mut line = format!("- Retry: {}", docs::text(&retry_words(rule, t.status)));
            if let Some(advice) = &rule.advice {
                line.push_str(&format!(" The page says: {}", docs::text(advice)));
            }
            if let Some(reason) = t.inferred.retry.as_ref().or(rule.inferred.retry.as_ref()) {
                line.push_str(&format!(" (inferred: {})", docs::text(reason)));
            }
            facts.push(line);
        }
        docs::attrs(&[docs::text(&t.description), facts.join("\n")])
    });
    let typed_self = match typing {
        Typing::Some => quote! { code.error_type() == Some(self) },
        _ => quote! { code.error_type() == self },
    };
    quote! {
        /// The error types the API groups its codes under.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum ErrorType {
            #( #variant_docs #variants, )*
        }

        impl ErrorType {
            /// Every documented type, in catalog order.
            pub const ALL: &'static [ErrorType] = &[ #( ErrorType::#variants ),* ];

            /// The name the API sends in its type field.
            pub const fn as_str(self) -> &'static str {
                SPEC.types[self as usize].wire
            }

            /// The type for a wire name, if the catalog documents it.
            pub fn from_wire(wire: &str) -> Option<ErrorType> {
                match wire {
                    #( #wires => Some(ErrorType::#variants), )*
                    _ => None,
                }
            }

            /// What the page says about the type.
            pub const fn description(self) -> &'static str {
                match self { #( ErrorType::#variants => #descriptions, )* }
            }

            /// The type's retry rule; `None` when it depends on the code or is not stated
            /// (every code still has its own, see [`ErrorCode::retry`]).
            pub const fn retry(self) -> Option<::errcat::RetryRule> {
                // `SPEC.types` holds one row per type, in this enum's order.
                SPEC.types[self as usize].retry
            }

            /// The codes of this type, in catalog order.
            pub fn codes(self) -> impl ::core::iter::Iterator<Item = ErrorCode> {
                ErrorCode::ALL.iter().copied().filter(move |code| #typed_self)
            }
        }

        impl ::core::fmt::Display for ErrorType {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}
