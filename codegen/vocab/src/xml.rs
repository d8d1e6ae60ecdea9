//! XML error bodies, read into the tree JSON bodies are read into, and written back
//! (feature `xml`), so one set of field paths addresses both.
//!
//! The document element becomes the root's only member (`<Error><Code>..` reads as
//! `{"Error": {"Code": ..}}`); elements are named by their local part (`env:Fault` reads
//! as `Fault`, and [`crate::FieldPath`] matches a prefixed key by its local part);
//! attributes are `@name` members, namespace declarations are dropped; an element that
//! repeats becomes an array; text of an element with children is `$text`. Writing does
//! the reverse with the keys as the catalog spells them, prefixes and `@xmlns:..`
//! declarations included.

use quick_xml::escape::{escape, resolve_predefined_entity};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use serde_json::{Map, Value};

/// Deeper documents are refused, as serde_json refuses JSON past 128 levels.
const MAX_DEPTH: usize = 128;

struct Open {
    name: String,
    members: Map<String, Value>,
    text: String,
}

fn open(start: &BytesStart<'_>) -> Option<Open> {
    let name = String::from_utf8(start.local_name().as_ref().to_vec()).ok()?;
    let mut members = Map::new();
    for attribute in start.attributes() {
        let attribute = attribute.ok()?;
        if attribute.key.as_namespace_binding().is_some() {
            continue;
        }
        let key = std::str::from_utf8(attribute.key.local_name().into_inner()).ok()?;
        let value = attribute.unescape_value().ok()?;
        members.insert(format!("@{key}"), Value::from(value.into_owned()));
    }
    Some(Open {
        name,
        members,
        text: String::new(),
    })
}

fn insert(members: &mut Map<String, Value>, key: String, value: Value) {
    match members.get_mut(&key) {
        None => {
            members.insert(key, value);
        }
        Some(Value::Array(items)) => items.push(value),
        Some(first) => {
            let first = first.take();
            members.insert(key, Value::Array(vec![first, value]));
        }
    }
}

/// Reads an XML body, or `None` when it is not well-formed XML with one document
/// element. Never panics; linear in the body.
pub fn read(body: &[u8]) -> Option<Value> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let text = std::str::from_utf8(body).ok()?;
    let mut reader = Reader::from_str(text);
    let mut stack: Vec<Open> = Vec::new();
    let mut root: Option<(String, Value)> = None;
    loop {
        let event = reader.read_event().ok()?;
        let closed = match event {
            Event::Start(start) => {
                if stack.len() >= MAX_DEPTH || root.is_some() {
                    return None;
                }
                stack.push(open(&start)?);
                None
            }
            Event::Empty(start) => {
                if root.is_some() {
                    return None;
                }
                Some(open(&start)?)
            }
            Event::End(_) => Some(stack.pop()?),
            Event::Text(text) => {
                let text = text.xml_content().ok()?;
                match stack.last_mut() {
                    Some(top) => top.text.push_str(&text),
                    None if text.trim().is_empty() => {}
                    None => return None,
                }
                None
            }
            Event::CData(data) => {
                stack.last_mut()?.text.push_str(&data.decode().ok()?);
                None
            }
            Event::GeneralRef(reference) => {
                let top = stack.last_mut()?;
                match reference.resolve_char_ref().ok()? {
                    Some(c) => top.text.push(c),
                    None => top
                        .text
                        .push_str(resolve_predefined_entity(&reference.decode().ok()?)?),
                }
                None
            }
            Event::Eof => break,
            Event::Decl(_) | Event::Comment(_) | Event::PI(_) | Event::DocType(_) => None,
        };
        if let Some(element) = closed {
            let value = if element.members.is_empty() {
                Value::String(element.text)
            } else {
                let mut members = element.members;
                if !element.text.trim().is_empty() {
                    members.insert("$text".to_owned(), Value::String(element.text));
                }
                Value::Object(members)
            };
            match stack.last_mut() {
                Some(parent) => insert(&mut parent.members, element.name, value),
                None => root = Some((element.name, value)),
            }
        }
    }
    if !stack.is_empty() {
        return None;
    }
    let (name, value) = root?;
    let mut document = Map::new();
    document.insert(name, value);
    Some(Value::Object(document))
}

