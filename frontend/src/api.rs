//! The one way the app talks to the registry: typed GraphQL operations over `POST /graphql`
//! (or, for a request the page came with an answer to, that answer: `first_answer`).
//!
//! Every operation is declared in `queries/*.graphql` and checked against `schema.graphql` at
//! compile time by `graphql_client`, so an API change that breaks the app breaks its build.
//! Queries are read into their generated types (`run`), or as JSON where a page reads a few
//! fields (`read`); every mutation's answer is read the same way (`mutate`, `change`): whether
//! it was written, its refusals, the fields selected.

use crate::i18n::{Lang, user_error};
use crate::queries::UserErrorCode;
use crate::session;
use graphql_client::{GraphQLQuery, Response};
use serde_json::Value;

/// Why an operation gave no data.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The server could not be reached or answered with something that is not GraphQL.
    Network(String),
    /// The request needs a signed-in account (or the session ran out and could not be renewed).
    Unauthenticated,
    /// A coded GraphQL error: its `extensions.code`, the server's message (English, for the
    /// console, never shown) and, for a BAD_USER_INPUT error, the refusal its `extensions`
    /// carry (`reason`, `field`, `min`, `max`, `actual`).
    Graphql {
        code: String,
        message: String,
        refusal: Option<Box<FieldError>>,
    },
}

/// An input the registry refused: the field as the input object names it (empty for the input
/// as a whole), why, and the rule's limits and what was given, where the code has them. Read
/// straight from a `userErrors` entry (its English `message` is left out).
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct FieldError {
    pub field: String,
    pub code: UserErrorCode,
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub actual: Option<i64>,
}

impl FieldError {
    /// A refusal without limits.
    pub fn new(field: impl Into<String>, code: UserErrorCode) -> Self {
        Self {
            field: field.into(),
            code,
            min: None,
            max: None,
            actual: None,
        }
    }

    /// The refusal in `lang`, from its code, field and limits.
    pub fn text(&self, lang: Lang) -> String {
        user_error(
            lang,
            &self.code,
            &self.field,
            self.min,
            self.max,
            self.actual,
        )
    }

    /// Several refusals in `lang`, one after another (where a form shows them in one place).
    pub fn texts(errors: &[Self], lang: Lang) -> String {
        let texts: Vec<String> = errors.iter().map(|e| e.text(lang)).collect();
        texts.join(" ")
    }
}

/// Refusals of field `from` as refusals of `to`: where a form words a rule of its own (a
/// claim on a cluster is refused on `clusterId` for another reason than an application).
pub fn renamed(mut errors: Vec<FieldError>, from: &str, to: &str) -> Vec<FieldError> {
    for e in errors.iter_mut().filter(|e| e.field == from) {
        e.field = to.to_owned();
    }
    errors
}

/// What a mutation answered, read the same way whatever the mutation: whether it was written
/// (its payload's `ok` is true, or an object it selected came back), its refusals, and the
/// payload's other fields as selected.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub written: bool,
    pub errors: Vec<FieldError>,
    pub fields: serde_json::Map<String, Value>,
}

impl Answer {
    /// The session the mutation opened (`session { accessToken refreshToken user { email
    /// displayName language } }`), if it opened one.
    pub fn session(&self) -> Option<OpenedSession> {
        serde_json::from_value(self.fields.get("session")?.clone()).ok()
    }

    /// A number the payload selected (`unreadCount`).
    pub fn number(&self, key: &str) -> Option<i64> {
        self.fields.get(key)?.as_i64()
    }

    /// A list of texts the payload selected (`kinds`); None when it came back null.
    pub fn texts(&self, key: &str) -> Option<Vec<String>> {
        serde_json::from_value(self.fields.get(key)?.clone()).ok()
    }

    /// A text the payload selected, by its path (`["user", "email"]`).
    pub fn text(&self, path: &[&str]) -> Option<String> {
        let (first, rest) = path.split_first()?;
        let mut value = self.fields.get(*first)?;
        for key in rest {
            value = value.get(key)?;
        }
        value.as_str().map(str::to_owned)
    }
}

/// A session a mutation opened (signing in, verifying an address, accepting an invitation).
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenedSession {
    pub access_token: String,
    pub refresh_token: String,
    pub user: OpenedUser,
}

/// The account a session was opened for.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenedUser {
    pub email: String,
    pub display_name: String,
    /// The API's `Language` (`PL`, `EN`).
    #[serde(default)]
    pub language: String,
}

