//! The error envelope as serde types matching the documented body in both directions.
//!
//! Field paths (`error.code`) are grouped into a tree: a path segment with children
//! becomes a nested struct, unless the catalog declares it `type: object` (a free-form
//! map whose documented members are read by path at run time). Every struct keeps
//! undocumented members in `extra`, so nothing the server sent is lost.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::docs;
use crate::model::document::{FieldDoc, FieldKind, FieldRole, IdentifiedBy};
use crate::model::naming::{self, Component};
use crate::model::Api;
use errcat_vocab::Step;

struct Node<'a> {
    key: String,
    field: Option<&'a FieldDoc>,
    children: Vec<Node<'a>>,
    /// The member is a list of elements (`errors[]`, `details[@type=...]`): its Rust type
    /// is a `Vec` of the struct its children make.
    list: bool,
    /// A discriminator key of its elements (`@type`): a text member no field declares.
    discriminator: bool,
}

impl<'a> Node<'a> {
    fn new(key: &str) -> Node<'a> {
        Node {
            key: key.to_owned(),
            field: None,
            children: Vec::new(),
            list: false,
            discriminator: false,
        }
    }

    fn child(&mut self, key: &str) -> &mut Node<'a> {
        let index = match self.children.iter().position(|c| c.key == key) {
            Some(i) => i,
            None => {
                self.children.push(Node::new(key));
                self.children.len() - 1
            }
        };
        &mut self.children[index]
    }

    fn insert(&mut self, components: &[Component<'_>], field: &'a FieldDoc) {
        let Some((first, rest)) = components.split_first() else {
            return;
        };
        let child = self.child(first.key);
        if let Some(step) = first.element {
            child.list = true;
            if let Step::Where { key, .. } = step {
                child.child(key).discriminator = true;
            }
        }
        if rest.is_empty() {
            child.field = Some(field);
        } else {
            child.insert(rest, field);
        }
    }

    /// A struct of its own: has members and is not declared as a free-form object.
    fn is_struct(&self) -> bool {
        !self.children.is_empty() && self.field.is_none_or(|f| f.ty != FieldKind::Object)
    }

    fn required(&self) -> bool {
        match self.field {
            Some(field) => field.required,
            None if self.discriminator => false,
            None => self.children.iter().any(Node::required),
        }
    }

    fn nullable(&self) -> bool {
        self.field.is_some_and(|f| f.nullable)
    }

    /// Read as `Option`: a list is an empty `Vec` when absent instead.
    fn optional(&self) -> bool {
        !self.list && (!self.required() || self.nullable())
    }
}

/// The Rust field name for a JSON key (see [`crate::model::naming`]).
fn field_ident(key: &str) -> Ident {
    match naming::field_name(key) {
        (name, true) => Ident::new_raw(&name, Span::call_site()),
        (name, false) => Ident::new(&name, Span::call_site()),
    }
}

/// The keys of a path as the catalog writes it: `error.code`, `error['.tag']`.
fn path_text(keys: &[&str]) -> String {
    keys.iter().fold(String::new(), |prefix, key| {
        errcat_vocab::FieldPath::join(&prefix, key).unwrap_or_else(|| format!("{prefix}.{key}"))
    })
}

fn struct_ident(path: &[&str]) -> Ident {
    Ident::new(&naming::struct_name(path), Span::call_site())
}

fn leaf_type(field: &FieldDoc) -> TokenStream {
    if field.role == Some(FieldRole::Code) && field.ty == FieldKind::String {
        return quote! { WireCode };
    }
    field
        .ty
        .rust_type()
        .parse()
        .expect("every field kind names a Rust type")
}

