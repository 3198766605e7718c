//! Pieces shared by pages.

pub mod date_input;
pub mod date_parts;
pub mod form;
pub mod header;
pub mod state_tag;

/// `text` with its first letter in the case `change` gives. ASCII only: the words are the app's
/// and the engine's, and Unicode's case tables would cost the WebAssembly kilobytes.
fn first_letter(text: &str, change: fn(&char) -> char) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| std::iter::once(change(&c)).chain(chars).collect())
        .unwrap_or_default()
}

/// "date to check" at the start of a message: "Date to check".
pub fn capitalised(text: &str) -> String {
    first_letter(text, char::to_ascii_uppercase)
}

/// `Date of the sign-in` as it reads inside a sentence: `date of the sign-in`.
pub fn lower_first(label: &str) -> String {
    first_letter(label, char::to_ascii_lowercase)
}

/// `1234567` as "1,234,567" (UI.md: numerals with commas above 999).
pub fn commas(n: impl Into<u64>) -> String {
    let digits = n.into().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Today in the browser's clock. Only the app reads the clock; the engine is always given a date.
pub fn today() -> nhsmail_rules::IsoDate {
    let now = js_sys::Date::new_0();
    let text = format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    );
    text.parse().unwrap_or(nhsmail_rules::IsoDate::MIN)
}

/// An engine enum from its JSON name (`"careProvider"`), as the page's radios and selects use it;
/// `None` for any other text. Through serde's string deserializer: no JSON in between.
pub fn from_key<T: serde::de::DeserializeOwned>(key: &str) -> Option<T> {
    T::deserialize(serde::de::value::StrDeserializer::<serde::de::value::Error>::new(key)).ok()
}
