//! A [`Layout`] as SVG markup: standalone (its own `xmlns`, fonts and colours as attributes, no
//! stylesheet), so the page shows it and the download link saves the very same drawing.

use nhsmail_rules::State;

use super::layout::{Kind, Layout, BAR_HEIGHT, BAR_TEXT, FONT, PAD};
use crate::html::{html, Html};

/// The fill used for a state (NHS.UK colours, as its tag) and the text colour on it.
pub fn fill(state: State) -> (&'static str, &'static str) {
    match state {
        State::Active => ("#007f3b", "#fff"),
        State::Inactive => ("#ffb81c", "#212b32"),
        State::Disabled => ("#ed8b00", "#212b32"),
        State::Leaver => ("#005eb8", "#fff"),
        State::Deleted => ("#d5281b", "#fff"),
        State::Purged => ("#4c6272", "#fff"),
    }
}

/// A marker's line: colour, width and dashes.
fn stroke(kind: Kind) -> Html {
    match kind {
        Kind::AsOf => html!(r##"stroke="#212b32" stroke-width="4""##),
        Kind::Next => html!(r##"stroke="#212b32" stroke-width="2" stroke-dasharray="6 4""##),
        Kind::Policy => html!(r##"stroke="#005eb8" stroke-width="3" stroke-dasharray="10 5""##),
        Kind::Change | Kind::Name => html!(r##"stroke="#212b32" stroke-width="2""##),
        Kind::Event => html!(r##"stroke="#4c6272" stroke-width="2""##),
    }
}

fn line(x: i64, y1: i64, y2: i64, kind: Kind) -> Html {
    let x = Html::num(x);
    html!(
        r#"<line x1="{}" x2="{}" y1="{}" y2="{}" {}/>"#,
        x,
        x,
        Html::num(y1),
        Html::num(y2),
        stroke(kind)
    )
}

fn text(x: i64, y: i64, words: &str, extra: Html) -> Html {
    html!(
        r#"<text x="{}" y="{}"{}>{}</text>"#,
        Html::num(x),
        Html::num(y),
        extra,
        Html::text(words)
    )
}

/// The drawing, with `id` for its title and description, an accessible name (`title`) and the
/// same facts in words (`desc`).
pub fn svg(l: &Layout, id: &str, title: &str, desc: &str) -> Html {
    let mut out = Html::default();
    for (state, x, y) in &l.legend {
        out.push(html!(
            r##"<rect x="{}" y="{}" width="20" height="20" fill="{}" stroke="#212b32"/>"##,
            Html::num(*x),
            Html::num(y + 2),
            Html::text(fill(*state).0)
        ));
        out.push(text(x + 28, y + 19, state.label(), Html::default()));
    }
    let (top, bottom) = (l.bar_y, l.bar_y + BAR_HEIGHT);
    for b in &l.bars {
        let (background, ink) = fill(b.state);
        out.push(html!(
            r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}</title></rect>"#,
            Html::num(b.x),
            Html::num(top),
            Html::num(b.w),
            Html::num(BAR_HEIGHT),
            Html::text(background),
            Html::text(b.state.label())
        ));
        if let Some(tx) = b.text_x {
            out.push(text(
                tx,
                top + BAR_TEXT,
                b.state.label(),
                html!(
                    r#" text-anchor="middle" font-weight="bold" fill="{}""#,
                    Html::text(ink)
                ),
            ));
        }
    }
    for m in &l.marks {
        if m.kind != Kind::Name {
            out.push(line(m.x, top - 6, bottom + 6, m.kind));
        }
        if let Some(label) = &m.label {
            out.push(if label.y < top {
                line(m.x, label.bottom(), top, m.kind)
            } else {
                line(m.x, bottom, label.top(), m.kind)
            });
            out.push(text(label.x + PAD, label.y, &label.text, Html::default()));
        }
    }
    let id = Html::text(id);
    html!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" class="app-timeline" viewBox="0 0 {} {}" width="100%" role="img" aria-labelledby="{}-t {}-d" data-testid="{}" font-family="Arial, sans-serif" font-size="{}" fill="#212b32"><title id="{}-t">{}</title><desc id="{}-d">{}</desc>{}</svg>"##,
        Html::num(l.width),
        Html::num(l.height),
        id,
        id,
        id,
        Html::num(FONT),
        id,
        Html::text(title),
        id,
        Html::text(desc),
        out
    )
}

/// `text` as a `data:` URL of an SVG file, for a download link: every byte but letters, digits
/// and a few safe marks percent-encoded.
pub fn data_url(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len() * 2 + 24);
    out.push_str("data:image/svg+xml;charset=utf-8,");
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~=:/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::layout::{layout, Mark, WIDTH};
    use nhsmail_rules::{IsoDate, Segment};

    #[test]
    fn the_drawing_is_standalone_named_and_escaped() {
        let d = |s: &str| s.parse::<IsoDate>().unwrap();
        let segs = [Segment {
            state: State::Inactive,
            from: d("2025-01-01"),
            to: None,
            rule: None,
        }];
        let marks = [Mark {
            on: d("2025-02-01"),
            kind: Kind::Event,
            text: "<b>&".into(),
            short: String::new(),
        }];
        let l = layout(WIDTH, d("2025-01-01"), d("2025-03-01"), &segs, &marks);
        let svg = svg(&l, "t", "Timeline", "Inactive from 1 January 2025");
        let s = svg.as_str();
        assert!(s.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg""#));
        assert!(s.contains(r#"role="img" aria-labelledby="t-t t-d""#));
        assert!(s.contains("&lt;b&gt;&amp;") && !s.contains("<b>"));
        assert!(
            s.contains(">Inactive</text>"),
            "the bar and the legend name the state"
        );
        let url = data_url(s);
        assert!(url.starts_with("data:image/svg+xml;charset=utf-8,%3Csvg%20xmlns="));
        let body = &url[url.find(',').unwrap() + 1..];
        assert!(body
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.~=:/%".contains(c)));
    }
}
