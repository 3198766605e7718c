fn main() {
    leptos::mount::mount_to_body(nhsmail_web::App);
}
