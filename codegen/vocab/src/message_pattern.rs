//! Message patterns: a message text with named placeholders
//! (`API rate limit exceeded for {ip}.`), matched against a response's message without a
//! regular expression. The generator validates patterns with [`MessagePattern::parse`] and
//! the runtime matches with [`MessagePattern::captures`], so both read them alike.
//!
//! Matching is linear in the message: the text before the first placeholder must begin
//! the message, the text after the last must end it, and each literal between is found
//! at its leftmost place after the previous one (with `str::find`, which is linear).
//! Leftmost is correct because a placeholder matches any non-empty text: taking a later
//! occurrence of a literal can only shrink what is left for the literals after it.
//! There is no backtracking, so no message can make matching slow.

/// A parsed pattern: literals around named placeholders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessagePattern<'p> {
    /// The literal text before each placeholder, then the text after the last one.
    literals: Vec<&'p str>,
    /// The placeholders' names, in order.
    names: Vec<&'p str>,
}

/// Why a pattern does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternError {
    /// A `{` without its `}`, or a `}` without its `{`.
    Unbalanced,
    /// A placeholder name that is not snake_case (`{}` or `{IP}`).
    BadName(String),
    /// Two placeholders with nothing between them, which could split a text anywhere.
    Adjacent(String, String),
    /// The same name twice.
    Repeated(String),
    /// No placeholder at all: an exact message belongs in `wire`.
    NoPlaceholder,
}

impl std::fmt::Display for PatternError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PatternError::Unbalanced => write!(f, "a `{{` or `}}` has no partner"),
            PatternError::BadName(name) => {
                write!(f, "the placeholder `{{{name}}}` is not a snake_case name")
            }
            PatternError::Adjacent(a, b) => write!(
                f,
                "the placeholders `{{{a}}}` and `{{{b}}}` have no text between them, so a message could be split between them anywhere"
            ),
            PatternError::Repeated(name) => {
                write!(f, "the placeholder `{{{name}}}` appears twice")
            }
            PatternError::NoPlaceholder => write!(f, "it has no `{{placeholder}}`"),
        }
    }
}

fn is_snake_case(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

impl<'p> MessagePattern<'p> {
    /// Parses `pattern`: literal text with `{name}` placeholders.
    pub fn parse(pattern: &'p str) -> Result<Self, PatternError> {
        let mut literals = Vec::new();
        let mut names: Vec<&'p str> = Vec::new();
        let mut rest = pattern;
        while let Some(open) = rest.find('{') {
            let literal = &rest[..open];
            if literal.contains('}') {
                return Err(PatternError::Unbalanced);
            }
            let after = &rest[open + 1..];
            let close = after.find('}').ok_or(PatternError::Unbalanced)?;
            let name = &after[..close];
            if !is_snake_case(name) {
                return Err(PatternError::BadName(name.to_owned()));
            }
            if names.contains(&name) {
                return Err(PatternError::Repeated(name.to_owned()));
            }
            if literal.is_empty() {
                if let Some(previous) = names.last() {
                    return Err(PatternError::Adjacent(
                        (*previous).to_owned(),
                        name.to_owned(),
                    ));
                }
            }
            literals.push(literal);
            names.push(name);
            rest = &after[close + 1..];
        }
        if rest.contains('}') {
            return Err(PatternError::Unbalanced);
        }
        if names.is_empty() {
            return Err(PatternError::NoPlaceholder);
        }
        literals.push(rest);
        Ok(MessagePattern { literals, names })
    }

    /// The placeholders' names, in order.
    pub fn names(&self) -> &[&'p str] {
        &self.names
    }

    /// The value of each placeholder in `message`, in order, when the message matches;
    /// each value is non-empty.
    pub fn captures<'m>(&self, message: &'m str) -> Option<Vec<(&'p str, &'m str)>> {
        let (first, last) = (self.literals[0], self.literals[self.literals.len() - 1]);
        let body = message.strip_prefix(first)?;
        let body = body.strip_suffix(last)?;
        let middle = &self.literals[1..self.literals.len() - 1];
        let mut values = Vec::with_capacity(self.names.len());
        let mut at = 0;
        for literal in middle {
            // The value before `literal` is at least one character long.
            let start = at + body[at..].chars().next()?.len_utf8();
            let found = start + body[start..].find(literal)?;
            values.push(&body[at..found]);
            at = found + literal.len();
        }
        let value = &body[at..];
        if value.is_empty() {
            return None;
        }
        values.push(value);
        Some(self.names.iter().copied().zip(values).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::{MessagePattern, PatternError};

    #[test]
    fn captures_each_placeholder() {
        let p =
            MessagePattern::parse("API rate limit exceeded for {ip}. (But here's more.)").unwrap();
        assert_eq!(
            p.captures("API rate limit exceeded for 203.0.113.7. (But here's more.)"),
            Some(vec![("ip", "203.0.113.7")])
        );
        assert_eq!(
            p.captures("API rate limit exceeded for . (But here's more.)"),
            None
        );
        assert_eq!(p.captures("Not Found"), None);
        let two = MessagePattern::parse("{field} must be at most {max} characters").unwrap();
        assert_eq!(
            two.captures("name must be at most 50 characters"),
            Some(vec![("field", "name"), ("max", "50")])
        );
        // Leftmost: a literal repeated inside a later value still matches.
        let p = MessagePattern::parse("{a} at {b}").unwrap();
        assert_eq!(
            p.captures("x at y at z"),
            Some(vec![("a", "x"), ("b", "y at z")])
        );
    }

    #[test]
    fn refuses_ambiguous_or_malformed_patterns() {
        assert_eq!(
            MessagePattern::parse("{a}{b}"),
            Err(PatternError::Adjacent("a".into(), "b".into()))
        );
        assert_eq!(MessagePattern::parse("a {b"), Err(PatternError::Unbalanced));
        assert_eq!(MessagePattern::parse("a b}"), Err(PatternError::Unbalanced));
        assert_eq!(
            MessagePattern::parse("{IP}"),
            Err(PatternError::BadName("IP".into()))
        );
        assert_eq!(
            MessagePattern::parse("{a} {a}"),
            Err(PatternError::Repeated("a".into()))
        );
        assert_eq!(
            MessagePattern::parse("plain"),
            Err(PatternError::NoPlaceholder)
        );
    }

    #[test]
    fn long_messages_match_in_one_pass_per_literal() {
        // Text that makes a backtracking matcher retry every split: here each literal is
        // found once, leftmost.
        let p = MessagePattern::parse("{a}x{b}x{c}y").unwrap();
        let message = format!("{}y", "x".repeat(200_000));
        let values = p.captures(&message).unwrap();
        assert_eq!(values[0], ("a", "x"));
        assert_eq!(values[1], ("b", "x"));
        assert_eq!(values[2].1.len(), 200_000 - 4);
        assert_eq!(p.captures(&"x".repeat(200_000)), None);
    }
}
