//! Fails when ui/src/generated/types.ts no longer matches the Rust types.

use std::path::PathBuf;

#[test]
fn generated_typescript_is_up_to_date() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let path = root.join(kiosk_core::typescript::GENERATED_TYPES_PATH);
    let expected = kiosk_core::typescript::declarations();
    if std::env::var_os("UPDATE_TYPES").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &expected).unwrap();
        return;
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "{} is stale: run `UPDATE_TYPES=1 cargo test -p kiosk-core --test generated_types`",
        path.display()
    );
}
