//! Writing a mail: paragraphs and links appended to the text and the HTML body side by side,
//! so the two always say the same, and the HTML escaped.

use crate::rules::languages::Language;
pub(super) use crate::rules::text::escape_html as escape;

/// A mail being written, as text and HTML side by side.
#[derive(Default)]
pub(super) struct Mail {
    subject: String,
    text: String,
    html: String,
    links: Vec<String>,
}

impl Mail {
    pub(super) fn subject(&mut self, subject: &str) {
        self.subject = subject.to_owned();
    }

    pub(super) fn greet(&mut self, language: Language, name: &str) {
        let hello = language.pick("Dzień dobry", "Hello");
        self.para(&format!("{hello} {name},"));
    }

    pub(super) fn para(&mut self, text: &str) {
        self.text.push_str(text);
        self.text.push_str("\n\n");
        self.html.push_str(&format!("<p>{}</p>\n", escape(text)));
    }

    pub(super) fn link(&mut self, label: &str, url: String) {
        self.text.push_str(&format!("{label}: {url}\n\n"));
        self.html.push_str(&format!(
            "<p><a href=\"{}\">{}</a></p>\n",
            escape(&url),
            escape(label)
        ));
        self.links.push(url);
    }

    pub(super) fn finish(self) -> Rendered {
        let html = format!(
            "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{}</title></head>\n<body style=\"font-family: sans-serif; line-height: 1.5\">\n{}</body></html>\n",
            escape(&self.subject),
            self.html
        );
        Rendered {
            subject: self.subject,
            text: self.text.trim_end().to_owned() + "\n",
            html,
            links: self.links,
            unsubscribe: None,
        }
    }
}

/// A mail ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The subject line.
    pub subject: String,
    /// The plain-text body.
    pub text: String,
    /// The HTML body.
    pub html: String,
    /// The links in it, for the server's log when mail is written to files.
    pub links: Vec<String>,
    /// The one-click unsubscribe address (the List-Unsubscribe header), for notification mail.
    pub unsubscribe: Option<String>,
}