/// Runs a typed mutation and reads its answer as every mutation's is read ([`Answer`]). The
/// operation is still checked against the schema at compile time; only its generated answer
/// types go unused, so the bundle holds one reader of answers instead of one per mutation.
pub async fn mutate<Q: GraphQLQuery>(variables: Q::Variables) -> Result<Answer, ApiError> {
    let body = serde_json::to_string(&Q::build_query(variables))
        .map_err(|e| ApiError::Network(e.to_string()))?;
    answer(body).await
}

/// A mutation's outcome: whether it was written, and its refusals.
pub async fn change<Q: GraphQLQuery>(
    variables: Q::Variables,
) -> Result<(bool, Vec<FieldError>), ApiError> {
    mutate::<Q>(variables).await.map(|a| (a.written, a.errors))
}

/// Runs a mutation from a form that shows the fields `shown` of its `input` (as the API names
/// them), read as [`mutate`] reads it: a shown field the form left empty is sent as `null`,
/// which clears the stored value. The generated types leave out every empty value (which
/// keeps what is stored), so without this a date, a number or a choice once given could never
/// be taken back from a form.
pub async fn mutate_shown<Q: GraphQLQuery>(
    variables: Q::Variables,
    shown: &[&str],
) -> Result<Answer, ApiError> {
    mutate_with::<Q>(variables, shown, serde_json::Map::new()).await
}

/// Runs a mutation as [`mutate_shown`] does, with `extra` fields added to its `input` (a
/// record's source, chosen or new, which the generated inputs of several operations would
/// each need their own copy of the conversion for); a field given both ways is sent as
/// `extra` has it.
pub async fn mutate_with<Q: GraphQLQuery>(
    variables: Q::Variables,
    shown: &[&str],
    extra: serde_json::Map<String, Value>,
) -> Result<Answer, ApiError> {
    let mut body = serde_json::to_value(Q::build_query(variables))
        .map_err(|e| ApiError::Network(e.to_string()))?;
    complete_input(&mut body, shown, extra);
    answer(body.to_string()).await
}

/// Completes a request body's `variables.input`: the `shown` fields it leaves out as `null`,
/// and the `extra` fields.
fn complete_input(body: &mut Value, shown: &[&str], extra: serde_json::Map<String, Value>) {
    if let Some(input) = body
        .pointer_mut("/variables/input")
        .and_then(Value::as_object_mut)
    {
        for field in shown {
            input.entry(*field).or_insert(Value::Null);
        }
        input.extend(extra);
    }
}

/// An update's outcome, as [`change`] gives it, from a form showing `shown` ([`mutate_shown`]).
pub async fn update<Q: GraphQLQuery>(
    variables: Q::Variables,
    shown: &[&str],
) -> Result<(bool, Vec<FieldError>), ApiError> {
    mutate_shown::<Q>(variables, shown)
        .await
        .map(|a| (a.written, a.errors))
}

/// Sends a mutation's body and reads its one payload.
async fn answer(body: String) -> Result<Answer, ApiError> {
    let data: serde_json::Map<String, Value> = decode(&exchange(body).await?)?;
    read_payload(data)
}

fn read_payload(data: serde_json::Map<String, Value>) -> Result<Answer, ApiError> {
    let Some((_, Value::Object(mut fields))) = data.into_iter().next() else {
        return Err(ApiError::Network("the answer held no payload".into()));
    };
    let errors = match fields.remove("userErrors") {
        Some(errors) => {
            serde_json::from_value(errors).map_err(|e| ApiError::Network(e.to_string()))?
        }
        None => vec![],
    };
    let written = fields
        .values()
        .any(|v| !v.is_null() && *v != Value::Bool(false));
    Ok(Answer {
        written,
        errors,
        fields,
    })
}

/// Runs a typed operation, signed with the current session when there is one. When the access
/// token has run out, the session is renewed once with the refresh token and the operation
/// retried; when that fails too, the session ends.
pub async fn run<Q: GraphQLQuery>(variables: Q::Variables) -> Result<Q::ResponseData, ApiError> {
    // Only the encoding and decoding depend on the operation; the exchange itself is shared, so
    // the bundle holds one copy of it rather than one per operation.
    let body = serde_json::to_string(&Q::build_query(variables))
        .map_err(|e| ApiError::Network(e.to_string()))?;
    decode(&exchange(body).await?)
}