fn field_doc(node: &Node, path: &str) -> TokenStream {
    let mut paragraphs = Vec::new();
    match node.field.and_then(|f| f.description.as_deref()) {
        Some(description) => paragraphs.push(docs::text(description)),
        None => paragraphs.push(format!("The {} member.", docs::code(path))),
    }
    let mut facts = Vec::new();
    facts.push(if node.required() {
        "Always present.".to_owned()
    } else {
        "Not always present.".to_owned()
    });
    if node.nullable() {
        facts.push("May be `null`.".to_owned());
    }
    if let Some(reason) = node.field.and_then(|f| f.inferred.required.as_deref()) {
        facts.push(format!(
            "(Whether it is always present is inferred: {}.)",
            docs::text(reason)
        ));
    }
    let documented: Vec<String> = node
        .children
        .iter()
        .map(|c| docs::code(&path_text(&[path, c.key.as_str()])))
        .collect();
    if !node.is_struct() && !documented.is_empty() {
        facts.push(format!("Documented members: {}.", documented.join(", ")));
    }
    paragraphs.push(facts.join(" "));
    docs::attrs(&paragraphs)
}

/// Emits the struct for `node` (at `path`) and every nested struct, into `out`.
fn emit_struct(
    node: &Node,
    path: &[&str],
    name: &Ident,
    doc: TokenStream,
    out: &mut Vec<TokenStream>,
) {
    let mut fields = Vec::new();
    for child in &node.children {
        let mut child_path = path.to_vec();
        child_path.push(&child.key);
        let dotted = path_text(&child_path);
        let ident = field_ident(&child.key);
        let ty = if child.is_struct() {
            let nested = struct_ident(&child_path);
            let what = if child.list {
                "An element of the {} list of the error body."
            } else {
                "The {} object of the error body."
            };
            let nested_doc = docs::attrs(&[what.replace("{}", &docs::code(&dotted))]);
            emit_struct(child, &child_path, &nested, nested_doc, out);
            if child.list {
                quote! { Vec<#nested> }
            } else {
                quote! { #nested }
            }
        } else if child.discriminator && child.field.is_none() {
            quote! { String }
        } else {
            match child.field {
                Some(field) => leaf_type(field),
                None => continue,
            }
        };
        let ty = if child.optional() {
            quote! { Option<#ty> }
        } else {
            ty
        };
        let key = &child.key;
        let rename = if ident.to_string().trim_start_matches("r#") != key.as_str() {
            quote! { #[serde(rename = #key)] }
        } else {
            TokenStream::new()
        };
        let presence = if child.list && child.is_struct() && !child.required() {
            quote! { #[serde(default, skip_serializing_if = "Vec::is_empty")] }
        } else if !child.required() {
            quote! { #[serde(default, skip_serializing_if = "Option::is_none")] }
        } else if child.nullable() {
            quote! { #[serde(default)] }
        } else {
            TokenStream::new()
        };
        let doc = field_doc(child, &dotted);
        fields.push(quote! {
            #doc
            #rename
            #presence
            pub #ident: #ty,
        });
    }
    out.push(quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        #[serde(crate = "::errcat::__private::serde")]
        pub struct #name {
            #( #fields )*
            /// Members the catalog does not document, kept as they were sent.
            #[serde(flatten)]
            pub extra: serde_json::Map<String, serde_json::Value>,
        }
    });
}

/// How a method reaches a field from `self`.
enum Access {
    /// Every segment of the path is always present: a place such as `self.error.code`.
    Required(TokenStream),
    /// The last segment may be absent, the others are always present: a place of type
    /// `Option<T>` such as `self.error`.
    OptionalPlace(TokenStream),
    /// Some segment may be absent: an expression of type `Option<&T>`.
    Optional(TokenStream),
}

impl Access {
    /// `Option<&str>` of a `String` field.
    fn as_str(&self) -> TokenStream {
        match self {
            Access::Required(place) => quote! { Some(#place.as_str()) },
            Access::OptionalPlace(place) => quote! { #place.as_deref() },
            Access::Optional(option) => quote! { #option.map(String::as_str) },
        }
    }

    /// `Option<&T>` of a field.
    fn as_ref(&self) -> TokenStream {
        match self {
            Access::Required(place) => quote! { Some(&#place) },
            Access::OptionalPlace(place) => quote! { #place.as_ref() },
            Access::Optional(option) => quote! { #option },
        }
    }

    /// `Option<T>` of a field, cloned.
    fn cloned(&self) -> TokenStream {
        match self {
            Access::Required(place) => quote! { Some(#place.clone()) },
            Access::OptionalPlace(place) => quote! { #place.clone() },
            Access::Optional(option) => quote! { #option.cloned() },
        }
    }
}

/// The element of a list a path step takes, as a method chain on a `Vec`.
fn select(step: Step<'_>) -> TokenStream {
    match step {
        Step::Index(index) => quote! { get(#index) },
        Step::Where { key, value } => {
            let ident = field_ident(key);
            quote! { iter().find(|e| e.#ident.as_deref() == Some(#value)) }
        }
        // `[]` in an accessor: the first error of the list, the primary one.
        Step::Each | Step::Key(_) => quote! { first() },
    }
}

/// How to reach the field at `path` from `self`, or `None` when the path leaves the
/// generated structs (into a free-form object).
fn accessor(root: &Node, path: &str, xml: bool) -> Option<Access> {
    let mut access = Access::Required(quote! { self });
    let mut node = root;
    for component in naming::components(errcat_vocab::FieldPath::new_unchecked(path))? {
        if !node.is_struct() && !std::ptr::eq(node, root) {
            return None;
        }
        let key = if component.key.is_empty() {
            ROOT_LIST
        } else {
            struct_key(component.key, xml)
        };
        let child = node.children.iter().find(|c| c.key == key)?;
        let ident = field_ident(key);
        access = match (access, component.element) {
            (access, Some(step)) => {
                let select = select(step);
                Access::Optional(match access {
                    Access::Required(place) => quote! { #place.#ident.#select },
                    Access::OptionalPlace(place) => {
                        quote! { #place.as_ref().and_then(|v| v.#ident.#select) }
                    }
                    Access::Optional(option) => quote! { #option.and_then(|v| v.#ident.#select) },
                })
            }
            (Access::Required(place), None) if !child.optional() => {
                Access::Required(quote! { #place.#ident })
            }
            (Access::Required(place), None) => Access::OptionalPlace(quote! { #place.#ident }),
            (Access::OptionalPlace(place), None) if !child.optional() => {
                Access::Optional(quote! { #place.as_ref().map(|v| &v.#ident) })
            }
            (Access::OptionalPlace(place), None) => {
                Access::Optional(quote! { #place.as_ref().and_then(|v| v.#ident.as_ref()) })
            }
            (Access::Optional(option), None) if !child.optional() => {
                Access::Optional(quote! { #option.map(|v| &v.#ident) })
            }
            (Access::Optional(option), None) => {
                Access::Optional(quote! { #option.and_then(|v| v.#ident.as_ref()) })
            }
        };
        node = child;
    }
    Some(access)
}

/// The member name a path key has in the tree a body is read into: for XML bodies an
/// element's local name (`env:Body` is `Body`).
fn struct_key(key: &str, xml: bool) -> &str {
    match key.split_once(':') {
        Some((_, local)) if xml && !key.starts_with('@') => local,
        _ => key,
    }
}

/// The Rust field that holds a body which is itself a list of errors.
const ROOT_LIST: &str = "errors";

/// The envelope structs and their accessors.
pub fn emit(api: &Api) -> TokenStream {
    let envelope = &api.doc.envelope;
    let xml = errcat_vocab::is_xml_media_type(&envelope.content_type);
    let mut root = Node::new("");
    for field in &envelope.fields {
        let path = errcat_vocab::FieldPath::new_unchecked(&field.path);
        // The validator refuses paths the structs cannot model.
        let Some(mut components) = naming::components(path) else {
            continue;
        };
        if xml {
            // Namespace declarations are written from the catalog, never read.
            if components.iter().any(|c| c.key.starts_with("@xmlns")) {
                continue;
            }
            for component in &mut components {
                component.key = struct_key(component.key, true);
            }
        }
        if let Some(first) = components.first_mut().filter(|c| c.key.is_empty()) {
            first.key = ROOT_LIST;
        }
        root.insert(&components, field);
    }
    // A body that is a list: its paths start with a selector (`[].errorCode`); the
    // validator's family rule keeps other keys out of such a body.
    let root_is_list =
        envelope.fields.iter().any(|f| f.path.starts_with('[')) && root.children.len() == 1;
    let family = crate::emit::words::shape_words(api);
    let mut paragraphs = vec![format!(
        "The error body {} sends: {family}.",
        docs::text(&api.doc.api.name)
    )];
    if let Some(description) = &envelope.description {
        paragraphs.push(docs::text(description));
    }
    if let Some(sample) = envelope.sample.as_deref().filter(|s| !s.contains("```")) {
        paragraphs.push(format!(
            "The page's sample:\n\n```{}\n{}\n```",
            crate::emit::words::body_language(api, None),
            sample.trim_end()
        ));
    }
    let name = Ident::new("ErrorEnvelope", Span::call_site());
    let mut structs = Vec::new();
    if root_is_list {
        // The body is the list itself: one transparent field, no room for extra members.
        let list = &root.children[0];
        let item = struct_ident(&[ROOT_LIST]);
        let item_doc = docs::attrs(&["One error of the list the body is.".to_owned()]);
        emit_struct(list, &[ROOT_LIST], &item, item_doc, &mut structs);
        let doc = docs::attrs(&paragraphs);
        structs.push(quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
            #[serde(crate = "::errcat::__private::serde", transparent)]
            pub struct #name {
                /// The errors, in the order sent.
                pub errors: Vec<#item>,
            }
        });
    } else {
        emit_struct(&root, &[], &name, docs::attrs(&paragraphs), &mut structs);
    }

    let role_path = |role: FieldRole| {
        envelope
            .fields
            .iter()
            .find(|f| f.role == Some(role))
            .map(|f| f.path.as_str())
    };
    let message = role_path(FieldRole::Message).and_then(|p| accessor(&root, p, xml));
    let type_fn = role_path(FieldRole::Type)
        .and_then(|p| accessor(&root, p, xml))
        .map(|access| {
            let body = access.as_str();
            quote! {
                /// The error type as sent, if the body has one.
                pub fn error_type(&self) -> Option<&str> {
                    #body
                }
            }
        });
    let message_fn = message.as_ref().map(|access| {
        let body = access.as_str();
        quote! {
            /// The human-readable message, if the body has one.
            pub fn message(&self) -> Option<&str> {
                #body
            }
        }
    });
    let wire_code = match api.doc.api.identified_by {
        IdentifiedBy::Code => {
            let code = envelope
                .fields
                .iter()
                .find(|f| f.role == Some(FieldRole::Code));
            code.and_then(|f| Some((f, accessor(&root, &f.path, xml)?)))
                .map(|(field, access)| match field.ty {
                    FieldKind::String => access.cloned(),
                    _ => {
                        let value = access.as_ref();
                        quote! { #value.map(|n| WireCode::from_wire(&n.to_string())) }
                    }
                })
        }
        IdentifiedBy::Message => {
            message.map(|_| quote! { self.message().map(WireCode::from_wire) })
        }
    };
    let wire_code_fn = wire_code.map(|body| {
        let how = match api.doc.api.identified_by {
            IdentifiedBy::Code => "from its code field",
            IdentifiedBy::Message => {
                "from its message text (this API identifies errors by message)"
            }
        };
        let doc = format!(" The error's code, read {how}.");
        quote! {
            #[doc = #doc]
            pub fn wire_code(&self) -> Option<WireCode> {
                #body
            }
        }
    });
    quote! {
        #( #structs )*

        impl ErrorEnvelope {
            #message_fn
            #type_fn
            #wire_code_fn
        }
    }
}
