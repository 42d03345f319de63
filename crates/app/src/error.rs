//! Every error a use case or the HTTP layer answers with: one [`Code`] (stable snake_case text,
//! HTTP status, one-line meaning), a detail for people, and field errors for validation. The
//! HTTP layer turns it into problem+json; the spec and `docs/error-codes.md` list the codes from
//! the same table, so a code cannot be answered without being published.

use diandan_store::StoreError;
use serde::Serialize;
use utoipa::ToSchema;

macro_rules! codes {
    ($($variant:ident = ($text:literal, $status:literal, $meaning:literal),)*) => {
        /// The stable machine-readable codes. The mini-program translates them to messages.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code { $($variant,)* }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            pub const fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $text,)* }
            }
            /// The HTTP status every answer with this code carries.
            pub const fn status(self) -> u16 {
                match self { $(Code::$variant => $status,)* }
            }
            /// The variant's name in this enum (`NotFound`), for tools that read the source.
            pub const fn variant(self) -> &'static str {
                match self { $(Code::$variant => stringify!($variant),)* }
            }
            pub const fn meaning(self) -> &'static str {
                match self { $(Code::$variant => $meaning,)* }
            }
            pub fn parse(text: &str) -> Option<Code> {
                match text { $($text => Some(Code::$variant),)* _ => None }
            }
        }
    };
}

