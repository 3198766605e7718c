//! What a person entered survives a reload: each page keeps its own answers in local storage
//! (gloo-storage). A value that cannot be read is removed, the page starts afresh, and a message
//! says so; other pages' saved work is untouched.

use gloo_storage::errors::StorageError;
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Messages about saved work that could not be read or kept, shown at the top of every page.
#[derive(Clone, Copy)]
pub struct Notices(pub RwSignal<Vec<String>>);

impl Notices {
    /// Adds a message once.
    pub fn push(self, message: String) {
        self.0.update(|list| {
            if !list.contains(&message) {
                list.push(message);
            }
        });
    }
}

fn notices() -> Option<Notices> {
    use_context::<Notices>()
}

/// The saved value under `key`, or `T::default()` when there is none. A value that cannot be
/// read (not JSON, or not the right shape) is removed and a notice names what was lost.
pub fn load<T: DeserializeOwned + Default>(key: &str, what: &str) -> T {
    match LocalStorage::get::<T>(key) {
        Ok(value) => value,
        Err(StorageError::KeyNotFound(_)) => T::default(),
        Err(StorageError::SerdeError(_)) => {
            LocalStorage::delete(key);
            if let Some(n) = notices() {
                n.push(format!(
                    "Your saved {what} could not be read, so they were cleared. Your other saved work is kept."
                ));
            }
            T::default()
        }
        // No local storage (private mode, or turned off): nothing to load.
        Err(StorageError::JsError(_)) => T::default(),
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
    Effect::new(move |_| {
        let v = s.get();
        form.update(|f| set(f, v));
    });
    s
}
