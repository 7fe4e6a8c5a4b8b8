//! A real SMTP server for the tests that send e-mail, never a mock: `scripts/smtp-sink.py`
//! (aiosmtpd, installed by `scripts/smtp-sink-setup.sh`) on a free loopback port, started per
//! test. It speaks SMTP to the server under test (with AUTH, and refusing the first messages
//! when asked) and keeps every message it accepts as a `.eml` file and a `.json` file already
//! decoded, which these helpers read: tests never decode MIME themselves.
//!
//! ```ignore
//! let sink = SmtpSink::start().await;
//! // ... a TestApp configured with the SMTP URL sink.url(), then something that sends a mail ...
//! let mail = sink.wait_for("someone@example.org", Some("Potwierdź")).await;
//! let token = mail.token("/verify-email");
//! ```

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use super::unique_name;

/// How long to wait for the sink to listen.
const START_TIMEOUT: Duration = Duration::from_secs(20);
/// How long `wait_for` and `wait_for_count` wait for mail, and how often they look.
const WAIT_TIMEOUT: Duration = Duration::from_secs(30);
const POLL: Duration = Duration::from_millis(50);

/// A running SMTP sink; stopped, and its messages removed, when dropped.
pub struct SmtpSink {
    port: u16,
    auth: Option<(String, String)>,
    /// The sink's own folder: `mail/` (the messages) and `sink.log` (its stderr).
    base: PathBuf,
    mail_dir: PathBuf,
    /// The sink process. Its stdin is a pipe held here: the sink exits when the pipe closes
    /// (`--watch-stdin`), so it never outlives this test process, however that ends.
    child: Child,
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.base);
    }
}

impl SmtpSink {
    /// Starts a sink that takes mail without AUTH.
    pub async fn start() -> SmtpSink {
        Self::start_with(None, 0).await
    }

    /// Starts a sink that, with `auth`, requires AUTH PLAIN or LOGIN with that user and
    /// password before MAIL (no TLS: it listens on loopback only), and answers `451 4.3.0 try
    /// again later` to the first `fail_first` messages' DATA.
    pub async fn start_with(auth: Option<(&str, &str)>, fail_first: u32) -> SmtpSink {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/smtp-sink.py");
        let base = std::env::temp_dir().join(format!("{}-smtp", unique_name()));
        let mail_dir = base.join("mail");
        std::fs::create_dir_all(&mail_dir).expect("make the SMTP sink's folder");
        let log_path = base.join("sink.log");
        let log = std::fs::File::create(&log_path).expect("make the SMTP sink's log");

        let mut command = Command::new("python3");
        command
            .arg(&script)
            .arg("--dir")
            .arg(&mail_dir)
            .args(["--host", "127.0.0.1", "--port", "0", "--watch-stdin"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(log));
        if let Some((user, password)) = auth {
            assert!(!user.contains(':'), "an SMTP sink's user has no ':'");
            command.arg("--auth").arg(format!("{user}:{password}"));
        }
        if fail_first > 0 {
            command.arg("--fail-first").arg(fail_first.to_string());
        }
        let mut child = command.spawn().unwrap_or_else(|error| {
            panic!(
                "could not start python3 {}: {error} (the e-mail tests need Python 3.9+ with \
                 aiosmtpd: run scripts/smtp-sink-setup.sh)",
                script.display()
            )
        });

        // The sink prints `LISTENING <port>` once it listens; a thread reads it (and then
        // whatever else comes, so the pipe never fills).
        let stdout = child.stdout.take().expect("the SMTP sink's stdout");
        let (said, heard) = tokio::sync::oneshot::channel();
        std::thread::spawn(move || {
            let mut said = Some(said);
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                let port = line
                    .strip_prefix("LISTENING ")
                    .and_then(|port| port.trim().parse::<u16>().ok());
                if let (Some(port), Some(said)) = (port, said.take()) {
                    let _ = said.send(port);
                }
            }
        });
        let port = match tokio::time::timeout(START_TIMEOUT, heard).await {
            Ok(Ok(port)) => port,
            outcome => {
                let _ = child.kill();
                let _ = child.wait();
                let stderr = std::fs::read_to_string(&log_path).unwrap_or_default();
                let _ = std::fs::remove_dir_all(&base);
                let what = if outcome.is_err() {
                    "did not listen within 20 s"
                } else {
                    "stopped before it listened"
                };
                panic!(
                    "the SMTP sink ({}) {what} (it needs aiosmtpd: run \
                     scripts/smtp-sink-setup.sh); its stderr:\n{stderr}",
                    script.display()
                );
            }
        };
        SmtpSink {
            port,
            auth: auth.map(|(user, password)| (user.to_string(), password.to_string())),
            base,
            mail_dir,
            child,
        }
    }

