//! Gathers the app's message catalogue, one file per area of the app
//! (`src/i18n/catalogue/<area>.rs.in`: lines `Key => "polski", "English";`), into the one
//! `messages!` invocation that `i18n` includes. Each area's words live in a file of their own,
//! while every message stays a variant of one enum `M`, so a missing or misspelt message is
//! still a compile error wherever it is used.

use std::path::Path;
use std::{env, fs};

/// The catalogue's files, in the order their messages are declared.
const AREAS: [&str; 5] = ["common", "public", "account", "desks", "info"];

fn main() {
    let mut all = String::from("messages! {\n");
    for area in AREAS {
        let path = format!("src/i18n/catalogue/{area}.rs.in");
        println!("cargo::rerun-if-changed={path}");
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        all.push_str(&text);
        all.push('\n');
    }
    all.push_str("}\n");
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    fs::write(Path::new(&out_dir).join("messages.rs"), all).expect("OUT_DIR is writable");
}