fn write_element(out: &mut String, name: &str, value: &Value) {
    match value {
        Value::Array(items) => {
            for item in items {
                write_element(out, name, item);
            }
        }
        Value::Object(members) => {
            out.push('<');
            out.push_str(name);
            for (key, value) in members {
                if let Some(attribute) = key.strip_prefix('@') {
                    out.push(' ');
                    out.push_str(attribute);
                    out.push_str("=\"");
                    out.push_str(&escape(scalar(value)));
                    out.push('"');
                }
            }
            out.push('>');
            for (key, value) in members {
                if key == "$text" {
                    out.push_str(&escape(scalar(value)));
                } else if !key.starts_with('@') {
                    write_element(out, key, value);
                }
            }
            out.push_str("</");
            out.push_str(name);
            out.push('>');
        }
        Value::Null => {
            out.push('<');
            out.push_str(name);
            out.push_str("/>");
        }
        scalar_value => {
            out.push('<');
            out.push_str(name);
            out.push('>');
            out.push_str(&escape(scalar(scalar_value)));
            out.push_str("</");
            out.push_str(name);
            out.push('>');
        }
    }
}

fn scalar(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Writes a tree as an XML document, with the declaration first.
pub fn write(document: &Value) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    if let Value::Object(members) = document {
        for (name, value) in members {
            write_element(&mut out, name, value);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{read, write};
    use crate::FieldPath;
    use serde_json::json;

    #[test]
    fn xml_bodies_read_into_the_json_tree() {
        let body = br#"<?xml version="1.0" encoding="utf-8"?>
<Error><Code>BlobNotFound</Code><Message>The specified blob does not exist.
RequestId:1 &amp; more</Message><Detail/></Error>"#;
        assert_eq!(
            read(body),
            Some(json!({"Error": {
                "Code": "BlobNotFound",
                "Message": "The specified blob does not exist.\nRequestId:1 & more",
                "Detail": ""
            }}))
        );
        let soap = br#"<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope">
 <env:Body><env:Fault><env:Code><env:Value>env:Sender</env:Value>
  <env:Subcode><env:Value>m:MessageTimeout</env:Value></env:Subcode></env:Code>
  <env:Reason><env:Text xml:lang="en">Sender Timeout</env:Text></env:Reason>
 </env:Fault></env:Body></env:Envelope>"#;
        let tree = read(soap).unwrap();
        let at = |p: &str| FieldPath::parse(p).unwrap().find_in(&tree).cloned();
        assert_eq!(
            at("env:Envelope.env:Body.env:Fault.env:Code.env:Value"),
            Some(json!("env:Sender"))
        );
        assert_eq!(
            at("env:Envelope.env:Body.env:Fault.env:Code.env:Subcode.env:Value"),
            Some(json!("m:MessageTimeout"))
        );
        assert_eq!(
            at("env:Envelope.env:Body.env:Fault.env:Reason.env:Text.$text"),
            Some(json!("Sender Timeout"))
        );
        assert_eq!(
            at("env:Envelope.env:Body.env:Fault.env:Reason.env:Text.@xml:lang"),
            Some(json!("en"))
        );
    }

    #[test]
    fn malformed_xml_is_refused_not_guessed() {
        for bad in [
            &b"<Error><Code>x</Error>"[..],
            b"<Error>",
            b"not xml",
            b"<a/><b/>",
            b"<a>&bogus;</a>",
            b"\xff\xfe",
        ] {
            assert_eq!(read(bad), None, "{:?}", String::from_utf8_lossy(bad));
        }
        let deep = "<a>".repeat(200) + &"</a>".repeat(200);
        assert_eq!(read(deep.as_bytes()), None);
    }

    #[test]
    fn written_documents_read_back() {
        let tree = json!({"env:Envelope": {
            "@xmlns:env": "http://www.w3.org/2003/05/soap-envelope",
            "env:Body": {"env:Fault": {"env:Code": {"env:Value": "env:Sender"}, "env:Reason": {"env:Text": "a < b"}}}
        }});
        let text = write(&tree);
        assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\">"), "{text}");
        let back = read(text.as_bytes()).unwrap();
        assert_eq!(
            back,
            json!({"Envelope": {"Body": {"Fault": {"Code": {"Value": "env:Sender"}, "Reason": {"Text": "a < b"}}}}})
        );
    }
}
