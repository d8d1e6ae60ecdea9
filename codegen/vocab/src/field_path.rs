//! Paths into an error body, parsed once.

use core::fmt;

/// A path from the root of an error body to one field: `error.code`, `errors[].code`,
/// `[].errorCode` (a body that is an array), `errors[0].code` (a fixed element),
/// `details[@type=type.googleapis.com/google.rpc.RetryInfo].retryDelay` (the element whose
/// `@type` member is that text), or `error['.tag']` (a key that is not a plain name).
///
/// Catalogs write paths as text; the generator parses each once with
/// [`FieldPath::parse`], and generated code hands the runtime paths that already passed.
/// Every consumer walks a path through [`FieldPath::steps`], so the syntax lives here
/// alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FieldPath<'a> {
    text: &'a str,
}

/// One step of a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step<'a> {
    /// An object member, by key (for XML bodies, an element or `@attribute`).
    Key(&'a str),
    /// `[]`: each element of an array. Reading takes the first element that has the
    /// rest of the path; the array the code field goes through is the list of errors.
    Each,
    /// `[N]`: the element at index `N`.
    Index(usize),
    /// `[key=value]`: the element whose member `key` is the string `value`.
    Where {
        /// The discriminator's key, e.g. `@type`.
        key: &'a str,
        /// The text it must have.
        value: &'a str,
    },
}

/// Why a text is not a field path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PathError {
    /// The text is empty.
    Empty,
    /// Two dots in a row, or a dot at either end.
    EmptySegment,
    /// A character a key may not have.
    Character(char),
    /// A `[` with no `]`, or a selector that is neither `[]`, `[N]` nor `[key=value]`.
    Selector,
}

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PathError::Empty => f.write_str("the path is empty"),
            PathError::EmptySegment => {
                f.write_str("the path has an empty segment (two dots in a row, or a dot at an end)")
            }
            PathError::Character(c) => write!(
                f,
                "the path has the character {c:?}; keys take ASCII letters, digits, `_`, `-`, `@`, `$` and `:` (quote any other key: `['.tag']`)"
            ),
            PathError::Selector => f.write_str(
                "a selector is `[]` (each element), `[N]` (one index), `[key=value]` (the element whose key has that value) or `['key']` (a key with other characters, such as `.tag`), closed by `]`",
            ),
        }
    }
}

fn is_key_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '@' | '$' | ':')
}

/// The steps of `text` from the start, each with the text after it; `Err` at the first
/// malformed step.
#[derive(Clone)]
struct Scanner<'a> {
    rest: &'a str,
    /// Whether the next key needs a `.` before it.
    after_step: bool,
}

impl<'a> Iterator for Scanner<'a> {
    type Item = Result<Step<'a>, PathError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.rest.is_empty() {
            return None;
        }
        if let Some(quoted) = self.rest.strip_prefix("['") {
            // A quoted key: any text but `'` and `]` (Dropbox's `.tag`).
            let end = quoted.find("']").filter(|&end| end > 0);
            let Some(end) = end.filter(|&end| !quoted[..end].contains(['\'', ']'])) else {
                self.rest = "";
                return Some(Err(PathError::Selector));
            };
            self.rest = &quoted[end + 2..];
            self.after_step = true;
            return Some(Ok(Step::Key(&quoted[..end])));
        }
        if let Some(inner) = self.rest.strip_prefix('[') {
            let Some(end) = inner.find(']') else {
                self.rest = "";
                return Some(Err(PathError::Selector));
            };
            let selector = &inner[..end];
            self.rest = &inner[end + 1..];
            self.after_step = true;
            let step = if selector.is_empty() {
                Ok(Step::Each)
            } else if let Ok(index) = selector.parse::<usize>() {
                Ok(Step::Index(index))
            } else {
                match selector.split_once('=') {
                    Some((key, value))
                        if !key.is_empty() && !value.is_empty() && key.chars().all(is_key_char) =>
                    {
                        Ok(Step::Where { key, value })
                    }
                    _ => Err(PathError::Selector),
                }
            };
            if step.is_err() {
                self.rest = "";
            }
            return Some(step);
        }
        if self.after_step {
            match self.rest.strip_prefix('.') {
                Some(rest) => self.rest = rest,
                None => {
                    let c = self.rest.chars().next().unwrap_or('.');
                    self.rest = "";
                    return Some(Err(PathError::Character(c)));
                }
            }
        }
        let end = self.rest.find(['.', '[']).unwrap_or(self.rest.len());
        let key = &self.rest[..end];
        if key.is_empty() {
            self.rest = "";
            return Some(Err(PathError::EmptySegment));
        }
        if let Some(c) = key.chars().find(|c| !is_key_char(*c)) {
            self.rest = "";
            return Some(Err(PathError::Character(c)));
        }
        self.rest = &self.rest[end..];
        self.after_step = true;
        if self.rest == "." {
            self.rest = "";
            return Some(Err(PathError::EmptySegment));
        }
        Some(Ok(Step::Key(key)))
    }
}

