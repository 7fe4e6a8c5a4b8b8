//! The registry's e-mail, in Polish and English, as plain text and HTML: pure functions from a
//! [`Template`] and the registry's public address to a subject and two bodies.
//!
//! A template's values are stored in the outbox with the mail and rendered when it is sent, so
//! the links always point at the public address the sending server is configured with.

use super::notice_mail;
pub use super::notice_mail::DigestItem;
use super::writer::Mail;
pub use super::writer::Rendered;
use crate::rules::languages::Language;
use crate::rules::notifications::NoticeParams;
use klastry_entity::{AccessRequestKind, InvitationRole, NotificationKind};
use serde::{Deserialize, Serialize};

/// Every mail the registry sends, with the values it is written from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "template", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Template {
    /// The link that proves a new account's address.
    VerifyEmail {
        /// The account's name.
        name: String,
        /// The single-use token of the link.
        token: String,
    },
    /// Someone tried to sign up with an address that already has an account.
    SignUpAttempted {
        /// The account's name.
        name: String,
    },
    /// The link that sets a new password.
    ResetPassword {
        /// The account's name.
        name: String,
        /// The single-use token of the link.
        token: String,
    },
    /// The password was changed (after a reset); every session was ended.
    PasswordChanged {
        /// The account's name.
        name: String,
    },
    /// The link that confirms a new address for an account (sent to the new address).
    ConfirmEmailChange {
        /// The account's name.
        name: String,
        /// The single-use token of the link.
        token: String,
    },
    /// The account's address was changed (sent to the old address).
    EmailChanged {
        /// The account's name.
        name: String,
        /// The new address.
        new_email: String,
    },
    /// An invitation to act for an organisation, co-coordinate a cluster or operate the registry.
    Invitation {
        /// Who invites.
        inviter: String,
        /// The role offered.
        role: InvitationRole,
        /// The organisation or cluster it concerns; empty for OPERATOR.
        target: String,
        /// The single-use token of the link.
        token: String,
    },
    /// A request for access waits for the recipient's decision.
    AccessRequestReceived {
        /// Who asks.
        requester: String,
        /// What is asked for.
        kind: AccessRequestKind,
        /// The organisation or cluster asked for.
        subject: String,
    },
    /// The recipient's request for access was decided.
    AccessRequestDecided {
        /// The account's name.
        name: String,
        /// What was asked for.
        kind: AccessRequestKind,
        /// The organisation or cluster asked for.
        subject: String,
        /// Whether it was approved.
        approved: bool,
        /// Why it was rejected.
        reason: Option<String>,
    },
    /// A cluster was submitted for review (sent to operators).
    ClusterSubmitted {
        /// Who submitted it.
        submitter: String,
        /// The cluster's name.
        cluster: String,
    },
    /// The recipient's submitted cluster was published or rejected.
    ClusterSubmissionDecided {
        /// The account's name.
        name: String,
        /// The cluster's name.
        cluster: String,
        /// The published cluster's slug.
        slug: Option<String>,
        /// Why it was rejected.
        reason: Option<String>,
    },
    /// One notification, mailed as it came.
    Notice {
        /// The account's name.
        name: String,
        /// What it tells of.
        kind: NotificationKind,
        /// The values it is written from.
        params: NoticeParams,
    },
    /// The notifications of a day or a week in one mail.
    Digest {
        /// The account's name.
        name: String,
        /// The notifications, oldest first.
        items: Vec<DigestItem>,
    },
    /// A mail sent because of notifications, with the one-click link that stops mail of their
    /// kinds (RFC 8058); every notification mail is wrapped in it.
    Listed {
        /// The mail itself.
        mail: Box<Template>,
        /// The single-use token of the unsubscribe link.
        unsubscribe: String,
    },
}

