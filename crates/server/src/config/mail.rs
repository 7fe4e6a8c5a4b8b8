//! How a server sends mail, and the public address its mailed links start with.

use super::Config;

impl Config {
    /// The public address mailed links start with: `public_url`, else the address the server
    /// listens on (a wildcard address read as localhost).
    ///
    /// With port 0 the port is chosen at start and links name port 0: set `public_url` then.
    pub fn public_address(&self) -> String {
        match &self.public_url {
            Some(url) => url.trim_end_matches('/').to_owned(),
            None => {
                // As the server prints its address at start; a wildcard one reads as this machine.
                if self.bind.ip().is_unspecified() {
                    format!("http://localhost:{}", self.bind.port())
                } else {
                    format!("http://{}", self.bind)
                }
            }
        }
    }

    /// How this process sends mail.
    pub fn mail_settings(&self, poll: std::time::Duration) -> crate::mail::MailSettings {
        crate::mail::MailSettings {
            delivery: match self
                .smtp_url
                .as_deref()
                .map(str::trim)
                .filter(|u| !u.is_empty())
            {
                Some(url) => crate::mail::Delivery::Smtp(url.to_owned()),
                None => crate::mail::Delivery::Folder(self.mail_dir.clone()),
            },
            from: self.mail_from.clone(),
            public_url: self.public_address(),
            poll,
            retry_base: std::time::Duration::from_millis(self.mail_retry_base_ms),
        }
    }
}