impl<'a> FieldPath<'a> {
    /// The body itself (no steps).
    pub const ROOT: FieldPath<'static> = FieldPath { text: "" };

    /// Parses a catalog's path.
    pub fn parse(text: &'a str) -> Result<FieldPath<'a>, PathError> {
        if text.is_empty() {
            return Err(PathError::Empty);
        }
        if text.starts_with('.') {
            return Err(PathError::EmptySegment);
        }
        for step in Self::scan(text) {
            step?;
        }
        Ok(FieldPath { text })
    }

    fn scan(text: &'a str) -> Scanner<'a> {
        Scanner {
            rest: text,
            after_step: false,
        }
    }

    /// A path known to be valid: generated code holds only paths the generator parsed.
    /// An invalid text is not unsafe, it just finds nothing past its first bad step.
    pub const fn new_unchecked(text: &'a str) -> FieldPath<'a> {
        FieldPath { text }
    }

    /// The path as catalogs write it.
    pub const fn as_str(self) -> &'a str {
        self.text
    }

    /// Whether this is the body itself.
    pub const fn is_root(self) -> bool {
        self.text.is_empty()
    }

    /// The steps from the root, in order.
    pub fn steps(self) -> impl Iterator<Item = Step<'a>> + Clone {
        Self::scan(self.text).map_while(Result::ok)
    }

    /// Whether any step selects array elements.
    pub fn has_selector(self) -> bool {
        self.steps().any(|s| !matches!(s, Step::Key(_)))
    }

    /// How many steps deep the field is (`error.code`: 2, `errors[].code`: 3).
    pub fn depth(self) -> usize {
        self.steps().count()
    }

    /// `key` appended to the path text `prefix` as the grammar writes it: `prefix.key`,
    /// or `prefix['key']` for a key that is not a plain name (`error['.tag']`). `None`
    /// when no path can name the key (it has `'` or `]`).
    pub fn join(prefix: &str, key: &str) -> Option<String> {
        if !key.is_empty() && key.chars().all(is_key_char) {
            return Some(if prefix.is_empty() {
                key.to_owned()
            } else {
                format!("{prefix}.{key}")
            });
        }
        (!key.is_empty() && !key.contains(['\'', ']'])).then(|| format!("{prefix}['{key}']"))
    }

    /// The path of whatever holds the field (`errors[].code`: `errors[]`), or `None` at
    /// the root.
    pub fn parent(self) -> Option<FieldPath<'a>> {
        let steps = self.depth();
        if steps == 0 {
            return None;
        }
        let mut scanner = Self::scan(self.text);
        for _ in 0..steps - 1 {
            scanner.next();
        }
        let consumed = self.text.len() - scanner.rest.len();
        Some(FieldPath {
            text: &self.text[..consumed],
        })
    }

