//! What a person entered survives a reload: each page keeps its own answers in local storage
//! (gloo-storage). A value that cannot be read is removed, the page starts afresh, and a message
//! says so; other pages' saved work is untouched.

use gloo_storage::errors::StorageError;
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Messages about saved work that could not be read or kept, shown at the top of every page: one
/// paragraph each (empty when there are none).
#[derive(Clone, Copy)]
pub struct Notices(pub RwSignal<crate::html::Html>);

impl Notices {
    /// Adds a message once.
    pub fn push(self, message: String) {
        let paragraph = crate::html::p(&message);
        self.0.update(|list| {
            if !list.contains(&paragraph) {
                list.push(paragraph);
            }
        });
    }
}

fn notices() -> Option<Notices> {
    use_context::<Notices>()
}

/// The saved value under `key`, or `T::default()` when there is none. A value that cannot be read
/// (not JSON, or not the right shape) is removed and a notice names what was lost.
pub fn load<T: DeserializeOwned + Default>(key: &str, what: &str) -> T {
    let Some(text) = LocalStorage::raw().get_item(key).ok().flatten() else {
        return T::default();
    };
    from_json(&text).unwrap_or_else(|_| {
        discard(key, what);
        T::default()
    })
}

/// Reads JSON text the way the engine reads its files (serde_path_to_error over serde_json's text
/// reader), so the engine's types in it (events, dates) are not compiled again for a second reader.
pub fn from_json<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| e.to_string())?;
    de.end().map_err(|e| e.to_string())?;
    Ok(value)
}

/// Removes a saved value that cannot be read, and says so.
fn discard(key: &str, what: &str) {
    LocalStorage::delete(key);
    if let Some(n) = notices() {
        n.push(format!(
            "Your saved {what} could not be read, so they were cleared. Your other saved work is kept."
        ));
    }
}

/// Saves `value` under `key`. When the browser refuses (for example the store is full), a notice
/// says the work will not survive a reload; the page keeps working.
pub fn save<T: Serialize>(key: &str, what: &str, value: &T) {
    if LocalStorage::set(key, value).is_err() {
        if let Some(n) = notices() {
            n.push(format!(
                "Your {what} could not be saved in this browser, so they will be lost if you reload the page."
            ));
        }
    }
}

/// Loads `key` into a signal and saves every change back.
pub fn kept<T>(key: &'static str, what: &'static str) -> RwSignal<T>
where
    T: DeserializeOwned + Serialize + Default + Clone + Send + Sync + 'static,
{
    let signal = RwSignal::new(load::<T>(key, what));
    Effect::new(move |_| signal.with(|v| save(key, what, v)));
    signal
}

/// One field of a page's answers, by its stored name: text, or a tick.
pub enum Field<'a> {
    Text(&'a mut String),
    Flag(&'a mut bool),
}

/// A page's answers as named fields of text and ticks. They are kept as one JSON object
/// (`{"state": "active", "mfa": true}`) through one reader and writer for every page, not serde
/// code compiled again for each page's struct (issue 6's size budget).
pub trait Fields: Default + Clone + Send + Sync + 'static {
    /// Calls `each` with every field's stored name and the field.
    fn fields(&mut self, each: &mut dyn FnMut(&'static str, Field<'_>));
}

/// A stored value: text, a tick, or anything else (which no field takes).
#[derive(Debug, PartialEq)]
enum Stored {
    Text(String),
    Flag(bool),
    Other,
}

impl<'de> serde::Deserialize<'de> for Stored {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Stored;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_str<E>(self, v: &str) -> Result<Stored, E> {
                Ok(Stored::Text(v.to_owned()))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Stored, E> {
                Ok(Stored::Flag(v))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Stored, E> {
                Ok(Stored::Other)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Stored, E> {
                Ok(Stored::Other)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Stored, E> {
                Ok(Stored::Other)
            }
            fn visit_unit<E>(self) -> Result<Stored, E> {
                Ok(Stored::Other)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut a: A) -> Result<Stored, A::Error> {
                while a.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(Stored::Other)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut a: A) -> Result<Stored, A::Error> {
                while a
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(Stored::Other)
            }
        }
        d.deserialize_any(V)
    }
}

impl Serialize for Stored {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Stored::Text(t) => s.serialize_str(t),
            Stored::Flag(b) => s.serialize_bool(*b),
            Stored::Other => s.serialize_unit(),
        }
    }
}

/// A page's answers as stored: a JSON object, its entries in order.
#[derive(Debug, Default, PartialEq)]
struct Record(Vec<(String, Stored)>);

impl<'de> serde::Deserialize<'de> for Record {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Record;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut a: A) -> Result<Record, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = a.next_entry::<String, Stored>()? {
                    entries.push(entry);
                }
                Ok(Record(entries))
            }
        }
        d.deserialize_map(V)
    }
}

