//! The mail sender: sends the mail outbox over SMTP (lettre: plain, STARTTLS or TLS, with
//! authentication when the URL names a user), or, with no SMTP server set, writes each mail as
//! an .eml file under the mail folder and prints its links in the log, so that a newcomer on
//! the embedded default can follow them.
//!
//! Like the webhook sender it claims due mail with a lease, so several servers on one database
//! send each mail once; a try the SMTP server refuses for good (an unknown mailbox) is not
//! repeated, any other is retried with backoff for a day.

use klastry_domain::mail::outbox::{self, ClaimedMail, MailOutcome};
use klastry_domain::rules::languages::Language;
use klastry_domain::rules::retry::jitter;
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sea_orm::DatabaseConnection;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// How long a sender holds claimed mail; longer than a try can take.
const LEASE: Duration = Duration::from_secs(120);
/// Longest an SMTP conversation may take.
const SEND_TIMEOUT: Duration = Duration::from_secs(30);
/// Mail claimed at once.
const BATCH: u64 = 16;

/// Where mail goes.
#[derive(Debug, Clone)]
pub enum Delivery {
    /// To this SMTP server (a lettre URL).
    Smtp(String),
    /// Into this folder, as .eml files.
    Folder(PathBuf),
}

/// How the sender works.
#[derive(Debug, Clone)]
pub struct MailSettings {
    /// Where mail goes.
    pub delivery: Delivery,
    /// Who it comes from.
    pub from: String,
    /// The registry's public address, which links start with.
    pub public_url: String,
    /// How often to look for due mail.
    pub poll: Duration,
    /// The wait before the first retry; it doubles with every try.
    pub retry_base: Duration,
}

/// What a sender hands mail to.
enum Outlet {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Folder(PathBuf),
}

/// Checks the settings (the SMTP URL, the sender's address), so that a mistake stops the
/// server at start rather than every mail later.
pub fn check(settings: &MailSettings) -> Result<(), String> {
    settings.from.parse::<Mailbox>().map_err(|e| {
        format!(
            "KLASTRY_MAIL_FROM '{}' is not an address: {e}",
            settings.from
        )
    })?;
    if let Delivery::Smtp(url) = &settings.delivery {
        AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| format!("KLASTRY_SMTP_URL is not an SMTP URL lettre reads: {e}"))?;
    }
    Ok(())
}

/// Starts the sender; it runs until the runtime stops or the handle is aborted.
pub fn spawn(db: DatabaseConnection, settings: MailSettings) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let outlet = match &settings.delivery {
            Delivery::Smtp(url) => match AsyncSmtpTransport::<Tokio1Executor>::from_url(url) {
                Ok(builder) => Outlet::Smtp(builder.timeout(Some(SEND_TIMEOUT)).build()),
                Err(error) => {
                    tracing::error!(%error, "mail: the SMTP URL does not parse; mail is not sent");
                    return;
                }
            },
            Delivery::Folder(folder) => {
                tracing::info!(
                    folder = %folder.display(),
                    "mail: no SMTP server set (KLASTRY_SMTP_URL); mail is written to this folder and its links to this log"
                );
                Outlet::Folder(folder.clone())
            }
        };
        let from: Mailbox = match settings.from.parse() {
            Ok(from) => from,
            Err(error) => {
                tracing::error!(%error, "mail: KLASTRY_MAIL_FROM is not an address; mail is not sent");
                return;
            }
        };
        loop {
            match outbox::claim_due(&db, LEASE, BATCH).await {
                Ok(claimed) if !claimed.is_empty() => {
                    for mail in claimed {
                        send(&db, &outlet, &from, &settings, mail).await;
                    }
                    continue;
                }
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "mail: claiming due mail failed"),
            }
            tokio::time::sleep(settings.poll).await;
        }
    })
}

