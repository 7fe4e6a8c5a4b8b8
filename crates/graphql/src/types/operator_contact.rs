//! The registry operator's contact for the public.

use async_graphql::Object;
use klastry_entity::operator_contact;

/// Whom the public may write to or call about the registry itself (its data, an account, the
/// accessibility of the site): the registry operator's contact, as the contact page and the
/// accessibility statement show it. Each field is null until an operator gives it.
pub struct OperatorContact(pub operator_contact::Model);

/// Whom the public may write to or call about the registry itself (its data, an account, the
/// accessibility of the site): the registry operator's contact, as the contact page and the
/// accessibility statement show it. Each field is null until an operator gives it.
#[Object]
impl OperatorContact {
    /// The name of the person to contact (the accessibility statement's contact person); null
    /// when not given.
    async fn contact_person(&self) -> Option<&str> {
        self.0.contact_person.as_deref()
    }
    /// The e-mail address to write to; null when not given.
    async fn email(&self) -> Option<&str> {
        self.0.email.as_deref()
    }
    /// The telephone number to call, as written (digits with an optional +, spaces, dashes and
    /// brackets); null when not given.
    async fn phone(&self) -> Option<&str> {
        self.0.phone.as_deref()
    }
    /// The postal address, its lines separated by line breaks; null when not given.
    async fn postal_address(&self) -> Option<&str> {
        self.0.postal_address.as_deref()
    }
    /// The version to name in `setOperatorContact`; raised by every change.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// When an operator last changed the contact; null when it has never been changed.
    async fn updated_at(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        (self.0.version > 1).then_some(self.0.updated_at)
    }
}
