//! Reference data the registry cannot work without: the 16 voivodeships, the EU's 14 industrial
//! ecosystems as the sector taxonomy, and the rounds of the Key National Cluster competition.

use sea_orm_migration::prelude::*;

/// Fills the reference tables.
#[derive(DeriveMigrationName)]
pub struct Migration;

/// TERYT code, Polish name, ISO 3166-2 code.
const VOIVODESHIPS: &[(&str, &str, &str)] = &[
    ("02", "dolnośląskie", "PL-DS"),
    ("04", "kujawsko-pomorskie", "PL-KP"),
    ("06", "lubelskie", "PL-LU"),
    ("08", "lubuskie", "PL-LB"),
    ("10", "łódzkie", "PL-LD"),
    ("12", "małopolskie", "PL-MA"),
    ("14", "mazowieckie", "PL-MZ"),
    ("16", "opolskie", "PL-OP"),
    ("18", "podkarpackie", "PL-PK"),
    ("20", "podlaskie", "PL-PD"),
    ("22", "pomorskie", "PL-PM"),
    ("24", "śląskie", "PL-SL"),
    ("26", "świętokrzyskie", "PL-SK"),
    ("28", "warmińsko-mazurskie", "PL-WN"),
    ("30", "wielkopolskie", "PL-WP"),
    ("32", "zachodniopomorskie", "PL-ZP"),
];

/// The EU industrial ecosystems cluster portals filter on: code, Polish name, English name.
const SECTORS: &[(&str, &str, &str)] = &[
    (
        "aerospace-defence",
        "Lotnictwo i obronność",
        "Aerospace & defence",
    ),
    ("agri-food", "Rolno-spożywczy", "Agri-food"),
    ("construction", "Budownictwo", "Construction"),
    (
        "cultural-creative",
        "Kultura i przemysły kreatywne",
        "Cultural & creative industries",
    ),
    ("digital", "Cyfrowy", "Digital"),
    ("electronics", "Elektronika", "Electronics"),
    (
        "energy-intensive-industries",
        "Przemysły energochłonne",
        "Energy-intensive industries",
    ),
    (
        "energy-renewables",
        "Energia odnawialna",
        "Energy – renewables",
    ),
    ("health", "Zdrowie", "Health"),
    (
        "mobility-transport-automotive",
        "Mobilność, transport i motoryzacja",
        "Mobility – transport – automotive",
    ),
    (
        "proximity-social-economy",
        "Gospodarka bliskości i społeczna",
        "Proximity & social economy",
    ),
    ("retail", "Handel detaliczny", "Retail"),
    ("textile", "Tekstylia", "Textile"),
    ("tourism", "Turystyka", "Tourism"),
];

/// Number, name, call opened, results announced, valid until, clusters announced, note.
type Round = (
    i32,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
    Option<i32>,
    &'static str,
);

/// The KKK rounds as far as public sources show (see shared/domain.md); unknown stays empty.
const KKK_ROUNDS: &[Round] = &[
    (
        1,
        "I",
        Some("2015-05-12"),
        Some("2015"),
        None,
        Some(7),
        "Call opened 12 May 2015; 7 clusters.",
    ),
    (
        2,
        "II",
        None,
        Some("2016-10-25"),
        None,
        Some(9),
        "Gala 25 Oct 2016; 9 more, 16 in total.",
    ),
    (
        3,
        "III",
        None,
        None,
        None,
        None,
        "About 2018; details not found in the sources.",
    ),
    (
        4,
        "IV",
        None,
        Some("2019-08-28"),
        Some("2022-08"),
        Some(11),
        "List approved 28 Aug 2019; lapsed end of Aug 2022.",
    ),
    (
        5,
        "V",
        Some("2021-05-31"),
        None,
        Some("2024-12-31"),
        Some(8),
        "Applications 31 May – 13 Sep 2021; needed at least 3 years of operation and 51 members.",
    ),
    (
        6,
        "VI",
        None,
        Some("2023-01-23"),
        Some("2025-12-17"),
        Some(12),
        "Applications until 15 Sep 2022; certificates handed over 23 Jan 2023; 20 KKK in total with round V.",
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut voivodeships = Query::insert();
        voivodeships
            .into_table("voivodeship")
            .columns(["teryt", "name", "iso_code"]);
        for (teryt, name, iso) in VOIVODESHIPS {
            voivodeships.values_panic([(*teryt).into(), (*name).into(), (*iso).into()]);
        }
        manager.exec_stmt(voivodeships).await?;

        let mut sectors = Query::insert();
        sectors
            .into_table("sector")
            .columns(["code", "name_pl", "name_en"]);
        for (code, name_pl, name_en) in SECTORS {
            sectors.values_panic([(*code).into(), (*name_pl).into(), (*name_en).into()]);
        }
        manager.exec_stmt(sectors).await?;

        let mut rounds = Query::insert();
        rounds.into_table("kkk_round").columns([
            "number",
            "name",
            "call_opened_on",
            "announced_on",
            "valid_until",
            "announced_cluster_count",
            "note",
        ]);
        for (number, name, opened, announced, until, count, note) in KKK_ROUNDS {
            rounds.values_panic([
                (*number).into(),
                (*name).into(),
                (*opened).into(),
                (*announced).into(),
                (*until).into(),
                (*count).into(),
                (*note).into(),
            ]);
        }
        manager.exec_stmt(rounds).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["kkk_round", "sector", "voivodeship"] {
            manager
                .exec_stmt(Query::delete().from_table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
