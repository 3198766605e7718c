//! Read-only results as typed HTML, set with `inner_html`.
//!
//! Leptos (tachys) compiles every `view!` element into its own typed code, which made the app's
//! WebAssembly several times larger than its budget. Results that are drawn and never edited
//! (tables, checklists, outcomes) are therefore written as markup text instead; forms and controls
//! stay in `view!`.
//!
//! That text is an [`Html`], never a `String`: its only constructors escape text
//! ([`Html::text`]), join other `Html` ([`Html::join`], `collect`, [`Html::push`]), or wrap `Html`
//! in markup written as a literal in the source ([`html!`], whose format string must be a literal
//! and whose arguments must be `Html`). So nothing a person enters, uploads or brings in a link can
//! become markup, and a forgotten escape does not compile. `inner_html=` takes an `Html`, or a
//! closure returning one, through the two impls at the end of the type ([`AttributeValue`], which
//! the `view!` macro asks of every attribute's value, and [`InnerHtmlValue`]): the one place its
//! text leaves the type.

use std::fmt;
use std::sync::Arc;

use leptos::tachys::html::attribute::AttributeValue;
use leptos::tachys::html::element::InnerHtmlValue;
use leptos::tachys::renderer::types::Element;
use nhsmail_rules::{RuleId, State};

use crate::components::form::source_title;
use crate::components::state_tag::colour;

/// Markup that is safe to put in the page: escaped text and literal markup, joined.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Html(String);

/// Markup from a literal format string and `Html` arguments:
/// `html!(r#"<p class="x">{}</p>"#, Html::text(words))`.
///
/// The format string goes through `concat!`, so it must be a literal and cannot capture variables
/// (`{name}` is a compile error); every argument must be an `Html`.
macro_rules! html {
    ($markup:literal $(, $part:expr)* $(,)?) => {
        $crate::html::Html::__from_literal_markup(format_args!(
            concat!($markup)
            $(, $crate::html::Html::__part(&$part))*
        ))
    };
}
pub(crate) use html;

impl Html {
    /// Text, escaped for HTML content and for quoted attribute values.
    pub fn text(text: &str) -> Html {
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
        Html(out)
    }

    /// A whole number, as text.
    pub fn num(n: i64) -> Html {
        Html::text(&n.to_string())
    }

    /// The parts, one after another.
    pub fn join(parts: impl IntoIterator<Item = Html>) -> Html {
        parts.into_iter().collect()
    }

    /// Adds `part` at the end.
    pub fn push(&mut self, part: Html) {
        self.0.push_str(&part.0);
    }

    /// Whether there is no markup at all.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `part` appears in this markup, as it is.
    pub fn contains(&self, part: &Html) -> bool {
        self.0.contains(&part.0)
    }

    /// The markup, to read in tests.
    #[cfg(test)]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// For [`html!`] only: the markup its literal format string and `Html` arguments make.
    #[doc(hidden)]
    pub fn __from_literal_markup(markup: fmt::Arguments<'_>) -> Html {
        Html(match markup.as_str() {
            Some(literal) => literal.to_owned(),
            None => fmt::format(markup),
        })
    }

    /// For [`html!`] only: checks that an argument is `Html`.
    #[doc(hidden)]
    pub fn __part(part: &Html) -> &Html {
        part
    }
}

/// Writes the markup as it is (it is already safe): what [`html!`] puts between its literals.
impl fmt::Display for Html {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromIterator<Html> for Html {
    fn from_iter<I: IntoIterator<Item = Html>>(parts: I) -> Html {
        let mut out = Html::default();
        for part in parts {
            out.push(part);
        }
        out
    }
}

/// `inner_html=` takes `Html`, and closures and signals of it: its text goes to the page here and
/// nowhere else. Every step is `String`'s own, so the app compiles no second copy of it.
impl InnerHtmlValue for Html {
    type AsyncOutput = Self;
    type State = <String as InnerHtmlValue>::State;
    type Cloneable = Arc<str>;
    type CloneableOwned = Arc<str>;

    fn html_len(&self) -> usize {
        self.0.len()
    }

    fn to_html(self, buf: &mut String) {
        InnerHtmlValue::to_html(self.0, buf);
    }

    fn to_template(buf: &mut String) {
        <String as InnerHtmlValue>::to_template(buf);
    }

    fn hydrate<const FROM_SERVER: bool>(self, el: &Element) -> Self::State {
        InnerHtmlValue::hydrate::<FROM_SERVER>(self.0, el)
    }

    fn build(self, el: &Element) -> Self::State {
        InnerHtmlValue::build(self.0, el)
    }

    fn rebuild(self, state: &mut Self::State) {
        InnerHtmlValue::rebuild(self.0, state);
    }

    fn into_cloneable(self) -> Self::Cloneable {
        self.0.into()
    }

    fn into_cloneable_owned(self) -> Self::CloneableOwned {
        self.0.into()
    }

    fn dry_resolve(&mut self) {}

