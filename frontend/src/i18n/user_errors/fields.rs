//! Refusals in the words of the field they name: an identifier's name and digits, a field's
//! own format, what must be unique, what is not allowed where.

use super::words;

/// The identifiers whose format and check digit the registry checks: their name and how many
/// digits they have.
/// A field named after one (`coordinatorNip`) counts too.
pub(super) fn identifier(field: &str) -> Option<(&'static str, (&'static str, &'static str))> {
    let is = |name: &str, suffix: &str| field == name || field.ends_with(suffix);
    if is("nip", "Nip") {
        Some(("NIP", ("10", "10")))
    } else if is("regon", "Regon") {
        Some(("REGON", ("9 lub 14", "9 or 14")))
    } else if is("krs", "Krs") {
        Some(("KRS", ("10", "10")))
    } else {
        None
    }
}

/// Fields that hold lists, whose length is counted in entries rather than characters.
pub(super) fn is_list(field: &str) -> bool {
    matches!(
        field,
        "aliases"
            | "specialisations"
            | "participations"
            | "awards"
            | "partners"
            | "sectors"
            | "scopes"
            | "ids"
    )
}

pub(super) fn required(field: &str) -> (String, String) {
    match field {
        "reason" => words(
            "napisz, dlaczego odrzucasz; wnioskodawca to przeczyta",
            "say why it is rejected; whoever asked will read it",
        ),
        "awardedOn" => words(
            "data przyznania jest wymagana (wystarczy rok)",
            "the award date is required (a year is enough)",
        ),
        "sourceId" => words(
            "wskaż dokument źródłowy albo dodaj nowy",
            "choose a source document or add a new one",
        ),
        _ => words("nie może być puste", "must not be empty"),
    }
}

/// INVALID_FORMAT in the words of the field's own format.
pub(super) fn invalid_format(field: &str, actual: Option<i64>) -> (String, String) {
    if let Some((name, (pl_digits, en_digits))) = identifier(field) {
        return match actual {
            Some(n) => (
                format!("{name} musi mieć {pl_digits} cyfr, a ma {n}"),
                format!("{name} must have {en_digits} digits, not {n}"),
            ),
            None => (
                format!("{name} może zawierać tylko cyfry"),
                format!("{name} must contain only digits"),
            ),
        };
    }
    match field {
        "postalCode" => words(
            "to nie jest polski kod pocztowy (NN-NNN)",
            "not a Polish postal code (NN-NNN)",
        ),
        "email" => words("to nie jest adres e-mail", "not an e-mail address"),
        "website" | "url" => words(
            "to nie jest adres strony zaczynający się od http:// lub https://",
            "not a web address starting with http:// or https://",
        ),
        "phone" => words(
            "to nie jest numer telefonu (7–15 cyfr, opcjonalnie + i spacje)",
            "not a telephone number (7 to 15 digits, optional + and spaces)",
        ),
        "voivodeship" => words("to nie jest kod województwa", "not a voivodeship code"),
        "slug" => words(
            "od 1 do 128 małych liter, cyfr i pojedynczych łączników",
            "1 to 128 lower-case letters, digits and single hyphens",
        ),
        "budgetCurrency" => words(
            "trzyliterowy kod waluty, np. PLN lub EUR",
            "a three-letter currency code such as PLN or EUR",
        ),
        "after" | "before" | "cursor" => words(
            "to nie jest pozycja na tej liście",
            "not a cursor of this list",
        ),
        _ if field.ends_with("On") || field.ends_with("Until") || field == "until" => {
            words("to nie jest data (RRRR-MM-DD)", "not a date (YYYY-MM-DD)")
        }
        _ if field == "id" || field.ends_with("Id") || field.ends_with("Ids") || field == "ids" => {
            words("to nie jest prawidłowy identyfikator", "not a valid ID")
        }
        _ => words(
            "nieprawidłowy zapis (np. niedozwolone znaki)",
            "not written the way this field takes it (characters that are not allowed, say)",
        ),
    }
}

pub(super) fn not_unique(field: &str) -> (String, String) {
    if let Some((name, _)) = identifier(field) {
        return (
            format!("ten {name} jest już w rejestrze"),
            format!("this {name} is already registered"),
        );
    }
    match field {
        "slug" => words(
            "ten adres jest już używany przez inny klaster",
            "another cluster already uses this slug",
        ),
        "email" | "newEmail" => words(
            "konto z tym adresem e-mail już istnieje",
            "an account with this e-mail already exists",
        ),
        // Inviting an address whose invitation to the same role is still open.
        "invitedEmail" => words(
            "ten adres ma już otwarte zaproszenie do tej roli; wyślij je ponownie",
            "this address has an open invitation to the same role; send that one again",
        ),
        "name" => words(
            "zbyt wiele klastrów ma już tę nazwę",
            "too many clusters have this name already",
        ),
        "clusterId" | "organisationId" => words(
            "organizacja jest już członkiem tego klastra albo czeka na decyzję",
            "the organisation is already a member of this cluster or has applied to it",
        ),
        "year" => words(
            "dane za ten rok są już zapisane; popraw je",
            "figures for this year are already recorded; update them",
        ),
        "role" => words(
            "konto ma już tę rolę",
            "the account already holds this role",
        ),
        _ => words(
            "ta wartość jest już zajęta przez inny wpis",
            "another record already holds this value",
        ),
    }
}