    /// The port the sink listens on, at 127.0.0.1.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The sink as a lettre SMTP URL: `smtp://127.0.0.1:PORT`, or with the sink's AUTH,
    /// `smtp://USER:PASSWORD@127.0.0.1:PORT` (both percent-encoded). Plain SMTP, no TLS.
    pub fn url(&self) -> String {
        match &self.auth {
            None => format!("smtp://127.0.0.1:{}", self.port),
            Some((user, password)) => format!(
                "smtp://{}:{}@127.0.0.1:{}",
                percent_encode(user),
                percent_encode(password),
                self.port
            ),
        }
    }

    /// Every message the sink has accepted so far, in the order it accepted them.
    pub fn mails(&self) -> Vec<SinkMail> {
        let entries = std::fs::read_dir(&self.mail_dir).unwrap_or_else(|error| {
            panic!(
                "read the SMTP sink's folder {}: {error}",
                self.mail_dir.display()
            )
        });
        // NNNNNN.json, written whole (under a temporary name, then renamed) after NNNNNN.eml.
        let mut files: Vec<PathBuf> = entries
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| {
                path.extension()
                    .is_some_and(|extension| extension == "json")
                    && !path
                        .file_name()
                        .is_some_and(|name| name.to_string_lossy().starts_with('.'))
            })
            .collect();
        files.sort();
        files.iter().map(|path| SinkMail::read(path)).collect()
    }

    /// How many messages so far have `to` among their recipients (the envelope's RCPT TO,
    /// compared without regard to case).
    pub fn count_to(&self, to: &str) -> usize {
        self.mails().iter().filter(|mail| mail.is_to(to)).count()
    }

    /// Waits (up to 30 s) for a message to `to` whose subject contains `subject_contains`
    /// (any subject when None) and returns the first such; panics listing every message the
    /// sink holds when none comes.
    pub async fn wait_for(&self, to: &str, subject_contains: Option<&str>) -> SinkMail {
        let deadline = Instant::now() + WAIT_TIMEOUT;
        loop {
            let mails = self.mails();
            let found = mails.iter().position(|mail| {
                mail.is_to(to)
                    && subject_contains.is_none_or(|wanted| mail.subject.contains(wanted))
            });
            if let Some(index) = found {
                return mails.into_iter().nth(index).expect("the message found");
            }
            if Instant::now() >= deadline {
                panic!(
                    "no e-mail to {to}{} came within {} s; the SMTP sink holds {}",
                    subject_contains
                        .map(|wanted| format!(" with \"{wanted}\" in its subject"))
                        .unwrap_or_default(),
                    WAIT_TIMEOUT.as_secs(),
                    summary(&mails)
                );
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits (up to 30 s) until at least `n` messages have `to` among their recipients and
    /// returns all the messages to `to`, in order (there may be more than `n`); panics
    /// listing every message the sink holds otherwise.
    pub async fn wait_for_count(&self, to: &str, n: usize) -> Vec<SinkMail> {
        let deadline = Instant::now() + WAIT_TIMEOUT;
        loop {
            let mails = self.mails();
            let count = mails.iter().filter(|mail| mail.is_to(to)).count();
            if count >= n {
                return mails.into_iter().filter(|mail| mail.is_to(to)).collect();
            }
            if Instant::now() >= deadline {
                panic!(
                    "{count} e-mails to {to} came within {} s, not {n}; the SMTP sink holds {}",
                    WAIT_TIMEOUT.as_secs(),
                    summary(&mails)
                );
            }
            tokio::time::sleep(POLL).await;
        }
    }
}

/// One message the sink accepted, as `scripts/smtp-sink.py` decoded it.
#[derive(Debug, Clone)]
pub struct SinkMail {
    /// The envelope's sender (MAIL FROM).
    pub mail_from: String,
    /// The envelope's recipients (RCPT TO), as sent.
    pub rcpt_tos: Vec<String>,
    /// The From header, decoded (e.g. `klastry <noreply@localhost>`).
    pub from: String,
    /// The To header, decoded.
    pub to: String,
    /// The Subject header, decoded.
    pub subject: String,
    /// Every header by its name as sent (`{"Content-Type": "..."}`), decoded; a repeated one
    /// holds its last value. [`SinkMail::header`] looks one up regardless of case.
    pub headers: Value,
    /// The text/plain body, decoded, with `\n` line ends; empty when there is none.
    pub text: String,
    /// The text/html body, decoded, with `\n` line ends; empty when there is none.
    pub html: String,
    /// The raw message as received (removed with the sink).
    pub eml: PathBuf,
}

impl SinkMail {
    fn read(path: &Path) -> SinkMail {
        let json = std::fs::read_to_string(path)
            .unwrap_or_else(|error| panic!("read {}: {error}", path.display()));
        let record: Value = serde_json::from_str(&json)
            .unwrap_or_else(|error| panic!("{} is not JSON: {error}", path.display()));
        let text = |field: &str| record[field].as_str().unwrap_or_default().to_string();
        SinkMail {
            mail_from: text("mailFrom"),
            rcpt_tos: record["rcptTos"]
                .as_array()
                .map(|tos| {
                    tos.iter()
                        .filter_map(|to| to.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default(),
            from: text("from"),
            to: text("to"),
            subject: text("subject"),
            headers: record["headers"].clone(),
            text: text("text"),
            html: text("html"),
            eml: path.with_extension("eml"),
        }
    }

    /// Whether `to` is among the envelope's recipients, compared without regard to case.
    pub fn is_to(&self, to: &str) -> bool {
        self.rcpt_tos
            .iter()
            .any(|recipient| recipient.eq_ignore_ascii_case(to))
    }

    /// The header `name` (any case), decoded, if the message has it.
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .as_object()?
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .and_then(|(_, value)| value.as_str().map(str::to_string))
    }

    /// The first http(s) URL in the text body whose path contains `path_contains`, e.g.
    /// `mail.link("/reset-password")`; panics showing the text when there is none.
    pub fn link(&self, path_contains: &str) -> String {
        links_in(&self.text)
            .into_iter()
            .find(|link| path_of(link).contains(path_contains))
            .unwrap_or_else(|| {
                panic!(
                    "no http(s) link with \"{path_contains}\" in its path in the e-mail \
                     \"{}\" to {:?}; its text:\n{}",
                    self.subject, self.rcpt_tos, self.text
                )
            })
    }

    /// The `token` query parameter (decoded) of [`SinkMail::link`]`(path_contains)`; panics
    /// when that link has none.
    pub fn token(&self, path_contains: &str) -> String {
        let link = self.link(path_contains);
        query_value(&link, "token")
            .unwrap_or_else(|| panic!("the link {link} has no token parameter"))
    }
}

/// One line per message, for a failing wait's message.
fn summary(mails: &[SinkMail]) -> String {
    if mails.is_empty() {
        return "no e-mail".into();
    }
    let lines: Vec<String> = mails
        .iter()
        .map(|mail| format!("\n  to {:?}: \"{}\"", mail.rcpt_tos, mail.subject))
        .collect();
    let plural = if mails.len() == 1 { "" } else { "s" };
    format!("{} e-mail{plural}:{}", mails.len(), lines.concat())
}

/// Every `http://` and `https://` URL in `text`, in order: each runs to the first space,
/// quote or angle bracket, without the punctuation that ends a sentence around it.
fn links_in(text: &str) -> Vec<String> {
    let mut links = Vec::new();
    let mut rest = text;
    while let Some(start) = ["http://", "https://"]
        .iter()
        .filter_map(|scheme| rest.find(scheme))
        .min()
    {
        let candidate = &rest[start..];
        let end = candidate
            .find(|c: char| c.is_whitespace() || "<>\"'`".contains(c))
            .unwrap_or(candidate.len());
        let link = candidate[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']']);
        if link.len() > "https://".len() {
            links.push(link.to_string());
        }
        rest = &candidate[end.max(1)..];
    }
    links
}

/// A URL's path: after the scheme and authority, before any `?` or `#`.
fn path_of(url: &str) -> &str {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path_and_more = after_scheme
        .find('/')
        .map_or("", |slash| &after_scheme[slash..]);
    let end = path_and_more
        .find(['?', '#'])
        .unwrap_or(path_and_more.len());
    &path_and_more[..end]
}

/// The value of the query parameter `name` in `url`, decoded as a browser's URLSearchParams
/// would (`+` is a space, `%XX` a byte).
fn query_value(url: &str, name: &str) -> Option<String> {
    let query = url.split_once('?')?.1;
    let query = query.split_once('#').map_or(query, |(query, _)| query);
    query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        (percent_decode(key) == name).then(|| percent_decode(value))
    })
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = bytes
            .get(i + 1..i + 3)
            .filter(|hex| hex.iter().all(u8::is_ascii_hexdigit))
            .and_then(|hex| u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok());
        match (bytes[i], escaped) {
            (b'%', Some(byte)) => {
                decoded.push(byte);
                i += 3;
            }
            (b'+', _) => {
                decoded.push(b' ');
                i += 1;
            }
            (byte, _) => {
                decoded.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

/// `text` with every byte but the URL-unreserved ones (`A-Z a-z 0-9 - . _ ~`) as `%XX`.
fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (byte as char).to_string()
            }
            _ => format!("%{byte:02X}"),
        })
        .collect()
}
