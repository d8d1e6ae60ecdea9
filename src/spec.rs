//! What generated code tells the runtime about an API: its envelope, headers and status
//! table, as static data. The runtime reads error bodies and builds them from this, so no
//! API needs hand-written parsing code.

use crate::{
    Category, EnvelopeFamily, FieldKind, FieldPath, FieldRole, HeaderFormat, HeaderRole,
    IdentifiedBy, RetryRule,
};

/// One documented envelope field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FieldSpec {
    /// Dotted JSON path from the body's root.
    pub path: &'static str,
    /// Its JSON type.
    pub kind: FieldKind,
    /// What it carries, if errcat reads it.
    pub role: Option<FieldRole>,
    /// Present in every error body.
    pub required: bool,
    /// May be `null`.
    pub nullable: bool,
    /// A fixed value, as JSON text (e.g. `false`).
    pub constant: Option<&'static str>,
    /// For the code field: the code a body without it means (`about:blank`).
    pub absent_means: Option<&'static str>,
}

impl FieldSpec {
    /// The path, parsed: how the runtime walks a body to the field.
    pub const fn field_path(&self) -> FieldPath<'static> {
        FieldPath::new_unchecked(self.path)
    }
}

/// The error envelope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EnvelopeSpec {
    /// Its shape.
    pub family: EnvelopeFamily,
    /// The media type of error bodies.
    pub content_type: &'static str,
    /// Every documented field.
    pub fields: &'static [FieldSpec],
}

impl EnvelopeSpec {
    /// The first field with `role`.
    pub fn field(&self, role: FieldRole) -> Option<&'static FieldSpec> {
        self.fields.iter().find(|f| f.role == Some(role))
    }

    /// Every field with `role`.
    pub fn fields_with(&self, role: FieldRole) -> impl Iterator<Item = &'static FieldSpec> {
        self.fields.iter().filter(move |f| f.role == Some(role))
    }
}

/// A documented response header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct HeaderSpec {
    /// Header name.
    pub name: &'static str,
    /// What it tells a client.
    pub role: HeaderRole,
    /// How it is written.
    pub format: HeaderFormat,
}

/// One row of an API's documented HTTP status table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StatusInfo {
    /// The HTTP status code.
    pub status: u16,
    /// Its name, e.g. `Too Many Requests`.
    pub name: &'static str,
    /// What the page says it means for this API.
    pub description: Option<&'static str>,
    /// The retry rule for errors with this status that have none of their own.
    pub retry: Option<RetryRule>,
    /// The media type of error bodies at this status when it is not the envelope's
    /// (`text/plain`: the body is the message).
    pub content_type: Option<&'static str>,
}

impl StatusInfo {
    /// Whether error bodies at this status are plain text: the whole body is the
    /// message, and no envelope is sent.
    pub fn is_plain_text(&self) -> bool {
        self.content_type
            .is_some_and(crate::is_plain_text_media_type)
    }
}

/// A documented error type, as the runtime classifies an error of that type whose body
/// names no documented code (Stripe's `code` is nullable; its `type` never is).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TypeSpec {
    /// The name the API sends in its type field.
    pub wire: &'static str,
    /// The canonical category of its errors, when the catalog gives one.
    pub category: Option<Category>,
    /// The retry rule of its errors, when the catalog states one for the whole type.
    pub retry: Option<RetryRule>,
}

/// Everything the runtime needs to know about an API besides its codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ApiSpec {
    /// The API id.
    pub id: &'static str,
    /// Its display name.
    pub name: &'static str,
    /// How errors are told apart.
    pub identified_by: IdentifiedBy,
    /// The error body.
    pub envelope: EnvelopeSpec,
    /// Documented response headers.
    pub headers: &'static [HeaderSpec],
    /// The documented status table.
    pub statuses: &'static [StatusInfo],
    /// The documented error types, where the API has them.
    pub types: &'static [TypeSpec],
}

impl ApiSpec {
    /// The documented header with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&'static HeaderSpec> {
        self.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
    }

    /// The documented error type with this wire name.
    pub fn error_type(&self, wire: &str) -> Option<&'static TypeSpec> {
        self.types.iter().find(|t| t.wire == wire)
    }

    /// The status table's row for `status`.
    pub fn status(&self, status: u16) -> Option<&'static StatusInfo> {
        self.statuses.iter().find(|row| row.status == status)
    }

    /// The media type of error bodies at `status`: the status row's, else the
    /// envelope's.
    pub fn content_type_at(&self, status: u16) -> &'static str {
        self.status(status)
            .and_then(|row| row.content_type)
            .unwrap_or(self.envelope.content_type)
    }

    /// Whether error bodies at `status` are plain text (the status row says so).
    pub fn is_plain_text_at(&self, status: u16) -> bool {
        self.status(status).is_some_and(StatusInfo::is_plain_text)
    }

    /// The rule for an error with this status and no code the catalog knows: the status
    /// row's rule, else [`RetryRule::for_status`].
    pub fn status_retry(&self, status: u16) -> RetryRule {
        self.status(status)
            .and_then(|row| row.retry)
            .unwrap_or_else(|| RetryRule::for_status(status))
    }
}
