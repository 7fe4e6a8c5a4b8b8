//! The mail of notifications: one notice, a digest of several, and the one-click unsubscribe
//! (RFC 8058) every notification mail carries, for [`Template`](super::Template)'s renderer.

use super::notices::word;
use super::writer::{Mail, Rendered, escape};
use crate::rules::languages::Language;
use crate::rules::notifications::NoticeParams;
use chrono::{DateTime, Utc};
use klastry_entity::NotificationKind;
use serde::{Deserialize, Serialize};

/// One notification in a digest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DigestItem {
    /// What it tells of.
    pub kind: NotificationKind,
    /// The values it is written from.
    pub params: NoticeParams,
    /// When it came.
    pub at: DateTime<Utc>,
}

/// One notification: its headline as the subject, its lines, and a link to what it is about.
pub(super) fn notice(
    mail: &mut Mail,
    l: Language,
    base: &str,
    name: &str,
    kind: NotificationKind,
    params: &NoticeParams,
) {
    let worded = word(kind, params, l);
    mail.subject(&worded.headline);
    mail.greet(l, name);
    mail.para(&worded.headline);
    for line in &worded.lines {
        mail.para(line);
    }
    mail.link(
        l.pick("Zobacz w klastry", "See it in klastry"),
        format!("{base}{}", params.path.as_deref().unwrap_or("/inbox")),
    );
}

/// A digest: every notification since the last one, each with its day.
pub(super) fn digest(mail: &mut Mail, l: Language, base: &str, name: &str, items: &[DigestItem]) {
    mail.subject(&match l {
        Language::Pl => format!("klastry: {} nowych powiadomień", items.len()),
        Language::En => format!("klastry: {} new notifications", items.len()),
    });
    mail.greet(l, name);
    mail.para(l.pick(
        "Oto co wydarzyło się od ostatniego zestawienia:",
        "This is what happened since the last digest:",
    ));
    for item in items {
        let worded = word(item.kind, &item.params, l);
        mail.para(&format!(
            "{} · {}",
            item.at.format("%Y-%m-%d"),
            worded.headline
        ));
        for line in &worded.lines {
            mail.para(line);
        }
    }
    mail.link(
        l.pick("Skrzynka powiadomień", "Your inbox"),
        format!("{base}/inbox"),
    );
}

/// A notification mail with its way out: the one-click address for the List-Unsubscribe
/// header, and a link in the body to a page that asks first.
pub(super) fn listed(
    mut rendered: Rendered,
    language: Language,
    base: &str,
    unsubscribe: &str,
) -> Rendered {
    // The header's address takes the one-click POST; the body's opens a page that asks.
    let one_click = format!("{base}/unsubscribe/{unsubscribe}");
    let url = format!("{base}/unsubscribe?token={unsubscribe}");
    let label = language.pick(
        "Nie chcę takich wiadomości e-mail (wypisz jednym kliknięciem)",
        "Stop these e-mails (one-click unsubscribe)",
    );
    rendered.text.push_str(&format!("\n--\n{label}: {url}\n"));
    rendered.html = rendered.html.replace(
        "</body>",
        &format!(
            "<hr><p style=\"font-size: small\"><a href=\"{}\">{}</a></p>\n</body>",
            escape(&url),
            escape(label)
        ),
    );
    rendered.links.push(url);
    rendered.unsubscribe = Some(one_click);
    rendered
}

#[cfg(test)]
mod tests {
    use super::super::templates::Template;
    use super::*;
    use chrono::Utc;

    #[test]
    fn a_notification_mail_carries_a_one_click_unsubscribe_and_a_page_that_asks() {
        let notice = Template::Notice {
            name: "Ewa".into(),
            kind: NotificationKind::ApplicationReceived,
            params: NoticeParams {
                cluster: Some("Klaster Odpadów".into()),
                organisation: Some("Eko Sp. z o.o.".into()),
                path: Some("/clusters/klaster-odpadow".into()),
                ..NoticeParams::default()
            },
        };
        let listed = Template::Listed {
            mail: Box::new(notice),
            unsubscribe: "tok".into(),
        };
        assert_eq!(listed.name(), "NOTICE");
        let mail = listed.render(Language::En, "https://k.example/");
        assert_eq!(
            mail.subject,
            "Eko Sp. z o.o. applied to join Klaster Odpadów"
        );
        assert_eq!(
            mail.unsubscribe.as_deref(),
            Some("https://k.example/unsubscribe/tok")
        );
        assert!(
            mail.text
                .contains("https://k.example/unsubscribe?token=tok")
        );
        assert!(
            mail.html
                .contains("https://k.example/clusters/klaster-odpadow")
        );
        // A mail that is not a notification has no unsubscribe.
        let plain =
            Template::PasswordChanged { name: "Ewa".into() }.render(Language::Pl, "http://x");
        assert_eq!(plain.unsubscribe, None);
        let stored = serde_json::to_string(&listed).expect("serialise");
        assert_eq!(
            serde_json::from_str::<Template>(&stored).expect("parse"),
            listed
        );
    }

    #[test]
    fn a_digest_lists_each_notification_with_its_day() {
        let at = chrono::DateTime::parse_from_rfc3339("2026-12-07T06:00:00Z")
            .expect("a time")
            .with_timezone(&Utc);
        let item = |kind| DigestItem {
            kind,
            params: NoticeParams {
                cluster: Some("K".into()),
                title: Some("Czujniki".into()),
                organisation: Some("O".into()),
                ..NoticeParams::default()
            },
            at,
        };
        let digest = Template::Digest {
            name: "Jan".into(),
            items: vec![
                item(NotificationKind::NewMatch),
                item(NotificationKind::NoticeAnswered),
            ],
        };
        let mail = digest.render(Language::Pl, "http://x");
        assert!(mail.subject.contains("2 nowych powiadomień"));
        assert_eq!(mail.text.matches("2026-12-07 · ").count(), 2);
    }
}
