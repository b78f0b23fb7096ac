//! A Tauri window showing one line of text; it prints when its page has loaded,
//! the same way the kiosk does, so both start-ups are measured alike.

use std::time::Instant;

struct StartedAt(Instant);

#[tauri::command]
fn ready(started: tauri::State<'_, StartedAt>) {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| println!("bare: ready after {} ms", started.0.elapsed().as_millis()));
}

fn main() {
    let started = Instant::now();
    tauri::Builder::default()
        .manage(StartedAt(started))
        .invoke_handler(tauri::generate_handler![ready])
        .run(tauri::generate_context!())
        .expect("the window runs");
}
