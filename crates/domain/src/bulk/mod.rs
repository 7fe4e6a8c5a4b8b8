//! Whole-registry tools: importing and exporting a registry (`import`, `export`), the events
//! as iCalendar feeds (`icalendar`), the demo
//! registry and its accounts (`demo`, `demo_accounts`), and synthetic registries of any size for
//! benchmarks and statement-count tests (`synthetic`).

pub mod demo;
pub mod demo_accounts;
pub mod export;
pub mod icalendar;
pub mod import;
pub mod synthetic;
