//! The directory's state as its URL holds it: the search, the facets, the order and the page
//! cursor, and the API's filter and order they make.

use crate::components::{AS_OF, SearchFilters, as_of_day};
use crate::queries::directory;
use crate::url_state::{encode, list, non_empty};
use crate::values::{enum_value, given};
use leptos_router::params::ParamsMap;

/// The orders the `clusters` query offers (`ClusterOrder`: by name or by when the cluster was
/// added, either way), as the URL's `sort` names them; the first, by name from A, is the
/// default and leaves `sort` out.
pub const SORTS: [&str; 4] = ["", "name-desc", "newest", "oldest"];

/// The directory's state as it stands in the URL's query.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DirectoryQuery {
    pub text: String,
    pub voivodeships: Vec<String>,
    pub sectors: Vec<String>,
    pub kkk_active: bool,
    pub rounds: Vec<i64>,
    pub esca: Vec<String>,
    /// One of [`SORTS`]; empty for the default, by name.
    pub sort: String,
    pub after: Option<String>,
    pub before: Option<String>,
    /// The day the statuses are shown as of (`asOf`, a real day); None for today.
    pub as_of: Option<String>,
}

impl DirectoryQuery {
    /// Reads the state from URL query parameters; unknown values are kept and ignored later.
    pub fn from_params(params: &ParamsMap) -> DirectoryQuery {
        DirectoryQuery::read(|key| params.get(key))
    }

    /// Reads the state through a lookup of decoded query parameters.
    pub fn read(params: impl Fn(&str) -> Option<String>) -> DirectoryQuery {
        let sort = params("sort").unwrap_or_default();
        DirectoryQuery {
            text: params("q").unwrap_or_default(),
            voivodeships: list(params("voivodeship")),
            sectors: list(params("sector")),
            kkk_active: params("kkk").as_deref() == Some("active"),
            rounds: list(params("round"))
                .iter()
                .filter_map(|r| r.parse().ok())
                .collect(),
            esca: list(params("esca")),
            sort: if SORTS.contains(&sort.as_str()) {
                sort
            } else {
                String::new()
            },
            after: params("after"),
            before: params("before"),
            as_of: as_of_day(params(AS_OF)),
        }
    }

    /// The URL of this state (page cursors included).
    pub fn to_url(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        let mut push = |key: &str, value: String| {
            if !value.is_empty() {
                parts.push(format!("{key}={}", encode(&value)));
            }
        };
        push("q", self.text.clone());
        push("voivodeship", self.voivodeships.join(","));
        push("sector", self.sectors.join(","));
        if self.kkk_active {
            push("kkk", "active".into());
        }
        push(
            "round",
            self.rounds
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(","),
        );
        push("esca", self.esca.join(","));
        push("sort", self.sort.clone());
        push("after", self.after.clone().unwrap_or_default());
        push("before", self.before.clone().unwrap_or_default());
        push(AS_OF, self.as_of.clone().unwrap_or_default());
        if parts.is_empty() {
            "/clusters".to_owned()
        } else {
            format!("/clusters?{}", parts.join("&"))
        }
    }

    /// The same filters, back on the first page.
    pub fn first_page(mut self) -> DirectoryQuery {
        self.after = None;
        self.before = None;
        self
    }

    /// No filter and the first page, in the same order and as of the same day.
    pub fn cleared(&self) -> DirectoryQuery {
        DirectoryQuery {
            sort: self.sort.clone(),
            as_of: self.as_of.clone(),
            ..Default::default()
        }
    }

    /// The filters as a saved search of the directory keeps them (KKK rounds it does not).
    pub fn search_filters(&self) -> SearchFilters {
        SearchFilters {
            scope: "DIRECTORY",
            text: self.text.clone(),
            voivodeships: self.voivodeships.clone(),
            sectors: self.sectors.clone(),
            kkk_active: self.kkk_active,
            esca_levels: self.esca.clone(),
            ..Default::default()
        }
    }