impl Template {
    /// The template's name as stored in the outbox.
    pub fn name(&self) -> &'static str {
        match self {
            Template::VerifyEmail { .. } => "VERIFY_EMAIL",
            Template::SignUpAttempted { .. } => "SIGN_UP_ATTEMPTED",
            Template::ResetPassword { .. } => "RESET_PASSWORD",
            Template::PasswordChanged { .. } => "PASSWORD_CHANGED",
            Template::ConfirmEmailChange { .. } => "CONFIRM_EMAIL_CHANGE",
            Template::EmailChanged { .. } => "EMAIL_CHANGED",
            Template::Invitation { .. } => "INVITATION",
            Template::AccessRequestReceived { .. } => "ACCESS_REQUEST_RECEIVED",
            Template::AccessRequestDecided { .. } => "ACCESS_REQUEST_DECIDED",
            Template::ClusterSubmitted { .. } => "CLUSTER_SUBMITTED",
            Template::ClusterSubmissionDecided { .. } => "CLUSTER_SUBMISSION_DECIDED",
            Template::Notice { .. } => "NOTICE",
            Template::Digest { .. } => "DIGEST",
            Template::Listed { mail, .. } => mail.name(),
        }
    }

    /// Writes the mail in `language`, with links under `public_url` (no trailing slash needed).
    pub fn render(&self, language: Language, public_url: &str) -> Rendered {
        let base = public_url.trim_end_matches('/');
        if let Template::Listed { mail, unsubscribe } = self {
            return notice_mail::listed(
                mail.render(language, public_url),
                language,
                base,
                unsubscribe,
            );
        }
        let link = |path: &str, token: &str| format!("{base}{path}?token={token}");
        let l = language;
        let mut mail = Mail::default();
        match self {
            Template::VerifyEmail { name, token } => {
                mail.subject(l.pick(
                    "Potwierdź adres e-mail w klastry",
                    "Confirm your e-mail address for klastry",
                ));
                mail.greet(l, name);
                mail.para(l.pick(
                    "Aby dokończyć zakładanie konta, potwierdź, że ten adres należy do Ciebie. Link działa raz, przez 24 godziny.",
                    "To finish opening your account, confirm that this address is yours. The link works once, for 24 hours.",
                ));
                mail.link(
                    l.pick("Potwierdź adres", "Confirm the address"),
                    link("/verify-email", token),
                );
                mail.para(l.pick(
                    "Jeśli to nie Ty zakładałeś konto, zignoruj tę wiadomość.",
                    "If you did not sign up, ignore this message.",
                ));
            }
            Template::SignUpAttempted { name } => {
                mail.subject(l.pick(
                    "Próba założenia konta na Twój adres",
                    "Someone tried to sign up with your address",
                ));
                mail.greet(l, name);
                mail.para(l.pick(
                    "Ktoś próbował założyć konto w klastry na ten adres, ale masz już konto. Jeśli to Ty, zaloguj się albo ustaw nowe hasło.",
                    "Someone tried to open a klastry account with this address, but you already have one. If it was you, sign in or set a new password.",
                ));
                mail.link(l.pick("Zaloguj się", "Sign in"), format!("{base}/sign-in"));
                mail.link(
                    l.pick("Nie pamiętam hasła", "I forgot my password"),
                    format!("{base}/forgot-password"),
                );
            }
            Template::ResetPassword { name, token } => {
                mail.subject(l.pick("Ustaw nowe hasło w klastry", "Set a new klastry password"));
                mail.greet(l, name);
                mail.para(l.pick(
                    "Poproszono o nowe hasło do Twojego konta. Link działa raz, przez 30 minut.",
                    "A new password was asked for your account. The link works once, for 30 minutes.",
                ));
                mail.link(
                    l.pick("Ustaw nowe hasło", "Set a new password"),
                    link("/reset-password", token),
                );
                mail.para(l.pick(
                    "Jeśli to nie Ty, zignoruj tę wiadomość: hasło się nie zmieni.",
                    "If it was not you, ignore this message: your password stays as it is.",
                ));
            }
            Template::PasswordChanged { name } => {
                mail.subject(l.pick("Hasło zostało zmienione", "Your password was changed"));
                mail.greet(l, name);
                mail.para(l.pick(
                    "Hasło do Twojego konta w klastry zostało właśnie zmienione, a wszystkie sesje zakończone. Jeśli to nie Ty, ustaw nowe hasło od razu.",
                    "The password of your klastry account was just changed and every session ended. If it was not you, set a new password at once.",
                ));
                mail.link(
                    l.pick("Nie pamiętam hasła", "I forgot my password"),
                    format!("{base}/forgot-password"),
                );
            }
            Template::ConfirmEmailChange { name, token } => {
                mail.subject(l.pick(
                    "Potwierdź nowy adres e-mail",
                    "Confirm your new e-mail address",
                ));
                mail.greet(l, name);
                mail.para(l.pick(
                    "Aby logować się tym adresem, potwierdź go. Link działa raz, przez 24 godziny.",
                    "To sign in with this address, confirm it. The link works once, for 24 hours.",
                ));
                mail.link(
                    l.pick("Potwierdź adres", "Confirm the address"),
                    link("/confirm-email", token),
                );
            }
            Template::EmailChanged { name, new_email } => {
                mail.subject(l.pick(
                    "Adres e-mail konta został zmieniony",
                    "Your account's e-mail address was changed",
                ));
                mail.greet(l, name);
                mail.para(&format!(
                    "{} {new_email}. {}",
                    l.pick(
                        "Twoje konto w klastry loguje się teraz adresem",
                        "Your klastry account now signs in with"
                    ),
                    l.pick(
                        "Jeśli to nie Ty, napisz do operatora rejestru.",
                        "If it was not you, write to the registry's operator."
                    ),
                ));
            }
            Template::Invitation {
                inviter,
                role,
                target,
                token,
            } => {
                let what = match (role, l) {
                    (InvitationRole::Member, Language::Pl) => {
                        format!("działania w imieniu organizacji {target}")
                    }
                    (InvitationRole::Member, Language::En) => format!("act for {target}"),
                    (InvitationRole::Coordinator, Language::Pl) => {
                        format!("współkoordynowania klastra {target}")
                    }
                    (InvitationRole::Coordinator, Language::En) => {
                        format!("co-coordinate the cluster {target}")
                    }
                    (InvitationRole::Operator, Language::Pl) => {
                        "prowadzenia rejestru klastry jako operator".to_owned()
                    }
                    (InvitationRole::Operator, Language::En) => {
                        "operate the klastry registry".to_owned()
                    }
                };
                mail.subject(&match l {
                    Language::Pl => format!("{inviter} zaprasza Cię do klastry"),
                    Language::En => format!("{inviter} invites you to klastry"),
                });
                mail.para(&match l {
                    Language::Pl => format!("{inviter} zaprasza Cię do {what} w rejestrze klastry. Link działa raz, przez 7 dni; przyjmując zaproszenie, założysz konto albo zalogujesz się na istniejące."),
                    Language::En => format!("{inviter} invites you to {what} in the klastry registry. The link works once, for 7 days; accepting it opens an account or signs you in to yours."),
                });
                mail.link(
                    l.pick("Przyjmij zaproszenie", "Accept the invitation"),
                    link("/invitation", token),
                );
            }
            Template::AccessRequestReceived {
                requester,
                kind,
                subject,
            } => {
                mail.subject(&match (kind, l) {
                    (AccessRequestKind::ActForOrganisation, Language::Pl) => {
                        format!("{requester} prosi o dostęp do organizacji {subject}")
                    }
                    (AccessRequestKind::ActForOrganisation, Language::En) => {
                        format!("{requester} asks to act for {subject}")
                    }
                    (AccessRequestKind::ClaimCluster, Language::Pl) => {
                        format!("{requester} prosi o koordynowanie klastra {subject}")
                    }
                    (AccessRequestKind::ClaimCluster, Language::En) => {
                        format!("{requester} asks to coordinate {subject}")
                    }
                });
                mail.para(l.pick(
                    "Prośba czeka na Twoją decyzję w klastry.",
                    "The request waits for your decision in klastry.",
                ));
                mail.link(
                    l.pick("Rozpatrz prośbę", "Decide the request"),
                    format!("{base}/requests"),
                );
            }
            Template::AccessRequestDecided {
                name,
                kind,
                subject,
                approved,
                reason,
            } => {
                let what = match (kind, l) {
                    (AccessRequestKind::ActForOrganisation, Language::Pl) => {
                        format!("działanie w imieniu organizacji {subject}")
                    }
                    (AccessRequestKind::ActForOrganisation, Language::En) => {
                        format!("act for {subject}")
                    }
                    (AccessRequestKind::ClaimCluster, Language::Pl) => {
                        format!("koordynowanie klastra {subject}")
                    }
                    (AccessRequestKind::ClaimCluster, Language::En) => {
                        format!("coordinate {subject}")
                    }
                };
                mail.subject(&match (approved, l) {
                    (true, Language::Pl) => "Twoja prośba została przyjęta".to_owned(),
                    (true, Language::En) => "Your request was approved".to_owned(),
                    (false, Language::Pl) => "Twoja prośba została odrzucona".to_owned(),
                    (false, Language::En) => "Your request was declined".to_owned(),
                });
                mail.greet(l, name);
                mail.para(&match (approved, l) {
                    (true, Language::Pl) => format!("Twoja prośba o {what} została przyjęta."),
                    (true, Language::En) => format!("Your request to {what} was approved."),
                    (false, Language::Pl) => format!("Twoja prośba o {what} została odrzucona."),
                    (false, Language::En) => format!("Your request to {what} was declined."),
                });
                if let Some(reason) = reason {
                    mail.para(&format!("{} {reason}", l.pick("Uzasadnienie:", "Reason:")));
                }
                mail.link(
                    l.pick("Moje konto", "My account"),
                    format!("{base}/my-account"),
                );
            }
            Template::ClusterSubmitted { submitter, cluster } => {
                mail.subject(&match l {
                    Language::Pl => format!("Nowy klaster do przejrzenia: {cluster}"),
                    Language::En => format!("A new cluster to review: {cluster}"),
                });
                mail.para(&match l {
                    Language::Pl => format!("{submitter} zgłosił klaster {cluster}. Czeka na przejrzenie i publikację."),
                    Language::En => format!("{submitter} submitted the cluster {cluster}. It waits for review and publication."),
                });
                mail.link(
                    l.pick("Przejrzyj zgłoszenia", "Review submissions"),
                    format!("{base}/operator"),
                );
            }
            Template::ClusterSubmissionDecided {
                name,
                cluster,
                slug,
                reason,
            } => {
                mail.greet(l, name);
                match slug {
                    Some(slug) => {
                        mail.subject(&match l {
                            Language::Pl => format!("Klaster {cluster} jest w rejestrze"),
                            Language::En => format!("{cluster} is in the registry"),
                        });
                        mail.para(l.pick(
                            "Zgłoszony przez Ciebie klaster został opublikowany, a Ty zostałeś jego koordynatorem.",
                            "The cluster you submitted was published, and you are its coordinator.",
                        ));
                        mail.link(
                            l.pick("Strona klastra", "The cluster's page"),
                            format!("{base}/clusters/{slug}"),
                        );
                    }
                    None => {
                        mail.subject(&match l {
                            Language::Pl => {
                                format!("Zgłoszenie klastra {cluster} zostało odrzucone")
                            }
                            Language::En => format!("The submission of {cluster} was declined"),
                        });
                        mail.para(l.pick(
                            "Zgłoszony przez Ciebie klaster nie został opublikowany.",
                            "The cluster you submitted was not published.",
                        ));
                    }
                }
                if let Some(reason) = reason {
                    mail.para(&format!("{} {reason}", l.pick("Uzasadnienie:", "Reason:")));
                }
            }
            Template::Notice { name, kind, params } => {
                notice_mail::notice(&mut mail, l, base, name, *kind, params);
            }
            Template::Digest { name, items } => {
                notice_mail::digest(&mut mail, l, base, name, items)
            }
            Template::Listed { .. } => {}
        }
        mail.para(l.pick(
            "— klastry, rejestr klastrów przemysłowych",
            "— klastry, the registry of industrial clusters",
        ));
        mail.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_verification_mail_links_to_the_public_address_in_both_languages() {
        let template = Template::VerifyEmail {
            name: "Anna".into(),
            token: "abc".into(),
        };
        let pl = template.render(Language::Pl, "https://klastry.example/");
        assert!(pl.subject.contains("Potwierdź"));
        assert!(
            pl.text
                .contains("https://klastry.example/verify-email?token=abc")
        );
        assert_eq!(pl.links, ["https://klastry.example/verify-email?token=abc"]);
        let en = template.render(Language::En, "https://klastry.example");
        assert!(en.subject.contains("Confirm"));
        assert!(
            en.html
                .contains("href=\"https://klastry.example/verify-email?token=abc\"")
        );
    }

    #[test]
    fn names_and_reasons_are_escaped_in_html() {
        let template = Template::AccessRequestDecided {
            name: "<script>".into(),
            kind: AccessRequestKind::ActForOrganisation,
            subject: "A & B".into(),
            approved: false,
            reason: Some("\"no\"".into()),
        };
        let mail = template.render(Language::En, "http://x");
        assert!(!mail.html.contains("<script>"));
        assert!(mail.html.contains("A &amp; B"));
        assert!(mail.text.contains("<script>"));
    }

    #[test]
    fn templates_round_trip_through_their_stored_form() {
        let template = Template::Invitation {
            inviter: "Ewa".into(),
            role: InvitationRole::Coordinator,
            target: "Klaster".into(),
            token: "t".into(),
        };
        let stored = serde_json::to_string(&template).expect("serialise");
        assert!(stored.contains("\"template\":\"INVITATION\""));
        let back: Template = serde_json::from_str(&stored).expect("parse");
        assert_eq!(back, template);
    }
}
