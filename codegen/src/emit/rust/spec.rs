//! `SPEC` and `STATUSES`: the API's envelope, headers and status table as runtime data,
//! which the runtime uses to read and build error bodies.

use proc_macro2::TokenStream;
use quote::quote;

use super::values;
use crate::load::document::{
    EnvelopeFamily, FieldRole, FieldType, HeaderFormat, HeaderRole, Identification,
};
use crate::model::Api;

fn role(role: FieldRole) -> TokenStream {
    let variant = match role {
        FieldRole::Code => quote!(Code),
        FieldRole::Message => quote!(Message),
        FieldRole::Type => quote!(Type),
        FieldRole::Param => quote!(Param),
        FieldRole::DocUrl => quote!(DocUrl),
        FieldRole::RequestId => quote!(RequestId),
        FieldRole::Details => quote!(Details),
        FieldRole::Timestamp => quote!(Timestamp),
        FieldRole::RetryAfter => quote!(RetryAfter),
        FieldRole::Success => quote!(Success),
        FieldRole::Messages => quote!(Messages),
    };
    quote! { ::errcat::FieldRole::#variant }
}

fn kind(ty: FieldType) -> TokenStream {
    let variant = match ty {
        FieldType::String => quote!(String),
        FieldType::Integer => quote!(Integer),
        FieldType::Number => quote!(Number),
        FieldType::Boolean => quote!(Boolean),
        FieldType::Object => quote!(Object),
        FieldType::StringArray => quote!(StringArray),
    };
    quote! { ::errcat::FieldKind::#variant }
}

fn header_role(role: HeaderRole) -> TokenStream {
    let variant = match role {
        HeaderRole::RetryAfter => quote!(RetryAfter),
        HeaderRole::RateLimitLimit => quote!(RateLimitLimit),
        HeaderRole::RateLimitRemaining => quote!(RateLimitRemaining),
        HeaderRole::RateLimitReset => quote!(RateLimitReset),
        HeaderRole::Other => quote!(Other),
    };
    quote! { ::errcat::HeaderRole::#variant }
}

fn header_format(format: HeaderFormat) -> TokenStream {
    let variant = match format {
        HeaderFormat::DelaySeconds => quote!(DelaySeconds),
        HeaderFormat::DelaySecondsOrHttpDate => quote!(DelaySecondsOrHttpDate),
        HeaderFormat::UnixTimestamp => quote!(UnixTimestamp),
        HeaderFormat::Integer => quote!(Integer),
        HeaderFormat::Text => quote!(Text),
    };
    quote! { ::errcat::HeaderFormat::#variant }
}

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
        quote! {
            ::errcat::StatusInfo { status: #status, name: #name, description: #description, retry: #retry }
        }
    });
    let fields = doc.envelope.fields.iter().map(|field| {
        let path = &field.path;
        let kind = kind(field.ty);
        let role = match field.role {
            Some(r) => {
                let r = role(r);
                quote! { Some(#r) }
            }
            None => quote! { None },
        };
        let required = field.required;
        let nullable = field.nullable;
        let constant = values::opt_str(field.constant.as_ref().map(|c| c.to_string()).as_deref());
        quote! {
            ::errcat::FieldSpec {
                path: #path, kind: #kind, role: #role, required: #required,
                nullable: #nullable, constant: #constant,
            }
        }
    });
    let headers = doc.headers.iter().map(|header| {
        let name = &header.name;
        let role = header_role(header.role);
        let format = header_format(header.format);
        quote! { ::errcat::HeaderSpec { name: #name, role: #role, format: #format } }
    });
    let id = api.id();
    let name = &doc.api.name;
    let identified_by = match doc.api.identified_by {
        Identification::Code => quote! { ::errcat::IdentifiedBy::Code },
        Identification::Message => quote! { ::errcat::IdentifiedBy::Message },
    };
    let family = match doc.envelope.family {
        EnvelopeFamily::NestedObject => quote! { ::errcat::EnvelopeFamily::NestedObject },
        EnvelopeFamily::BareString => quote! { ::errcat::EnvelopeFamily::BareString },
        EnvelopeFamily::SuccessFlag => quote! { ::errcat::EnvelopeFamily::SuccessFlag },
    };
    let content_type = &doc.envelope.content_type;
    quote! {
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
        };

        /// An error response of this API, read by [`errcat::ApiError::from_response`].
        pub type ApiError = ::errcat::ApiError<ErrorCode>;
    }
}