pub(super) fn not_allowed(field: &str, max: Option<i64>) -> (String, String) {
    if let Some(max) = max {
        return (
            format!("osiągnięto limit ({max}); najpierw usuń coś"),
            format!("the limit ({max}) is reached; delete one first"),
        );
    }
    match field {
        "clusterId" => words(
            "klaster nie przyjmuje nowych członków",
            "the cluster does not take new members",
        ),
        "organisationId" => words(
            "organizacja nie może tego zrobić (np. odpowiedzieć na własne ogłoszenie)",
            "the organisation cannot do this (answer its own notice, say)",
        ),
        "id" | "requestId" | "submissionId" => words(
            "to nie czeka już na decyzję (zostało rozstrzygnięte albo wycofane)",
            "this no longer waits for a decision (it was decided or withdrawn)",
        ),
        "invitationId" => words(
            "zaproszenie zostało już przyjęte albo unieważnione",
            "the invitation was accepted or revoked already",
        ),
        "newEmail" => words(
            "to już jest adres tego konta",
            "this is the account's address already",
        ),
        "userId" => words(
            "nie dotyczy tego konta (własnego, usuniętego albo już potwierdzonego)",
            "not for this account (one's own, a deleted one, or one confirmed already)",
        ),
        "roleId" => words(
            "zarządzać można tylko organizacją, w imieniu której się działa",
            "only a role acting for an organisation can manage it",
        ),
        "manages" => words(
            "ostatni zarządzający nie może zrezygnować; najpierw uczyń zarządzającym kogoś innego",
            "the last manager cannot step down; make another user a manager first",
        ),
        // Asking to act for an organisation one acts for already.
        "actFor" => words(
            "już działasz w imieniu tej organizacji",
            "you act for this organisation already",
        ),
        // Claiming a cluster that has coordinators in the registry.
        "claim" => words(
            "klaster ma już koordynatora w rejestrze; poproś go o zaproszenie",
            "the cluster has a coordinator in the registry already; ask them to invite you",
        ),
        "password" | "newPassword" => words(
            "hasło nie może zawierać adresu e-mail konta",
            "must not contain the account's e-mail address",
        ),
        "url" => words(
            "adres nie może prowadzić do sieci prywatnej ani do samego rejestru",
            "must not point at a private network or the registry itself",
        ),
        _ => words(
            "niedozwolone w obecnym stanie wpisu",
            "not allowed in the record's present state",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::super::user_error;
    use crate::i18n::Lang;
    use crate::queries::UserErrorCode;

    fn code(name: &str) -> UserErrorCode {
        serde_json::from_value(serde_json::Value::String(name.to_owned())).unwrap()
    }

    #[test]
    fn self_service_refusals_name_what_went_wrong() {
        assert_eq!(
            user_error(Lang::En, &code("EXPIRED"), "token", None, None, None),
            "this link no longer works: it was used, it expired or it was never issued; ask for a new one"
        );
        assert_eq!(
            user_error(
                Lang::Pl,
                &code("INVALID_CHECKSUM"),
                "coordinatorNip",
                None,
                None,
                None
            ),
            "NIP: cyfra kontrolna się nie zgadza; sprawdź, czy nie ma literówki"
        );
        let not_allowed = code("NOT_ALLOWED");
        let generic = user_error(Lang::En, &not_allowed, "title", None, None, None);
        for field in [
            "requestId",
            "submissionId",
            "invitationId",
            "newEmail",
            "userId",
            "roleId",
            "manages",
            "actFor",
            "claim",
        ] {
            for lang in [Lang::Pl, Lang::En] {
                let text = user_error(lang, &not_allowed, field, None, None, None);
                assert_ne!(
                    text,
                    user_error(lang, &not_allowed, "title", None, None, None),
                    "{field}"
                );
            }
            assert_ne!(
                user_error(Lang::En, &not_allowed, field, None, None, None),
                generic
            );
        }
    }

    #[test]
    fn a_field_with_a_format_of_its_own_is_told_that_format() {
        let format = code("INVALID_FORMAT");
        for field in [
            "postalCode",
            "contact.email",
            "website",
            "phone",
            "voivodeship",
            "nip",
            "regon",
            "krs",
            "slug",
            "input.startsOn",
            "validUntil",
            "clusterId",
            "after",
        ] {
            for lang in [Lang::Pl, Lang::En] {
                let text = user_error(lang, &format, field, None, None, None);
                assert_ne!(
                    text,
                    user_error(lang, &format, "title", None, None, None),
                    "{field}"
                );
            }
        }
        assert_eq!(
            user_error(Lang::Pl, &format, "postalCode", None, None, None),
            "to nie jest polski kod pocztowy (NN-NNN)"
        );
    }
}
