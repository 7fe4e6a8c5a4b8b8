//! The cluster's lists on the coordinator's desk: sectors, other names, smart specialisations,
//! networks and programmes, and awards. They live in the profile form and go out with its
//! `updateCluster`, each replacing the stored list: the profile and its lists share one
//! version, so saving them apart would make the second save stale.

use crate::api::{self, FieldError};
use crate::components::{ListEditor, ListPart};
use crate::format::sector_name;
use crate::i18n::{M, use_i18n};
use crate::queries::*;
use crate::values::given;
use leptos::prelude::*;

/// The lists as the form holds them, each item its parts' texts.
#[derive(Clone, Copy)]
pub struct ProfileLists {
    sectors: RwSignal<Vec<Vec<String>>>,
    aliases: RwSignal<Vec<Vec<String>>>,
    specialisations: RwSignal<Vec<Vec<String>>>,
    participations: RwSignal<Vec<Vec<String>>>,
    awards: RwSignal<Vec<Vec<String>>>,
}

/// Each text as a one-part item.
fn one_part(list: &[String]) -> RwSignal<Vec<Vec<String>>> {
    RwSignal::new(list.iter().map(|v| vec![v.clone()]).collect())
}

/// The first part of each item.
fn firsts(list: RwSignal<Vec<Vec<String>>>) -> Vec<String> {
    list.with_untracked(|items| items.iter().filter_map(|i| i.first().cloned()).collect())
}

impl ProfileLists {
    /// The lists as the desk read them.
    pub fn of(cluster: &coordinator_desk::CoordinatorDeskCluster) -> Self {
        let codes: Vec<String> = cluster.sectors.iter().map(|s| s.code.clone()).collect();
        let awards = cluster
            .awards
            .iter()
            .map(|a| {
                vec![
                    a.name.clone(),
                    a.awarded_by.clone().unwrap_or_default(),
                    a.awarded_on.clone().unwrap_or_default(),
                ]
            })
            .collect();
        Self {
            sectors: one_part(&codes),
            aliases: one_part(&cluster.aliases),
            specialisations: one_part(&cluster.specialisations),
            participations: one_part(&cluster.participations),
            awards: RwSignal::new(awards),
        }
    }

    /// Sector codes.
    pub fn sectors(self) -> Vec<String> {
        firsts(self.sectors)
    }

    /// Other names.
    pub fn aliases(self) -> Vec<String> {
        firsts(self.aliases)
    }

    /// Smart specialisations.
    pub fn specialisations(self) -> Vec<String> {
        firsts(self.specialisations)
    }

    /// Networks and programmes.
    pub fn participations(self) -> Vec<String> {
        firsts(self.participations)
    }

    /// Awards, their unknown parts left out.
    pub fn awards(self) -> Vec<update_cluster::AwardInput> {
        self.awards.with_untracked(|items| {
            items
                .iter()
                .map(|item| {
                    let part = |i: usize| item.get(i).cloned().and_then(given);
                    update_cluster::AwardInput {
                        name: item.first().cloned().unwrap_or_default(),
                        awarded_by: part(1),
                        awarded_on: part(2),
                    }
                })
                .collect()
        })
    }
}

/// The API's names of the lists, for telling their refusals from the other fields'.
pub const LIST_FIELDS: [&str; 5] = [
    "sectors",
    "aliases",
    "specialisations",
    "participations",
    "awards",
];

/// Whether refusal `field` is about one of the lists or their items (`aliases[2]`).
pub fn is_list_field(field: &str) -> bool {
    LIST_FIELDS.iter().any(|name| {
        field == *name
            || field.starts_with(&format!("{name}["))
            || field.starts_with(&format!("{name}."))
    })
}

/// The lists' editors, inside the profile form; sectors are chosen from the registry's.
#[component]
pub fn ListsFields(lists: ProfileLists, errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    let i18n = use_i18n();
    let options =
        LocalResource::new(|| api::run::<DirectoryOptions>(directory_options::Variables {}));
    let choices = Signal::derive(move || {
        let lang = i18n.lang();
        options
            .get()
            .and_then(Result::ok)
            .map(|data| {
                data.sectors
                    .iter()
                    .map(|s| (s.code.clone(), sector_name(lang, &s.name_pl, &s.name_en)))
                    .collect()
            })
            .unwrap_or_default()
    });
    view! {
        <p class="hint">{move || i18n.t(M::ProfileListsHint)}</p>
        <ListEditor name="sectors" label=M::Sectors items=lists.sectors errors choices
            parts=vec![ListPart::text(M::ProfileSectorNew, "")]/>
        <ListEditor name="aliases" label=M::ProfileAliases items=lists.aliases errors
            parts=vec![ListPart::text(M::ProfileAliasNew, "")]/>
        <ListEditor name="specialisations" label=M::Specialisations items=lists.specialisations errors
            parts=vec![ListPart::text(M::ProfileSpecialisationNew, "")]/>
        <ListEditor name="participations" label=M::ProfileParticipations items=lists.participations errors
            parts=vec![ListPart::text(M::ProfileParticipationNew, "")]/>
        <ListEditor name="awards" label=M::ProfileAwards items=lists.awards errors
            parts=vec![
                ListPart::text(M::ProfileAwardName, "name"),
                ListPart::text(M::ProfileAwardedBy, "awardedBy"),
                ListPart::date(M::ProfileAwardedOn, "awardedOn"),
            ]/>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_of_the_lists_and_their_items_are_told_apart() {
        for field in ["aliases", "aliases[3]", "awards[0].awardedOn", "sectors"] {
            assert!(is_list_field(field), "{field}");
        }
        for field in ["namePl", "awardsCount", "acronym"] {
            assert!(!is_list_field(field), "{field}");
        }
    }
}
