//! Read-only results as HTML text, set with `inner_html`.
//!
//! Leptos (tachys) compiles every `view!` element into its own typed code, which made the app's
//! WebAssembly several times larger than the 250 KB budget. Results that are drawn once and never
//! edited (tables, checklists, outcomes) are therefore written here as strings instead; forms and
//! controls stay in `view!`. Every piece of text goes through [`esc`], so nothing a person enters
//! or uploads can become markup.

use nhsmail_rules::{RuleId, State};

use crate::components::form::source_title;
use crate::components::state_tag::{colour, state_label};

/// Escapes text for use in HTML content and in quoted attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A state tag: one colour per state, always with its name.
pub fn tag(state: State) -> String {
    format!(
        r#"<strong class="nhsuk-tag {}">{}</strong>"#,
        colour(state),
        state_label(state)
    )
}

/// A coloured tag with any words (escaped).
pub fn word_tag(class: &str, words: &str) -> String {
    format!(
        r#"<strong class="nhsuk-tag {class}">{}</strong>"#,
        esc(words)
    )
}

/// A rule's source sentence in a details element.
pub fn rule_source(rule: RuleId, summary: &str) -> String {
    let r = rule.rule();
    format!(
        r#"<details class="nhsuk-details nhsuk-u-margin-bottom-2"><summary class="nhsuk-details__summary"><span class="nhsuk-details__summary-text">{}</span></summary><div class="nhsuk-details__text"><p>Rule {}. The published policy says:</p><blockquote>{}</blockquote><p class="nhsuk-body-s">Source: {}</p></div></details>"#,
        esc(summary),
        rule.as_str(),
        esc(r.quote),
        esc(source_title(r.source))
    )
}

/// One reason in a list of reasons: a tag (already HTML) if any, the message, and the rule's
/// source sentence in a details element.
pub fn reason(tag: Option<String>, message: &str, rule: RuleId) -> String {
    let tag = tag.map(|t| t + " ").unwrap_or_default();
    format!(
        r#"<p class="nhsuk-u-margin-bottom-1">{tag}{}</p>{}"#,
        esc(message),
        rule_source(rule, "What the policy says")
    )
}

/// A table: caption (visually hidden when `hide_caption`), header cells, and rows of cells that
/// are already HTML. `numeric` marks columns to right-align.
pub fn table(
    testid: &str,
    caption: &str,
    hide_caption: bool,
    headers: &[&str],
    numeric: &[usize],
    rows: &[Vec<String>],
) -> String {
    let cap_class = if hide_caption {
        "nhsuk-table__caption nhsuk-u-visually-hidden"
    } else {
        "nhsuk-table__caption"
    };
    let mut out = format!(
        r#"<table class="nhsuk-table" data-testid="{}"><caption class="{cap_class}">{}</caption><thead class="nhsuk-table__head"><tr class="nhsuk-table__row">"#,
        esc(testid),
        esc(caption)
    );
    for (i, h) in headers.iter().enumerate() {
        let num = if numeric.contains(&i) {
            " nhsuk-table__header--numeric"
        } else {
            ""
        };
        out.push_str(&format!(
            r#"<th scope="col" class="nhsuk-table__header{num}">{}</th>"#,
            esc(h)
        ));
    }
    out.push_str(r#"</tr></thead><tbody class="nhsuk-table__body">"#);
    for row in rows {
        out.push_str(r#"<tr class="nhsuk-table__row">"#);
        for (i, cell) in row.iter().enumerate() {
            let num = if numeric.contains(&i) {
                " nhsuk-table__cell--numeric"
            } else {
                ""
            };
            out.push_str(&format!(
                r#"<td class="nhsuk-table__cell{num}">{cell}</td>"#
            ));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    out
}

/// A summary list: (key, value HTML, testid of the value).
pub fn summary_list(rows: &[(&str, String, &str)]) -> String {
    let mut out = String::from(r#"<dl class="nhsuk-summary-list">"#);
    for (key, value, testid) in rows {
        out.push_str(&format!(
            r#"<div class="nhsuk-summary-list__row"><dt class="nhsuk-summary-list__key">{}</dt><dd class="nhsuk-summary-list__value" data-testid="{}">{value}</dd></div>"#,
            esc(key),
            esc(testid)
        ));
    }
    out.push_str("</dl>");
    out
}

/// A list of HTML items.
pub fn list(
    class: &str,
    testid: &str,
    items: impl IntoIterator<Item = String>,
    ordered: bool,
) -> String {
    let t = if ordered { "ol" } else { "ul" };
    let mut out = format!(r#"<{t} class="{class}" data-testid="{}">"#, esc(testid));
    for item in items {
        out.push_str("<li>");
        out.push_str(&item);
        out.push_str("</li>");
    }
    out.push_str(&format!("</{t}>"));
    out
}

/// A select's options, as HTML: `(value, words)`, with `selected` chosen.
pub fn options<'a>(list: impl IntoIterator<Item = (&'a str, &'a str)>, selected: &str) -> String {
    list.into_iter()
        .map(|(v, w)| {
            let chosen = if v == selected { " selected" } else { "" };
            format!(r#"<option value="{}"{chosen}>{}</option>"#, esc(v), esc(w))
        })
        .collect()
}

/// A paragraph of text.
pub fn p(text: &str) -> String {
    format!("<p>{}</p>", esc(text))
}

/// A paragraph with a test id.
pub fn p_id(testid: &str, text: &str) -> String {
    format!(r#"<p data-testid="{}">{}</p>"#, esc(testid), esc(text))
}

/// A heading of level `level`.
pub fn h(level: u8, text: &str) -> String {
    format!("<h{level}>{}</h{level}>", esc(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_mark_the_chosen_one() {
        assert_eq!(
            options([("a", "A & B"), ("b", "B")], "b"),
            r#"<option value="a">A &amp; B</option><option value="b" selected>B</option>"#
        );
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(
            esc(r#"<a href="x">&'"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}
