//! The timeline drawing's geometry, apart from any markup: segments, markers and a width in; bars,
//! marker lines, a legend and labels placed so that no two overlap out. Pure and in whole numbers
//! (no floating point: its formatting costs the WebAssembly kilobytes), so it is unit-tested here.
//!
//! The label rule: labels are placed in order of importance (the date looked at, the names of bars
//! too narrow to hold their own, policy changes and changes of state, events, then the next
//! change), each group from the middle outwards, each reaching away from the middle, in the first
//! row (of six below the bars and two above) where its box, with a gap, touches no other label's
//! box or leader line, and where its own leader line crosses no label nearer the bars. A label
//! that finds no row tries its short form; one that still finds none is left out (its marker
//! stays, and the tables under the drawing list everything).

use nhsmail_rules::{IsoDate, Segment, State};

/// Text size in the drawing's units. The drawing is [`WIDTH`] units wide and fills the content
/// area, 960 px on a 1024-pixel projector, so this is 18 px there (at least 14 px: tested).
pub const FONT: i64 = 18;
/// The drawing's usual width in its units.
pub const WIDTH: i64 = 960;
const ROW: i64 = 28;
const MARGIN: i64 = 4;
const GAP: i64 = 10;
const LINE_GAP: i64 = 4;
const LEGEND_ROW: i64 = 28;

/// What a marker marks; the order is the labels' priority (policy changes and changes of state
/// alike).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// The date looked at (its label goes above the bars).
    AsOf,
    /// A bar's state, beside a bar too narrow to hold its name.
    Name,
    /// A policy set's policy taking effect.
    Policy,
    /// A change of state.
    Change,
    /// An event.
    Event,
    /// The next change if nothing else happens.
    Next,
}

/// A marker to draw: its day, what it marks, and its label, long and short (empty: no label).
#[derive(Clone, Debug)]
pub struct Mark {
    pub on: IsoDate,
    pub kind: Kind,
    pub text: String,
    pub short: String,
}

/// A label's box: left edge, text baseline, width; its text starts [`PAD`] in from the left.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub x: i64,
    pub y: i64,
    pub w: i64,
    pub text: String,
}

/// Space between a label's box edge and its text.
pub const PAD: i64 = 4;

impl Label {
    /// The box's top and bottom.
    pub fn top(&self) -> i64 {
        self.y - FONT
    }

    pub fn bottom(&self) -> i64 {
        self.y + 6
    }
}

/// A placed marker: where its line is, what it marks and its label (`None`: left out for room).
#[derive(Clone, Debug)]
pub struct Placed {
    pub x: i64,
    pub kind: Kind,
    pub label: Option<Label>,
}

/// A bar: a state from `x` for `w` units, with its name centred on `text_x` inside it when it
/// fits between the marker lines that cross it (`None`: its name is a label beside it).
#[derive(Clone, Debug)]
pub struct Bar {
    pub x: i64,
    pub w: i64,
    pub state: State,
    pub text_x: Option<i64>,
}

/// The whole drawing.
#[derive(Clone, Debug)]
pub struct Layout {
    pub width: i64,
    pub height: i64,
    /// The bars' top edge.
    pub bar_y: i64,
    pub bars: Vec<Bar>,
    pub marks: Vec<Placed>,
    /// The legend: a swatch per state shown, at (x, y of its row's top).
    pub legend: Vec<(State, i64, i64)>,
    /// Labels left out for want of room.
    pub left_out: usize,
}

/// The height of bars; a bar's name sits on `bar_y + BAR_TEXT`.
pub const BAR_HEIGHT: i64 = 44;
pub const BAR_TEXT: i64 = 29;

/// An estimate of `text`'s width at `font` units, a little over Arial's own so that boxes made
/// from it never overlap on the page.
pub fn text_width(text: &str, font: i64) -> i64 {
    let hundredths: i64 = text
        .chars()
        .map(|c| match c {
            'M' | 'W' => 95,
            'm' => 84,
            'w' => 74,
            'A'..='Z' => 74,
            'i' | 'j' | 'l' | '\'' | '|' => 24,
            'f' | 't' | ' ' | '.' | ',' | ':' | ';' | '!' => 30,
            'r' | '(' | ')' | '-' | '[' | ']' => 36,
            'a'..='z' | '0'..='9' => 57,
            _ => 100,
        })
        .sum();
    hundredths * font / 100 + 1
}

