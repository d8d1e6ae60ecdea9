//! `CloseCode`: documented WebSocket close codes and what a client should do.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::{docs, values};
use crate::model::Api;

/// The `CloseCode` enum, or nothing when the API documents none.
pub fn emit(api: &Api) -> TokenStream {
    let codes = &api.doc.websocket_close_codes;
    if codes.is_empty() {
        return TokenStream::new();
    }
    let variants: Vec<Ident> = codes
        .iter()
        .map(|c| {
            Ident::new(
                &heck::ToUpperCamelCase::to_upper_camel_case(c.id.as_str()),
                Span::call_site(),
            )
        })
        .collect();
    let numbers: Vec<u16> = codes.iter().map(|c| c.code).collect();
    let reasons: Vec<&str> = codes.iter().map(|c| c.reason.as_str()).collect();
    let descriptions: Vec<&str> = codes.iter().map(|c| c.description.as_str()).collect();
    let actions = codes.iter().map(|c| values::term(c.action));
    let advice = codes.iter().map(|c| values::opt_str(c.advice.as_deref()));
    let variant_docs = codes.iter().map(|c| {
        let mut facts = vec![
            format!("- Close code: {}", c.code),
            format!("- Reason: {}", docs::text(&c.reason)),
        ];
        let action = format!(
            "- Client action: {}",
            docs::code(&format!("{:?}", c.action))
        );
        facts.push(match &c.inferred.action {
            Some(reason) => format!("{action} (inferred: {})", docs::text(reason)),
            None => action,
        });
        if let Some(advice) = &c.advice {
            facts.push(format!("- The page says: {}", docs::text(advice)));
        }
        docs::attrs(&[docs::text(&c.description), facts.join("\n")])
    });
    quote! {
        /// The WebSocket close codes the API documents.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum CloseCode {
            #( #variant_docs #variants, )*
        }

        impl CloseCode {
            /// Every documented close code, in catalog order.
            pub const ALL: &'static [CloseCode] = &[ #( CloseCode::#variants ),* ];

            /// The close code for a number, if the catalog documents it.
            pub const fn from_u16(code: u16) -> Option<CloseCode> {
                match code {
                    #( #numbers => Some(CloseCode::#variants), )*
                    _ => None,
                }
            }

            /// The number sent in the close frame.
            pub const fn code(self) -> u16 {
                match self { #( CloseCode::#variants => #numbers, )* }
            }

            /// The documented reason.
            pub const fn reason(self) -> &'static str {
                match self { #( CloseCode::#variants => #reasons, )* }
            }

            /// What the close means.
            pub const fn description(self) -> &'static str {
                match self { #( CloseCode::#variants => #descriptions, )* }
            }

            /// What a client should do.
            pub const fn action(self) -> ::errcat::CloseAction {
                match self { #( CloseCode::#variants => #actions, )* }
            }

            /// The page's own words on what to do, if it gives any.
            pub const fn advice(self) -> Option<&'static str> {
                match self { #( CloseCode::#variants => #advice, )* }
            }
        }
    }
}
