//! The REST-JSON wire protocol: error shapes as the SDK reads them, and request
//! member extraction with the model's constraints.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

/// The modeled error shapes the views API returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    AccessDenied,
    InvalidRequest,
    InvalidParameter,
    ResourceNotFound,
    InternalService,
    DuplicateResource,
    ResourceInUse,
    ServiceQuotaExceeded,
    TooManyRequests,
    Throttling,
    /// Flow content refused (`problems` in the body).
    InvalidContactFlow,
    /// Flow module content refused (`Problems` in the body).
    InvalidContactFlowModule,
    /// Unknown route.
    UnknownOperation,
    /// Body too large.
    PayloadTooLarge,
    /// A body that is not JSON by its Content-Type.
    UnsupportedMediaType,
    /// Absurdly large headers.
    HeadersTooLarge,
}

impl ErrorKind {
    pub fn shape(self) -> &'static str {
        match self {
            ErrorKind::AccessDenied => "AccessDeniedException",
            ErrorKind::InvalidRequest
            | ErrorKind::PayloadTooLarge
            | ErrorKind::UnsupportedMediaType
            | ErrorKind::HeadersTooLarge => "InvalidRequestException",
            ErrorKind::InvalidParameter => "InvalidParameterException",
            ErrorKind::ResourceNotFound => "ResourceNotFoundException",
            ErrorKind::InternalService => "InternalServiceException",
            ErrorKind::DuplicateResource => "DuplicateResourceException",
            ErrorKind::ResourceInUse => "ResourceInUseException",
            ErrorKind::ServiceQuotaExceeded => "ServiceQuotaExceededException",
            ErrorKind::TooManyRequests => "TooManyRequestsException",
            ErrorKind::Throttling => "ThrottlingException",
            ErrorKind::UnknownOperation => "UnknownOperationException",
            ErrorKind::InvalidContactFlow => "InvalidContactFlowException",
            ErrorKind::InvalidContactFlowModule => "InvalidContactFlowModuleException",
        }
    }

    pub fn status(self) -> StatusCode {
        match self {
            ErrorKind::AccessDenied => StatusCode::FORBIDDEN,
            ErrorKind::InvalidRequest
            | ErrorKind::InvalidParameter
            | ErrorKind::InvalidContactFlow
            | ErrorKind::InvalidContactFlowModule => StatusCode::BAD_REQUEST,
            ErrorKind::ResourceNotFound | ErrorKind::UnknownOperation => StatusCode::NOT_FOUND,
            ErrorKind::InternalService => StatusCode::INTERNAL_SERVER_ERROR,
            ErrorKind::DuplicateResource | ErrorKind::ResourceInUse => StatusCode::CONFLICT,
            ErrorKind::ServiceQuotaExceeded => StatusCode::PAYMENT_REQUIRED,
            ErrorKind::TooManyRequests | ErrorKind::Throttling => StatusCode::TOO_MANY_REQUESTS,
            ErrorKind::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ErrorKind::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorKind::HeadersTooLarge => StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
        }
    }
}

/// An error response: status, `X-Amzn-ErrorType` and a JSON body with `Message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub kind: ErrorKind,
    pub message: String,
}

impl ApiError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        ApiError {
            kind,
            message: message.into(),
        }
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::InvalidParameter, message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::ResourceNotFound, message)
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::InternalService, message)
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.kind.shape(), self.message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let shape = self.kind.shape();
        let problems = json!([{"message": self.message}]);
        let body = match self.kind {
            ErrorKind::InvalidContactFlow => json!({"problems": problems, "__type": shape}),
            ErrorKind::InvalidContactFlowModule => json!({"Problems": problems, "__type": shape}),
            _ => json!({"Message": self.message, "__type": shape}),
        };
        let mut response = (self.kind.status(), body.to_string()).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        headers.insert("x-amzn-errortype", HeaderValue::from_static(shape));
        response
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

/// A JSON success response.
pub fn ok(body: Value) -> Response {
    let mut response = (StatusCode::OK, body.to_string()).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

/// The members of a request body.
pub struct Body(pub Map<String, Value>);

impl Body {
    pub fn parse(bytes: &[u8]) -> ApiResult<Body> {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(Body(Map::new()));
        }
        let text = std::str::from_utf8(bytes).map_err(|e| {
            ApiError::new(
                ErrorKind::InvalidRequest,
                format!("the request body is not UTF-8: {e}"),
            )
        })?;
        match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(map)) => Ok(Body(map)),
            Ok(other) => Err(ApiError::new(
                ErrorKind::InvalidRequest,
                format!(
                    "the request body must be a JSON object, not {}",
                    json_kind(&other)
                ),
            )),
            Err(e) => Err(ApiError::new(
                ErrorKind::InvalidRequest,
                format!("the request body is not valid JSON: {e}"),
            )),
        }
    }

    pub fn string(&self, member: &str) -> ApiResult<Option<String>> {
        match self.0.get(member) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(other) => Err(ApiError::invalid(format!(
                "{member} must be a string, not {}",
                json_kind(other)
            ))),
        }
    }

    pub fn required_string(&self, member: &str) -> ApiResult<String> {
        self.string(member)?
            .ok_or_else(|| ApiError::invalid(format!("{member} is required")))
    }

    pub fn object(&self, member: &str) -> ApiResult<Option<&Map<String, Value>>> {
        match self.0.get(member) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Object(o)) => Ok(Some(o)),
            Some(other) => Err(ApiError::invalid(format!(
                "{member} must be an object, not {}",
                json_kind(other)
            ))),
        }
    }
}

pub use crate::view::json::value_kind as json_kind;

/// Checks a string member's length (in characters) and pattern.
pub fn check_length(member: &str, value: &str, min: usize, max: usize) -> ApiResult<()> {
    let len = value.chars().count();
    if len < min || len > max {
        return Err(ApiError::invalid(format!(
            "{member} must be {min} to {max} characters long, not {len}"
        )));
    }
    Ok(())
}