codes! {
    // 400: the request cannot be read.
    BadRequest = ("bad_request", 400, "the request is malformed"),
    MalformedJson = ("malformed_json", 400, "the body is not valid JSON"),
    InvalidQuery = ("invalid_query", 400, "a query parameter is missing, unknown or malformed"),
    InvalidIdempotencyKey = ("invalid_idempotency_key", 400, "the Idempotency-Key header is empty, too long or not visible ASCII"),
    // 401: who is calling is unknown.
    Unauthorized = ("unauthorized", 401, "authentication is needed"),
    MissingToken = ("missing_token", 401, "no Authorization: Bearer header was sent"),
    InvalidToken = ("invalid_token", 401, "the access token is not valid, or its account no longer exists"),
    TokenExpired = ("token_expired", 401, "the access token has expired: refresh it"),
    AccountDisabled = ("account_disabled", 401, "the account is disabled"),
    InvalidCredentials = ("invalid_credentials", 401, "the user name or password is wrong"),
    InvalidRefreshToken = ("invalid_refresh_token", 401, "the refresh token is unknown or revoked: log in again"),
    RefreshTokenExpired = ("refresh_token_expired", 401, "the refresh token has expired: log in again"),
    RefreshTokenReused = ("refresh_token_reused", 401, "a used refresh token was sent again; every session of the account is ended"),
    WechatCodeInvalid = ("wechat_code_invalid", 401, "WeChat does not know this login or phone code"),
    WechatCodeUsed = ("wechat_code_used", 401, "this WeChat code was already used: get a new one"),
    // 403: known caller, no right.
    Forbidden = ("forbidden", 403, "the caller's roles do not allow this here"),
    NotAResident = ("not_a_resident", 403, "the caller has no approved dwelling claim in this community"),
    NotAResidentAccount = ("not_a_resident_account", 403, "only a resident (WeChat) account may do this"),
    NotAnOwner = ("not_an_owner", 403, "the caller is bound to this community, but not as an owner"),
    BindingNotVerified = ("binding_not_verified", 403, "the caller's dwelling claim is not yet approved"),
    NotInElectorate = ("not_in_electorate", 403, "the caller's dwellings are not in the electorate of this consultation"),
    NotASupervisor = ("not_a_supervisor", 403, "only an appointed quality supervisor of this community may do this"),
    NotARepresentative = ("not_a_representative", 403, "only a representative on this review's panel may give opinions"),
    DesignNotPublic = ("design_not_public", 403, "residents see a design once the committee has accepted it for public notice"),
    ResultsNotPublic = ("results_not_public", 403, "the results are not public yet"),
    ResultsHidden = ("results_hidden", 403, "running figures are not shown to residents while voting is open"),
    SameMember = ("same_member", 403, "the same committee member may not both enter and confirm a paper ballot or a proxy authorisation"),
    NotTheProxy = ("not_the_proxy", 403, "the authorisation names someone else: the proxy casts from the account whose WeChat-verified phone it names (and, for a resident proxy, with an approved claim in the community)"),
    WechatUserBlocked = ("wechat_user_blocked", 403, "WeChat refuses this user"),
    PhotoAddressExpired = ("photo_address_expired", 403, "the photo's signed address has expired: load what showed it again for a fresh one"),
    // 404.
    NotFound = ("not_found", 404, "the object (or route) does not exist, or the caller may not know it does"),
    NoDemandList = ("no_demand_list", 404, "the community has no published consultation (with that id)"),
    ReceiptNotFound = ("receipt_not_found", 404, "the receipt is not on this consultation's bulletin"),
    // 405, 408, 411, 413, 414, 415.
    MethodNotAllowed = ("method_not_allowed", 405, "the path is served, but not with this method (see Allow)"),
    RequestTimeout = ("request_timeout", 408, "the request did not arrive in time"),
    BodyTimeout = ("body_timeout", 408, "the request body did not arrive within the limit"),
    LengthRequired = ("length_required", 411, "the request needs a Content-Length"),
    BodyTooLarge = ("body_too_large", 413, "the body exceeds the limit for this request"),
    UriTooLong = ("uri_too_long", 414, "the request line is too long"),
    UnsupportedMediaType = ("unsupported_media_type", 415, "the body's Content-Type is not the one this endpoint reads"),
    UnsupportedImage = ("unsupported_image", 415, "the file is not a JPEG, PNG or WebP picture (judged by its content, not its name)"),
    // 409: the request is valid but the objects' state refuses it.
    Conflict = ("conflict", 409, "the change conflicts with existing data"),
    ChangedConcurrently = ("changed_concurrently", 409, "someone else changed the object at the same time: reload and retry"),
    WrongState = ("wrong_state", 409, "the object is not in a state that allows this step"),
    InvalidTransition = ("invalid_transition", 409, "this step is not allowed from the work order's current state"),
    NotDraft = ("not_draft", 409, "only a draft consultation can be changed this way"),
    NotPending = ("not_pending", 409, "the paper ballot is no longer awaiting confirmation"),
    ProxiesClosed = ("proxies_closed", 409, "proxy authorisations are taken from the announcement until voting closes"),
    ProxyExists = ("proxy_exists", 409, "the owner already has a standing proxy authorisation in this consultation: revoke it first"),
    ProxyLimitReached = ("proxy_limit_reached", 409, "the proxy already holds as many owners' votes in this consultation as allowed"),
    ProxyNotPending = ("proxy_not_pending", 409, "the proxy authorisation is no longer awaiting the committee's decision"),
    ProxyNotStanding = ("proxy_not_standing", 409, "the proxy authorisation was rejected or revoked"),
    ProxyNotConfirmed = ("proxy_not_confirmed", 409, "the proxy authorisation is not confirmed by the committee (or no longer stands)"),
    ProxyHasVoted = ("proxy_has_voted", 409, "the proxy has cast a ballot under this authorisation: it can no longer be revoked; the owner's own later ballot supersedes it"),
    OwnerVotedInPerson = ("owner_voted_in_person", 409, "the owner has voted themselves: their own ballot stands and the proxy no longer casts for them"),
    EmptyMenu = ("empty_menu", 409, "a consultation needs at least one item"),
    InvalidWindow = ("invalid_window", 409, "the voting window is missing or ends before it opens"),
    AnnouncementPeriod = ("announcement_period", 409, "the announcement period has not yet run its course"),
    WindowRunning = ("window_running", 409, "the voting window has not ended yet"),
    WindowNotExtended = ("window_not_extended", 409, "an extension must end later than the current window"),
    ObjectionPeriod = ("objection_period", 409, "the objection period is still running"),
    ObjectionsUnanswered = ("objections_unanswered", 409, "every objection must be answered first"),
    ObjectionsClosed = ("objections_closed", 409, "the objection period has ended"),
    ItemsUndecided = ("items_undecided", 409, "every item needs the committee's decision first"),
    ThresholdNotMet = ("threshold_not_met", 409, "the item did not reach the lawful quorum and approval, so it cannot be approved"),
    VotingNotOpen = ("voting_not_open", 409, "voting has not opened yet"),
    VotingClosed = ("voting_closed", 409, "voting has ended"),
    PaperNotAccepted = ("paper_not_accepted", 409, "paper ballots are taken only while voting is open"),
    AlreadyDecided = ("already_decided", 409, "the held text was already released or removed"),
    AlreadyAnswered = ("already_answered", 409, "the objection has already been answered"),
    AlreadyGranted = ("already_granted", 409, "the user already holds this role here"),
    AlreadyRevoked = ("already_revoked", 409, "the grant or appointment was already revoked"),
    AlreadyMarked = ("already_marked", 409, "the caller already added a me-too to this work order"),
    AlreadyRated = ("already_rated", 409, "the caller already rated in this period (change the rating instead)"),
    AlreadyReplied = ("already_replied", 409, "the company already replied to this rating"),
    AlreadySupervisor = ("already_supervisor", 409, "the resident is already a quality supervisor here"),
    AlreadyRepresentative = ("already_representative", 409, "the resident already holds a representative's seat in this community"),
    SeatTaken = ("seat_taken", 409, "the building or unit already has a representative: revoke that appointment first"),
    ProjectExists = ("project_exists", 409, "the consultation already has its renovation project"),
    ConsultationNotPublished = ("consultation_not_published", 409, "a renovation project follows a published consultation"),
    WrongPhase = ("wrong_phase", 409, "the renovation project is not in the phase this step needs"),
    DesignNotLatest = ("design_not_latest", 409, "only the latest design version, not yet reviewed, can be put to review"),
    NoRepresentatives = ("no_representatives", 409, "the community has no representatives to review the design: appoint them first"),
    ReviewClosed = ("review_closed", 409, "the review has been decided; its opinions are final"),
    DesignNoticeClosed = ("design_notice_closed", 409, "objections to a design are taken only while it is on public notice"),
    NoticeRunning = ("notice_running", 409, "the design's public notice has not run its course yet"),
    NotACloser = ("not_a_closer", 403, "a works notice is closed (销号) only by the committee or the quality department, never by a party of the works"),
    WorksNoticeClosed = ("works_notice_closed", 409, "the works notice has been closed (or lifted) already"),
    WorksStopped = ("works_stopped", 409, "a stop-work notice holds this measure until it is lifted"),
    MilestoneOutOfOrder = ("milestone_out_of_order", 409, "a measure's milestones come one at a time: started, half, finished"),
    NoticesOpen = ("notices_open", 409, "the project has works notices that are not closed yet"),
    NotRated = ("not_rated", 409, "the caller has no rating in this period to change"),
    OwnComplaint = ("own_complaint", 409, "a resident cannot add a me-too to their own work order"),
    OwnAdminGrant = ("own_admin_grant", 409, "an administrator cannot revoke their own administrator grant"),
    BindingExists = ("binding_exists", 409, "the caller already claimed this dwelling"),
    BindingNotActive = ("binding_not_active", 409, "the dwelling claim is not active"),
    BindingNotPending = ("binding_not_pending", 409, "the dwelling claim is no longer awaiting a decision"),
    NoPropertyCompany = ("no_property_company", 409, "the community has no property company under contract now"),
    ContractOverlap = ("contract_overlap", 409, "the service period overlaps one of the same community"),
    PeriodExists = ("period_exists", 409, "a rating period of this community overlaps these dates"),
    RatingNotOpen = ("rating_not_open", 409, "the rating period has not started"),
    RatingOpen = ("rating_open", 409, "the rating period is still open"),
    RatingClosed = ("rating_closed", 409, "the rating period has closed"),
    CodeTaken = ("code_taken", 409, "the code is already used"),
    CommunityExists = ("community_exists", 409, "a community with this name exists in the district"),
    CompanyExists = ("company_exists", 409, "a company with this name or credit code exists"),
    DistrictExists = ("district_exists", 409, "a district with this name exists"),
    ItemExists = ("item_exists", 409, "the consultation already has this item"),
    UsernameTaken = ("username_taken", 409, "the user name is already used"),
    // 422: the request is readable but a value is not acceptable.
    ValidationFailed = ("validation_failed", 422, "one or more fields are invalid (see errors)"),
    InvalidBody = ("invalid_body", 422, "the body does not have the documented shape"),
    InvalidText = ("invalid_text", 422, "text contains a NUL character"),
    IdempotencyKeyReused = ("idempotency_key_reused", 422, "the Idempotency-Key was already used with another body"),
    OwnerAmbiguous = ("owner_ambiguous", 422, "the caller owns dwellings of several owners here: name the dwelling_id"),
    VotingWindowTooLong = ("voting_window_too_long", 422, "the voting window would last longer than allowed"),
    SignedOutsideWindow = ("signed_outside_window", 422, "a paper ballot must be signed within the voting window, not in the future"),
    SupervisorNotResident = ("supervisor_not_resident", 422, "a quality supervisor must be a verified resident of the community"),
    RepresentativeNotResident = ("representative_not_resident", 422, "a representative must live in a verified dwelling of the building or unit they represent"),
    MeasureItemForeign = ("measure_item_foreign", 422, "a measure may answer only items of the project's own consultation"),
    PhoneNotMainland = ("phone_not_mainland", 422, "the verified phone number is not a mainland mobile number"),
    WorksGoToCommittee = ("works_go_to_committee", 422, "renovation-works reports are handled by the committee, not the property company"),
    ContentRejected = ("content_rejected", 422, "WeChat's content check refuses the text (see errors for the field); nothing was stored"),
    UnreadableImage = ("unreadable_image", 422, "the picture is damaged or cut short and cannot be decoded"),
    ImageTooLarge = ("image_too_large", 422, "the picture has more pixels than allowed (50 million, 20,000 a side)"),
    RosterEncoding = ("roster_encoding", 422, "the roster file is neither UTF-8 nor GBK text"),
    RosterEmpty = ("roster_empty", 422, "the roster file is empty or has no header row"),
    RosterMissingColumns = ("roster_missing_columns", 422, "the roster file lacks required columns"),
    RosterInvalid = ("roster_invalid", 422, "roster lines are invalid (see errors: line N: column, or sheet!row: column in a workbook); nothing was imported"),
    RosterUnreadable = ("roster_unreadable", 422, "the roster file looks like an XLSX workbook but cannot be read (damaged, or unpacks too large)"),
    RosterNoSheet = ("roster_no_sheet", 422, "the roster workbook has no sheet of the name asked for"),
    // 429.
    TooManyRequests = ("too_many_requests", 429, "too many requests: wait (see Retry-After)"),
    TooManyWrites = ("too_many_writes", 429, "too many changes from this account or address in a short time: wait (see Retry-After)"),
    TooManyUploads = ("too_many_uploads", 429, "too many photos uploaded and not attached in the last day: attach them or wait"),
    TooManyAttempts = ("too_many_attempts", 429, "too many failed logins for this account or address: wait (see Retry-After)"),
    WechatRateLimited = ("wechat_rate_limited", 429, "WeChat is limiting requests: retry in a minute"),
    // 500, 503.
    InternalError = ("internal_error", 500, "an internal error; it has been logged"),
    ServiceUnavailable = ("service_unavailable", 503, "the service is unavailable: retry shortly"),
    DatabaseUnavailable = ("database_unavailable", 503, "the database is unreachable: retry shortly"),
    Overloaded = ("overloaded", 503, "the service is overloaded or shutting down: retry shortly"),
    WechatBusy = ("wechat_busy", 503, "WeChat is busy: retry shortly"),
    WechatError = ("wechat_error", 503, "WeChat answered with an error"),
    WechatNotConfigured = ("wechat_not_configured", 503, "WeChat login is not configured on this server"),
    WechatUnreachable = ("wechat_unreachable", 503, "WeChat cannot be reached: retry shortly"),
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One invalid field of a request (or line of a file).
#[derive(Debug, Clone, Serialize, ToSchema, PartialEq, Eq)]
pub struct FieldError {
    /// The request field (or file line, as `line 12: area`) at fault.
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, message: impl Into<String>) -> FieldError {
        FieldError { field: field.to_owned(), message: message.into() }
    }
}

