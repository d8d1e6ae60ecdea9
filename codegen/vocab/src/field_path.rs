//! Dotted paths into an error body, parsed once.

use core::fmt;

/// A dotted path from the root of a JSON error body to one field, e.g. `error.code`.
///
/// Catalogs write paths as text; the generator parses each once with
/// [`FieldPath::parse`], and generated code hands the runtime paths that already passed.
/// Every consumer walks a path through [`FieldPath::segments`], so the syntax (and its
/// coming extensions, such as array indexes) lives here alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FieldPath<'a> {
    text: &'a str,
}

/// Why a text is not a field path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PathError {
    /// The text is empty.
    Empty,
    /// Two dots in a row, or a dot at either end.
    EmptySegment,
    /// A character other than ASCII letters, digits, `_` and `-` in a segment.
    Character(char),
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
                "the path has the character {c:?}; segments take ASCII letters, digits, `_` and `-`"
            ),
        }
    }
}

impl<'a> FieldPath<'a> {
    /// Parses a catalog's path.
    pub fn parse(text: &'a str) -> Result<FieldPath<'a>, PathError> {
        if text.is_empty() {
            return Err(PathError::Empty);
        }
        for segment in text.split('.') {
            if segment.is_empty() {
                return Err(PathError::EmptySegment);
            }
            if let Some(c) = segment
                .chars()
                .find(|c| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-'))
            {
                return Err(PathError::Character(c));
            }
        }
        Ok(FieldPath { text })
    }

    /// A path known to be valid: generated code holds only paths the generator parsed.
    /// An invalid text is not unsafe, it just finds nothing.
    pub const fn new_unchecked(text: &'a str) -> FieldPath<'a> {
        FieldPath { text }
    }

    /// The path as catalogs write it.
    pub const fn as_str(self) -> &'a str {
        self.text
    }

    /// The object keys from the root, in order.
    pub fn segments(self) -> impl DoubleEndedIterator<Item = &'a str> + Clone {
        self.text.split('.')
    }

    /// How many keys deep the field is (`error.code`: 2).
    pub fn depth(self) -> usize {
        self.segments().count()
    }

    /// The path of the object that holds the field, or `None` at the root.
    pub fn parent(self) -> Option<FieldPath<'a>> {
        self.text
            .rsplit_once('.')
            .map(|(parent, _)| FieldPath { text: parent })
    }

    /// The field's own key (`error.code`: `code`).
    pub fn key(self) -> &'a str {
        self.text.rsplit('.').next().unwrap_or(self.text)
    }
}

impl fmt::Display for FieldPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::{FieldPath, PathError};

    #[test]
    fn paths_parse_into_segments() {
        let path = FieldPath::parse("error.details.retry_after").unwrap();
        assert_eq!(
            path.segments().collect::<Vec<_>>(),
            ["error", "details", "retry_after"]
        );
        assert_eq!(path.depth(), 3);
        assert_eq!(path.key(), "retry_after");
        assert_eq!(path.parent().unwrap().as_str(), "error.details");
        assert_eq!(FieldPath::parse("error").unwrap().parent(), None);
    }

    #[test]
    fn malformed_paths_are_refused_with_the_reason() {
        assert_eq!(FieldPath::parse(""), Err(PathError::Empty));
        assert_eq!(
            FieldPath::parse("error..code"),
            Err(PathError::EmptySegment)
        );
        assert_eq!(FieldPath::parse(".code"), Err(PathError::EmptySegment));
        assert_eq!(
            FieldPath::parse("error.c de"),
            Err(PathError::Character(' '))
        );
        assert_eq!(FieldPath::parse("error[0]"), Err(PathError::Character('[')));
    }
}
