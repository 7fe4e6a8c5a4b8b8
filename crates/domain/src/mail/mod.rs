//! E-mail: what the registry writes to people (`templates`, pure, in Polish and English, with
//! notifications' mail in `notice_mail` and the text-and-HTML `writer` they share) and
//! the outbox each change queues its mail in, in its own transaction (`outbox`). The server
//! sends the outbox over SMTP, or writes it to files when no SMTP server is configured.

mod notice_mail;
pub mod notices;
pub mod outbox;
pub mod templates;
mod writer;

pub use outbox::Letter;
pub use templates::Template;
