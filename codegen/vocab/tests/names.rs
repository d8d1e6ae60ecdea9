//! Each word's catalog name is what serde reads and writes, and what `Term` reports.

use errcat_vocab::*;

fn check<T: Term + serde::Serialize + serde::de::DeserializeOwned>() {
    assert!(!T::ALL.is_empty());
    for &value in T::ALL {
        let json = serde_json::to_value(value).unwrap();
        assert_eq!(json.as_str(), Some(value.name()), "{value:?}");
        let back: T = serde_json::from_value(json).unwrap();
        assert_eq!(back, value);
        assert_eq!(T::from_name(value.name()), Some(value));
        assert_eq!(format!("{value:?}"), value.variant_name());
    }
    assert_eq!(T::from_name("no_such_word"), None);
}

#[test]
fn catalog_names_agree_with_serde() {
    check::<Category>();
    check::<CloseAction>();
    check::<Context>();
    check::<EnvelopeFamily>();
    check::<FieldKind>();
    check::<FieldRole>();
    check::<HeaderFormat>();
    check::<HeaderRole>();
    check::<IdentifiedBy>();
    check::<RetryKind>();
}

#[test]
fn display_is_the_catalog_name() {
    assert_eq!(Category::RateLimited.to_string(), "rate_limited");
    assert_eq!(
        HeaderFormat::DelaySecondsOrHttpDate.to_string(),
        "delay_seconds_or_http_date"
    );
}