    async fn resolve(self) -> Self::AsyncOutput {
        self
    }
}

/// `view!` passes every attribute's value through `IntoAttributeValue`, `inner_html` too, so `Html`
/// is an attribute value: `String`'s own steps, as [`InnerHtmlValue`] below. (In any other attribute
/// its text is set as it is, escapes included: safe, if not useful.)
impl AttributeValue for Html {
    type State = <String as AttributeValue>::State;
    type AsyncOutput = Self;
    type Cloneable = Arc<str>;
    type CloneableOwned = Arc<str>;

    fn html_len(&self) -> usize {
        self.0.len()
    }

    fn to_html(self, key: &str, buf: &mut String) {
        AttributeValue::to_html(self.0, key, buf);
    }

    fn to_template(key: &str, buf: &mut String) {
        <String as AttributeValue>::to_template(key, buf);
    }

    fn hydrate<const FROM_SERVER: bool>(self, key: &str, el: &Element) -> Self::State {
        AttributeValue::hydrate::<FROM_SERVER>(self.0, key, el)
    }

    fn build(self, el: &Element, key: &str) -> Self::State {
        AttributeValue::build(self.0, el, key)
    }

    fn rebuild(self, key: &str, state: &mut Self::State) {
        AttributeValue::rebuild(self.0, key, state);
    }

    fn into_cloneable(self) -> Self::Cloneable {
        self.0.into()
    }

    fn into_cloneable_owned(self) -> Self::CloneableOwned {
        self.0.into()
    }

    fn dry_resolve(&mut self) {}