    /// The API's filter, `day` being the day "KKK status active" is asked of (the day shown).
    pub fn filter(&self, day: &str) -> directory::ClusterFilter {
        directory::ClusterFilter {
            voivodeships: non_empty(
                self.voivodeships
                    .iter()
                    .filter_map(|v| enum_value(v))
                    .collect(),
            ),
            sectors: non_empty(self.sectors.clone()),
            kkk_active_on: self.kkk_active.then(|| day.to_owned()),
            kkk_rounds: non_empty(self.rounds.clone()),
            esca_levels: non_empty(self.esca.iter().filter_map(|v| enum_value(v)).collect()),
            esca_held_on: None,
            text: given(self.text.clone()),
        }
    }

    /// The API's order: the field and the direction `sort` names.
    pub fn order(&self) -> directory::ClusterOrder {
        use directory::{ClusterOrderField as Field, SortDirection as Direction};
        let (field, direction) = match self.sort.as_str() {
            "name-desc" => (Field::NAME, Direction::DESC),
            "newest" => (Field::CREATED_AT, Direction::DESC),
            "oldest" => (Field::CREATED_AT, Direction::ASC),
            _ => (Field::NAME, Direction::ASC),
        };
        directory::ClusterOrder { field, direction }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::url_state::toggle;

    fn read(pairs: &[(&str, &str)]) -> DirectoryQuery {
        DirectoryQuery::read(|key| {
            pairs
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn the_url_holds_every_filter_and_reads_back_the_same() {
        let state = DirectoryQuery {
            text: "śląski klaster".into(),
            voivodeships: vec!["SLASKIE".into(), "OPOLSKIE".into()],
            sectors: vec!["digital".into()],
            kkk_active: true,
            rounds: vec![5, 6],
            esca: vec!["GOLD".into()],
            sort: "newest".into(),
            after: Some("abc=".into()),
            before: None,
            as_of: Some("2024-06-01".into()),
        };
        let url = state.to_url();
        assert_eq!(
            url,
            "/clusters?q=%C5%9Bl%C4%85ski%20klaster&voivodeship=SLASKIE%2COPOLSKIE&sector=digital&kkk=active&round=5%2C6&esca=GOLD&sort=newest&after=abc%3D&asOf=2024-06-01"
        );
        let read = read(&[
            ("q", "śląski klaster"),
            ("voivodeship", "SLASKIE,OPOLSKIE"),
            ("sector", "digital"),
            ("kkk", "active"),
            ("round", "5,6"),
            ("esca", "GOLD"),
            ("sort", "newest"),
            ("after", "abc="),
            ("asOf", "2024-06-01"),
        ]);
        assert_eq!(read, state);
        // A day that is not one is today's.
        let bad_day = DirectoryQuery::read(|k| (k == "asOf").then(|| "2024-13-01".to_owned()));
        assert_eq!(bad_day.as_of, None);
    }

    #[test]
    fn no_filters_is_the_bare_directory_and_changing_a_filter_returns_to_page_one() {
        assert_eq!(DirectoryQuery::default().to_url(), "/clusters");
        let paged = DirectoryQuery {
            after: Some("x".into()),
            ..Default::default()
        };
        assert_eq!(paged.first_page().to_url(), "/clusters");
    }

    #[test]
    fn unreadable_rounds_are_ignored_and_facet_toggles_add_or_remove() {
        let read = read(&[("round", "5,x,,6")]);
        assert_eq!(read.rounds, vec![5, 6]);
        assert_eq!(toggle(&["A".to_string()], &"B".to_string()), vec!["A", "B"]);
        assert_eq!(
            toggle(&["A".to_string(), "B".to_string()], &"A".to_string()),
            vec!["B"]
        );
    }

    #[test]
    fn the_order_is_kept_in_the_url_and_an_unknown_one_is_the_default() {
        let newest = read(&[("sort", "newest"), ("esca", "GOLD")]);
        assert!(matches!(
            newest.order(),
            directory::ClusterOrder {
                field: directory::ClusterOrderField::CREATED_AT,
                direction: directory::SortDirection::DESC
            }
        ));
        assert_eq!(newest.cleared().to_url(), "/clusters?sort=newest");
        let unknown = read(&[("sort", "members")]);
        assert_eq!(unknown.sort, "");
        assert!(matches!(
            unknown.order().field,
            directory::ClusterOrderField::NAME
        ));
    }
}