/// Lays out `segments` (in order, as the core's `timeline` gives them) and `marks` on an axis from
/// `start` to `end`, `width` units wide.
pub fn layout(
    width: i64,
    start: IsoDate,
    end: IsoDate,
    segments: &[Segment],
    marks: &[Mark],
) -> Layout {
    let width = width.max(200);
    let (left, right) = (MARGIN, width - MARGIN);
    let end = end.max(start);
    let span = end.days_since(start).max(1);
    let x = |d: IsoDate| left + (right - left) * d.days_since(start).clamp(0, span) / span;

    // The legend: one swatch and name per state shown, wrapping into rows.
    let mut legend: Vec<(State, i64, i64)> = Vec::new();
    let (mut lx, mut ly) = (left, 0);
    for s in segments {
        if legend.iter().any(|(st, ..)| *st == s.state) {
            continue;
        }
        let w = 28 + text_width(s.state.label(), FONT) + 24;
        if lx + w > right && lx > left {
            lx = left;
            ly += LEGEND_ROW;
        }
        legend.push((s.state, lx, ly));
        lx += w;
    }
    let top = if legend.is_empty() {
        0
    } else {
        ly + LEGEND_ROW + 8
    };

    // Bars: every segment's start at its day, kept in order and at least `min` apart, the last
    // one ending at the right edge, so the bars tile the axis.
    let n = segments.len() as i64;
    let min = if n > 0 {
        ((right - left) / n).min(2)
    } else {
        0
    };
    let mut starts: Vec<i64> = segments.iter().map(|s| x(s.from)).collect();
    let mut prev = left - min;
    for s in starts.iter_mut() {
        *s = (*s).max(prev + min);
        prev = *s;
    }
    let mut next = right;
    for (i, s) in starts.iter_mut().enumerate().rev() {
        *s = if i == 0 { left } else { (*s).min(next - min) };
        next = *s;
    }
    // Every marker's line: a bar's name goes in the widest gap between them.
    let mut cuts: Vec<i64> = marks.iter().map(|m| x(m.on)).collect();
    cuts.sort_unstable();
    let mut bars: Vec<Bar> = Vec::with_capacity(segments.len());
    let mut names: Vec<Mark> = Vec::new();
    let mut name_x: Vec<i64> = Vec::new();
    for (i, s) in segments.iter().enumerate() {
        let x0 = starts.get(i).copied().unwrap_or(left);
        let x1 = starts.get(i + 1).copied().unwrap_or(right);
        let mut edges: Vec<i64> = vec![x0];
        edges.extend(cuts.iter().filter(|c| x0 < **c && **c < x1));
        edges.push(x1);
        let (a, b) = edges
            .windows(2)
            .filter_map(|w| match w {
                [a, b] => Some((*a, *b)),
                _ => None,
            })
            .max_by_key(|(a, b)| b - a)
            .unwrap_or((x0, x1));
        let text_x = (text_width(s.state.label(), FONT) + 16 <= b - a).then_some((a + b) / 2);
        if text_x.is_none() {
            names.push(Mark {
                on: s.from,
                kind: Kind::Name,
                text: s.state.label().to_owned(),
                short: String::new(),
            });
            name_x.push((x0 + x1) / 2);
        }
        bars.push(Bar {
            x: x0,
            w: x1 - x0,
            state: s.state,
            text_x,
        });
    }

    // Markers, and their labels, by priority (`Kind`'s order).
    let mut all: Vec<(i64, &Mark)> = marks.iter().map(|m| (x(m.on), m)).collect();
    all.extend(name_x.into_iter().zip(names.iter()));
    // From the middle outwards, each label reaching away from the middle: labels near each
    // other then step down (or up) one row at a time, and no line crosses another's label.
    let middle = width / 2;
    // Policy changes and changes of state alike.
    let rank = |k: Kind| if k == Kind::Policy { Kind::Change } else { k };
    all.sort_by_key(|(mx, m)| (rank(m.kind), (mx - middle).abs()));
    // Where the labelled markers' lines are.
    let lines: Vec<i64> = all
        .iter()
        .filter(|(_, m)| !m.text.is_empty())
        .map(|(x, _)| *x)
        .collect();
    // Placed labels: row (below the bars from 0 down, above them from -1 up), line x, box.
    let mut taken: Vec<(i64, i64, Label)> = Vec::new();
    let mut placed: Vec<Placed> = Vec::with_capacity(all.len());
    let mut left_out = 0;
    // Rows in the order they are tried: near the bars first, below before above.
    let order: &[i64] = &[0, 1, -1, 2, -2, 3, 4, 5];
    for (mx, m) in all {
        let rows: &[i64] = if m.kind == Kind::AsOf {
            &[-1, -2, 0, 1]
        } else {
            order
        };
        let mut label = None;
        // No label at all when it has no long form.
        let texts = if m.text.is_empty() {
            ["", ""]
        } else {
            [m.text.as_str(), m.short.as_str()]
        };
        'texts: for text in texts {
            if text.is_empty() {
                continue;
            }
            let w = text_width(text, FONT) + 2 * PAD;
            if w > right - left {
                continue;
            }
            // The side that covers fewer other markers first (their labels' lines must not
            // cross it), else toward the middle.
            let covers = |bx: i64| {
                let bx = bx.min(right - w).max(left);
                lines.iter().filter(|x| bx <= **x && **x <= bx + w).count()
            };
            let (after, before) = (mx - PAD, mx + PAD - w);
            let sides = if (covers(before), mx <= middle) < (covers(after), mx > middle) {
                [before, after]
            } else {
                [after, before]
            };
            for bx in sides {
                for &r in rows {
                    let bx = bx.min(right - w).max(left);
                    let clear = taken.iter().all(|(row, lx, l)| {
                        let hits = |a: i64, b: i64| a < l.x + l.w + GAP && l.x - GAP < b;
                        let crosses = l.x - LINE_GAP < mx && mx < l.x + l.w + LINE_GAP;
                        let same_side = (*row < 0) == (r < 0);
                        let nearer = if r < 0 { *row > r } else { *row < r };
                        (*row != r || !hits(bx, bx + w))
                            && !(same_side && nearer && crosses)
                            && !(same_side
                                && *row != r
                                && !nearer
                                && bx - LINE_GAP < *lx
                                && *lx < bx + w + LINE_GAP)
                    });
                    if clear {
                        let l = Label {
                            x: bx,
                            y: r,
                            w,
                            text: text.to_owned(),
                        };
                        taken.push((r, mx, l.clone()));
                        label = Some(l);
                        break 'texts;
                    }
                }
            }
        }
        if label.is_none() && !m.text.is_empty() {
            left_out += 1;
        }
        placed.push(Placed {
            x: mx,
            kind: m.kind,
            label,
        });
    }
    // Rows to heights: the rows above the bars, the bars, the rows below.
    let up = -taken.iter().map(|(r, ..)| *r).min().unwrap_or(0).min(0);
    let down = taken.iter().map(|(r, ..)| r + 1).max().unwrap_or(0).max(0);
    let bar_y = top + up * ROW + 6;
    for p in placed.iter_mut() {
        if let Some(l) = p.label.as_mut() {
            l.y = if l.y < 0 {
                bar_y - 10 - (-l.y - 1) * ROW
            } else {
                bar_y + BAR_HEIGHT + 12 + FONT + l.y * ROW
            };
        }
    }
    Layout {
        width,
        height: bar_y + BAR_HEIGHT + 12 + down * ROW + 8,
        bar_y,
        bars,
        marks: placed,
        legend,
        left_out,
    }
}

/// `1 December 2022` as `1 Dec 2022`.
pub fn short_date(d: IsoDate) -> String {
    let long = d.long_form();
    let mut parts = long.split(' ');
    let (day, month, year) = (parts.next(), parts.next(), parts.next());
    format!(
        "{} {} {}",
        day.unwrap_or(""),
        month.and_then(|m| m.get(..3)).unwrap_or(""),
        year.unwrap_or("")
    )
}

#[cfg(test)]
#[path = "layout_tests.rs"]
mod tests;