impl Serialize for Record {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

fn to_record<T: Fields>(value: &T) -> Record {
    let mut copy = value.clone();
    let mut record = Record::default();
    copy.fields(&mut |name, field| {
        let stored = match field {
            // The copy's own text, moved: a pasted roster is not copied twice.
            Field::Text(t) => Stored::Text(std::mem::take(t)),
            Field::Flag(b) => Stored::Flag(*b),
        };
        record.0.push((name.to_owned(), stored));
    });
    record
}

/// The answers a record holds: fields it lacks keep their defaults, names no field has are
/// ignored, a name given twice takes its last value (as `JSON.parse` does), and a field holding
/// the wrong kind of value makes the record unreadable (`None`).
fn from_record<T: Fields>(mut record: Record) -> Option<T> {
    let mut value = T::default();
    let mut readable = true;
    let mut take = |name: &str| {
        let at = record.0.iter().rposition(|(k, _)| k == name)?;
        Some(record.0.remove(at).1)
    };
    value.fields(&mut |name, field| match (field, take(name)) {
        (_, None) => {}
        (Field::Text(t), Some(Stored::Text(v))) => *t = v,
        (Field::Flag(b), Some(Stored::Flag(v))) => *b = v,
        _ => readable = false,
    });
    readable.then_some(value)
}

/// As [`kept`], for answers made of [`Fields`].
pub fn kept_fields<T: Fields>(key: &'static str, what: &'static str) -> RwSignal<T> {
    let start = match LocalStorage::get::<Record>(key) {
        Ok(record) => from_record(record).unwrap_or_else(|| {
            discard(key, what);
            T::default()
        }),
        Err(StorageError::SerdeError(_)) => {
            discard(key, what);
            T::default()
        }
        Err(StorageError::KeyNotFound(_) | StorageError::JsError(_)) => T::default(),
    };
    let signal = RwSignal::new(start);
    keep(
        key,
        what,
        Box::new(move || signal.with(to_record)),
        to_record(&T::default()),
    );
    signal
}

/// Saves what `record` gives whenever it changes: one effect for every page's answers. Answers
/// back at `empty` (nothing entered, or cleared) are removed, not kept.
fn keep(key: &'static str, what: &'static str, record: Box<dyn Fn() -> Record>, empty: Record) {
    Effect::new(move |_| {
        let now = record();
        if now == empty {
            remove(key);
        } else {
            save(key, what, &now);
        }
    });
}

/// Forgets what is saved under `key`.
pub fn remove(key: &str) {
    LocalStorage::delete(key);
}

/// One field of a kept form as its own signal: starts from the form, writes back on change.
pub fn field<T, V>(form: RwSignal<T>, get: fn(&T) -> V, set: fn(&mut T, V)) -> RwSignal<V>
where
    T: Send + Sync + 'static,
    V: Clone + Send + Sync + 'static,
{
    let s = RwSignal::new(form.with_untracked(get));
    write_back(s, Box::new(move |v| form.update(|f| set(f, v))));
    s
}

/// The effect behind [`field`]: one for each kind of value, not one for each page's form.
fn write_back<V: Clone + Send + Sync + 'static>(s: RwSignal<V>, write: Box<dyn Fn(V)>) {
    Effect::new(move |_| write(s.get()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Debug, Default, PartialEq)]
    struct Form {
        state: String,
        mfa: bool,
    }

    impl Fields for Form {
        fn fields(&mut self, each: &mut dyn FnMut(&'static str, Field<'_>)) {
            each("state", Field::Text(&mut self.state));
            each("mfa", Field::Flag(&mut self.mfa));
        }
    }

    fn read(json: &str) -> Option<Form> {
        serde_json::from_str::<Record>(json)
            .ok()
            .and_then(from_record)
    }

    #[test]
    fn json_is_read_whole_or_not_at_all() {
        assert_eq!(from_json::<String>(r#" "a" "#), Ok("a".to_owned()));
        assert!(from_json::<String>(r#""a" and more"#).is_err());
        assert!(from_json::<Vec<u32>>("[1, \"x\"]")
            .unwrap_err()
            .contains("[1]"));
    }

    #[test]
    fn answers_round_trip_through_their_json() {
        let f = Form {
            state: "inactive".into(),
            mfa: true,
        };
        let json = serde_json::to_string(&to_record(&f)).unwrap();
        assert_eq!(json, r#"{"state":"inactive","mfa":true}"#);
        assert_eq!(read(&json), Some(f));
    }

    #[test]
    fn unknown_names_are_ignored_and_wrong_kinds_are_unreadable() {
        let partial = read(r#"{"state": "active", "note": [1, {"x": 2}], "n": 3}"#);
        assert_eq!(
            partial.map(|f| (f.state, f.mfa)),
            Some(("active".into(), false))
        );
        assert_eq!(read(r#"{"state": 3}"#), None);
        assert_eq!(
            read(r#"{"state": "a", "state": "b"}"#).map(|f| f.state),
            Some("b".into())
        );
        assert_eq!(read(r#"{"mfa": "yes"}"#), None);
        assert_eq!(read("[1, 2, 3]"), None);
        assert_eq!(read(r#"{"state": "x""#), None);
    }
}