/// Sends one mail and records how it went.
async fn send(
    db: &DatabaseConnection,
    outlet: &Outlet,
    from: &Mailbox,
    settings: &MailSettings,
    claimed: ClaimedMail,
) {
    let started = Instant::now();
    let result = deliver(outlet, from, settings, &claimed).await;
    let outcome = match result {
        Ok(()) => MailOutcome {
            error: None,
            permanent: false,
            duration: started.elapsed(),
        },
        Err(Failure { message, permanent }) => {
            tracing::warn!(mail = claimed.mail.id, error = %message, permanent, "mail: a try failed");
            MailOutcome {
                error: Some(message),
                permanent,
                duration: started.elapsed(),
            }
        }
    };
    if let Err(error) =
        outbox::record_attempt(db, &claimed.mail, outcome, settings.retry_base, jitter()).await
    {
        // The lease runs out and the mail is tried again: sent twice rather than lost.
        tracing::warn!(%error, mail = claimed.mail.id, "mail: recording a try failed");
    }
}

/// Why a try failed, and whether trying again can help.
struct Failure {
    message: String,
    permanent: bool,
}

impl Failure {
    fn permanent(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            permanent: true,
        }
    }
}

async fn deliver(
    outlet: &Outlet,
    from: &Mailbox,
    settings: &MailSettings,
    claimed: &ClaimedMail,
) -> Result<(), Failure> {
    let Some(template) = &claimed.template else {
        return Err(Failure::permanent(
            "the mail's values no longer read as its template",
        ));
    };
    let rendered = template.render(
        Language::from_code(&claimed.mail.language),
        &settings.public_url,
    );
    let to: Mailbox = claimed
        .mail
        .recipient
        .parse()
        .map_err(|e| Failure::permanent(format!("the recipient is not an address: {e}")))?;
    let mut builder = Message::builder()
        // A Message-ID under this machine's name: mail without one is often taken for spam.
        .message_id(None);
    if let Some(one_click) = &rendered.unsubscribe {
        // RFC 8058: mail programs offer "unsubscribe" and POST to the address themselves.
        builder = builder
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe"),
                format!("<{one_click}>"),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".to_owned(),
            ));
    }
    let message = builder
        .from(from.clone())
        .to(to)
        .subject(rendered.subject.clone())
        .multipart(MultiPart::alternative_plain_html(
            rendered.text.clone(),
            rendered.html.clone(),
        ))
        .map_err(|e| Failure::permanent(format!("the mail could not be built: {e}")))?;
    match outlet {
        Outlet::Smtp(transport) => match transport.send(message).await {
            Ok(_) => Ok(()),
            Err(error) => Err(Failure {
                permanent: error.is_permanent(),
                message: format!("the SMTP server did not take it: {error}"),
            }),
        },
        Outlet::Folder(folder) => {
            let name = format!(
                "{}-{:06}-{}.eml",
                claimed.mail.created_at.format("%Y%m%dT%H%M%S"),
                claimed.mail.id,
                claimed.mail.template.to_lowercase()
            );
            let path = folder.join(name);
            let bytes = message.formatted();
            let written = async {
                tokio::fs::create_dir_all(folder).await?;
                tokio::fs::write(&path, bytes).await
            }
            .await;
            written.map_err(|e| Failure {
                message: format!("writing {} failed: {e}", path.display()),
                permanent: false,
            })?;
            tracing::info!(
                to = %claimed.mail.recipient,
                subject = %rendered.subject,
                file = %path.display(),
                "mail written"
            );
            for link in &rendered.links {
                tracing::info!(to = %claimed.mail.recipient, "mail link: {link}");
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrong_sender_or_smtp_url_is_refused_at_start() {
        let settings = |from: &str, url: &str| MailSettings {
            delivery: Delivery::Smtp(url.into()),
            from: from.into(),
            public_url: "http://localhost:8080".into(),
            poll: Duration::from_millis(100),
            retry_base: Duration::from_secs(1),
        };
        assert!(
            check(&settings(
                "klastry <noreply@klastry.pl>",
                "smtp://127.0.0.1:25"
            ))
            .is_ok()
        );
        assert!(check(&settings("not an address", "smtp://127.0.0.1:25")).is_err());
        assert!(check(&settings("a@b.pl", "http://example.org")).is_err());
    }
}
