//! Bar and column charts drawn as SVG.

use crate::i18n::use_i18n;
use leptos::prelude::*;

/// A horizontal bar chart drawn as SVG: one labelled bar per row.
#[component]
pub fn BarChart(#[prop(into)] caption: Signal<String>, rows: Vec<(String, i64)>) -> impl IntoView {
    let i18n = use_i18n();
    let max = rows.iter().map(|(_, v)| *v).max().unwrap_or(1).max(1);
    // Label above its bar, so long names never collide with the bars.
    let row_height = 34;
    let height = rows.len() as i64 * row_height + 4;
    let bars = rows
        .into_iter()
        .enumerate()
        .map(|(i, (label, value))| {
            let y = i as i64 * row_height;
            let width = (value * 280 / max).max(1);
            let text = label.clone();
            view! {
                <g>
                    <text x="0" y=y + 12 class="chart-label">{text}</text>
                    <rect x="0" y=y + 16 width=width height="14" class="chart-bar" rx="2"/>
                    <text x=6 + width y=y + 28 class="chart-value">{move || crate::i18n::number(i18n.lang(), value)}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <figcaption>{move || caption.get()}</figcaption>
            <svg viewBox=format!("0 0 340 {height}") role="img" aria-label=move || caption.get()>{bars}</svg>
        </figure>
    }
}

/// A vertical bar chart drawn as SVG, for values over time.
#[component]
pub fn ColumnChart(
    #[prop(into)] caption: Signal<String>,
    columns: Vec<(String, i64)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let max = columns.iter().map(|(_, v)| *v).max().unwrap_or(1).max(1);
    let width = 44;
    let total = columns.len() as i64 * width + 10;
    let bars = columns
        .into_iter()
        .enumerate()
        .map(|(i, (label, value))| {
            let x = i as i64 * width + 6;
            let h = value * 120 / max;
            view! {
                <g>
                    <rect x=x y=140 - h width=width - 12 height=h class="chart-bar" rx="2"/>
                    <text x=x + (width - 12) / 2 y=134 - h class="chart-value" text-anchor="middle">
                        {move || crate::i18n::number(i18n.lang(), value)}
                    </text>
                    <text x=x + (width - 12) / 2 y="156" class="chart-label" text-anchor="middle">{label}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <figcaption>{move || caption.get()}</figcaption>
            <svg viewBox=format!("0 0 {} 162", total.max(200)) role="img" aria-label=move || caption.get()>{bars}</svg>
        </figure>
    }
}