/// Runs a typed query and gives its data as JSON, for answers a page reads a few fields of
/// (`values::text` and friends): the operation is still checked against the schema at compile
/// time, but its generated answer types go unused, so the bundle holds no reader of its own
/// for each of them (as with mutations' answers).
pub async fn read<Q: GraphQLQuery>(variables: Q::Variables) -> Result<Value, ApiError> {
    let body = serde_json::to_string(&Q::build_query(variables))
        .map_err(|e| ApiError::Network(e.to_string()))?;
    read_body(body).await
}

async fn read_body(body: String) -> Result<Value, ApiError> {
    decode(&exchange(body).await?)
}

/// Sends a request body, renewing the session once on a 401; the answer's text.
async fn exchange(body: String) -> Result<String, ApiError> {
    if let Some(answer) = crate::first_answer::take(&body, session::current().is_some()) {
        return Ok(answer);
    }
    match post(&body, session::access_token()).await {
        Err(ApiError::Unauthenticated) if session::current().is_some() => {
            if renew().await {
                post(&body, session::access_token()).await
            } else {
                session::end();
                Err(ApiError::Unauthenticated)
            }
        }
        other => other,
    }
}

/// Trades the refresh token for a new session; false when it is no longer valid.
async fn renew() -> bool {
    use crate::queries::{RefreshSession, refresh_session};
    let Some(current) = session::current() else {
        return false;
    };
    let body = RefreshSession::build_query(refresh_session::Variables {
        refresh_token: current.refresh_token.clone(),
    });
    let Ok(body) = serde_json::to_string(&body) else {
        return false;
    };
    let answer = match post(&body, None).await {
        Ok(text) => decode::<refresh_session::ResponseData>(&text),
        Err(e) => Err(e),
    };
    match answer.map(|data| data.refresh_session.session) {
        Ok(Some(s)) => {
            session::keep!(s);
            true
        }
        _ => false,
    }
}

/// POSTs a body to /graphql; the answer's text, or why there is none.
async fn post(body: &str, token: Option<String>) -> Result<String, ApiError> {
    let mut request =
        gloo_net::http::Request::post("/graphql").header("Content-Type", "application/json");
    if let Some(token) = token {
        request = request.header("Authorization", &format!("Bearer {token}"));
    }
    let response = request
        .body(body)
        .map_err(|e| ApiError::Network(e.to_string()))?
        .send()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    if response.status() == 401 {
        return Err(ApiError::Unauthenticated);
    }
    response
        .text()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))
}

