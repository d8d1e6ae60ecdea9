//! `SPEC` and `STATUSES`: the API's envelope, headers and status table as runtime data,
//! which the runtime uses to read and build error bodies.

use proc_macro2::TokenStream;
use quote::quote;

use super::values;
use crate::model::Api;

/// `STATUSES`, `status_info` and `SPEC`.
pub fn emit(api: &Api) -> TokenStream {
    let doc = &api.doc;
    let rows = doc.statuses.iter().map(|row| {
        let status = row.status;
        let name = &row.name;
        let description = values::opt_str(row.description.as_deref());
        let retry = match row.retry.as_ref().and_then(values::retry) {
            Some(rule) => quote! { Some(#rule) },
            None => quote! { None },
        };
        let content_type = values::opt_str(row.content_type.as_deref());
        quote! {
            ::errcat::StatusInfo {
                status: #status, name: #name, description: #description, retry: #retry,
                content_type: #content_type,
            }
        }
    });
    let fields = doc.envelope.fields.iter().map(|field| {
        let path = &field.path;
        let kind = values::term(field.ty);
        let role = match field.role {
            Some(r) => {
                let r = values::term(r);
                quote! { Some(#r) }
            }
            None => quote! { None },
        };
        let required = field.required;
        let nullable = field.nullable;
        let constant = values::opt_str(field.constant.as_ref().map(|c| c.to_string()).as_deref());
        let absent_means = values::opt_str(field.absent_means.as_deref());
        quote! {
            ::errcat::FieldSpec {
                path: #path, kind: #kind, role: #role, required: #required,
                nullable: #nullable, constant: #constant, absent_means: #absent_means,
            }
        }
    });
    let headers = doc.headers.iter().map(|header| {
        let name = &header.name;
        let role = values::term(header.role);
        let format = values::term(header.format);
        quote! { ::errcat::HeaderSpec { name: #name, role: #role, format: #format } }
    });
    let types = doc.types.iter().map(|ty| {
        let wire = ty.wire.as_deref().unwrap_or(&ty.id);
        let category = match ty.category {
            Some(c) => {
                let c = values::term(c);
                quote! { Some(#c) }
            }
            None => quote! { None },
        };
        // `conditional` ("depends on the code") is no rule for the type as a whole.
        let retry = match ty.retry.as_ref().and_then(values::retry) {
            Some(rule) => quote! { Some(#rule) },
            None => quote! { None },
        };
        quote! { ::errcat::TypeSpec { wire: #wire, category: #category, retry: #retry } }
    });
    let id = api.id();
    let name = &doc.api.name;
    let identified_by = values::term(doc.api.identified_by);
    let family = values::term(api.family());
    let content_type = &doc.envelope.content_type;
    let xml = errcat_vocab::is_xml_media_type(content_type).then(|| {
        quote! {
            /// Reading and writing this API's XML bodies needs errcat's `xml` feature;
            /// without it, this line does not build.
            const _: () = ::errcat::__private::XML_FEATURE_ENABLED;
        }
    });
    quote! {
        #xml

        /// The documented HTTP status table, success rows included.
        pub const STATUSES: &[::errcat::StatusInfo] = &[ #( #rows ),* ];

        /// The status table's row for `status`, if documented.
        pub fn status_info(status: u16) -> Option<&'static ::errcat::StatusInfo> {
            STATUSES.iter().find(|row| row.status == status)
        }

        /// The API's envelope, headers and status table, for the errcat runtime.
        pub const SPEC: ::errcat::ApiSpec = ::errcat::ApiSpec {
            id: #id,
            name: #name,
            identified_by: #identified_by,
            envelope: ::errcat::EnvelopeSpec {
                family: #family,
                content_type: #content_type,
                fields: &[ #( #fields ),* ],
            },
            headers: &[ #( #headers ),* ],
            statuses: STATUSES,
            types: &[ #( #types ),* ],
        };

        /// An error response of this API, read by [`errcat::ApiError::from_response`].
        pub type ApiError = ::errcat::ApiError<ErrorCode>;
    }
}
