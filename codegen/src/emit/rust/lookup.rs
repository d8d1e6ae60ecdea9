//! The body of `from_wire`: wire identifier -> index into `ErrorCode::ALL`.

use proc_macro2::TokenStream;
use quote::quote;

/// An expression of type `Option<usize>` that finds `wire` (a `&str` in scope) among
/// `wires`, where the index is the variant's position.
pub fn lookup(wires: &[&str]) -> TokenStream {
    let arms = wires
        .iter()
        .enumerate()
        .map(|(i, w)| quote! { #w => Some(#i), });
    quote! {
        match wire {
            #( #arms )*
            _ => None,
        }
    }
}