    async fn resolve(self) -> Self::AsyncOutput {
        self
    }
}

/// A state tag: one colour per state, always with its name.
pub fn tag(state: State) -> Html {
    html!(
        r#"<strong class="nhsuk-tag {}">{}</strong>"#,
        Html::text(colour(state)),
        Html::text(state.label())
    )
}

/// A coloured tag with any words.
pub fn word_tag(class: &'static str, words: &str) -> Html {
    html!(
        r#"<strong class="nhsuk-tag {}">{}</strong>"#,
        Html::text(class),
        Html::text(words)
    )
}

/// A rule's source sentence in a details element.
pub fn rule_source(rule: RuleId, summary: &str) -> Html {
    let r = rule.rule();
    html!(
        r#"<details class="nhsuk-details nhsuk-u-margin-bottom-2"><summary class="nhsuk-details__summary"><span class="nhsuk-details__summary-text">{}</span></summary><div class="nhsuk-details__text"><p>Rule {}. The published policy says:</p><blockquote>{}</blockquote><p class="nhsuk-body-s">Source: {}</p></div></details>"#,
        Html::text(summary),
        Html::text(rule.as_str()),
        Html::text(r.quote),
        Html::text(source_title(r.source))
    )
}

/// One reason in a list of reasons: a tag if any, the message, and the rule's source sentence in
/// a details element.
pub fn reason(tag: Option<Html>, message: &str, rule: RuleId) -> Html {
    let tag = tag.map(|t| html!("{} ", t)).unwrap_or_default();
    html!(
        r#"<p class="nhsuk-u-margin-bottom-1">{}{}</p>{}"#,
        tag,
        Html::text(message),
        rule_source(rule, "What the policy says")
    )
}

/// A table: caption (visually hidden when `hide_caption`), header cells, and rows of cells.
/// `numeric` marks columns to right-align. On a narrow screen the table scrolls in its own box
/// (a region named by the caption, which the keyboard can reach and scroll), never the page.
pub fn table(
    testid: &str,
    caption: &str,
    hide_caption: bool,
    headers: &[&str],
    numeric: &[usize],
    rows: &[Vec<Html>],
) -> Html {
    let name = Html::text(caption);
    let caption = if hide_caption {
        html!(
            r#"<caption class="nhsuk-table__caption nhsuk-u-visually-hidden">{}</caption>"#,
            Html::text(caption)
        )
    } else {
        html!(
            r#"<caption class="nhsuk-table__caption">{}</caption>"#,
            Html::text(caption)
        )
    };
    let header: Html = headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            if numeric.contains(&i) {
                html!(
                    r#"<th scope="col" class="nhsuk-table__header nhsuk-table__header--numeric">{}</th>"#,
                    Html::text(h)
                )
            } else {
                html!(
                    r#"<th scope="col" class="nhsuk-table__header">{}</th>"#,
                    Html::text(h)
                )
            }
        })
        .collect();
    let body: Html = rows
        .iter()
        .map(|row| {
            let cells: Html = row
                .iter()
                .enumerate()
                .map(|(i, cell)| {
                    if numeric.contains(&i) {
                        html!(
                            r#"<td class="nhsuk-table__cell nhsuk-table__cell--numeric">{}</td>"#,
                            cell
                        )
                    } else {
                        html!(r#"<td class="nhsuk-table__cell">{}</td>"#, cell)
                    }
                })
                .collect();
            html!(r#"<tr class="nhsuk-table__row">{}</tr>"#, cells)
        })
        .collect();
    html!(
        r#"<div class="app-table-scroll" role="region" aria-label="{}" tabindex="0"><table class="nhsuk-table" data-testid="{}">{}<thead class="nhsuk-table__head"><tr class="nhsuk-table__row">{}</tr></thead><tbody class="nhsuk-table__body">{}</tbody></table></div>"#,
        name,
        Html::text(testid),
        caption,
        header,
        body
    )
}

/// A summary list: (key, value, testid of the value).
pub fn summary_list(rows: Vec<(&str, Html, &str)>) -> Html {
    let rows: Html = rows
        .into_iter()
        .map(|(key, value, testid)| {
            html!(
                r#"<div class="nhsuk-summary-list__row"><dt class="nhsuk-summary-list__key">{}</dt><dd class="nhsuk-summary-list__value" data-testid="{}">{}</dd></div>"#,
                Html::text(key),
                Html::text(testid),
                value
            )
        })
        .collect();
    html!(r#"<dl class="nhsuk-summary-list">{}</dl>"#, rows)
}

/// A list of items, numbered when `ordered`.
pub fn list(
    class: &'static str,
    testid: &str,
    items: impl IntoIterator<Item = Html>,
    ordered: bool,
) -> Html {
    let items: Html = items.into_iter().map(|i| html!("<li>{}</li>", i)).collect();
    let (class, testid) = (Html::text(class), Html::text(testid));
    if ordered {
        html!(
            r#"<ol class="{}" data-testid="{}">{}</ol>"#,
            class,
            testid,
            items
        )
    } else {
        html!(
            r#"<ul class="{}" data-testid="{}">{}</ul>"#,
            class,
            testid,
            items
        )
    }
}

/// A select's options: `(value, words)`, with `selected` chosen.
pub fn options<'a>(list: impl IntoIterator<Item = (&'a str, &'a str)>, selected: &str) -> Html {
    list.into_iter()
        .map(|(v, w)| {
            if v == selected {
                html!(
                    r#"<option value="{}" selected>{}</option>"#,
                    Html::text(v),
                    Html::text(w)
                )
            } else {
                html!(
                    r#"<option value="{}">{}</option>"#,
                    Html::text(v),
                    Html::text(w)
                )
            }
        })
        .collect()
}

/// A paragraph of text.
pub fn p(text: &str) -> Html {
    html!("<p>{}</p>", Html::text(text))
}

/// A paragraph with a test id.
pub fn p_id(testid: &str, text: &str) -> Html {
    html!(
        r#"<p data-testid="{}">{}</p>"#,
        Html::text(testid),
        Html::text(text)
    )
}

/// A second-level heading.
pub fn h2(text: &str) -> Html {
    html!("<h2>{}</h2>", Html::text(text))
}

/// A third-level heading.
pub fn h3(text: &str) -> Html {
    html!("<h3>{}</h3>", Html::text(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_mark_the_chosen_one() {
        assert_eq!(
            options([("a", "A & B"), ("b", "B")], "b").as_str(),
            r#"<option value="a">A &amp; B</option><option value="b" selected>B</option>"#
        );
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            Html::text(r#"<a href="x">&'"#).as_str(),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }

    #[test]
    fn literal_markup_wraps_escaped_parts() {
        let cell = Html::text("<img src=x onerror=\"window.__xss=1\">");
        assert_eq!(
            html!(r#"<td class="c">{}</td>"#, cell).as_str(),
            r#"<td class="c">&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt;</td>"#
        );
        assert_eq!(html!("<hr>").as_str(), "<hr>");
        let joined = Html::join([Html::text("a<"), html!("<br>"), Html::num(-3)]);
        assert_eq!(joined.as_str(), "a&lt;<br>-3");
    }

    #[test]
    fn tables_lists_and_summaries_escape_their_words() {
        let t = table(
            "t\"",
            "<c>",
            true,
            &["<h>"],
            &[0],
            &[vec![Html::text("<x>")]],
        );
        assert!(!t.as_str().contains("<c>") && !t.as_str().contains("<h>"));
        assert!(t.as_str().contains("&lt;x&gt;"));
        assert!(t.as_str().contains(r#"data-testid="t&quot;""#));
        let l = list("nhsuk-list", "<id>", [Html::text("<li>")], true);
        assert_eq!(
            l.as_str(),
            r#"<ol class="nhsuk-list" data-testid="&lt;id&gt;"><li>&lt;li&gt;</li></ol>"#
        );
        let s = summary_list(vec![("<k>", Html::text("<v>"), "id")]);
        assert!(s.as_str().contains("&lt;k&gt;") && s.as_str().contains("&lt;v&gt;"));
    }

    /// The macro's helpers are public only so that the macro can call them: nothing else does.
    #[test]
    fn only_the_html_macro_uses_its_helpers() {
        let mut dirs = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if !path.ends_with("src/html.rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    for helper in ["__from_literal_markup", "__part"] {
                        assert!(!text.contains(helper), "{}: {helper}", path.display());
                    }
                }
            }
        }
    }
}
