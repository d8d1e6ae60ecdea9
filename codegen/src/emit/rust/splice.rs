//! Formatting long lists in chunks.
//!
//! A module is formatted by parsing its tokens into a `syn::File` and printing it with
//! `prettyplease`. Done in one piece, a 100,000-code catalog holds every token and every
//! syntax-tree node of a 130 MB file at once (about 4 GB), and the allocator's work on
//! that heap made generation grow faster than the catalog. So the lists that grow with
//! the catalog (the variants of `ErrorCode`, its table rows, `ALL`, ...) are left out of
//! the module's tokens: each is replaced by a placeholder line, the rest of the module
//! (the skeleton) is formatted as before, and then each placeholder line is replaced by
//! its list, formatted a chunk at a time at the placeholder's indentation. Only one
//! chunk's tokens and nodes exist at a time.
//!
//! The result is byte-identical to formatting the whole module in one piece
//! ([`Formatting::Whole`]; a test compares the two). That holds because `prettyplease`
//! puts each element of an enum, or of an array whose elements are not all integer-like
//! literals, on its own line once the list does not fit on one line, and lays out each
//! element by its own content and column only. Lists shorter than [`CHUNK`] elements stay
//! in the skeleton, so every chunk is long enough never to fit on one line.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

/// Elements per chunk; lists shorter than this are formatted with the module.
pub const CHUNK: usize = 512;

/// How a module is formatted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Formatting {
    /// Long lists in chunks, spliced into the formatted module: memory bounded by a
    /// chunk, time linear in the catalog. What the generator uses.
    #[default]
    Chunked,
    /// The whole module parsed and printed in one piece: the reference [`Chunked`] must
    /// equal.
    ///
    /// [`Chunked`]: Formatting::Chunked
    Whole,
}

/// What kind of list a placeholder stands for: it decides the wrapper a chunk is
/// formatted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    /// Enum variants (with their attributes).
    Variants,
    /// Elements of an array expression that is not all integer literals.
    Elements,
}

type Element<'a> = Box<dyn Fn(usize) -> TokenStream + 'a>;

struct Deferred<'a> {
    kind: ListKind,
    len: usize,
    element: Element<'a>,
}

/// The lists left out of a module's tokens, to be spliced into its formatted text.
pub struct Splices<'a> {
    formatting: Formatting,
    lists: Vec<Deferred<'a>>,
}

/// Every placeholder identifier starts with this; no catalog identifier can (validation
/// requires identifiers that start with a letter).
const PLACEHOLDER: &str = "__errcat_splice_";

impl<'a> Splices<'a> {
    /// No lists yet.
    pub fn new(formatting: Formatting) -> Self {
        Splices {
            formatting,
            lists: Vec::new(),
        }
    }

    /// The tokens to put where a comma-separated list of `len` elements goes, `element(i)`
    /// giving the `i`-th: the elements themselves for a short list (or when formatting in
    /// one piece), otherwise a placeholder for [`Splices::format`] to replace. `element`
    /// is called when the list is formatted, so a long list's tokens never all exist at
    /// once.
    pub fn list(
        &mut self,
        kind: ListKind,
        len: usize,
        element: impl Fn(usize) -> TokenStream + 'a,
    ) -> TokenStream {
        if len < CHUNK || self.formatting == Formatting::Whole {
            let elements = (0..len).map(element);
            return quote! { #( #elements ),* };
        }
        let index = self.lists.len();
        self.lists.push(Deferred {
            kind,
            len,
            element: Box::new(element),
        });
        // Longer than a line, so the list around it is always broken one per line.
        let name = format!("{PLACEHOLDER}{index}_{}", "x".repeat(100));
        let placeholder = Ident::new(&name, Span::call_site());
        quote! { #placeholder }
    }

    /// The formatted module: `skeleton` printed, every placeholder line replaced by its
    /// list.
    pub fn format(self, skeleton: syn::File) -> String {
        let text = prettyplease::unparse(&skeleton);
        drop(skeleton);
        if self.lists.is_empty() {
            return text;
        }
        let mut out = String::with_capacity(text.len());
        for line in text.split_inclusive('\n') {
            let trimmed = line.trim_start();
            let Some(rest) = trimmed.strip_prefix(PLACEHOLDER) else {
                out.push_str(line);
                continue;
            };
            let index: usize = rest
                .split('_')
                .next()
                .and_then(|n| n.parse().ok())
                .expect("a placeholder carries its list's index");
            let indent = line.len() - trimmed.len();
            self.lists[index].format_into(indent, &mut out);
        }
        out
    }
}

impl Deferred<'_> {
    /// Appends the list's lines, each indented by `indent` spaces, chunk by chunk. The last
    /// chunk takes the remainder, so none is shorter than [`CHUNK`].
    fn format_into(&self, indent: usize, out: &mut String) {
        let chunks = (self.len / CHUNK).max(1);
        for chunk in 0..chunks {
            let start = chunk * CHUNK;
            let end = if chunk + 1 == chunks {
                self.len
            } else {
                start + CHUNK
            };
            let elements = (start..end).map(|i| (self.element)(i));
            out.push_str(&format_chunk(self.kind, indent, elements));
        }
    }
}

/// `elements` formatted as they are inside a list at `indent` spaces: wrapped in a list
/// of the same kind, nested in modules until it sits at that indentation, printed, and
/// the wrapper's lines cut off.
fn format_chunk(
    kind: ListKind,
    indent: usize,
    elements: impl Iterator<Item = TokenStream>,
) -> String {
    // prettyplease indents by 4 per level; a list's elements sit one level inside it.
    let depth = (indent / 4).saturating_sub(1);
    let mut wrapped = match kind {
        ListKind::Variants => quote! { enum E { #( #elements ),* } },
        ListKind::Elements => quote! { static S: () = [ #( #elements ),* ]; },
    };
    for _ in 0..depth {
        wrapped = quote! { mod m { #wrapped } };
    }
    let wrapped = super::layout::plain_literals(wrapped);
    let file: syn::File = syn::parse2(wrapped).expect("generated list elements parse");
    let text = prettyplease::unparse(&file);
    drop(file);
    // The wrapper's opening lines (each `mod m {` and the list's own opening line) and
    // as many closing lines.
    let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
    lines.truncate(lines.len().saturating_sub(depth + 1));
    lines.drain(..(depth + 1).min(lines.len()));
    lines.concat()
}