    /// The last key of the path (`error.code`: `code`; `errors[]`: `errors`).
    pub fn key(self) -> &'a str {
        self.steps()
            .filter_map(|s| match s {
                Step::Key(k) => Some(k),
                _ => None,
            })
            .last()
            .unwrap_or("")
    }

    /// Splits at the first `[]`: the path to the array and the path inside each element
    /// (`errors[].extensions.code`: `errors` and `extensions.code`; `[].errorCode`: the
    /// root and `errorCode`). `None` when the path has no `[]`.
    pub fn split_at_each(self) -> Option<(FieldPath<'a>, FieldPath<'a>)> {
        let mut scanner = Self::scan(self.text);
        loop {
            let before = self.text.len() - scanner.rest.len();
            match scanner.next()? {
                Ok(Step::Each) => {
                    let rest = scanner.rest.strip_prefix('.').unwrap_or(scanner.rest);
                    return Some((
                        FieldPath {
                            text: &self.text[..before],
                        },
                        FieldPath { text: rest },
                    ));
                }
                Ok(_) => {}
                Err(_) => return None,
            }
        }
    }
}

impl fmt::Display for FieldPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::{FieldPath, PathError, Step};

    fn steps(text: &str) -> Vec<Step<'_>> {
        FieldPath::parse(text).unwrap().steps().collect()
    }

    #[test]
    fn paths_parse_into_steps() {
        let path = FieldPath::parse("error.details.retry_after").unwrap();
        assert_eq!(
            steps("error.details.retry_after"),
            [
                Step::Key("error"),
                Step::Key("details"),
                Step::Key("retry_after")
            ]
        );
        assert_eq!(path.depth(), 3);
        assert_eq!(path.key(), "retry_after");
        assert_eq!(path.parent().unwrap().as_str(), "error.details");
        assert_eq!(
            FieldPath::parse("error").unwrap().parent().unwrap(),
            FieldPath::ROOT
        );
    }

    #[test]
    fn selectors_index_take_each_or_pick_by_discriminator() {
        assert_eq!(
            steps("errors[].extensions.code"),
            [
                Step::Key("errors"),
                Step::Each,
                Step::Key("extensions"),
                Step::Key("code")
            ]
        );
        assert_eq!(steps("[].errorCode"), [Step::Each, Step::Key("errorCode")]);
        assert_eq!(
            steps("errors[0].code"),
            [Step::Key("errors"), Step::Index(0), Step::Key("code")]
        );
        assert_eq!(
            steps("details[@type=type.googleapis.com/google.rpc.RetryInfo].retryDelay"),
            [
                Step::Key("details"),
                Step::Where {
                    key: "@type",
                    value: "type.googleapis.com/google.rpc.RetryInfo"
                },
                Step::Key("retryDelay")
            ]
        );
        assert_eq!(
            steps("a[][2]"),
            [Step::Key("a"), Step::Each, Step::Index(2)]
        );
        let path = FieldPath::parse("errors[].code").unwrap();
        assert_eq!(path.parent().unwrap().as_str(), "errors[]");
        assert_eq!(path.key(), "code");
        let (list, item) = path.split_at_each().unwrap();
        assert_eq!((list.as_str(), item.as_str()), ("errors", "code"));
        let (list, item) = FieldPath::parse("[].errorCode")
            .unwrap()
            .split_at_each()
            .unwrap();
        assert!(list.is_root());
        assert_eq!(item.as_str(), "errorCode");
        assert_eq!(
            FieldPath::parse("error.code").unwrap().split_at_each(),
            None
        );
    }

    #[test]
    fn quoted_keys_name_any_member() {
        assert_eq!(
            steps("error['.tag']"),
            [Step::Key("error"), Step::Key(".tag")]
        );
        assert_eq!(
            steps("error.path['.tag']"),
            [Step::Key("error"), Step::Key("path"), Step::Key(".tag")]
        );
        assert_eq!(steps("['a b'].c"), [Step::Key("a b"), Step::Key("c")]);
        let path = FieldPath::parse("error.path['.tag']").unwrap();
        assert_eq!(path.key(), ".tag");
        assert_eq!(path.parent().unwrap().as_str(), "error.path");
        assert_eq!(FieldPath::parse("error['']"), Err(PathError::Selector));
        assert_eq!(FieldPath::parse("error['.tag"), Err(PathError::Selector));
        assert_eq!(
            FieldPath::join("error", ".tag").as_deref(),
            Some("error['.tag']")
        );
        assert_eq!(
            FieldPath::join("error", "code").as_deref(),
            Some("error.code")
        );
        assert_eq!(FieldPath::join("", "code").as_deref(), Some("code"));
        assert_eq!(FieldPath::join("error", "it's"), None);
        for key in [".tag", "a b", "code"] {
            let text = FieldPath::join("error", key).unwrap();
            assert_eq!(FieldPath::parse(&text).unwrap().key(), key);
        }
    }

    #[test]
    fn malformed_paths_are_refused_with_the_reason() {
        assert_eq!(FieldPath::parse(""), Err(PathError::Empty));
        assert_eq!(
            FieldPath::parse("error..code"),
            Err(PathError::EmptySegment)
        );
        assert_eq!(FieldPath::parse(".code"), Err(PathError::EmptySegment));
        assert_eq!(FieldPath::parse("code."), Err(PathError::EmptySegment));
        assert_eq!(
            FieldPath::parse("error.c de"),
            Err(PathError::Character(' '))
        );
        assert_eq!(FieldPath::parse("errors[0"), Err(PathError::Selector));
        assert_eq!(FieldPath::parse("errors[x]"), Err(PathError::Selector));
        assert_eq!(FieldPath::parse("errors[=x]"), Err(PathError::Selector));
        assert_eq!(
            FieldPath::parse("errors[]code"),
            Err(PathError::Character('c'))
        );
    }
}

