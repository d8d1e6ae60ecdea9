//! Catalog values as expressions of the errcat runtime's types.

use proc_macro2::TokenStream;
use quote::quote;

use crate::load::document::{BackoffDoc, Category, CloseAction, Context, RetryDoc, RetryKind};

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

/// `::errcat::Category::X`.
pub fn category(category: Category) -> TokenStream {
    let variant = match category {
        Category::Authentication => quote!(Authentication),
        Category::Permission => quote!(Permission),
        Category::InvalidRequest => quote!(InvalidRequest),
        Category::NotFound => quote!(NotFound),
        Category::Conflict => quote!(Conflict),
        Category::Payment => quote!(Payment),
        Category::RateLimited => quote!(RateLimited),
        Category::Unavailable => quote!(Unavailable),
        Category::Upstream => quote!(Upstream),
        Category::Internal => quote!(Internal),
        Category::Processing => quote!(Processing),
    };
    quote! { ::errcat::Category::#variant }
}

/// `::errcat::Context::X`.
pub fn context(context: Context) -> TokenStream {
    match context {
        Context::Http => quote! { ::errcat::Context::Http },
        Context::Websocket => quote! { ::errcat::Context::Websocket },
        Context::Poll => quote! { ::errcat::Context::Poll },
    }
}

/// `::errcat::CloseAction::X`.
pub fn close_action(action: CloseAction) -> TokenStream {
    match action {
        CloseAction::None => quote! { ::errcat::CloseAction::None },
        CloseAction::Reconnect => quote! { ::errcat::CloseAction::Reconnect },
        CloseAction::ReconnectWithNewToken => {
            quote! { ::errcat::CloseAction::ReconnectWithNewToken }
        }
        CloseAction::SlowDown => quote! { ::errcat::CloseAction::SlowDown },
        CloseAction::FixMessage => quote! { ::errcat::CloseAction::FixMessage },
        CloseAction::Stop => quote! { ::errcat::CloseAction::Stop },
    }
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
        RetryKind::Conditional => return None,
    })
}
