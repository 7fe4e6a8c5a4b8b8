//! schema.graphql is the served schema: a change to the API that is not committed there fails.

use std::path::PathBuf;

fn committed() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../schema.graphql");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

#[test]
fn committed_schema_matches_the_served_schema() {
    assert!(
        committed() == klastry_graphql::sdl(),
        "schema.graphql is stale: run `cargo run -q -p klastry -- schema > schema.graphql` and commit it"
    );
}

#[test]
fn the_schema_command_prints_the_committed_schema() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_klastry"))
        .arg("schema")
        .output()
        .expect("klastry schema runs");
    assert!(output.status.success());
    assert_eq!(String::from_utf8_lossy(&output.stdout), committed());
}