/// A refused request: what the caller gets back, whatever layer refused it.
#[derive(Debug, Clone)]
pub struct Error {
    pub code: Code,
    pub detail: String,
    pub errors: Vec<FieldError>,
    /// Seconds to wait before retrying (429, some 503).
    pub retry_after: Option<u64>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}: {}", self.code.status(), self.code, self.detail)
    }
}

impl std::error::Error for Error {}

impl Error {
    pub fn new(code: Code, detail: impl Into<String>) -> Error {
        Error { code, detail: detail.into(), errors: Vec::new(), retry_after: None }
    }
    pub fn not_found(what: &str) -> Error {
        Self::new(Code::NotFound, format!("{what} not found"))
    }
    /// 422 with one entry per invalid field.
    pub fn validation(errors: Vec<FieldError>) -> Error {
        let detail = match errors.first() {
            Some(e) if errors.len() == 1 => format!("{}: {}", e.field, e.message),
            _ => format!("{} fields are invalid", errors.len()),
        };
        Error { errors, ..Self::new(Code::ValidationFailed, detail) }
    }
    pub fn invalid(field: &str, message: impl Into<String>) -> Error {
        Self::validation(vec![FieldError::new(field, message)])
    }
    /// Logs the cause; the client gets a generic 500.
    pub fn internal(cause: impl std::fmt::Display) -> Error {
        tracing::error!(cause = %cause, "internal error");
        Self::new(Code::InternalError, "an internal error occurred; it has been logged")
    }
    /// The same refusal under a more specific code (of the same status).
    pub fn with_code(mut self, code: Code) -> Error {
        debug_assert_eq!(code.status(), self.code.status(), "{code} changes the status of {}", self.code);
        self.code = code;
        self
    }
    pub fn retry_after(mut self, secs: u64) -> Error {
        self.retry_after = Some(secs);
        self
    }
    pub fn status(&self) -> u16 {
        self.code.status()
    }
}

impl From<StoreError> for Error {
    fn from(e: StoreError) -> Error {
        match e {
            StoreError::NotFound => Error::not_found("resource"),
            StoreError::Conflict(_) => Error::new(Code::Conflict, "the change conflicts with existing data"),
            StoreError::Unavailable(cause) => {
                tracing::warn!(cause = %cause, "database unavailable");
                Error::new(Code::DatabaseUnavailable, "the database is unavailable; retry shortly")
            }
            StoreError::Other(cause) => Error::internal(cause),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_snake_case_with_an_error_status_and_a_meaning() {
        let mut seen = std::collections::HashSet::new();
        for &c in Code::ALL {
            assert!(seen.insert(c.as_str()), "{c} twice");
            assert!(c.as_str().bytes().all(|b| b.is_ascii_lowercase() || b == b'_'), "{c}");
            assert!((400..600).contains(&c.status()), "{c}");
            assert!(!c.meaning().is_empty());
            assert_eq!(Code::parse(c.as_str()), Some(c));
        }
        assert_eq!(Code::parse("no_such_code"), None);
    }
}
