//! The public API of `errcat-codegen` is the facade in `src/lib.rs`: this test lists every
//! public item of it (types, variants, fields, methods with their signatures, trait
//! impls) and compares the list with `tests/public_api.txt`. Growing or changing the API
//! fails here until the list is updated on purpose: `ERRCAT_BLESS=1 cargo test -p
//! errcat-codegen --test public_api`.
//!
//! `#[doc(hidden)]` items (the engine) are not part of the API and are left out.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use quote::ToTokens;

const SRC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
const LIST: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/public_api.txt");

fn parse(path: &Path) -> syn::File {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn hidden(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("doc") && a.meta.to_token_stream().to_string().contains("hidden")
    })
}

fn public(vis: &syn::Visibility) -> bool {
    matches!(vis, syn::Visibility::Public(_))
}

fn tokens(t: &impl ToTokens) -> String {
    t.to_token_stream().to_string()
}

/// The file of the module at `path` (`emit::rust::lookup`).
fn module_file(path: &[String]) -> PathBuf {
    let mut base = PathBuf::from(SRC);
    for segment in path {
        base.push(segment);
    }
    let file = base.with_extension("rs");
    if file.exists() {
        file
    } else {
        base.join("mod.rs")
    }
}

/// Every `pub use` leaf of an item tree: (module path, name).
fn use_leaves(tree: &syn::UseTree, prefix: &mut Vec<String>, out: &mut Vec<(Vec<String>, String)>) {
    match tree {
        syn::UseTree::Path(p) => {
            prefix.push(p.ident.to_string());
            use_leaves(&p.tree, prefix, out);
            prefix.pop();
        }
        syn::UseTree::Name(n) => out.push((prefix.clone(), n.ident.to_string())),
        syn::UseTree::Group(g) => g.items.iter().for_each(|t| use_leaves(t, prefix, out)),
        other => panic!("the facade re-exports `{}`: list its names", tokens(other)),
    }
}

fn item_name(item: &syn::Item) -> Option<String> {
    Some(match item {
        syn::Item::Struct(i) => i.ident.to_string(),
        syn::Item::Enum(i) => i.ident.to_string(),
        syn::Item::Type(i) => i.ident.to_string(),
        syn::Item::Trait(i) => i.ident.to_string(),
        syn::Item::Fn(i) => i.sig.ident.to_string(),
        syn::Item::Const(i) => i.ident.to_string(),
        _ => return None,
    })
}

/// The API lines of `name`, defined in `file`: the item itself, its public parts, and the
/// public methods and trait impls written for it in the same file.
fn describe(file: &syn::File, name: &str, out: &mut BTreeSet<String>) {
    let item = file
        .items
        .iter()
        .find(|item| item_name(item).as_deref() == Some(name))
        .unwrap_or_else(|| panic!("`{name}` is re-exported but not defined where it says"));
    match item {
        syn::Item::Struct(s) => {
            out.insert(format!("struct {name}{}", tokens(&s.generics)));
            for field in s
                .fields
                .iter()
                .filter(|f| public(&f.vis) && !hidden(&f.attrs))
            {
                let field_name = field
                    .ident
                    .as_ref()
                    .map_or("0".to_owned(), ToString::to_string);
                out.insert(format!("field {name}.{field_name}: {}", tokens(&field.ty)));
            }
        }
        syn::Item::Enum(e) => {
            out.insert(format!("enum {name}{}", tokens(&e.generics)));
            for variant in e.variants.iter().filter(|v| !hidden(&v.attrs)) {
                let fields: Vec<String> = variant
                    .fields
                    .iter()
                    .map(|f| match &f.ident {
                        Some(ident) => format!("{ident}: {}", tokens(&f.ty)),
                        None => tokens(&f.ty),
                    })
                    .collect();
                let fields = match &variant.fields {
                    syn::Fields::Named(_) => format!(" {{ {} }}", fields.join(", ")),
                    syn::Fields::Unnamed(_) => format!("({})", fields.join(", ")),
                    syn::Fields::Unit => String::new(),
                };
                out.insert(format!("variant {name}::{}{fields}", variant.ident));
            }
        }
        syn::Item::Type(t) => {
            out.insert(format!(
                "type {name}{} = {}",
                tokens(&t.generics),
                tokens(&t.ty)
            ));
        }
        syn::Item::Fn(f) => {
            out.insert(tokens(&f.sig));
        }
        other => panic!("`{name}`: list this kind of item too: {}", tokens(other)),
    }
    for attr in item_attrs(item) {
        if attr.path().is_ident("non_exhaustive") {
            out.insert(format!("non_exhaustive {name}"));
        }
        if attr.path().is_ident("derive") {
            out.insert(format!("derive {name}: {}", tokens(&attr.meta)));
        }
    }
    for imp in file.items.iter().filter_map(|item| match item {
        syn::Item::Impl(imp) => Some(imp),
        _ => None,
    }) {
        let syn::Type::Path(self_ty) = &*imp.self_ty else {
            continue;
        };
        if self_ty
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .as_deref()
            != Some(name)
        {
            continue;
        }
        if let Some((trait_path, _)) = &imp.trait_ {
            out.insert(format!("impl {} for {name}", tokens(trait_path)));
            continue;
        }
        for inner in &imp.items {
            match inner {
                syn::ImplItem::Fn(f) if public(&f.vis) && !hidden(&f.attrs) => {
                    let signature = tokens(&f.sig);
                    let signature = signature.strip_prefix("fn ").unwrap_or(&signature);
                    out.insert(format!("fn {name}::{signature}"));
                }
                syn::ImplItem::Const(c) if public(&c.vis) && !hidden(&c.attrs) => {
                    out.insert(format!("const {name}::{}: {}", c.ident, tokens(&c.ty)));
                }
                _ => {}
            }
        }
    }
}

