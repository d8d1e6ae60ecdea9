//! reqwest (feature `reqwest`): a `reqwest::Response` read into [`ApiError`] without
//! buffering more than the parse limit, transport errors classified, and [`send`]: one
//! request retried by the catalog's rules.

use std::time::Duration;

use crate::{
    ApiError, CatalogCode, Failure, RetryPolicy, TransportError, TransportKind, MAX_BODY_BYTES,
};

/// Reads an error response: status, headers and at most [`MAX_BODY_BYTES`] + 1 bytes of
/// body (a larger body is [`crate::BodyShape::TooLarge`], classified by its status). A
/// body that breaks off mid-read keeps what arrived.
pub async fn read_error<C: CatalogCode>(response: ::reqwest::Response) -> ApiError<C> {
    read_bounded::<C>(response).await.0
}

/// The response read as [`read_error`] does, and the response again for the caller, with
/// its body whole: what was read, then whatever was left unread.
pub(crate) async fn read_bounded<C: CatalogCode>(
    mut response: ::reqwest::Response,
) -> (ApiError<C>, ::reqwest::Response) {
    let status = response.status();
    let version = response.version();
    let headers = response.headers().clone();
    let mut body = Vec::new();
    let mut broke_off = false;
    while body.len() <= MAX_BODY_BYTES {
        match response.chunk().await {
            Ok(Some(chunk)) => body.extend_from_slice(&chunk),
            Ok(None) => break,
            Err(_) => {
                broke_off = true;
                break;
            }
        }
    }
    let error = ApiError::<C>::from_response(
        status.as_u16(),
        headers.iter().map(|(k, v)| (k.as_str(), v.as_bytes())),
        &body[..body.len().min(MAX_BODY_BYTES + 1)],
    );
    let read = bytes::Bytes::from(body);
    let rest = futures_util::stream::once(async move { Ok::<_, ::reqwest::Error>(read) });
    let whole = if broke_off {
        ::reqwest::Body::wrap_stream(rest)
    } else {
        use futures_util::StreamExt;
        ::reqwest::Body::wrap_stream(rest.chain(response.bytes_stream()))
    };
    let mut again = http::Response::new(whole);
    *again.status_mut() = status;
    *again.version_mut() = version;
    *again.headers_mut() = headers;
    (error, ::reqwest::Response::from(again))
}

/// What kind of transport failure a reqwest error is: no connection made, interrupted
/// (the request may have been processed), a timeout, or anything else.
pub fn transport_error(error: &::reqwest::Error) -> TransportError {
    let kind = if error.is_connect() {
        TransportKind::Connect
    } else if error.is_timeout() {
        TransportKind::Timeout
    } else if error.is_request() || error.is_body() {
        TransportKind::Interrupted
    } else {
        TransportKind::Other
    };
    // The whole chain: reqwest's own text is often just "error sending request".
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    TransportError::new(kind, message)
}

/// Sends `request` and retries it by the catalog's rules and `policy`, sleeping with
/// tokio. A response below 400 is returned as it is (a 2xx body that reports an error is
/// the caller's to read, see [`ApiError::from_response`]); an error response becomes
/// [`Failure::Api`], a transport failure [`Failure::Transport`]. A request whose body
/// cannot be cloned (a stream) is sent once. `policy.idempotency` is the request's: set
/// it from [`crate::Idempotency::of_method`] or from what the endpoint promises.
pub async fn send<C: CatalogCode>(
    request: ::reqwest::RequestBuilder,
    policy: &RetryPolicy,
) -> Result<::reqwest::Response, Failure<C>> {
    send_with_sleep(request, policy, tokio::time::sleep).await
}

/// [`send`] with the caller's sleep (to record the waits, or another timer).
pub async fn send_with_sleep<C, Sleep, Wait>(
    request: ::reqwest::RequestBuilder,
    policy: &RetryPolicy,
    sleep: Sleep,
) -> Result<::reqwest::Response, Failure<C>>
where
    C: CatalogCode,
    Sleep: FnMut(Duration) -> Wait,
    Wait: std::future::Future<Output = ()>,
{
    let (client, request) = request.build_split();
    let request = request.map_err(|e| Failure::Transport(transport_error(&e)))?;
    let mut original = Some(request);
    crate::run_async(
        policy,
        |_attempt| {
            // Keep a copy for the next attempt while one can be made; the last attempt
            // (or a request that cannot be cloned) sends the original itself.
            let this = match original.as_ref().and_then(::reqwest::Request::try_clone) {
                Some(copy) => Some(copy),
                None => original.take(),
            };
            let client = client.clone();
            async move {
                let Some(request) = this else {
                    let gone = TransportError::new(
                        TransportKind::Other,
                        "the request body cannot be sent again",
                    );
                    return Err(Failure::Transport(gone));
                };
                match client.execute(request).await {
                    Ok(response) if response.status().as_u16() < 400 => Ok(response),
                    Ok(response) => Err(Failure::from(read_error::<C>(response).await)),
                    Err(error) => Err(Failure::Transport(transport_error(&error))),
                }
            }
        },
        sleep,
    )
    .await
}
