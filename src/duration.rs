//! Duration strings in error bodies: the protobuf JSON form (`30s`, `1.5s`), Go-style
//! units (`250ms`, `1m30s`) and ISO 8601 (`PT30S`, `P1DT2H`).

/// Seconds in a duration string, or `None` when it is not one. Linear in the text, and
/// never panics.
pub(crate) fn parse_seconds(text: &str) -> Option<f64> {
    let text = text.trim();
    if text.len() > 64 {
        return None;
    }
    match text.strip_prefix(['P', 'p']) {
        Some(rest) => iso8601(rest),
        None => units(text),
    }
}

/// Numbers, each followed by a unit: `1m30s`, `1.5s`, `250ms`.
fn units(text: &str) -> Option<f64> {
    let mut total = 0.0;
    let mut rest = text;
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let number_end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let number: f64 = rest[..number_end].parse().ok()?;
        rest = &rest[number_end..];
        let unit_end = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let scale = match &rest[..unit_end] {
            "ns" => 1e-9,
            "us" | "µs" => 1e-6,
            "ms" => 1e-3,
            "s" => 1.0,
            "m" => 60.0,
            "h" => 3600.0,
            _ => return None,
        };
        total += number * scale;
        rest = &rest[unit_end..];
    }
    Some(total)
}

/// ISO 8601 after the `P`: `T30S`, `1DT2H`, `T1M30.5S` (weeks and days; no years or
/// months, whose length depends on a calendar).
fn iso8601(text: &str) -> Option<f64> {
    let mut total = 0.0;
    let mut in_time = false;
    let mut number = String::new();
    let mut any = false;
    for c in text.chars() {
        match c {
            'T' | 't' if number.is_empty() && !in_time => in_time = true,
            '0'..='9' | '.' | ',' => number.push(if c == ',' { '.' } else { c }),
            _ => {
                let value: f64 = number.parse().ok()?;
                number.clear();
                let scale = match (c.to_ascii_uppercase(), in_time) {
                    ('W', false) => 604_800.0,
                    ('D', false) => 86_400.0,
                    ('H', true) => 3600.0,
                    ('M', true) => 60.0,
                    ('S', true) => 1.0,
                    _ => return None,
                };
                total += value * scale;
                any = true;
            }
        }
    }
    (number.is_empty() && any).then_some(total)
}

#[cfg(test)]
mod tests {
    use super::parse_seconds;

    #[test]
    fn every_documented_form_reads_as_seconds() {
        assert_eq!(parse_seconds("30s"), Some(30.0));
        assert_eq!(parse_seconds("1.5s"), Some(1.5));
        assert_eq!(parse_seconds("250ms"), Some(0.25));
        assert_eq!(parse_seconds("1m30s"), Some(90.0));
        assert_eq!(parse_seconds("PT30S"), Some(30.0));
        assert_eq!(parse_seconds("PT1M30.5S"), Some(90.5));
        assert_eq!(parse_seconds("P1DT2H"), Some(93_600.0));
        for bad in [
            "", "s", "30", "30x", "P", "PT", "PT30", "P1Y", "1..5s", "PT5S5",
        ] {
            assert_eq!(parse_seconds(bad), None, "{bad}");
        }
    }
}