fn item_attrs(item: &syn::Item) -> &[syn::Attribute] {
    match item {
        syn::Item::Struct(i) => &i.attrs,
        syn::Item::Enum(i) => &i.attrs,
        syn::Item::Type(i) => &i.attrs,
        syn::Item::Trait(i) => &i.attrs,
        syn::Item::Fn(i) => &i.attrs,
        syn::Item::Const(i) => &i.attrs,
        _ => &[],
    }
}

fn public_api() -> BTreeSet<String> {
    let lib = parse(&Path::new(SRC).join("lib.rs"));
    let mut out = BTreeSet::new();
    for item in &lib.items {
        match item {
            syn::Item::Use(u) if public(&u.vis) && !hidden(&u.attrs) => {
                let mut leaves = Vec::new();
                use_leaves(&u.tree, &mut Vec::new(), &mut leaves);
                for (module, name) in leaves {
                    out.insert(format!("use {}::{name}", module.join("::")));
                    describe(&parse(&module_file(&module)), &name, &mut out);
                }
            }
            syn::Item::Mod(m) if public(&m.vis) && !hidden(&m.attrs) => {
                out.insert(format!(
                    "mod {} (the whole module is public: list its items)",
                    m.ident
                ));
            }
            other => {
                let public_item = match other {
                    syn::Item::Struct(i) => public(&i.vis) && !hidden(&i.attrs),
                    syn::Item::Enum(i) => public(&i.vis) && !hidden(&i.attrs),
                    syn::Item::Type(i) => public(&i.vis) && !hidden(&i.attrs),
                    syn::Item::Trait(i) => public(&i.vis) && !hidden(&i.attrs),
                    syn::Item::Fn(i) => public(&i.vis) && !hidden(&i.attrs),
                    syn::Item::Const(i) => public(&i.vis) && !hidden(&i.attrs),
                    _ => false,
                };
                if public_item {
                    describe(&lib, &item_name(other).unwrap_or_default(), &mut out);
                }
            }
        }
    }
    out
}

#[test]
fn the_public_api_is_the_checked_in_list() {
    let actual: String = public_api().into_iter().map(|line| line + "\n").collect();
    if std::env::var_os("ERRCAT_BLESS").is_some() {
        std::fs::write(LIST, &actual).expect("write the list");
        return;
    }
    let expected = std::fs::read_to_string(LIST).unwrap_or_default();
    if actual != expected {
        let diff = similar::TextDiff::from_lines(&expected, &actual);
        panic!(
            "the public API of errcat-codegen changed; if on purpose, run \
             `ERRCAT_BLESS=1 cargo test -p errcat-codegen --test public_api`:\n{}",
            diff.unified_diff()
                .header("tests/public_api.txt", "src/lib.rs")
        );
    }
}
