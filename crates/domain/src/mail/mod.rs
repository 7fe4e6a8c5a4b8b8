//! E-mail: what the registry writes to people (`templates`, pure, in Polish and English) and
//! the outbox each change queues its mail in, in its own transaction (`outbox`). The server
//! sends the outbox over SMTP, or writes it to files when no SMTP server is configured.

pub mod notices;
pub mod outbox;
pub mod templates;

pub use outbox::Letter;
pub use templates::Template;