/// Walking a path through a JSON value (feature `json`). XML bodies are read into the
/// same tree, with element names by their local part, so a key written with a namespace
/// prefix (`env:Body`) also finds its local name (`Body`).
#[cfg(feature = "json")]
pub(crate) mod json {
    use super::{FieldPath, Step};
    use serde_json::Value;

    fn member<'v>(value: &'v Value, key: &str) -> Option<&'v Value> {
        let object = value.as_object()?;
        object.get(key).or_else(|| {
            // XML names are read by their local part: `env:Body` is `Body`, and the
            // attribute `@xml:lang` is `@lang`.
            let (attribute, name) = match key.strip_prefix('@') {
                Some(name) => (true, name),
                None => (false, key),
            };
            let (_, local) = name.split_once(':')?;
            if attribute {
                object.get(&format!("@{local}"))
            } else {
                object.get(local)
            }
        })
    }

    /// Walks `steps` from `value`; the iterator is cloned where `[]` tries each element,
    /// so reading a field allocates nothing (this runs for every field of every body).
    fn walk<'v, 'p>(
        value: &'v Value,
        mut steps: impl Iterator<Item = Step<'p>> + Clone,
    ) -> Option<&'v Value> {
        let Some(step) = steps.next() else {
            return Some(value);
        };
        match step {
            Step::Key(key) => walk(member(value, key)?, steps),
            Step::Index(index) => walk(value.as_array()?.get(index)?, steps),
            Step::Each => value
                .as_array()?
                .iter()
                .find_map(|e| walk(e, steps.clone())),
            Step::Where { key, value: wanted } => value
                .as_array()?
                .iter()
                .filter(|e| member(e, key).and_then(Value::as_str) == Some(wanted))
                .find_map(|e| walk(e, steps.clone())),
        }
    }

    /// A code's or message's text: a string, or the digits of a number (integer codes
    /// are compared as text). The runtime and the validator read identifiers with it.
    pub fn text_of(value: &Value) -> Option<String> {
        match value {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    }

    /// A code as a field of `kind` holds it: an integer field gets a JSON number, any
    /// other the text. The runtime's emission and the OpenAPI examples write codes so.
    pub fn code_value(text: &str, kind: crate::FieldKind) -> Value {
        match (kind, text.parse::<i64>()) {
            (crate::FieldKind::Integer, Ok(n)) => Value::from(n),
            _ => Value::from(text),
        }
    }

    fn array_at(value: &mut Value) -> &mut Vec<Value> {
        if !value.is_array() {
            *value = Value::Array(Vec::new());
        }
        match value {
            Value::Array(array) => array,
            _ => unreachable!("just made an array"),
        }
    }

    impl FieldPath<'_> {
        /// The first value the path reaches in `body`: `[]` takes the first element that
        /// has the rest of the path, `[key=value]` the first element with that member.
        pub fn find_in(self, body: &Value) -> Option<&Value> {
            walk(body, self.steps())
        }

        /// The value as the primary error of a list has it: through the path's `[]`, in
        /// the list's first element (or anywhere, for a path without `[]`).
        pub fn find_in_primary(self, body: &Value) -> Option<&Value> {
            match self.split_at_each() {
                Some((list, rest)) => rest.find_in(list.elements_in(body)?.first()?),
                None => self.find_in(body),
            }
        }

        /// Writes `value` at the path in `root`, making the objects and arrays on the
        /// way: `[]` and `[0]` write into the first element, `[N]` into the N-th
        /// (earlier ones left empty objects, at most 1024), `[key=value]` into the
        /// element with that member (added when missing).
        pub fn set_in(self, root: &mut Value, value: Value) {
            let mut current = root;
            for step in self.steps() {
                current = match step {
                    Step::Key(key) => {
                        if !current.is_object() {
                            *current = Value::Object(serde_json::Map::new());
                        }
                        let Value::Object(map) = current else { return };
                        map.entry(key.to_owned()).or_insert(Value::Null)
                    }
                    Step::Each | Step::Index(_) => {
                        let index = match step {
                            Step::Index(index) => index.min(1024),
                            _ => 0,
                        };
                        let array = array_at(current);
                        while array.len() <= index {
                            array.push(Value::Object(serde_json::Map::new()));
                        }
                        &mut array[index]
                    }
                    Step::Where { key, value: wanted } => {
                        let array = array_at(current);
                        let at = array
                            .iter()
                            .position(|e| e.get(key).and_then(Value::as_str) == Some(wanted));
                        let at = at.unwrap_or_else(|| {
                            let mut element = serde_json::Map::new();
                            element.insert(key.to_owned(), Value::from(wanted));
                            array.push(Value::Object(element));
                            array.len() - 1
                        });
                        &mut array[at]
                    }
                };
            }
            *current = value;
        }

        /// The elements of the array this path names (the root when it is empty).
        pub fn elements_in(self, body: &Value) -> Option<&[Value]> {
            self.find_in(body)?.as_array().map(Vec::as_slice)
        }
    }

    #[cfg(test)]
    mod tests {
        use crate::FieldPath;
        use serde_json::json;

        #[test]
        fn paths_find_values_through_arrays_and_discriminators() {
            let body = json!({
                "errors": [{"title": "no code"}, {"code": "A", "meta": {"n": 1}}],
                "details": [
                    {"@type": "x/ErrorInfo", "reason": "R"},
                    {"@type": "x/RetryInfo", "retryDelay": "30s"}
                ]
            });
            let find = |p: &str| FieldPath::parse(p).unwrap().find_in(&body).cloned();
            assert_eq!(find("errors[].code"), Some(json!("A")));
            assert_eq!(find("errors[0].title"), Some(json!("no code")));
            assert_eq!(find("errors[1].meta.n"), Some(json!(1)));
            assert_eq!(find("errors[2].code"), None);
            assert_eq!(
                find("details[@type=x/RetryInfo].retryDelay"),
                Some(json!("30s"))
            );
            assert_eq!(find("details[@type=x/Nope].retryDelay"), None);
            let top = json!([{"errorCode": "E"}]);
            assert_eq!(
                FieldPath::parse("[].errorCode").unwrap().find_in(&top),
                Some(&json!("E"))
            );
            assert_eq!(FieldPath::ROOT.elements_in(&top).map(<[_]>::len), Some(1));
            let xml_like =
                json!({"Envelope": {"Body": {"Fault": {"Code": {"Value": "env:Sender"}}}}});
            assert_eq!(
                FieldPath::parse("env:Envelope.env:Body.env:Fault.env:Code.env:Value")
                    .unwrap()
                    .find_in(&xml_like),
                Some(&json!("env:Sender"))
            );
        }
    }
}
