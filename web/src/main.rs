fn main() {
    nhsmail_web::browser::close_connections();
    leptos::mount::mount_to_body(nhsmail_web::App);
}