/// Reads a GraphQL answer: its data, or its first error with the error's code (and refusal).
fn decode<D: serde::de::DeserializeOwned>(text: &str) -> Result<D, ApiError> {
    let parsed: Response<D> =
        serde_json::from_str(text).map_err(|e| ApiError::Network(e.to_string()))?;
    if let Some(error) = parsed.errors.as_ref().and_then(|errors| errors.first()) {
        let extension = |key: &str| error.extensions.as_ref().and_then(|ext| ext.get(key));
        let code = extension("code")
            .and_then(Value::as_str)
            .unwrap_or("INTERNAL_SERVER_ERROR")
            .to_owned();
        let refusal = extension("reason")
            .and_then(|reason| serde_json::from_value::<UserErrorCode>(reason.clone()).ok())
            .map(|reason| {
                Box::new(FieldError {
                    field: extension("field")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_owned(),
                    code: reason,
                    min: extension("min").and_then(Value::as_i64),
                    max: extension("max").and_then(Value::as_i64),
                    actual: extension("actual").and_then(Value::as_i64),
                })
            });
        return Err(ApiError::Graphql {
            code,
            message: error.message.clone(),
            refusal,
        });
    }
    parsed
        .data
        .ok_or_else(|| ApiError::Network("the answer held no data".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_argument_carries_its_code_field_and_limits() {
        let answer = r#"{"data": null, "errors": [{"message": "search: at most 200 characters, not 305",
            "extensions": {"code": "BAD_USER_INPUT", "reason": "TOO_LONG", "field": "search",
            "max": 200, "actual": 305}}]}"#;
        let Err(ApiError::Graphql { code, refusal, .. }) = decode::<Value>(answer) else {
            panic!("the error was not read");
        };
        assert_eq!(code, "BAD_USER_INPUT");
        let refusal = refusal.expect("the refusal was read");
        assert_eq!(refusal.field, "search");
        assert_eq!(refusal.code, UserErrorCode::TOO_LONG);
        assert_eq!(
            (refusal.min, refusal.max, refusal.actual),
            (None, Some(200), Some(305))
        );
        assert_eq!(refusal.text(Lang::Pl), "najwyżej 200 znaków, a jest 305");
    }

    #[test]
    fn every_mutation_answer_is_read_the_same_way() {
        let read = |text: &str| read_payload(decode(text).unwrap()).unwrap();
        let done = read(r#"{"data": {"signUp": {"ok": true, "userErrors": []}}}"#);
        assert!(done.written && done.errors.is_empty());
        let refused = read(
            r#"{"data": {"submitCluster": {"submission": null, "userErrors": [{"field": "name",
            "code": "TOO_LONG", "message": "at most 300", "min": null, "max": 300, "actual": 301}]}}}"#,
        );
        assert!(!refused.written);
        assert_eq!(refused.errors[0].field, "name");
        assert_eq!(refused.errors[0].code, UserErrorCode::TOO_LONG);
        assert_eq!(refused.errors[0].max, Some(300));
        let opened = read(
            r#"{"data": {"verifyEmail": {"session": {"accessToken": "a", "refreshToken": "r",
            "user": {"email": "e@x.pl", "displayName": "E", "language": "EN"}}, "userErrors": []}}}"#,
        );
        assert!(opened.written);
        let session = opened.session().expect("a session");
        assert_eq!(
            (
                session.access_token.as_str(),
                session.user.language.as_str()
            ),
            ("a", "EN")
        );
        let changed = read(
            r#"{"data": {"confirmEmailChange": {"user": {"email": "n@x.pl"}, "userErrors": []}}}"#,
        );
        assert_eq!(changed.text(&["user", "email"]).as_deref(), Some("n@x.pl"));
        assert!(!read(r#"{"data": {"signOut": {"ok": false, "userErrors": []}}}"#).written);
        // A payload without userErrors, read by its numbers.
        let marked =
            read(r#"{"data": {"markAllNotificationsRead": {"marked": 0, "unreadCount": 2}}}"#);
        assert!(marked.written && marked.errors.is_empty());
        assert_eq!(marked.number("unreadCount"), Some(2));
        let stopped =
            read(r#"{"data": {"unsubscribe": {"kinds": ["NEW_MATCH"], "userErrors": []}}}"#);
        assert_eq!(stopped.texts("kinds"), Some(vec!["NEW_MATCH".to_owned()]));
        let spent = read(
            r#"{"data": {"unsubscribe": {"kinds": null, "userErrors": [{"field": "token",
            "code": "EXPIRED", "message": "used", "min": null, "max": null, "actual": null}]}}}"#,
        );
        assert!(!spent.written);
        assert_eq!(spent.texts("kinds"), None);
    }

    #[test]
    fn an_input_gets_its_shown_fields_and_the_extra_ones() {
        let mut body = serde_json::json!({"query": "…", "variables": {"input": {"id": "K1", "awardedOn": "2020"}}});
        let extra = serde_json::json!({"sourceId": "S1"});
        let Value::Object(extra) = extra else {
            unreachable!()
        };
        complete_input(&mut body, &["awardedOn", "validUntil"], extra);
        assert_eq!(
            body["variables"]["input"],
            serde_json::json!({"id": "K1", "awardedOn": "2020", "validUntil": null, "sourceId": "S1"})
        );
        // A body without an input is left as it is.
        let mut other = serde_json::json!({"variables": {}});
        complete_input(&mut other, &["x"], serde_json::Map::new());
        assert_eq!(other, serde_json::json!({"variables": {}}));
    }

    #[test]
    fn other_errors_keep_their_code_and_carry_no_refusal() {
        let answer = r#"{"errors": [{"message": "no cluster with slug x", "extensions": {"code": "NOT_FOUND"}}]}"#;
        assert_eq!(
            decode::<Value>(answer),
            Err(ApiError::Graphql {
                code: "NOT_FOUND".into(),
                message: "no cluster with slug x".into(),
                refusal: None,
            })
        );
        let uncoded = r#"{"errors": [{"message": "boom"}]}"#;
        assert!(matches!(
            decode::<Value>(uncoded),
            Err(ApiError::Graphql { code, .. }) if code == "INTERNAL_SERVER_ERROR"
        ));
    }
}
