//! Files in and out, and the clipboard: a chosen file read as text (gloo-file), a download from a
//! blob and an object URL, and text copied with a status message. Also the page's elements by id.

use gloo_file::{Blob, ObjectUrl};
use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

/// The page's element with `id`, if it has one of the kind `T`.
pub fn by_id<T: JsCast>(id: &str) -> Option<T> {
    document().get_element_by_id(id)?.dyn_into().ok()
}

/// Moves the focus to the page's element with `id`; false when there is none.
pub fn focus(id: &str) -> bool {
    by_id::<web_sys::HtmlElement>(id).is_some_and(|e| e.focus().is_ok())
}

/// Offers `text` as a download named `name`.
pub fn download(name: &str, mime: &str, text: &str) {
    let url = ObjectUrl::from(Blob::new_with_options(text, Some(mime)));
    if let Some(a) = document()
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    // The browser reads the blob after the click returns: revoke the URL a minute later.
    Timeout::new(60_000, move || drop(url)).forget();
}

/// Reads the file chosen in a file input's `change` event, then calls `done` with its name and
/// its text, decoded as the engine reads a roster file's bytes (UTF-8, UTF-16 with a byte-order
/// mark, or Windows-1252: Excel's three ways of saving CSV); `Err` says why it cannot be read.
/// Nothing happens when no file is chosen.
pub fn read_chosen_file(
    ev: &leptos::ev::Event,
    done: impl FnOnce(String, Result<String, String>) + 'static,
) {
    let input: web_sys::HtmlInputElement = event_target(ev);
    let Some(file) = input.files().and_then(|l| l.get(0)) else {
        return;
    };
    let file = gloo_file::File::from(file);
    spawn_local(async move {
        let text = match gloo_file::futures::read_as_bytes(&file).await {
            Ok(bytes) => nhsmail_rules::roster_file_text(&bytes)
                .map_err(|e| crate::words::plain(&e.detail, &[])),
            Err(_) => Err("the browser could not read it".to_owned()),
        };
        done(file.name(), text);
    });
}

/// Copies `text` to the clipboard, then sets `status` to `copied` or, when the browser refuses,
/// to a message asking the person to copy it themselves.
pub fn copy_text(text: &str, status: RwSignal<String>, copied: &'static str, failed: &'static str) {
    let promise = window().navigator().clipboard().write_text(text);
    spawn_local(async move {
        let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
        status.set(if ok { copied } else { failed }.to_owned());
    });
}

/// Closes every way out of the page, once the app's own WebAssembly has arrived: index.html's
/// content security policy lets the page fetch only from its own origin (the wasm is fetched),
/// and this adds a second policy, `connect-src 'none'`, which the browser enforces as well. From
/// here on no fetch, beacon, WebSocket or EventSource can reach anywhere, this origin included.
pub fn close_connections() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let (Ok(meta), Some(head)) = (document.create_element("meta"), document.head()) else {
        return;
    };
    let _ = meta.set_attribute("http-equiv", "Content-Security-Policy");
    let _ = meta.set_attribute("content", "connect-src 'none'");
    let _ = head.append_child(&meta);
}
