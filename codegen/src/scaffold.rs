//! `errcat new`: a commented starting catalog file for a new API that validates as
//! written. Every placeholder value is marked `inferred`, so until it is replaced with
//! the page's words every generated artifact says it is not a fact of the page.

use heck::ToTitleCase;

use crate::model::naming::KEYWORDS;

/// Why an id cannot name a new API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidId {
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: String,
}

impl std::fmt::Display for InvalidId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}\n  = help: {}", self.message, self.help)
    }
}

impl std::error::Error for InvalidId {}

/// Checks that `id` can name an API: snake_case (a lowercase letter, then lowercase
/// letters, digits and single underscores) and not a Rust keyword.
pub fn check_id(id: &str) -> Result<(), InvalidId> {
    if !is_snake_case(id) {
        let suggestion = heck::ToSnakeCase::to_snake_case(id);
        let help = if is_snake_case(&suggestion) && !KEYWORDS.contains(&suggestion.as_str()) {
            format!("write it in snake_case, e.g. `{suggestion}`")
        } else {
            "write it in snake_case: a lowercase letter, then lowercase letters, digits and single underscores".to_owned()
        };
        return Err(InvalidId {
            message: format!("the API id `{id}` is not snake_case"),
            help,
        });
    }
    if KEYWORDS.contains(&id) {
        return Err(InvalidId {
            message: format!("the API id `{id}` is a Rust keyword (it becomes a module name)"),
            help: format!("choose another id, e.g. `{id}_api`"),
        });
    }
    Ok(())
}

fn is_snake_case(id: &str) -> bool {
    matches!(id.chars().next(), Some('a'..='z'))
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !id.contains("__")
        && !id.ends_with('_')
}

/// The starting catalog file for the API `id`.
pub fn scaffold(id: &str) -> Result<String, InvalidId> {
    check_id(id)?;
    let name = id.to_title_case();
    Ok(TEMPLATE
        .replace("{{id}}", id)
        .replace("{{name}}", &name.replace('"', "")))
}

const TEMPLATE: &str = r#"# yaml-language-server: $schema=../generated/catalog.schema.json
# Source: {{name}} "Errors" page, <the page's public URL, if it states one>
#
# Written by `errcat new {{id}}`. It validates as it is; now transcribe the page:
#   1. Replace every value marked `inferred: ... placeholder` with the page's words, and
#      delete its `inferred` line (keep a mark, with a reason, on anything the page does
#      not state).
#   2. Add one `errors` entry per code (or per message) the page documents.
#   3. Run `errcat validate`, then `errcat generate`.
# catalog/README.md documents every field by example.

api:
  id: {{id}}                   # snake_case; the generated Rust module's name
  name: "{{name}}"
  description: "The errors of the {{name}} API."
  # source: "https://docs.example.com/errors"           # the page's URL, only if known
  # doc_url: "https://docs.example.com/errors#{code}"   # only if the page gives one
  identified_by: code          # `message` when errors carry no code (see the README)
  inferred:
    name: "placeholder written by errcat new; use the page's name for the product"
    description: "placeholder written by errcat new; use a sentence from the page"

envelope:
  family: nested_object        # nested_object | bare_string | success_flag
  fields:
    - path: error.code
      type: string
      role: code
      required: true
      description: "Machine-readable error code"
    - path: error.message
      type: string
      role: message
      required: true
      description: "Human-readable error message"
  # sample: |                  # the page's format sample, verbatim
  #   {"error": {"code": "some_code", "message": "..."}}
  inferred:
    other: "placeholder written by errcat new: the usual nested object; check the page's sample"

# auth:
#   headers:
#     - name: Authorization
#       format: "Bearer <key>"
#   key_prefixes:
#     - prefix: sk_

# headers:                     # response headers the page documents
#   - name: Retry-After
#     role: retry_after
#     format: delay_seconds
#     when: "429 responses"

statuses:                      # every row of the page's status table, success rows too
  - status: 400
    name: Bad Request
    retry:
      rule: never
    inferred:
      retry: "placeholder written by errcat new: a bad request fails the same way again"
  - status: 401
    name: Unauthorized
    retry:
      rule: never
    inferred:
      retry: "placeholder written by errcat new: credentials must change first"
  - status: 429
    name: Too Many Requests
    retry:
      rule: backoff
      backoff: {}
    inferred:
      retry: "placeholder written by errcat new: back off, schedule left to the runtime"
  - status: 500
    name: Internal Server Error
    retry:
      rule: backoff
      backoff: {}
    inferred:
      retry: "placeholder written by errcat new: a server error is treated as transient"

# types:                       # only if the page groups its codes into named types
#   - id: rate_limit_error
#     description: "Rate limit exceeded."
#     status: 429
#     category: rate_limited

# websocket_close_codes:
#   - code: 4001
#     id: token_expired
#     reason: Token Expired
#     description: "Session token expired"
#     action: reconnect_with_new_token

# limits:
#   - id: request_body
#     description: "Request bodies are limited to 1 MiB."
#     max_bytes: 1048576

# notes:
#   - "Other facts the page states, one per string."

# examples:                    # the page's example bodies, verbatim (test fixtures)
#   - name: invalid_request
#     status: 400
#     body: |
#       {"error": {"code": "invalid_request", "message": "..."}}
#     expect: invalid_request

# Every documented error, in the page's order. This section comes last so that new
# entries can be appended at the end of the file.
errors:
  - id: invalid_request
    status: 400
    description: "The request is invalid."
    inferred:
      description: "placeholder written by errcat new; replace this entry with the page's first error"
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaffolds_validate_as_written() {
        for id in ["acme", "acme_pay", "v2_gateway", "a"] {
            let text = scaffold(id).unwrap();
            let loaded = crate::load::load_str(&format!("catalog/{id}.yaml"), &text);
            let catalog = match crate::validate::validate(vec![loaded]) {
                Ok(catalog) => catalog,
                Err(diagnostics) => panic!("{id}:\n{diagnostics}"),
            };
            assert_eq!(catalog.apis.len(), 1);
            let api = &catalog.apis[0];
            assert_eq!(api.id(), id);
            assert_eq!(api.errors.len(), 1);
            assert!(text
                .starts_with("# yaml-language-server: $schema=../generated/catalog.schema.json\n"));
        }
        assert!(scaffold("acme_pay").unwrap().contains("name: \"Acme Pay\""));
    }

    #[test]
    fn appended_errors_join_the_list() {
        let mut text = scaffold("acme").unwrap();
        text.push_str("  - id: rate_limited\n    status: 429\n    description: \"Slow down.\"\n");
        let loaded = crate::load::load_str("catalog/acme.yaml", &text);
        let catalog = crate::validate::validate(vec![loaded]).unwrap();
        assert_eq!(catalog.apis[0].errors.len(), 2);
    }

    #[test]
    fn ids_must_be_snake_case_and_not_keywords() {
        for bad in [
            "",
            "Acme",
            "acme-pay",
            "2acme",
            "acme__pay",
            "acme_",
            "_acme",
            "my api",
        ] {
            assert!(check_id(bad).is_err(), "{bad:?}");
        }
        let error = check_id("AcmePay").unwrap_err();
        assert!(error.help.contains("`acme_pay`"), "{error}");
        assert!(check_id("type").unwrap_err().message.contains("keyword"));
        assert!(check_id("acme_pay2").is_ok());
    }
}
