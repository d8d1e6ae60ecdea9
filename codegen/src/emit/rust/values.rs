//! Catalog values as expressions of the errcat runtime's types.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::document::{BackoffDoc, RetryDoc, RetryKind};

/// `Some("...")` or `None`.
pub fn opt_str(value: Option<&str>) -> TokenStream {
    match value {
        Some(s) => quote! { Some(#s) },
        None => quote! { None },
    }
}

fn opt_u64(value: Option<u64>) -> TokenStream {
    match value {
        Some(v) => quote! { Some(#v) },
        None => quote! { None },
    }
}

fn opt_u32(value: Option<u32>) -> TokenStream {
    match value {
        Some(v) => quote! { Some(#v) },
        None => quote! { None },
    }
}

/// `::errcat::<Type>::<Variant>` for any word of the vocabulary, e.g.
/// `::errcat::Category::RateLimited`: the runtime re-exports every one at its root.
pub fn term<T: errcat_vocab::Term>(value: T) -> TokenStream {
    let ty = quote::format_ident!("{}", T::TYPE_NAME);
    let variant = quote::format_ident!("{}", value.variant_name());
    quote! { ::errcat::#ty::#variant }
}

fn backoff(backoff: &BackoffDoc) -> TokenStream {
    let initial = opt_u64(backoff.initial_ms);
    let factor = opt_u32(backoff.factor);
    let attempts = opt_u32(backoff.max_attempts);
    let max = opt_u64(backoff.max_delay_ms);
    quote! {
        ::errcat::Backoff {
            initial_ms: #initial,
            factor: #factor,
            max_attempts: #attempts,
            max_delay_ms: #max,
        }
    }
}

fn then(rule: &RetryDoc) -> TokenStream {
    match &rule.backoff {
        Some(b) => {
            let b = backoff(b);
            quote! { Some(#b) }
        }
        None => quote! { None },
    }
}

fn delay(rule: &RetryDoc) -> TokenStream {
    let header = opt_str(rule.header.as_deref());
    let body = opt_str(rule.body_field.as_deref());
    quote! { ::errcat::DelaySource { header: #header, body_field: #body } }
}

/// The rule as a `::errcat::RetryRule`; `None` for `conditional`, which has no value of
/// its own (validation guarantees codes never resolve to it).
pub fn retry(rule: &RetryDoc) -> Option<TokenStream> {
    Some(match rule.rule {
        RetryKind::Never => quote! { ::errcat::RetryRule::Never },
        RetryKind::Resubmit => quote! { ::errcat::RetryRule::Resubmit },
        RetryKind::Backoff => {
            let b = backoff(rule.backoff.as_ref().unwrap_or(&BackoffDoc::default()));
            quote! { ::errcat::RetryRule::Backoff(#b) }
        }
        RetryKind::RetryAfter => {
            let (delay, then) = (delay(rule), then(rule));
            quote! { ::errcat::RetryRule::RetryAfter { delay: #delay, then: #then } }
        }
        RetryKind::PollAgain => {
            let (delay, then) = (delay(rule), then(rule));
            quote! { ::errcat::RetryRule::PollAgain { delay: #delay, then: #then } }
        }
        RetryKind::Wait => {
            let (delay, then) = (delay(rule), then(rule));
            let (min, max) = rule
                .wait
                .as_ref()
                .map_or((0, 0), |w| (w.min_seconds, w.max_seconds));
            quote! {
                ::errcat::RetryRule::Wait {
                    window: ::errcat::WaitWindow { min_seconds: #min, max_seconds: #max },
                    delay: #delay,
                    then: #then,
                }
            }
        }
        // `conditional` has no runtime value; a kind the generator does not know yet
        // has none either, which the vocabulary test in this module catches.
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use errcat_vocab::Term;

    /// Every retry kind but `conditional` becomes a runtime rule: adding a kind to the
    /// vocabulary without teaching the generator fails here, not in a user's build.
    #[test]
    fn every_retry_kind_has_a_runtime_rule() {
        for &kind in RetryKind::ALL {
            let rule = RetryDoc {
                rule: kind,
                advice: None,
                reason: None,
                header: None,
                body_field: None,
                backoff: None,
                wait: None,
                inferred: Default::default(),
            };
            assert_eq!(
                retry(&rule).is_some(),
                kind != RetryKind::Conditional,
                "{}",
                kind.name()
            );
        }
    }

    #[test]
    fn terms_are_written_as_runtime_paths() {
        let tokens = term(errcat_vocab::Category::RateLimited).to_string();
        assert_eq!(tokens.replace(' ', ""), "::errcat::Category::RateLimited");
    }
}
